"""The clerk's decisions on an upper-level list's rows: this item, or none in the county.

A decision is keyed by the list (its file name) and the row (its name and
department), so reading the same list again, even re-saved or re-ordered,
finds the decisions already made.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Choice(StrEnum):
    ITEM = "对应"
    NONE = "本县无此事项"


@dataclass(frozen=True)
class Decision:
    row_key: str
    choice: Choice
    item_id: int | None = None
    name: str = ""
    department: str = ""
