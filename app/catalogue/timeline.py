"""The catalogue at a point in time, rebuilt from dated changes.

Status is replayed forward (an item stands 在用 until a document or an edit
says otherwise); name and department are walked back from today's values,
because only their changes, not their first values, are recorded. An item
typed in by hand exists from the day it was entered; an item a document
created existed before that document, since the document acted on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.documents import iso_date
from app.domain.items import ItemStatus
from app.storage.history import RawChange
from app.storage.items import ItemRow

# Sorts after every change of the same day: "on date D" includes all of D.
END_OF_DAY = (9, 0)


@dataclass(frozen=True)
class Cutoff:
    """A moment on the timeline: the end of a day, or right after one document."""

    date: str
    rank: tuple[int, int] = END_OF_DAY
    label: str = ""

    def includes(self, change: RawChange) -> bool:
        return (change.date, change.rank) <= (self.date, self.rank)


@dataclass
class ItemState:
    """One item as it stood at a cutoff; the same fields a catalogue list shows."""

    id: int
    name: str
    department: str
    type: str
    status: str
    status_date: str
    levels: str
    code: str
    remarks: str

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class ItemHistory:
    """An item's recorded changes in order, and what it is today."""

    current: ItemRow
    changes: list[RawChange] = field(default_factory=list)

    def added_on(self) -> RawChange | None:
        return next((c for c in self.changes if c.field == "added"), None)

    def exists_at(self, cutoff: Cutoff) -> bool:
        added = self.added_on()
        return added is None or cutoff.includes(added)

    def state_at(self, cutoff: Cutoff) -> ItemState | None:
        if not self.exists_at(cutoff):
            return None
        status, status_date = str(ItemStatus.IN_USE), ""
        for change in self.changes:
            if change.field == "status" and cutoff.includes(change):
                status, status_date = change.new, change.date
        return ItemState(
            id=self.current.id, name=self._walked_back("name", self.current.name, cutoff),
            department=self._walked_back("department", self.current.department, cutoff),
            type=self.current.type, status=status, status_date=status_date,
            levels=self.current.levels, code=self.current.code, remarks=self.current.remarks)

    def _walked_back(self, field_name: str, today: str, cutoff: Cutoff) -> str:
        later = [c for c in self.changes
                 if c.field == field_name and c.old is not None and not cutoff.includes(c)]
        return later[0].old if later and later[0].old is not None else today


def histories(items: Iterable[ItemRow], changes: Iterable[RawChange]) -> list[ItemHistory]:
    by_item: dict[int, list[RawChange]] = defaultdict(list)
    for change in changes:
        by_item[change.item_id].append(change)
    result = []
    for item in items:
        own = sorted(by_item.get(item.id, []), key=lambda c: (c.date, c.rank))
        result.append(ItemHistory(item, own))
    return result


def catalogue_at(all_histories: Iterable[ItemHistory], cutoff: Cutoff) -> list[ItemState]:
    states = (h.state_at(cutoff) for h in all_histories)
    return [s for s in states if s is not None]


_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_day(text: str) -> str | None:
    """`2021-02-19`, `2021/2/19`, `20210219` or `2021年2月19日` as ISO, else None."""
    text = text.strip()
    written = iso_date(text)
    if written:
        return written
    for pattern in _DATE_FORMS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*map(int, match.groups())).isoformat()
            except ValueError:
                return None
    return None


def chinese_date(iso: str) -> str:
    """`2021-02-20` as `2021年2月20日`, the form documents print; other text unchanged."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", iso)
    if not match:
        return iso
    year, month, day = map(int, match.groups())
    return f"{year}年{month}月{day}日"
