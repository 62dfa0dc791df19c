"""The law registry and which items cite which law, in the database.

Citations are derived data, like the search index: rebuilt from an item's
basis whenever the item is saved, never edited by hand, not audited. Laws
are the clerk's records: every change to one is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.laws.citations import Citation, guess_issuer, parse_citations
from app.laws.registry import FlaggedItem, Law, LawStatus, law_key
from app.storage.audit import Auditor
from app.storage.errors import NotFoundError, UserError
from app.storage.sqlite import Database

LAW_FIELDS = ("title", "number", "issuer", "effective", "amended", "repealed", "status",
              "changed_by", "note", "hint")

SCHEMA = (
    """CREATE TABLE laws (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        number TEXT NOT NULL DEFAULT '',
        issuer TEXT NOT NULL DEFAULT '',
        effective TEXT NOT NULL DEFAULT '',
        amended TEXT NOT NULL DEFAULT '',
        repealed TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '现行',
        changed_by TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        hint TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idx_laws_title ON laws(title)",
    "CREATE INDEX idx_laws_number ON laws(number)",
    """CREATE TABLE item_citations (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        law_id INTEGER NOT NULL REFERENCES laws(id) ON DELETE CASCADE,
        articles TEXT NOT NULL DEFAULT '',
        former INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (item_id, law_id)
    )""",
    "CREATE INDEX idx_item_citations_law ON item_citations(law_id)",
)


def create_tables(db: Database) -> None:
    """The registry's tables, for the migration that introduces them."""
    for statement in SCHEMA:
        db.execute(statement)


def _hint_text(citation: Citation) -> str:
    if not citation.hint:
        return ""
    when = f"（{citation.hint_date}）" if citation.hint_date else ""
    return f"事项依据中写明已{citation.hint}{when}"


def _find_law(db: Database, citation: Citation) -> int | None:
    if citation.title:
        row = db.execute("SELECT id FROM laws WHERE title = ?", [citation.title]).fetchone()
        if row:
            return int(row[0])
    if citation.number:
        row = db.execute("SELECT id, title FROM laws WHERE number = ? ORDER BY title != ''",
                         [citation.number]).fetchone()
        if row and (not row[1] or not citation.title):
            if citation.title:
                db.execute("UPDATE laws SET title = ? WHERE id = ?", [citation.title, row[0]])
            return int(row[0])
    return None


def _ensure_law(db: Database, citation: Citation) -> int:
    law_id = _find_law(db, citation)
    hint = _hint_text(citation)
    if law_id is not None:
        if hint:
            db.execute("UPDATE laws SET hint = ? WHERE id = ? AND hint = ''", [hint, law_id])
        if citation.number:
            db.execute("UPDATE laws SET number = ? WHERE id = ? AND number = ''",
                       [citation.number, law_id])
        return law_id
    cursor = db.execute(
        "INSERT INTO laws(title, number, issuer, hint) VALUES (?, ?, ?, ?)",
        [citation.title, citation.number, guess_issuer(citation.title, citation.number), hint])
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def index_citations(db: Database, item_ids: Iterable[int]) -> None:
    """Re-read the laws these items cite from their basis; the caller holds the transaction."""
    ids = list(item_ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM item_citations WHERE item_id IN ({marks})", chunk)
        for item_id, basis in db.execute(
                f"SELECT id, basis FROM items WHERE id IN ({marks})", chunk).fetchall():
            for citation in parse_citations(basis):
                db.execute(
                    "INSERT OR REPLACE INTO item_citations(item_id, law_id, articles, former) "
                    "VALUES (?, ?, ?, ?)",
                    [item_id, _ensure_law(db, citation), "、".join(citation.articles),
                     int(citation.former)])


def index_all_citations(db: Database) -> None:
    index_citations(db, [r[0] for r in db.execute("SELECT id FROM items").fetchall()])


def flagged_clause(statuses: Iterable[LawStatus]) -> tuple[str, list[Any]]:
    """SQL for "items citing a law in one of these states", for the catalogue filter."""
    values = [str(s) for s in statuses]
    marks = ",".join("?" * len(values)) or "NULL"
    return (f"items.id IN (SELECT c.item_id FROM item_citations c JOIN laws l ON l.id = c.law_id"
            f" WHERE l.status IN ({marks}))", values)


class LawStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = Auditor(db)

    def _select(self, where: str = "", params: list[Any] | None = None) -> list[Law]:
        rows = self.db.execute(
            f"SELECT l.id, {', '.join('l.' + f for f in LAW_FIELDS)}, "
            "(SELECT count(*) FROM item_citations c WHERE c.law_id = l.id) "
            f"FROM laws l {where} ORDER BY l.status = '现行', l.title = '', l.title, l.number",
            params or []).fetchall()
        return [Law(**dict(zip(LAW_FIELDS, r[1:11], strict=True)) | {
            "status": LawStatus(r[7]), "id": r[0], "citing": r[11]}) for r in rows]

    def all(self) -> list[Law]:
        return self._select()

    def get(self, law_id: int) -> Law:
        found = self._select("WHERE l.id = ?", [law_id])
        if not found:
            raise NotFoundError(f"法律法规（编号 {law_id}）不存在。")
        return found[0]

    def find(self, written: str) -> Law:
        """A law by its title (with or without 《》) or its 文号."""
        key = law_key(written)
        found = self._select("WHERE l.title = ? OR l.number = ?", [key, key])
        if not found:
            raise NotFoundError(f"法规库中没有“{written.strip()}”。事项依据引用过的法律法规才会列入，"
                                "请检查书名或文号。")
        return found[0]

    def save(self, law: Law) -> int:
        """Insert or update a law; the caller holds the transaction."""
        if not law.key.strip():
            raise UserError("法律法规的名称和文号不能都为空。")
        values = {f: str(getattr(law, f)) for f in LAW_FIELDS}
        law.id = self.audit.save("laws", law.id, values)
        return law.id

    def citing_items(self, law_id: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT item_id FROM item_citations WHERE law_id = ? ORDER BY item_id",
            [law_id]).fetchall()]

    def flagged(self, law_id: int | None = None) -> list[FlaggedItem]:
        """Items citing a repealed or amended law (or this one law, if it is), with their county
        department."""
        where = "WHERE l.status != '现行'" + (" AND l.id = ?" if law_id is not None else "")
        rows = self.db.execute(
            "SELECT i.id, i.name, coalesce(d.name, ''), coalesce(lead.name, ''), i.status, "
            "l.title, l.number, l.status, c.articles FROM item_citations c "
            "JOIN laws l ON l.id = c.law_id JOIN items i ON i.id = c.item_id "
            "LEFT JOIN departments d ON d.id = i.department_id "
            f"LEFT JOIN departments lead ON lead.id = i.lead_id {where} "
            "ORDER BY coalesce(lead.name, '') = '', lead.name, i.id, l.title",
            [law_id] if law_id is not None else []).fetchall()
        return [FlaggedItem(item_id=r[0], name=r[1], department=r[2], county_department=r[3],
                            status=r[4], law=f"《{r[5]}》" if r[5] else r[6],
                            flag=LawStatus(r[7]).flag, articles=r[8]) for r in rows]
