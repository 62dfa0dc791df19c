"""Administrative power items (行政权力事项) and their types and statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_ITEM_TYPES: tuple[str, ...] = (
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政征收",
    "行政给付",
    "行政检查",
    "行政确认",
    "行政奖励",
    "行政裁决",
    "其他行政权力",
)


class ItemStatus(StrEnum):
    IN_USE = "在用"
    CANCELLED = "取消"
    DEVOLVED = "下放"
    TAKEN_OVER = "承接"
    ENTRUSTED = "委托实施"
    ADJUSTED = "调整"
    TO_FILING = "改为备案"


@dataclass
class PowerItem:
    name: str
    type: str
    department: str
    levels: str = ""
    basis: str = ""
    measures: str = ""
    code: str = ""
    remarks: str = ""
    status: ItemStatus = ItemStatus.IN_USE
    status_date: str = ""
    id: int | None = None
    lead: str = ""
    partners: list[str] = field(default_factory=list)
    lead_by_hand: bool = False


@dataclass
class TimelineEntry:
    """One document that touched an item: the reason for a status change."""

    date: str
    status: ItemStatus
    document_id: int | None
    document_number: str
    document_title: str
    annex_position: int | None
    annex_row_seq: str
    note: str = ""
