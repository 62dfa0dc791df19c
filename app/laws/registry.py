"""The law registry: each law's identity and what has happened to it, and the flags it raises.

A law marked 已废止 or 已修订 flags every item whose basis cites it, so the
clerk knows which items the next adjustment round must look at.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.laws.citations import normalise_number


class LawStatus(StrEnum):
    IN_FORCE = "现行"
    AMENDED = "已修订"
    REPEALED = "已废止"

    @property
    def flag(self) -> str:
        """What an item citing a law in this state is marked with."""
        return {LawStatus.AMENDED: "依据已修订，需核对",
                LawStatus.REPEALED: "依据已废止，需核对"}.get(self, "")


FLAG_CHOICES = {"需核对": (LawStatus.AMENDED, LawStatus.REPEALED),
                "依据已废止": (LawStatus.REPEALED,), "依据已修订": (LawStatus.AMENDED,)}


@dataclass
class Law:
    """A law, regulation or document items cite; dates are ISO (`2019-11-29`) or empty."""

    title: str = ""
    number: str = ""
    issuer: str = ""
    effective: str = ""
    amended: str = ""
    repealed: str = ""
    status: LawStatus = LawStatus.IN_FORCE
    changed_by: str = ""
    note: str = ""
    hint: str = ""
    id: int | None = None
    citing: int = 0

    @property
    def display(self) -> str:
        """`《山东省测绘管理条例》`, or the bare 文号 for a law known only by it."""
        return f"《{self.title}》" if self.title else self.number

    @property
    def key(self) -> str:
        return self.title or self.number


def law_key(written: str) -> str:
    """What a clerk types to name a law (`《山东省测绘管理条例》`, a 文号) as a registry key."""
    text = written.strip().strip("《》").strip()
    return normalise_number(text) if "〔" in text or "[" in text or "【" in text else text


@dataclass
class FlaggedItem:
    """One item whose basis cites a repealed or amended law."""

    item_id: int
    name: str
    department: str
    county_department: str
    status: str
    law: str
    flag: str
    articles: str
