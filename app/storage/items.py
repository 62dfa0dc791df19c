"""The catalogue of items: filtered queries, edits with audit, timelines.

The filter is one function shared by `quanze items` and the window's filter
bar, so both always agree on what matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from app.codes.rules import looks_like_code
from app.domain.items import ItemStatus, PowerItem, TimelineEntry
from app.domain.text import fold
from app.laws.registry import FLAG_CHOICES
from app.storage.audit import Auditor
from app.storage.codes import check_unique, ids_with_code_prefix, next_code
from app.storage.counterparts import AUTOMATIC, BY_HAND, CounterpartStore
from app.storage.departments import DepartmentStore
from app.storage.errors import NotFoundError
from app.storage.laws import flagged_clause, index_citations
from app.storage.search_index import SEARCH_TABLES, match_expressions
from app.storage.sqlite import Database


@dataclass
class ItemFilter:
    search: str = ""
    department: str = ""
    type: str = ""
    status: str = ""
    document: str = ""
    basis_flag: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


@dataclass
class ItemRow:
    """What a list shows of an item: no long texts, so 100,000 rows stay cheap."""

    id: int
    name: str
    department: str
    type: str
    status: str
    status_date: str
    levels: str
    code: str
    remarks: str
    lead: str = ""
    partners: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def county_departments(self) -> str:
        """`县公安局（牵头）、县金融服务中心（配合）` for lists and printouts."""
        return "、".join([f"{self.lead}（牵头）"] * bool(self.lead)
                        + [f"{p}（配合）" for p in self.partners])


SORT_COLUMNS = {
    "id": "items.id",
    "name": "items.name",
    "department": "d.name",
    "type": "items.type",
    "status": "items.status",
    "status_date": "items.status_date",
    "levels": "items.levels",
    "code": "items.code",
    "remarks": "items.remarks",
    "lead": "l.name",
}
ROW_COLUMNS = ("items.id, items.name, coalesce(d.name, ''), items.type, items.status, "
               "items.status_date, items.levels, items.code, items.remarks, "
               "coalesce(l.name, ''), items.partner_ids")
ITEM_COLUMNS = ("SELECT items.id, items.name, items.type, coalesce(d.name, ''), items.levels, "
                "items.basis, items.measures, items.code, items.remarks, items.status, "
                "items.status_date, coalesce(l.name, ''), items.partner_ids, items.lead_source")
FROM = ("FROM items LEFT JOIN departments d ON d.id = items.department_id "
        "LEFT JOIN departments l ON l.id = items.lead_id")


def _from(sql_tail: str) -> str:
    """Join departments only when the query needs them: the join stops SQLite sorting by index."""
    return FROM if "d." in sql_tail or "l." in sql_tail else "FROM items"


class _PartnerNames:
    """Partner names of a stored `partner_ids` list, each distinct list decoded once.

    A few hundred combinations of partners recur across 100,000 items; decoding
    the JSON of each row was a third of the time `items --json` spent reading rows.
    """

    def __init__(self, counterparts: CounterpartStore) -> None:
        self._counterparts = counterparts
        self._by_id: dict[int, str] | None = None
        self._names: dict[str, list[str]] = {"[]": []}

    def __call__(self, stored: str) -> list[str]:
        names = self._names.get(stored)
        if names is None:
            if self._by_id is None:
                self._by_id = self._counterparts.name_by_id()
            by_id = self._by_id
            names = self._names[stored] = [by_id[i] for i in json.loads(stored) if i in by_id]
        return list(names)


class ItemStore:
    def __init__(self, db: Database, departments: DepartmentStore,
                 counterparts: CounterpartStore) -> None:
        self.db = db
        self.departments = departments
        self.counterparts = counterparts
        self.audit = Auditor(db)
        self._order_cache: dict[tuple[str, str], tuple[tuple[int, int], list[int]]] = {}

    def _department_ids(self, written: str) -> list[int]:
        """Departments a filter value means: an exact name or alias, else any containing it."""
        registry = self.departments.registry()
        exact = registry.resolve(written)
        if exact and exact.id is not None:
            return [exact.id]
        needle = written.strip()
        return [d.id for d in registry.departments
                if d.id is not None and any(needle in name for name in d.all_names())]

    def _clauses(self, f: ItemFilter) -> tuple[str, list[Any], tuple[str, str]]:
        """SQL conditions for the filter, and the FTS expressions for its indexed terms."""
        clauses: list[str] = []
        params: list[Any] = []
        if f.department:
            ids = self._department_ids(f.department)
            marks = ",".join("?" * len(ids)) or "NULL"
            clauses.append(f"(items.department_id IN ({marks}) OR items.id IN "
                           f"(SELECT item_id FROM item_departments WHERE department_id IN ({marks})))")
            params += ids + ids
        if f.type:
            clauses.append("items.type = ?")
            params.append(f.type)
        if f.status:
            clauses.append("items.status = ?")
            params.append(f.status)
        if f.document:
            clauses.append("items.id IN (SELECT e.item_id FROM item_events e "
                           "JOIN documents doc ON doc.id = e.document_id WHERE doc.number = ?)")
            params.append(f.document.strip())
        if f.basis_flag:
            clause, values = flagged_clause(FLAG_CHOICES.get(f.basis_flag, ()))
            clauses.append(clause)
            params += values
        terms = f.search.split()
        for term in [t for t in terms if looks_like_code(t)]:
            coded = ids_with_code_prefix(self.db, term)
            if coded:
                terms.remove(term)
                clauses.append(f"items.id IN ({','.join(map(str, sorted(coded)))})")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return where, params, match_expressions(terms)

    def _matching(self, f: ItemFilter) -> set[int] | None:
        """Ids passing the filter, or None when it passes everything."""
        where, params, expressions = self._clauses(f)
        found: list[set[int]] = []
        for table, expression in zip(SEARCH_TABLES, expressions, strict=True):
            if expression:
                found.append(self._ids("rowid", f"FROM {table} WHERE {table} MATCH ?",
                                       [expression]))
        if where:
            found.append(self._ids("items.id", f"{_from(where)}{where}", params))
        return set.intersection(*found) if found else None

    def _ids(self, column: str, tail: str, params: list[Any]) -> set[int]:
        """The ids a query finds, read as one JSON array.

        SQLite finds 55,000 ids for 许可 in 1.5 ms; stepping the cursor a row per
        id took 12 ms more, the array and its decoding 5.
        """
        text = self.db.execute(f"SELECT json_group_array({column}) {tail}", params).fetchone()[0]
        return set(json.loads(text))

    def _ordered(self, order_by: str, descending: bool) -> list[int]:
        """All ids in display order, cached until the data changes.

        Sorting in SQLite after a wide search costs a lookup per matching row in
        the (large) items table; filtering a cached order by a set of ids keeps
        every keystroke of the filter bar cheap.
        """
        order = SORT_COLUMNS.get(order_by, "items.id")
        direction = "DESC" if descending else "ASC"
        version = (self.db.execute("PRAGMA data_version").fetchone()[0],
                   self.db.conn.total_changes)
        key = (order, direction)
        cached = self._order_cache.get(key)
        if cached and cached[0] == version:
            return cached[1]
        if descending:  # "col DESC, id DESC" is exactly "col ASC, id ASC" read backwards
            ids = self._ordered(order_by, descending=False)[::-1]
        elif order == "items.id":  # a small index holds every id: no pass over the whole table
            ids = sorted(r[0] for r in self.db.execute("SELECT id FROM items"))
        else:
            ids = [r[0] for r in self.db.execute(
                f"SELECT items.id {_from(order)} ORDER BY {order} ASC, items.id ASC")]
        self._order_cache[key] = (version, ids)
        return ids

    def query_ids(self, f: ItemFilter, order_by: str = "id", descending: bool = False) -> list[int]:
        keep = self._matching(f)
        ordered = self._ordered(order_by, descending)
        if keep is None:
            return list(ordered)
        return [i for i in ordered if i in keep]

    def count(self, f: ItemFilter) -> int:
        keep = self._matching(f)
        if keep is None:
            return int(self.db.execute("SELECT count(*) FROM items").fetchone()[0])
        return len(keep)

    def rows(self, ids: list[int]) -> list[ItemRow]:
        """Rows for these ids, in the order given."""
        return self._rows(ids, _PartnerNames(self.counterparts))

    def _rows(self, ids: list[int], partners: _PartnerNames) -> list[ItemRow]:
        found: dict[int, ItemRow] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            sql = f"SELECT {ROW_COLUMNS} {FROM} WHERE items.id IN ({','.join('?' * len(chunk))})"
            for row in self.db.execute(sql, chunk).fetchall():
                item = ItemRow(*row[:-1])
                item.partners = partners(row[-1])
                found[row[0]] = item
        return [found[i] for i in ids if i in found]

    def iter_rows(self, ids: list[int], chunk: int = 500) -> Iterator[ItemRow]:
        """Rows for these ids in order, read a chunk at a time so memory stays flat."""
        partners = _PartnerNames(self.counterparts)
        for start in range(0, len(ids), chunk):
            yield from self._rows(ids[start : start + chunk], partners)

    def query(self, f: ItemFilter, order_by: str = "id", descending: bool = False,
              ) -> list[ItemRow]:
        return self.rows(self.query_ids(f, order_by, descending))

    def leads(self, statuses: Sequence[str]) -> set[str]:
        """The lead departments of the items in these statuses ('' for items without one)."""
        marks = ", ".join("?" * len(statuses))
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT coalesce(l.name, '') FROM items "
            f"LEFT JOIN departments l ON l.id = items.lead_id WHERE items.status IN ({marks})",
            list(statuses)).fetchall()}

    def count_by_department(self) -> dict[int, int]:
        """department id → how many items name it as their department."""
        return dict(self.db.execute(
            "SELECT department_id, count(*) FROM items WHERE department_id IS NOT NULL "
            "GROUP BY department_id").fetchall())

    def ids_for_department(self, department_id: int) -> list[int]:
        """The items whose department is this one: what deleting it would touch."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM items WHERE department_id = ? ORDER BY id", [department_id]).fetchall()]

    def department_id(self, item_id: int) -> int | None:
        """The item's department, to tell whether saving moves it to another one."""
        row = self.db.execute("SELECT department_id FROM items WHERE id = ?", [item_id]).fetchone()
        return row[0] if row else None

    def get(self, item_id: int) -> PowerItem:
        row = self.db.execute(f"{ITEM_COLUMNS} {FROM} WHERE items.id = ?", [item_id]).fetchone()
        if row is None:
            raise NotFoundError(f"事项（编号 {item_id}）不存在，可能已被删除。")
        return self._item(row)

    def get_many(self, item_ids: Sequence[int]) -> list[PowerItem]:
        """The items in the order given, a few hundred per query (an export of 100,000 items
        would otherwise make 100,000 queries); ids that no longer exist are left out."""
        found: dict[int, PowerItem] = {}
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start:start + 500])
            marks = ", ".join("?" * len(chunk))
            for row in self.db.execute(f"{ITEM_COLUMNS} {FROM} WHERE items.id IN ({marks})",
                                       chunk).fetchall():
                found[row[0]] = self._item(row)
        return [found[i] for i in item_ids if i in found]

    def _item(self, row: Sequence[Any]) -> PowerItem:
        (id_, name, type_, dept, levels, basis, measures, code, remarks, status,
         status_date, lead, partners, source) = row
        return PowerItem(name=name, type=type_, department=dept, levels=levels, basis=basis,
                         measures=measures, code=code, remarks=remarks,
                         status=ItemStatus(status), status_date=status_date, id=id_,
                         lead=lead, partners=self.counterparts.names(json.loads(partners)),
                         lead_by_hand=source == BY_HAND)

    def _values(self, item: PowerItem, department_id: int | None) -> dict[str, Any]:
        return {
            "name": item.name.strip(), "type": item.type, "department_id": department_id,
            "levels": item.levels, "basis": item.basis, "measures": item.measures,
            "code": item.code, "remarks": item.remarks, "status": str(item.status),
            "status_date": item.status_date, **self._departments(item),
        }

    def _departments(self, item: PowerItem) -> dict[str, Any]:
        """Lead and partners: the clerk's choice, else worked out from department and measures."""
        if item.lead_by_hand:
            ids = self.counterparts.ids([item.lead, *item.partners])
            lead, partners, source = ids[0], [i for i in ids[1:] if i is not None], BY_HAND
        else:
            assigned = self.counterparts.assign(item.department, item.measures)
            lead, partners, source = assigned.lead_id, assigned.partner_ids, AUTOMATIC
            item.lead = assigned.responsibility.lead or ""
            item.partners = list(assigned.responsibility.partners)
        return {"lead_id": lead, "partner_ids": json.dumps(partners), "lead_source": source}

    def save(self, item: PowerItem, department_id: int | None, action: str = "") -> int:
        """Insert or update; the caller holds the transaction."""
        item.code = item.code.strip()
        if item.id is None and not item.code:
            item.code = next_code(self.db, item.type)
        check_unique(self.db, item.code, item.id)
        values = self._values(item, department_id)
        item.id = self.audit.save("items", item.id, values, action)
        self.counterparts.index_item(item.id)
        index_citations(self.db, [item.id])
        return item.id

    def delete(self, item_id: int) -> None:
        self.audit.delete("items", item_id)

    def rebuild_index(self) -> None:
        """Index every item afresh; triggers keep it current otherwise (migrations 6, 10)."""
        for table in SEARCH_TABLES:
            self.db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")

    def timeline(self, item_id: int) -> list[TimelineEntry]:
        rows = self.db.execute(
            "SELECT e.date, e.status, e.document_id, coalesce(doc.number, ''), "
            "coalesce(doc.title, ''), a.position, coalesce(r.seq, ''), e.note "
            "FROM item_events e LEFT JOIN documents doc ON doc.id = e.document_id "
            "LEFT JOIN annex_rows r ON r.id = e.annex_row_id "
            "LEFT JOIN annexes a ON a.id = r.annex_id "
            "WHERE e.item_id = ? ORDER BY e.date, e.id", [item_id]).fetchall()
        return [TimelineEntry(date=r[0], status=ItemStatus(r[1]), document_id=r[2],
                              document_number=r[3], document_title=r[4],
                              annex_position=r[5], annex_row_seq=r[6], note=r[7])
                for r in rows]

    def add_event(self, item_id: int, date: str, status: ItemStatus, document_id: int | None,
                  annex_row_id: int | None, note: str = "") -> None:
        self.audit.insert("item_events", {
            "item_id": item_id, "date": date, "status": str(status), "document_id": document_id,
            "annex_row_id": annex_row_id, "note": note}, "应用文件")

    def find(self, folded_name: str, department_id: int | None) -> int | None:
        """An item with this name (folded) and department, for matching annex rows."""
        rows = self.db.execute(
            "SELECT id, name FROM items WHERE department_id IS ?", [department_id]).fetchall()
        return next((r[0] for r in rows if fold(r[1]) == folded_name), None)

    def applied_rows(self, annex_row_ids: list[int]) -> set[int]:
        """Annex rows already applied (an event records them), so applying twice changes nothing."""
        found: set[int] = set()
        for start in range(0, len(annex_row_ids), 900):
            chunk = annex_row_ids[start : start + 900]
            found |= {r[0] for r in self.db.execute(
                f"SELECT annex_row_id FROM item_events WHERE annex_row_id IN "
                f"({','.join('?' * len(chunk))})", chunk)}
        return found

    def link_annex_row(self, annex_row_id: int, item_id: int) -> None:
        """The annex row now names the item it was applied to."""
        self.db.execute("UPDATE annex_rows SET item_id = ? WHERE id = ?", [item_id, annex_row_id])

    def names_in_department(self, department_id: int) -> list[str]:
        """The items a department holds, so deleting it can name what stands in the way."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM items WHERE department_id = ? ORDER BY id", [department_id])]
