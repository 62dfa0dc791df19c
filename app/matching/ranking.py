"""Ranking catalogue items for one upper-level row, best first, each with its reason.

Order of evidence: the same name; the same name once the known variations
are normalised; the same name without a place prefix; sub-items on either
side; then a fuzzy score. The department's sector adds or removes a little
on top, and an item no longer in use (already cancelled) ranks below one in
use. Only name evidence can make a match confident, never fuzziness: near
names are often different items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.domain.departments import DepartmentRegistry
from app.domain.items import ItemStatus
from app.domain.text import fold
from app.matching.catalogue import CatalogueIndex, Prepared
from app.matching.normalise import differences, key_of, without_prefix
from app.matching.sectors import SectorEvidence
from app.matching.subitems import split_name

EXACT = 100.0
NORMALISED = 96.0
PREFIX = 93.0
PART_IS_ITEM = 92.0
ROW_IS_PART = 90.0
ROW_IS_PARENT = 88.0
ITEM_IS_PARENT = 85.0
SAME_PARENT = 80.0
FUZZY_WEIGHT = 0.85
FUZZY_CUTOFF = 35.0
HEAD_BONUS = 20.0
HEAD_MIN = 3
HEAD_FULL = 6
SAME_DEPARTMENT = 4.0
SAME_SECTOR = 3.0
OTHER_SECTOR = -8.0
NOT_IN_USE = -5.0
CONFIDENT = 90.0
MARGIN = 3.0
SHOWN = 5
MATCH_FLOOR = 60.0


@dataclass
class Candidate:
    item_id: int
    name: str
    department: str
    score: float
    why: str
    by_name: bool = True
    conflict: bool = False
    in_use: bool = True
    part: int | None = None

    @property
    def sure(self) -> bool:
        """Name evidence strong enough to act on, with nothing against it."""
        return self.by_name and self.score >= CONFIDENT and not self.conflict and self.in_use

    def as_json(self) -> dict[str, object]:
        return {"item_id": self.item_id, "name": self.name, "department": self.department,
                "score": round(self.score, 1), "why": self.why}


@dataclass
class Match:
    item_id: int
    name: str
    score: float
    confident: bool

    def as_json(self) -> dict[str, object]:
        return {"item_id": self.item_id, "name": self.name, "score": round(self.score, 1),
                "confident": self.confident}


@dataclass
class Ranking:
    """`parts`: when a row with ①② parts names several county items, one per part."""

    match: Match | None
    candidates: list[Candidate] = field(default_factory=list)
    parts: list[Candidate] = field(default_factory=list)


@dataclass
class _Evidence:
    score: float
    why: str
    by_name: bool = True
    part: int | None = None


def _common_head(a: str, b: str) -> str:
    """The leading characters two keys share: names that start alike share their subject
    (`林木种子…`), which a plain similarity ratio weighs no more than a shared `许可证核发`."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


