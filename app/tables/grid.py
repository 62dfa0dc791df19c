"""A table as read from any file: cell values by row with merges filled, and the reading limits.

Kept apart from the readers so that the .xlsx, .xls and .docx readers share it
without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.tables.errors import FileImportError


@dataclass(frozen=True)
class Limits:
    """What a file may hold before we refuse it rather than freeze the PC."""

    max_bytes: int = 100 * 1024 * 1024
    max_unpacked_bytes: int = 1024 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 1_000
    # Cells a sheet may span (rows × columns), and cells merged ranges may fill in all.
    max_cells: int = 5_000_000
    max_merged_cells: int = 1_000_000


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


def used_width(grid: Grid) -> int:
    """Columns up to the last one holding a value in any row."""
    width = 0
    for row in grid.rows:
        for c in range(len(row) - 1, width - 1, -1):
            if row[c] is not None:
                width = c + 1
                break
    return width


def fill_merges(path: Path, grid: Grid, ranges: list[tuple[int, int, int, int]],
                limits: Limits = DEFAULT_LIMITS) -> None:
    """Copy each merged range's value into every cell it covers, within the used range.

    A merge reaching past the last row or column that holds a value is cut there (one
    `A4:XFD3003` in an 85 KB file would otherwise fill 49 million cells), and all merges
    together may fill at most `limits.max_merged_cells` (20,000 overlapping merges fit in
    6.6 KB).
    """
    width = used_width(grid)
    budget = limits.max_merged_cells
    for c0, r0, c1, r1 in ranges:
        r1, c1 = min(r1, len(grid.rows) - 1), min(c1, width - 1)
        if r0 > r1 or c0 > c1:
            continue
        budget -= (r1 - r0 + 1) * (c1 - c0 + 1)
        if budget < 0:
            raise FileImportError(path, f"合并单元格覆盖的范围超过 {limits.max_merged_cells} 个单元格，"
                                  "可能是异常文件，已拒绝读取。", grid.sheet)
        top = grid.rows[r0]
        value = top[c0] if c0 < len(top) else None
        for r in range(r0, r1 + 1):
            row = grid.rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
                if r > r0:
                    grid.merged_above.add((r, c))
