"""What the catalogue's past is built from: document events and hand edits.

Documents date their changes (item_events, dated by the document); edits made
in the editor are dated by the audit log on the day they were made. Both are
read here so the reconstruction in app.catalogue stays free of SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.storage.errors import NotFoundError
from app.storage.items import ItemRow
from app.storage.sqlite import Database

APPLY_ACTION = "应用文件"
TRACKED_FIELDS = ("name", "department_id", "status")


@dataclass(frozen=True)
class RawChange:
    """One dated change of one item, before it is interpreted.

    ``field`` is ``status``, ``name``, ``department`` or ``added``; ``rank``
    orders changes of the same day: document events before hand edits.
    """

    item_id: int
    date: str
    rank: tuple[int, int]
    field: str
    old: str | None
    new: str
    document_id: int | None = None
    document_number: str = ""
    document_title: str = ""
    annex_position: int | None = None
    row_seq: str = ""


@dataclass(frozen=True)
class DocumentMark:
    id: int
    number: str
    title: str
    date: str
    last_event: int | None


class HistoryStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def current_items(self) -> list[ItemRow]:
        rows = self.db.execute(
            "SELECT items.id, items.name, coalesce(d.name, ''), items.type, items.status, "
            "items.status_date, items.levels, items.code, items.remarks FROM items "
            "LEFT JOIN departments d ON d.id = items.department_id ORDER BY items.id").fetchall()
        return [ItemRow(*r) for r in rows]

    def document_changes(self) -> list[RawChange]:
        rows = self.db.execute(
            "SELECT e.item_id, e.date, e.id, e.status, e.document_id, coalesce(doc.number, ''),"
            " coalesce(doc.title, ''), a.position, coalesce(r.seq, '') FROM item_events e "
            "LEFT JOIN documents doc ON doc.id = e.document_id "
            "LEFT JOIN annex_rows r ON r.id = e.annex_row_id "
            "LEFT JOIN annexes a ON a.id = r.annex_id ORDER BY e.date, e.id").fetchall()
        return [RawChange(item_id=r[0], date=r[1], rank=(0, r[2]), field="status", old=None,
                          new=r[3], document_id=r[4], document_number=r[5],
                          document_title=r[6], annex_position=r[7], row_seq=r[8])
                for r in rows]

    def hand_edits(self) -> list[RawChange]:
        """Edits of name, department and status made outside applying a document."""
        names = dict(self.db.execute("SELECT id, name FROM departments").fetchall())
        rows = self.db.execute(
            "SELECT row_id, substr(time, 1, 10), id, action, field, old_value, new_value "
            "FROM audit_log WHERE table_name = 'items' AND action != ? "
            f"AND field IN ({','.join('?' * len(TRACKED_FIELDS))}) ORDER BY id",
            [APPLY_ACTION, *TRACKED_FIELDS]).fetchall()
        changes = []
        for item_id, date, audit_id, action, field, old, new in rows:
            if field == "department_id":
                field = "department"
                old = None if old is None else names.get(_int(old), old)
                new = names.get(_int(new), new or "")
            if field == "name" and old is None and action == "新增":
                field = "added"
            changes.append(RawChange(item_id=item_id, date=date, rank=(1, audit_id),
                                     field=field, old=old, new=new or ""))
        return changes

    def document_mark(self, number: str) -> DocumentMark:
        row = self.db.execute(
            "SELECT d.id, d.number, d.title, d.date, "
            "(SELECT max(e.id) FROM item_events e WHERE e.document_id = d.id) "
            "FROM documents d WHERE d.number = ?", [number.strip()]).fetchone()
        if row is None:
            raise NotFoundError(f"没有文号为“{number.strip()}”的文件。")
        return DocumentMark(*row)

    def document_event_date(self, document_id: int) -> str:
        """The date the document's events carry (its 成文日期 when it was applied)."""
        row = self.db.execute("SELECT max(date) FROM item_events WHERE document_id = ?",
                              [document_id]).fetchone()
        return row[0] or ""


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
