"""The audit log: every field a user action changed, written in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from app.storage.sqlite import Database


@dataclass
class AuditEntry:
    id: int
    time: str
    action: str
    table_name: str
    row_id: int | None
    field: str | None
    old_value: str | None
    new_value: str | None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


class Auditor:
    """Writes rows and their audit entries together; callers hold the transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def log(self, action: str, table: str, row_id: int | None, field: str | None = None,
            old: Any = None, new: Any = None) -> None:
        self.db.execute(
            "INSERT INTO audit_log(time, action, table_name, row_id, field, old_value, new_value)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [now(), action, table, row_id, field, _text(old), _text(new)],
        )

    def insert(self, table: str, values: dict[str, Any], action: str = "新增") -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
        )
        row_id = cursor.lastrowid
        assert row_id is not None
        for field, value in values.items():
            if value not in (None, "", "[]"):
                self.log(action, table, row_id, field, None, value)
        return row_id

    def update(self, table: str, row_id: int, values: dict[str, Any],
               action: str = "修改") -> dict[str, tuple[Any, Any]]:
        """Update only the fields that differ; returns {field: (old, new)}."""
        columns = ", ".join(values)
        row = self.db.execute(f"SELECT {columns} FROM {table} WHERE id = ?", [row_id]).fetchone()
        if row is None:
            raise KeyError(f"{table} {row_id}")
        changed = {f: (old, new) for f, old, new in zip(values, row, values.values(), strict=True)
                   if old != new}
        if not changed:
            return changed
        sets = ", ".join(f"{f} = ?" for f in changed)
        self.db.execute(f"UPDATE {table} SET {sets} WHERE id = ?",
                        [new for _, new in changed.values()] + [row_id])
        for field, (old, new) in changed.items():
            self.log(action, table, row_id, field, old, new)
        return changed

    def save(self, table: str, row_id: int | None, values: dict[str, Any],
             action: str = "") -> int:
        """Insert when the object has no id yet, else update; returns the id."""
        if row_id is None:
            return self.insert(table, values, action or "新增")
        self.update(table, row_id, values, action or "修改")
        return row_id

    def delete(self, table: str, row_id: int, action: str = "删除") -> None:
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        row = cursor.fetchone()
        if row is None:
            return
        names = [d[0] for d in cursor.description]
        snapshot = dict(zip(names, row, strict=True))
        self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        self.log(action, table, row_id, None, snapshot, None)

    def delete_missing(self, table: str, parent_column: str, parent_id: int,
                       keep: set[int | None]) -> None:
        """Delete the children of a parent that an edited list no longer holds."""
        for (old_id,) in self.db.execute(
                f"SELECT id FROM {table} WHERE {parent_column} = ?", [parent_id]).fetchall():
            if old_id not in keep:
                self.delete(table, old_id)

    def entries(self, table: str | None = None, row_id: int | None = None,
                limit: int = 500) -> list[AuditEntry]:
        where: list[str] = []
        params: list[str | int] = []
        if table:
            where.append("table_name = ?")
            params.append(table)
        if row_id is not None:
            where.append("row_id = ?")
            params.append(row_id)
        sql = "SELECT * FROM audit_log"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        return [AuditEntry(*row) for row in self.db.execute(sql, [*params, limit]).fetchall()]
