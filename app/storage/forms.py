"""Forms sent to county departments: which rows each held, and the key that signs them."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field

from app.storage.audit import Auditor
from app.storage.sqlite import Database


@dataclass(frozen=True)
class SentRow:
    """One row as a form held it: enough to name it in a message and to check its return."""

    identity: str
    role: str
    sheet: str
    seq: str
    name: str
    department: str


@dataclass
class FormRecord:
    token: str
    document_number: str
    department: str
    key: str
    sent_date: str
    rows: list[SentRow] = field(default_factory=list)
    id: int | None = None

    def sent(self, identity: str) -> SentRow | None:
        return next((r for r in self.rows if r.identity == identity), None)


class FormStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = Auditor(db)

    def create(self, document_number: str, department: str, rows: list[SentRow],
               sent_date: str) -> FormRecord:
        """A new form with a fresh token and key; the caller holds the transaction."""
        record = FormRecord(token=secrets.token_hex(8), document_number=document_number,
                            department=department, key=secrets.token_hex(32),
                            sent_date=sent_date, rows=rows)
        record.id = self.db.execute(
            "INSERT INTO forms(token, document_number, department, key, sent_date, rows) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [record.token, document_number, department, record.key, sent_date,
             json.dumps([asdict(r) for r in rows], ensure_ascii=False)]).lastrowid
        self.audit.log("发出反馈表", "forms", record.id, "department", None, department)
        return record

    def set_rows(self, record: FormRecord, rows: list[SentRow]) -> None:
        """The rows a form holds, known once its key has signed them."""
        record.rows = rows
        self.db.execute("UPDATE forms SET rows = ? WHERE id = ?",
                        [json.dumps([asdict(r) for r in rows], ensure_ascii=False), record.id])

    def get(self, token: str) -> FormRecord | None:
        row = self.db.execute(
            "SELECT id, token, document_number, department, key, sent_date, rows FROM forms "
            "WHERE token = ?", [token.strip()]).fetchone()
        if row is None:
            return None
        return FormRecord(token=row[1], document_number=row[2], department=row[3], key=row[4],
                          sent_date=row[5], rows=[SentRow(**r) for r in json.loads(row[6])],
                          id=row[0])
