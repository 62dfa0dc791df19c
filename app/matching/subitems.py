"""Sub-items: `肥料登记审批——①复混肥登记审批；②掺混肥登记审批`.

Upper levels cancel one part of an item and write only that part, or write
the whole item where the county lists the parts; both sides' parts are
compared on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DASH = re.compile(r"\s*(?:—{1,2}|－{2}|-{2}|―{1,2})\s*")
PART_SPLIT = re.compile(r"[；;]\s*|\s*(?=[①-⑳])|\n")
PART_MARK = re.compile(r"^\s*(?:[①-⑳]|\d+[.．、]|[（(]\d+[）)])\s*")


@dataclass(frozen=True)
class SplitName:
    parent: str
    parts: tuple[str, ...]

    @property
    def has_parts(self) -> bool:
        return bool(self.parts)


@lru_cache(maxsize=1 << 14)
def split_name(name: str) -> SplitName:
    """The parent name and its parts; a name without `——` has no parts."""
    pieces = DASH.split(name.strip(), maxsplit=1)
    if len(pieces) < 2 or not pieces[0] or not pieces[1]:
        return SplitName(name.strip(), ())
    parts = tuple(p for p in (PART_MARK.sub("", raw).strip(" 。")
                              for raw in PART_SPLIT.split(pieces[1])) if p)
    return SplitName(pieces[0].strip(), parts)
