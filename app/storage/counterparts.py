"""The county's sector table, the 待指定 list, and lead/partner departments of rows and items.

Lead and partners are stored as department ids (`lead_id`, `partner_ids`) so a
renamed department keeps its rows. `lead_source` says where they came from:
0 not worked out yet, 1 worked out from the texts and the sector table (redone
whenever the table changes), 2 set by the clerk (never redone).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.domain.sectors import (
    Counterparts,
    Resolution,
    Responsibility,
    is_county_body,
    lead_sentence,
)
from app.domain.text import fold
from app.storage.audit import Auditor
from app.storage.changes import Changes
from app.storage.departments import DepartmentStore
from app.storage.errors import UserError
from app.storage.sqlite import Database

NOT_YET, AUTOMATIC, BY_HAND = 0, 1, 2


@dataclass
class PendingText:
    """A department text no county department answers for yet (待指定)."""

    id: int
    text: str
    sector: str


@dataclass
class Assigned:
    """Lead and partners as stored: ids, plus the reasoning for the detail pane."""

    lead_id: int | None
    partner_ids: list[int]
    responsibility: Responsibility


class CounterpartStore:
    def __init__(self, db: Database, departments: DepartmentStore) -> None:
        self.db = db
        self.departments = departments
        self.audit = Auditor(db)
        self._cache: tuple[object, Counterparts] | None = None

    # The sector table -------------------------------------------------------
    def table(self) -> dict[str, str]:
        """sector → county department name."""
        return dict(self.db.execute(
            "SELECT s.sector, d.name FROM sector_counterparts s "
            "JOIN departments d ON d.id = s.department_id ORDER BY s.id").fetchall())

    def set_counterpart(self, sector: str, department: str) -> None:
        """Make `department` answer for `sector` at the county ('' removes the entry)."""
        sector = sector.strip()
        if not sector:
            raise UserError("系统名称不能为空。")
        row = self.db.execute("SELECT id FROM sector_counterparts WHERE sector = ?",
                              [sector]).fetchone()
        if not department.strip():
            if row:
                self.audit.delete("sector_counterparts", row[0])
            self._cache = None
            return
        dept_id = self.county_id(department)
        self.audit.save("sector_counterparts", row[0] if row else None,
                        {"sector": sector, "department_id": dept_id}, "指定对口部门")
        self.db.execute("UPDATE department_answers SET department_id = ? "
                        "WHERE sector = ? AND department_id IS NULL", [dept_id, sector])
        self._cache = None

    def county_id(self, department: str) -> int:
        """The id of a county body by name or alias; refuses designations and other levels."""
        dept = self.departments.registry().resolve(department)
        if dept is None or dept.id is None:
            raise UserError(f"部门登记表中没有“{department.strip()}”。请先在“部门”页添加这个本县部门。")
        if not is_county_body(dept):
            raise UserError(f"“{dept.name}”不是本县的部门（层级为“{dept.level}”或是泛称），"
                            "只能指定本县部门，如“县公安局”。")
        return dept.id

    def county_departments(self) -> list[str]:
        """Names of the county's own bodies: the only ones a sector or text can be given to."""
        return [d.name for d in self.departments.registry().departments if is_county_body(d)]

    # The 待指定 list ----------------------------------------------------------
    def pending(self) -> list[PendingText]:
        """Texts still waiting for the clerk: no answer, and no county department for their sector."""
        table = self.table()
        rows = self.db.execute("SELECT id, text, sector FROM department_answers "
                               "WHERE department_id IS NULL ORDER BY id").fetchall()
        return [PendingText(*r) for r in rows if not r[2] or r[2] not in table]

    def answers(self) -> dict[str, str]:
        return dict(self.db.execute(
            "SELECT a.text, d.name FROM department_answers a "
            "JOIN departments d ON d.id = a.department_id WHERE a.sector = ''").fetchall())

    def settle(self, text: str, department: str) -> None:
        """Remember who answers for a text; for a sector word, the sector table is set instead."""
        row = self.db.execute("SELECT id, sector FROM department_answers WHERE key = ?",
                              [fold(text)]).fetchone()
        if row and row[1]:
            self.set_counterpart(row[1], department)
            return
        dept_id = self.county_id(department)
        self.audit.save("department_answers", row[0] if row else None,
                        {"key": fold(text), "text": text.strip(), "sector": "",
                         "department_id": dept_id}, "指定对口部门")
        self._cache = None

    def note_unresolved(self, resolutions: list[Resolution]) -> None:
        for r in resolutions:
            key = fold(r.text)
            if key:
                self.db.execute(
                    "INSERT OR IGNORE INTO department_answers(key, text, sector) VALUES (?, ?, ?)",
                    [key, r.text.strip(), r.sector])

    # Resolving ----------------------------------------------------------------
    def counterparts(self) -> Counterparts:
        """The resolver for the current registry, table and answers (cached)."""
        registry = self.departments.registry()
        if self._cache is None or self._cache[0] is not registry:
            self._cache = (registry, Counterparts(registry, self.table(), self.answers()))
        return self._cache[1]

    def assign(self, department: str, measures: str) -> Assigned:
        """Lead and partner ids for a department text and measures; notes what did not resolve."""
        responsibility = self.counterparts().responsible(department, measures)
        self.note_unresolved(responsibility.unresolved)
        ids = self.ids([responsibility.lead or "", *responsibility.partners])
        return Assigned(ids[0], [i for i in ids[1:] if i is not None], responsibility)

    def ids(self, names: list[str]) -> list[int | None]:
        registry = self.departments.registry()
        found = [registry.resolve(n) if n else None for n in names]
        return [d.id if d is not None else None for d in found]

    def names(self, ids: list[int]) -> list[str]:
        by_id = self.name_by_id()
        return [by_id[i] for i in ids if i in by_id]

    def name_by_id(self) -> dict[int, str]:
        """Department names by id; callers naming many rows' partners build it once."""
        return {d.id: d.name for d in self.departments.registry().departments if d.id is not None}

    def refresh(self, everything: bool) -> Changes:
        """Work out lead and partners of annex rows and items again; returns which changed.

        `everything` redoes all worked-out ones (after the sector table changed);
        otherwise only those never worked out (after a migration). The answer
        depends only on the department text and the measures' lead sentence, so
        each distinct pair is worked out once: 100,000 items share a few hundred.
        """
        limit = BY_HAND if everything else AUTOMATIC
        memo: dict[tuple[str, str], tuple[int | None, str]] = {}
        rows = self.db.execute(
            "SELECT id, department, measures, lead_id, partner_ids, lead_source FROM annex_rows "
            "WHERE lead_source < ?", [limit]).fetchall()
        changed_rows = self._store("annex_rows", rows, memo)
        items = self.db.execute(
            "SELECT items.id, coalesce(d.name, ''), items.measures, items.lead_id, "
            "items.partner_ids, items.lead_source FROM items "
            "LEFT JOIN departments d ON d.id = items.department_id "
            "WHERE items.lead_source < ?", [limit]).fetchall()
        changed_items = self._store("items", items, memo)
        self._index_items(changed_items)
        return Changes(annex_rows=frozenset(r[0] for r in changed_rows),
                       items=frozenset(i[0] for i in changed_items))

    def _store(self, table: str, rows: list[tuple[Any, ...]], memo: dict[tuple[str, str], tuple[int | None, str]]
               ) -> list[tuple[int, int | None, str]]:
        """Write the worked-out departments where they differ; returns (id, lead, partners) written."""
        updates = []
        for row_id, department, measures, lead_id, partners, source in rows:
            key = (department, lead_sentence(measures))
            if key not in memo:
                assigned = self.assign(department, measures)
                memo[key] = (assigned.lead_id, json.dumps(assigned.partner_ids))
            new_lead, new_partners = memo[key]
            if source == AUTOMATIC and new_lead == lead_id and new_partners == partners:
                continue
            updates.append((row_id, new_lead, new_partners))
        self.db.conn.executemany(
            f"UPDATE {table} SET lead_id = ?, partner_ids = ?, lead_source = {AUTOMATIC} "
            "WHERE id = ?", [(lead, partners, row_id) for row_id, lead, partners in updates])
        return updates

    def _index_items(self, items: list[tuple[int, int | None, str]]) -> None:
        for start in range(0, len(items), 900):
            chunk = items[start:start + 900]
            self.db.execute(f"DELETE FROM item_departments WHERE item_id IN "
                            f"({','.join('?' * len(chunk))})", [i[0] for i in chunk])
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO item_departments(item_id, department_id, role) "
                "VALUES (?, ?, ?)",
                [entry for item_id, lead, partners in chunk
                 for entry in _roles(item_id, lead, partners)])

    def index_item(self, item_id: int) -> None:
        """Rebuild the item's rows in item_departments, which the department filter reads."""
        lead_id, partners = self.db.execute(
            "SELECT lead_id, partner_ids FROM items WHERE id = ?", [item_id]).fetchone()
        self._index_items([(item_id, lead_id, partners)])


def _roles(item_id: int, lead_id: int | None, partners: str) -> list[tuple[int, int, str]]:
    return ([(item_id, lead_id, "lead")] if lead_id is not None else []) + [
        (item_id, p, "partner") for p in json.loads(partners) if p != lead_id]
