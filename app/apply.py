"""Applying a document to the catalogue: each annex row changes an item's status.

Rows match items by folded name and by department through the alias
registry; a row that matches nothing creates the item, because the county
list must show every item a document touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.documents import ChangeKind, iso_date
from app.domain.items import ItemStatus, PowerItem
from app.domain.text import fold
from app.storage.repository import Repository


@dataclass
class ApplyResult:
    matched: int = 0
    created: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


def apply_document(repo: Repository, document_id: int) -> ApplyResult:
    """One transaction: every row's item updated and its timeline entry written, or nothing."""
    doc = repo.documents.get(document_id)
    date = iso_date(doc.date)
    result = ApplyResult()
    if not date:
        result.warnings.append(f"文件“{doc.number}”的成文日期“{doc.date}”无法识别，状态日期留空。")
    types = set(repo.lists.item_types())
    with repo.transaction():
        for annex_no, annex in enumerate(doc.annexes, start=1):
            for row in annex.rows:
                kind = row.change_kind or annex.change_kind or ChangeKind.CANCEL
                where = f"附件{annex_no}第{row.seq or '?'}行"
                if row.type and row.type not in types:
                    result.warnings.append(f"{where}：事项类型“{row.type}”不在类型列表中。")
                if _already_applied(repo, row.id):
                    result.unchanged += 1
                    continue
                department_id = repo.departments.ensure(row.department)
                item_id = repo.items.find(fold(row.name), department_id)
                if item_id is None:
                    item = PowerItem(name=row.name, type=row.type, department=row.department,
                                     basis=row.basis, measures=row.measures, remarks=row.remarks)
                    result.created += 1
                else:
                    item = repo.items.get(item_id)
                    if row.measures:
                        item.measures = row.measures
                    result.matched += 1
                item.status = ItemStatus(kind.status)
                item.status_date = date
                item_id = repo.items.save(item, department_id, action="应用文件")
                repo.items.add_event(item_id, date, item.status, doc.id, row.id)
                repo.db.execute("UPDATE annex_rows SET item_id = ? WHERE id = ?",
                                [item_id, row.id])
    return result


def _already_applied(repo: Repository, annex_row_id: int | None) -> bool:
    return annex_row_id is not None and repo.db.execute(
        "SELECT 1 FROM item_events WHERE annex_row_id = ?", [annex_row_id]).fetchone() is not None
