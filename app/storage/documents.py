"""Documents and their annexes in the database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document
from app.storage.audit import Auditor
from app.storage.counterparts import AUTOMATIC, BY_HAND, CounterpartStore
from app.storage.errors import NotFoundError, UserError
from app.storage.sqlite import Database

DOC_FIELDS = ("number", "title", "organ_mark", "recipients", "body", "signature", "date",
              "note", "copy_to", "printer", "print_date", "with_seal", "copy_number", "secrecy",
              "urgency", "signer", "form")
ROW_COLUMNS = ("seq", "department", "name", "type", "basis", "measures", "remarks")


@dataclass
class DocumentSummary:
    id: int
    number: str
    title: str
    date: str
    annex_count: int
    row_count: int


def _kind(value: str | None) -> ChangeKind | None:
    return ChangeKind(value) if value else None


def _level(value: str | None) -> ChangeLevel | None:
    return ChangeLevel(value) if value else None


class DocumentStore:
    def __init__(self, db: Database, counterparts: CounterpartStore) -> None:
        self.db = db
        self.audit = Auditor(db)
        self.counterparts = counterparts

    def summaries(self) -> list[DocumentSummary]:
        rows = self.db.execute(
            "SELECT d.id, d.number, d.title, d.date, "
            "(SELECT count(*) FROM annexes a WHERE a.document_id = d.id), "
            "(SELECT count(*) FROM annex_rows r JOIN annexes a ON a.id = r.annex_id "
            " WHERE a.document_id = d.id) "
            "FROM documents d ORDER BY d.date DESC, d.id DESC").fetchall()
        return [DocumentSummary(*r) for r in rows]

    def id_for_number(self, number: str) -> int:
        row = self.db.execute("SELECT id FROM documents WHERE number = ?",
                              [number.strip()]).fetchone()
        if row is None:
            raise NotFoundError(f"没有文号为“{number}”的文件。")
        return int(row[0])

    def get(self, document_id: int) -> Document:
        cursor = self.db.execute(
            f"SELECT id, {', '.join(DOC_FIELDS)} FROM documents WHERE id = ?", [document_id])
        row = cursor.fetchone()
        if row is None:
            raise NotFoundError(f"文件（编号 {document_id}）不存在，可能已被删除。")
        values = dict(zip(("id", *DOC_FIELDS), row, strict=True))
        values["with_seal"] = bool(values["with_seal"])
        doc = Document(**values)
        doc.annexes = self._annexes(document_id)
        return doc

    def _annexes(self, document_id: int) -> list[Annex]:
        annexes = []
        for a in self.db.execute(
                "SELECT id, title, layout, change_kind, change_level FROM annexes "
                "WHERE document_id = ? ORDER BY position", [document_id]).fetchall():
            rows = [
                AnnexRow(**dict(zip(ROW_COLUMNS, r[1:8], strict=True)),
                         change_kind=_kind(r[8]), change_level=_level(r[9]),
                         merged_with_above=json.loads(r[10]), item_id=r[11], id=r[0],
                         lead=next(iter(self.counterparts.names([r[12]] if r[12] else [])), ""),
                         partners=self.counterparts.names(json.loads(r[13])),
                         lead_by_hand=r[14] == BY_HAND)
                for r in self.db.execute(
                    f"SELECT id, {', '.join(ROW_COLUMNS)}, change_kind, change_level, "
                    "merged_with_above, item_id, lead_id, partner_ids, lead_source "
                    "FROM annex_rows WHERE annex_id = ? ORDER BY position", [a[0]]).fetchall()
            ]
            annexes.append(Annex(title=a[1], layout=a[2], rows=rows, change_kind=_kind(a[3]),
                                 change_level=_level(a[4]), id=a[0]))
        return annexes

    def save(self, doc: Document) -> int:
        """Insert or update the document, its annexes and rows; the caller holds the transaction."""
        if not doc.number.strip():
            raise UserError("发文字号不能为空。")
        clash = self.db.execute("SELECT id FROM documents WHERE number = ?",
                                [doc.number.strip()]).fetchone()
        if clash and clash[0] != doc.id:
            raise UserError(f"文号“{doc.number}”已被另一份文件使用。")
        values: dict[str, Any] = {f: getattr(doc, f) for f in DOC_FIELDS}
        values["number"] = doc.number.strip()
        values["with_seal"] = int(doc.with_seal)
        doc.id = self.audit.save("documents", doc.id, values)
        self._save_annexes(doc.id, doc.annexes)
        return doc.id

    def _save_annexes(self, document_id: int, annexes: list[Annex]) -> None:
        self.audit.delete_missing("annexes", "document_id", document_id, {a.id for a in annexes})
        for position, annex in enumerate(annexes, start=1):
            values = {"document_id": document_id, "position": position, "title": annex.title,
                      "layout": annex.layout, "change_kind": annex.change_kind and str(
                          annex.change_kind),
                      "change_level": annex.change_level and str(annex.change_level)}
            annex.id = self.audit.save("annexes", annex.id, values)
            self._save_rows(annex.id, annex.rows)

    def _save_rows(self, annex_id: int, rows: list[AnnexRow]) -> None:
        self.audit.delete_missing("annex_rows", "annex_id", annex_id, {r.id for r in rows})
        for position, row in enumerate(rows, start=1):
            values: dict[str, Any] = {"annex_id": annex_id, "position": position}
            values.update({c: getattr(row, c) for c in ROW_COLUMNS})
            values["change_kind"] = row.change_kind and str(row.change_kind)
            values["change_level"] = row.change_level and str(row.change_level)
            values["merged_with_above"] = json.dumps(row.merged_with_above, ensure_ascii=False)
            values["item_id"] = row.item_id
            values.update(self._departments(row))
            row.id = self.audit.save("annex_rows", row.id, values)

    def _departments(self, row: AnnexRow) -> dict[str, Any]:
        """Stored lead and partners: the clerk's choice, else worked out from the texts."""
        if row.lead_by_hand:
            ids = self.counterparts.ids([row.lead, *row.partners])
            lead, partners, source = ids[0], [i for i in ids[1:] if i is not None], BY_HAND
        else:
            assigned = self.counterparts.assign(row.department, row.measures)
            lead, partners, source = assigned.lead_id, assigned.partner_ids, AUTOMATIC
            row.lead = assigned.responsibility.lead or ""
            row.partners = list(assigned.responsibility.partners)
        return {"lead_id": lead, "partner_ids": json.dumps(partners), "lead_source": source}

    def delete(self, document_id: int) -> None:
        self.audit.delete("documents", document_id)
