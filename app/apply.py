"""Applying a document to the catalogue: each annex row changes an item's status.

Applying happens in two steps so the clerk sees what will change before anything
is written: `plan_apply` reads the document and the catalogue and decides, per
row, which item it means, its status before and after, and why; `apply_plan`
writes exactly that plan in one transaction.

A row changes an item's status only when something says how: the row's own
change kind, the kind its 备注 names (`省级调整事项` → 调整), or the annex's
调整类别. With none of these the status stays as it is — a notice that does not
say 取消 must not cancel anything. Rows match items by folded name and by
department through the alias registry; a row that matches nothing creates the
item, because the county list must show every item a document touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.departments import clean_department_name
from app.domain.documents import Annex, AnnexRow, ChangeKind, Document, iso_date
from app.domain.items import ItemStatus, PowerItem
from app.domain.text import compact, fold
from app.storage.repository import Repository

KIND_IN_REMARKS = re.compile("|".join(k.value for k in ChangeKind))


@dataclass(frozen=True)
class PlannedRow:
    """One annex row's effect: the item it touches, its status before and after, and why."""

    annex_no: int
    row: AnnexRow
    item_id: int | None
    before: ItemStatus | None
    after: ItemStatus | None
    reason: str
    already_applied: bool = False

    @property
    def where(self) -> str:
        return f"附件{self.annex_no}第{self.row.seq or '?'}行"

    @property
    def changes_status(self) -> bool:
        return not self.already_applied and self.after is not None and self.after != self.before


@dataclass
class ApplyPlan:
    document: Document
    date: str
    rows: list[PlannedRow] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def to_apply(self) -> list[PlannedRow]:
        return [r for r in self.rows if not r.already_applied]


@dataclass
class ApplyResult:
    matched: int = 0
    created: int = 0
    unchanged: int = 0
    status_changed: int = 0
    item_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def kind_in_remarks(remarks: str) -> ChangeKind | None:
    """The first kind of change a 备注 names (`省级调整事项` → 调整), if any."""
    match = KIND_IN_REMARKS.search(remarks)
    return ChangeKind(match.group(0)) if match else None


def row_kind(row: AnnexRow, annex: Annex) -> tuple[ChangeKind | None, str]:
    """The change a row records and the evidence for it, most specific first."""
    if row.change_kind is not None:
        return row.change_kind, f"本行调整类别：{row.change_kind}"
    from_remarks = kind_in_remarks(row.remarks)
    if from_remarks is not None:
        note = ""
        if annex.change_kind is not None and annex.change_kind != from_remarks:
            note = f"（附件调整类别为“{annex.change_kind}”，以本行备注为准）"
        return from_remarks, f"备注“{compact(row.remarks)}”{note}"
    if annex.change_kind is not None:
        return annex.change_kind, f"附件调整类别：{annex.change_kind}"
    return None, "附件未指定调整类别，备注也没有写，状态不变"


def plan_apply(repo: Repository, document_id: int) -> ApplyPlan:
    """What applying would do, computed without writing anything."""
    doc = repo.documents.get(document_id)
    plan = ApplyPlan(document=doc, date=iso_date(doc.date))
    registry = repo.departments.registry()
    types = set(repo.lists.item_types())
    applied = repo.items.applied_rows([r.id for a in doc.annexes for r in a.rows
                                       if r.id is not None])
    for annex_no, annex in enumerate(doc.annexes, start=1):
        for row in annex.rows:
            plan.rows.append(_plan_row(repo, annex_no, annex, row, row.id in applied))
            department = registry.resolve(row.department)
            name = clean_department_name(row.department)
            if department is None and name and name not in plan.new_departments:
                plan.new_departments.append(name)
            if row.type and row.type not in types:
                plan.warnings.append(f"附件{annex_no}第{row.seq or '?'}行：事项类型“{row.type}”"
                                     "不在类型列表中。")
    if not plan.date and any(r.changes_status for r in plan.rows):
        plan.warnings.append(f"文件“{doc.number}”的成文日期“{doc.date}”无法识别，状态日期将留空。"
                             "请先在“文件要素”中填写成文日期。")
    return plan


def _plan_row(repo: Repository, annex_no: int, annex: Annex, row: AnnexRow,
              already_applied: bool) -> PlannedRow:
    kind, reason = row_kind(row, annex)
    item_id = None
    if compact(row.department):
        found = repo.departments.registry().resolve(row.department)
        if found is not None:
            item_id = repo.items.find(fold(row.name), found.id)
    else:
        item_id = repo.items.find(fold(row.name), None)
    before = repo.items.get(item_id).status if item_id is not None else None
    after = kind.status if kind is not None else None
    if already_applied:
        reason = "此前已应用过这一行，不再改动"
    return PlannedRow(annex_no, row, item_id, before, after, reason, already_applied)


def apply_plan(repo: Repository, plan: ApplyPlan) -> ApplyResult:
    """One transaction: every planned row's item updated and its timeline entry written, or nothing."""
    result = ApplyResult(warnings=list(plan.warnings))
    with repo.transaction():
        for planned in plan.rows:
            if planned.already_applied:
                result.unchanged += 1
                if planned.row.item_id is not None:
                    result.item_ids.append(planned.row.item_id)
                continue
            item_id = _write_row(repo, plan, planned, result)
            result.item_ids.append(item_id)
            if planned.row.id is not None:
                repo.items.link_annex_row(planned.row.id, item_id)
    return result


def _write_row(repo: Repository, plan: ApplyPlan, planned: PlannedRow,
               result: ApplyResult) -> int:
    row = planned.row
    department_id = repo.departments.ensure(row.department) if compact(row.department) else None
    # A row earlier in the same document may have created the item this row names.
    item_id = planned.item_id or repo.items.find(fold(row.name), department_id)
    if item_id is None:
        item = PowerItem(name=row.name, type=row.type, department=row.department,
                         basis=row.basis, measures=row.measures, remarks=row.remarks)
        result.created += 1
    else:
        item = repo.items.get(item_id)
        if row.measures:
            item.measures = row.measures
        result.matched += 1
    note = ""
    if planned.after is not None:
        if planned.after != item.status:
            result.status_changed += 1
        item.status = planned.after
        item.status_date = plan.date
    else:
        note = "未指定调整类别，状态未变"
    item_id = repo.items.save(item, department_id, action="应用文件")
    repo.items.add_event(item_id, plan.date, item.status, plan.document.id, row.id, note)
    return item_id


def apply_document(repo: Repository, document_id: int) -> ApplyResult:
    """Plan and apply at once, for the command line and the demo set."""
    return apply_plan(repo, plan_apply(repo, document_id))
