"""The clerk's own column mappings (the `user_layouts` table).

A user layout is a header→field mapping made once for an unfamiliar file. Its
key is the file's folded header texts, so the next file with the same headers
is read the same way without asking again.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from app.domain.layouts import BUILTIN_LAYOUTS, Column, Layout
from app.domain.text import fold
from app.storage.audit import Auditor
from app.storage.errors import NotFoundError, UserError
from app.storage.sqlite import Database


def header_key(headers: list[str]) -> str:
    """The folded, non-empty header texts in order: what identifies a file's layout."""
    return "|".join(key for key in (fold(h) for h in headers) if key)


def _width(key: str) -> float:
    for layout in BUILTIN_LAYOUTS:
        column = layout.column(key)
        if column is not None:
            return column.width
    return 14


@dataclass
class UserLayoutStore:
    """The `user_layouts` table; callers hold the transaction for writes."""

    db: Database

    def all(self) -> list[Layout]:
        rows = self.db.execute(
            "SELECT id, name, mapping FROM user_layouts ORDER BY name").fetchall()
        return [self._layout(r[0], r[1], json.loads(r[2])) for r in rows]

    def for_headers(self, headers: list[str]) -> Layout | None:
        row = self.db.execute("SELECT id, name, mapping FROM user_layouts WHERE header_key = ?",
                              [header_key(headers)]).fetchone()
        return self._layout(row[0], row[1], json.loads(row[2])) if row else None

    def save(self, name: str, headers: list[str], fields: list[str], base: str = "cancel",
             ) -> Layout:
        """Store (or replace) the mapping for files with these headers.

        `fields[i]` is the field key for `headers[i]`, or "" for a column to ignore.
        """
        if len(headers) != len(fields):
            raise ValueError("headers and fields differ in length")
        used = [f for f in fields if f]
        if "name" not in used:
            raise UserError("请至少指定“事项名称”对应的列。")
        if len(set(used)) != len(used):
            raise UserError("同一个字段不能对应两列，请检查列对应关系。")
        key = header_key(headers)
        mapping = {"headers": headers, "fields": fields, "base": base}
        values = {"name": name.strip() or "自定义格式", "header_key": key,
                  "mapping": json.dumps(mapping, ensure_ascii=False)}
        audit = Auditor(self.db)
        row = self.db.execute("SELECT id FROM user_layouts WHERE header_key = ?", [key]).fetchone()
        if row:
            layout_id = row[0]
            self.db.execute("UPDATE user_layouts SET name = ?, mapping = ? WHERE id = ?",
                            [values["name"], values["mapping"], layout_id])
            audit.log("修改", "user_layouts", None, "mapping", None, values["mapping"])
        else:
            layout_id = "user-" + uuid.uuid4().hex[:8]
            self.db.execute("INSERT INTO user_layouts(id, name, header_key, mapping) "
                            "VALUES (?, ?, ?, ?)", [layout_id, *values.values()])
            audit.log("新增", "user_layouts", None, "mapping", None, values["mapping"])
        return self._layout(layout_id, values["name"], mapping)

    def delete(self, layout_id: str) -> None:
        if self.db.execute("DELETE FROM user_layouts WHERE id = ?", [layout_id]).rowcount == 0:
            raise NotFoundError(f"没有编号为“{layout_id}”的自定义格式。")

    @staticmethod
    def _layout(layout_id: str, name: str, mapping: dict[str, Any]) -> Layout:
        columns = tuple(Column(f, h, _width(f))
                        for h, f in zip(mapping["headers"], mapping["fields"], strict=True) if f)
        return Layout(layout_id, name, columns, builtin=False,
                      extra={"base": mapping.get("base", "cancel")})