class Ranker:
    """Ranks items of one prepared catalogue; cheap to call for thousands of rows.

    A row whose name already matches (score at least CONFIDENT) skips the fuzzy
    pass: near names would only crowd out the item it names.
    """

    def __init__(self, index: CatalogueIndex, registry: DepartmentRegistry,
                 sectors: SectorEvidence) -> None:
        self.index = index
        self.registry = registry
        self.sectors = sectors
        self._canonical: dict[str, str] = {}

    def rank(self, name: str, department: str = "") -> Ranking:
        found = self._name_evidence(name)
        if not any(e.score >= CONFIDENT for e in found.values()):
            self._fuzzy(key_of(name), found)
        ranked = sorted((self._candidate(i, e, department) for i, e in found.items()),
                        key=lambda c: (-c.score, c.item_id))
        parts = self._parts(ranked, len(split_name(name).parts))
        if parts:
            top = parts[0]
            return Ranking(Match(top.item_id, top.name, top.score, True),
                           ranked[:max(SHOWN, len(parts))], parts)
        candidates = ranked[:SHOWN]
        return Ranking(self._decide(candidates), candidates)

    # Evidence from names -------------------------------------------------------
    def _name_evidence(self, name: str) -> dict[int, _Evidence]:
        found: dict[int, _Evidence] = {}
        key = key_of(name)

        def add(ids: list[int], score: float, why: str | None = None,
                part: int | None = None) -> None:
            for i in ids:
                text = why if why is not None else self._normalised_why(name, self.index.items[i])
                if i not in found or found[i].score < score:
                    found[i] = _Evidence(score, text, part=part)

        add(self.index.by_exact.get(fold(name), []), EXACT, "名称相同")
        add(self.index.by_key.get(key, []), NORMALISED)
        stripped = without_prefix(name)
        if stripped is not None:
            add(self.index.by_key.get(key_of(stripped[0]), []), PREFIX,
                f"去掉前缀“{stripped[1]}”后名称相同")
        add(self.index.by_stripped.get(key, []), PREFIX, "去掉本县事项名称的前缀后相同")
        self._sub_item_evidence(name, key, add)
        return found

    def _sub_item_evidence(self, name: str, key: str, add: Callable[..., None]) -> None:
        split = split_name(name)
        add(self.index.by_part.get(key, []), ROW_IS_PART,
            f"上级写的是本县事项的子项“{name.strip()}”")
        add(self.index.by_parent.get(key, []), ROW_IS_PARENT,
            "上级写的是整项，本县事项是其中的子项")
        if not split.has_parts:
            return
        parent = key_of(split.parent)
        add(self.index.by_key.get(parent, []), ITEM_IS_PARENT,
            f"上级写的是子项，本县事项是其母项“{split.parent}”")
        add(self.index.by_parent.get(parent, []), SAME_PARENT, f"母项“{split.parent}”相同，子项不同")
        for number, part in enumerate(split.parts, start=1):
            part_key = key_of(part)
            label = chr(ord("①") + number - 1) if number <= 20 else str(number)
            add(self.index.by_key.get(part_key, []), PART_IS_ITEM,
                f"子项{label}“{part}”与本县事项相同", number)
            add(self.index.by_part.get(part_key, []), ROW_IS_PART, f"子项{label}“{part}”相同", number)

    @staticmethod
    def _normalised_why(name: str, item: Prepared) -> str:
        rules = differences(name, item.entry.name)
        return "规范化后名称相同（" + "、".join(rules) + "）" if rules else "名称相同"

    # Fuzzy ---------------------------------------------------------------------
    def _fuzzy(self, key: str, found: dict[int, _Evidence]) -> None:
        block = self.index.block(key)
        if not block:
            return
        keys = self.index.keys
        choices = [keys[i] for i in block]
        scored = []
        for choice, ratio, position in process.extract(key, choices, scorer=fuzz.ratio,
                                                       limit=2 * SHOWN, score_cutoff=FUZZY_CUTOFF):
            head = _common_head(key, choice)
            bonus = HEAD_BONUS * min(len(head), HEAD_FULL) / HEAD_FULL if len(head) >= HEAD_MIN else 0
            why = f"名称相近（相似度{ratio:.0f}%" + (f"，开头“{head}”相同" if bonus else "") + "），请核对"
            scored.append((min(ratio + bonus, EXACT) * FUZZY_WEIGHT, block[position], why))
        for score, i, why in sorted(scored, reverse=True)[:SHOWN]:
            if i not in found:
                found[i] = _Evidence(score, why, by_name=False)

    # Departments and the decision ---------------------------------------------
    def _candidate(self, i: int, evidence: _Evidence, department: str) -> Candidate:
        item = self.index.items[i]
        entry = item.entry
        score, why, conflict = evidence.score, evidence.why, False
        row_sector = self.sectors.sector(department)
        if department and self._department(department) == self._department(entry.department):
            score, why = score + SAME_DEPARTMENT, why + "；部门相同"
        elif row_sector and item.sector == row_sector:
            score, why = score + SAME_SECTOR, why + f"；部门同属“{row_sector}”系统"
        elif row_sector and item.sector:
            score, conflict = score + OTHER_SECTOR, True
            why += f"；部门系统不同（上级：{row_sector}，本县：{item.sector}）"
        in_use = entry.status == ItemStatus.IN_USE
        if not in_use:
            score += NOT_IN_USE
            why += f"；该事项当前状态为“{entry.status}”"
        return Candidate(entry.item_id, entry.name, entry.department, min(score, EXACT), why,
                         evidence.by_name, conflict, in_use, evidence.part)

    def _department(self, written: str) -> str:
        if written not in self._canonical:
            self._canonical[written] = self.registry.canonical_name(written)
        return self._canonical[written]

    @staticmethod
    def _decide(candidates: list[Candidate]) -> Match | None:
        if not candidates or candidates[0].score < MATCH_FLOOR:
            return None
        top = candidates[0]
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        return Match(top.item_id, top.name, top.score, top.sure and top.score - runner_up >= MARGIN)

    @staticmethod
    def _parts(ranked: list[Candidate], count: int) -> list[Candidate]:
        """One sure item per part when the row's best evidence is its parts, else none.

        Each part's best must be sure and clear of that part's runner-up; an item
        matching the whole row would have ranked above the parts.
        """
        if count < 2 or not ranked or ranked[0].part is None:
            return []
        chosen = []
        for number in range(1, count + 1):
            mine = [c for c in ranked if c.part == number]
            if not mine or not mine[0].sure:
                return []
            if len(mine) > 1 and mine[0].score - mine[1].score < MARGIN:
                return []
            chosen.append(mine[0])
        return chosen
