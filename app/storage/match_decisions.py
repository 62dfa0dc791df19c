"""Decisions on upper-level list rows in the database, each change audited."""

from __future__ import annotations

from app.matching.decisions import Choice, Decision
from app.storage.audit import Auditor
from app.storage.sqlite import Database


class MatchDecisionStore:
    """The `match_decisions` table; callers hold the transaction for writes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = Auditor(db)

    def for_list(self, list_key: str) -> dict[str, Decision]:
        rows = self.db.execute(
            "SELECT row_key, choice, item_id, name, department FROM match_decisions "
            "WHERE list_key = ?", [list_key]).fetchall()
        return {r[0]: Decision(r[0], Choice(r[1]), r[2], r[3], r[4]) for r in rows
                if r[1] != Choice.ITEM or r[2] is not None}

    def save(self, list_key: str, decision: Decision) -> int:
        found = self.db.execute("SELECT id FROM match_decisions WHERE list_key = ? AND row_key = ?",
                                [list_key, decision.row_key]).fetchone()
        values = {"list_key": list_key, "row_key": decision.row_key, "name": decision.name,
                  "department": decision.department, "choice": str(decision.choice),
                  "item_id": decision.item_id}
        return self.audit.save("match_decisions", found[0] if found else None, values, "对照确认")

    def clear(self, list_key: str, row_key: str) -> None:
        found = self.db.execute("SELECT id FROM match_decisions WHERE list_key = ? AND row_key = ?",
                                [list_key, row_key]).fetchone()
        if found:
            self.audit.delete("match_decisions", found[0], "撤销对照")
