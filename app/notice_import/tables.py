"""Annex tables of a notice with their captions, tables continued over pages joined into one.

A PDF cuts a long table at every page and repeats its header row there; a
row may even continue on the next page. Word files sometimes do the same
by hand. A table with no `附件N` label or title of its own above it is the
previous table continuing: its repeated header is dropped and a first row
without 序号 is the rest of the row before.
"""

from __future__ import annotations

import re

from app.domain.text import clean_cell
from app.notice_import.blocks import Block, Para
from app.tables.grid import Grid

ANNEX_LABEL = re.compile(r"^附\s*件\s*(?P<n>[0-9０-９]*)\s*[:：]?$")
PAGE_NUMBER = re.compile(r"^[—\-－–]\s*\d+\s*[—\-－–]$|^第\s*\d+\s*页(共\s*\d+\s*页)?$")
TITLE_SIZE = 18.0
ITEM_START = re.compile(r"^(\d+\s*[.．、]|[（(]\d+[)）]|[①-⑳])")
SENTENCE_END = ("。", "；", "：", ":", ";")


def annex_tables(blocks: list[Block]) -> list[Grid]:
    """Annex tables with their captions; a table continued on the next page joins the one before.

    The caption of a table is the paragraphs since the previous table (or, for
    the first, since the signature's 附注): `附件N` and the title. A table with
    no `附件` label or title of its own above it continues the previous one.
    """
    grids: list[Grid] = []
    since: list[Para] = []
    for block in blocks:
        if isinstance(block, Para):
            if block.clean and not PAGE_NUMBER.match(block.clean):
                since.append(block)
            continue
        caption = _caption(since)
        since = []
        if grids and not caption:
            _continue(grids[-1], block.grid)
            continue
        block.grid.caption = caption
        grids.append(block.grid)
    return grids


def _caption(paras: list[Para]) -> list[str]:
    """The `附件N` label and the title just above a table (at most the last three paragraphs)."""
    texts = [p.clean for p in paras[-3:]]
    label_at = next((n for n in range(len(texts) - 1, -1, -1) if ANNEX_LABEL.match(texts[n])), None)
    if label_at is not None:
        return texts[label_at:]
    big = [p.clean for p in paras[-2:] if (p.size or 0) >= TITLE_SIZE or p.align == "center"]
    return big[-1:]


def _continue(previous: Grid, grid: Grid) -> None:
    rows = grid.rows
    skip = 0
    if rows and previous.rows and _texts(rows[0]) == _texts(previous.rows[0]):
        skip = 1
    first = skip
    if first < len(rows) and previous.rows and len(previous.rows) > 1 and _is_rest_of_row(rows[first]):
        last_row = len(previous.rows) - 1
        last = previous.rows[last_row]
        rest = rows[first]
        for c, value in enumerate(rest):
            text = clean_cell(value)
            if text and c < len(last):
                _append_to_cell(previous, last_row, c, text)
        # Rows below whose cell is merged with the cut row hold the whole text too.
        for r in range(first + 1, len(rows)):
            for c in range(len(rows[r])):
                if (r, c) in grid.merged_above and rows[r][c] == rest[c] and c < len(last):
                    rows[r][c] = last[c]
        first += 1
    offset = len(previous.rows) - first
    previous.rows.extend(rows[first:])
    previous.merged_above.update((r + offset, c) for r, c in grid.merged_above if r >= first)


def _append_to_cell(grid: Grid, row: int, col: int, text: str) -> None:
    """Add a cut cell's rest to it; a merged cell's text is its top row's, shared below."""
    top = row
    while (top, col) in grid.merged_above and top > 0:
        top -= 1
    before = clean_cell(grid.rows[top][col])
    joint = "\n" if starts_item(text, before) else ""
    whole = f"{before}{joint}{text}" if before else text
    for r in range(top, row + 1):
        grid.rows[r][col] = whole


def _texts(row: list[object]) -> list[str]:
    return ["".join(clean_cell(v).split()) for v in row]


def _is_rest_of_row(row: list[object]) -> bool:
    """A row cut by a page break: no 序号 in the first column, text in others."""
    texts = _texts(row)
    return bool(texts) and not texts[0] and any(texts[1:])


def starts_item(text: str, before: str) -> bool:
    """A numbered item after a finished sentence: the line break between them is real."""
    return bool(ITEM_START.match(text)) and before.endswith(SENTENCE_END)
