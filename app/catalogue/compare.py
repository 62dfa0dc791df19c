"""The difference between two moments of the catalogue, item by item, with the reason.

Each row says what happened to one item (新增, 取消, 下放, 承接, 委托实施, 调整,
改为备案, 更名, 部门变更) and which document did it, so a clerk can answer
"what changed this year" and start the next notice from the answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from app.catalogue.timeline import Cutoff, ItemHistory, ItemState
from app.domain.items import ItemStatus
from app.storage.history import RawChange


class ChangeType(StrEnum):
    ADDED = "新增"
    CANCELLED = "取消"
    DEVOLVED = "下放"
    TAKEN_OVER = "承接"
    ENTRUSTED = "委托实施"
    ADJUSTED = "调整"
    TO_FILING = "改为备案"
    RESTORED = "恢复在用"
    RENAMED = "更名"
    DEPARTMENT = "部门变更"

    @property
    def group(self) -> str:
        """The issue's seven kinds, for machine-readable output."""
        return _GROUPS[self]


_GROUPS = {
    ChangeType.ADDED: "added", ChangeType.CANCELLED: "cancelled",
    ChangeType.DEVOLVED: "devolved", ChangeType.TAKEN_OVER: "taken_over",
    ChangeType.ENTRUSTED: "taken_over", ChangeType.ADJUSTED: "adjusted",
    ChangeType.TO_FILING: "adjusted", ChangeType.RESTORED: "adjusted",
    ChangeType.RENAMED: "renamed", ChangeType.DEPARTMENT: "department_changed",
}
_BY_STATUS = {
    ItemStatus.IN_USE: ChangeType.RESTORED, ItemStatus.CANCELLED: ChangeType.CANCELLED,
    ItemStatus.DEVOLVED: ChangeType.DEVOLVED, ItemStatus.TAKEN_OVER: ChangeType.TAKEN_OVER,
    ItemStatus.ENTRUSTED: ChangeType.ENTRUSTED, ItemStatus.ADJUSTED: ChangeType.ADJUSTED,
    ItemStatus.TO_FILING: ChangeType.TO_FILING,
}
HAND_EDIT = "手工修改"


@dataclass
class ChangeRow:
    """One change of one item between the two moments."""

    kind: ChangeType
    item_id: int
    name: str
    department: str
    type: str
    before: str
    after: str
    date: str
    document_number: str = ""
    document_title: str = ""
    annex_position: int | None = None
    row_seq: str = ""
    order: tuple[str, tuple[int, int]] = ("", (0, 0))

    @property
    def reason(self) -> str:
        """Where the change comes from: `嘉政发〔2021〕2号 附件1第3项` or 手工修改."""
        if not self.document_number:
            return HAND_EDIT
        where = f"附件{self.annex_position}" if self.annex_position else ""
        if where and self.row_seq:
            where += f"第{self.row_seq}项"
        return f"{self.document_number} {where}".strip()

    def as_dict(self) -> dict[str, object]:
        return {"kind": str(self.kind), "group": self.kind.group, "item_id": self.item_id,
                "name": self.name, "department": self.department, "type": self.type,
                "before": self.before, "after": self.after, "date": self.date,
                "document": self.document_number, "document_title": self.document_title,
                "annex": self.annex_position, "row": self.row_seq, "reason": self.reason}


@dataclass
class Comparison:
    start: Cutoff
    end: Cutoff
    rows: list[ChangeRow] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counted = Counter(str(r.kind) for r in self.rows)
        return {str(k): counted[str(k)] for k in ChangeType if counted[str(k)]}

    def summary(self) -> str:
        parts = "，".join(f"{k}{n}项" for k, n in self.counts().items())
        return f"共{len(self.rows)}项变化" + (f"：{parts}" if parts else "")


def compare(all_histories: Iterable[ItemHistory], start: Cutoff, end: Cutoff) -> Comparison:
    result = Comparison(start, end)
    for history in all_histories:
        after = history.state_at(end)
        if after is None:
            continue
        window = [c for c in history.changes if not start.includes(c) and end.includes(c)]
        result.rows += _item_rows(history.state_at(start), after, window)
    result.rows.sort(key=lambda r: (r.order, r.item_id))
    return result


def _item_rows(before: ItemState | None, after: ItemState,
               window: list[RawChange]) -> list[ChangeRow]:
    def row(kind: ChangeType, old: str, new: str, field_name: str) -> ChangeRow:
        cause = _last(window, field_name)
        return ChangeRow(
            kind=kind, item_id=after.id, name=after.name, department=after.department,
            type=after.type, before=old, after=new, date=cause.date if cause else "",
            document_number=cause.document_number if cause else "",
            document_title=cause.document_title if cause else "",
            annex_position=cause.annex_position if cause else None,
            row_seq=cause.row_seq if cause else "",
            order=(cause.date, cause.rank) if cause else ("", (0, 0)))

    if before is None:
        return [row(ChangeType.ADDED, "", after.status, "added")]
    rows = []
    if before.status != after.status:
        rows.append(row(_BY_STATUS[ItemStatus(after.status)], before.status, after.status,
                        "status"))
    if before.name != after.name:
        rows.append(row(ChangeType.RENAMED, before.name, after.name, "name"))
    if before.department != after.department:
        rows.append(row(ChangeType.DEPARTMENT, before.department, after.department,
                        "department"))
    return rows


def _last(window: list[RawChange], field_name: str) -> RawChange | None:
    found = [c for c in window if c.field == field_name]
    return found[-1] if found else None
