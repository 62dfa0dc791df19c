"""The catalogue prepared once for matching: every key of every item, looked up in O(1).

Building the index normalises each name once; ranking thousands of rows
then costs dictionary look-ups plus a fuzzy pass over a small block of
items that share the row's rarest character pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.text import fold
from app.matching.normalise import key_of, without_prefix
from app.matching.sectors import SectorEvidence
from app.matching.subitems import split_name

BLOCK_PAIRS = 4
BLOCK_SIZE = 300


@dataclass(frozen=True)
class CatalogueEntry:
    item_id: int
    name: str
    department: str
    status: str = "在用"


@dataclass
class Prepared:
    """An entry with its keys and sector, computed once."""

    entry: CatalogueEntry
    key: str
    sector: str | None


def pairs(text: str) -> set[str]:
    """Character pairs: the unit fuzzy blocking uses (Chinese names have no word breaks)."""
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


@dataclass
class CatalogueIndex:
    items: list[Prepared] = field(default_factory=list)
    by_exact: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_stripped: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_parent: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_part: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_pair: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    keys: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, entries: Iterable[CatalogueEntry], sectors: SectorEvidence) -> CatalogueIndex:
        index = cls()
        for entry in entries:
            index.add(entry, sectors)
        return index

    def add(self, entry: CatalogueEntry, sectors: SectorEvidence) -> None:
        n = len(self.items)
        split = split_name(entry.name)
        key = key_of(entry.name)
        self.items.append(Prepared(entry, key, sectors.sector(entry.department)))
        self.keys.append(key)
        self.by_exact[fold(entry.name)].append(n)
        self.by_key[key].append(n)
        stripped = without_prefix(entry.name)
        if stripped is not None:
            self.by_stripped[key_of(stripped[0])].append(n)
        if split.has_parts:
            self.by_parent[key_of(split.parent)].append(n)
        for part in split.parts:
            self.by_part[key_of(part)].append(n)
        for pair in pairs(key):
            self.by_pair[pair].append(n)

    def block(self, key: str) -> list[int]:
        """Items sharing the key's rarest character pairs: where a fuzzy match can be."""
        ranked = sorted((p for p in pairs(key) if p in self.by_pair),
                        key=lambda p: len(self.by_pair[p]))
        found: dict[int, None] = {}
        for pair in ranked[:BLOCK_PAIRS]:
            found.update(dict.fromkeys(self.by_pair[pair][:BLOCK_SIZE]))
            if len(found) >= BLOCK_SIZE:
                break
        return list(found)
