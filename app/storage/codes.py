"""Code rules and code uniqueness in the database."""

from __future__ import annotations

from app.codes.rules import CodeRule
from app.storage.audit import Auditor
from app.storage.errors import UserError
from app.storage.sqlite import Database


def create_tables(db: Database) -> None:
    db.execute("CREATE TABLE code_rules (type TEXT PRIMARY KEY, pattern TEXT NOT NULL)")
    db.execute("CREATE INDEX idx_items_code ON items(code)")


def rule_for(db: Database, item_type: str) -> CodeRule:
    row = db.execute("SELECT pattern FROM code_rules WHERE type = ?", [item_type]).fetchone()
    return CodeRule(item_type, row[0]) if row else CodeRule(item_type)


def next_code(db: Database, item_type: str) -> str:
    rule = rule_for(db, item_type)
    existing = [r[0] for r in db.execute(
        "SELECT code FROM items WHERE type = ? AND code != ''", [item_type]).fetchall()]
    code = rule.next_code(existing)
    while db.execute("SELECT 1 FROM items WHERE code = ?", [code]).fetchone():
        existing.append(code)
        code = rule.next_code(existing)
    return code


def check_unique(db: Database, code: str, item_id: int | None) -> None:
    if not code:
        return
    row = db.execute("SELECT id, name FROM items WHERE code = ? AND id IS NOT ?",
                     [code, item_id]).fetchone()
    if row:
        raise UserError(f"事项编码“{code}”已被事项“{row[1]}”（编号 {row[0]}）使用，编码不能重复。")


def ids_with_code_prefix(db: Database, prefix: str) -> set[int]:
    return {r[0] for r in db.execute(
        "SELECT id FROM items WHERE code >= ? AND code < ?", [prefix, prefix + "\uffff"])}


class CodeStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = Auditor(db)

    def rules(self, types: list[str]) -> list[CodeRule]:
        return [rule_for(self.db, t) for t in types]

    def set_rule(self, rule: CodeRule) -> None:
        """The caller holds the transaction."""
        problem = rule.check()
        if problem:
            raise UserError(problem)
        known = self.db.execute("SELECT pattern FROM code_rules WHERE type = ?",
                                [rule.type]).fetchone()
        if known:
            self.db.execute("UPDATE code_rules SET pattern = ? WHERE type = ?",
                            [rule.pattern, rule.type])
        else:
            self.db.execute("INSERT INTO code_rules(type, pattern) VALUES (?, ?)",
                            [rule.type, rule.pattern])
        self.audit.log("编码规则", "code_rules", None, rule.type, known[0] if known else None,
                       rule.pattern)

    def next_code(self, item_type: str) -> str:
        return next_code(self.db, item_type)

    def without_code(self) -> list[tuple[int, str]]:
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT id, type FROM items WHERE code = '' ORDER BY id").fetchall()]

    def duplicates(self) -> list[tuple[str, list[int]]]:
        rows = self.db.execute(
            "SELECT code, group_concat(id) FROM items WHERE code != '' GROUP BY code "
            "HAVING count(*) > 1 ORDER BY code").fetchall()
        return [(r[0], [int(i) for i in r[1].split(",")]) for r in rows]
