"""A table as read from any file: cell values by row with merges filled, and the reading limits.

Kept apart from the readers so that the .xlsx, .xls and .docx readers share it
without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """What a file may hold before we refuse it rather than freeze the PC."""

    max_bytes: int = 100 * 1024 * 1024
    max_unpacked_bytes: int = 1024 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 1_000


DEFAULT_LIMITS = Limits()


@dataclass
class Grid:
    """One sheet or Word table: cell values by row, merges already filled in.

    `merged_above` holds (row, column) indexes (from 0) of cells covered by a
    vertical merge from the row above; row index i is the sheet's row i + 1.
    `caption` is text printed above a Word table (`附件2`, its title).
    """

    sheet: str
    rows: list[list[object]]
    merged_above: set[tuple[int, int]] = field(default_factory=set)
    notes: list[tuple[int, int, str]] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)


def column_letter_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def fill_merges(grid: Grid, ranges: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's value into every cell it covers."""
    for c0, r0, c1, r1 in ranges:
        if r0 >= len(grid.rows):
            continue
        top = grid.rows[r0]
        value = top[c0] if c0 < len(top) else None
        for r in range(r0, min(r1, len(grid.rows) - 1) + 1):
            row = grid.rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
                if r > r0:
                    grid.merged_above.add((r, c))
