"""Tables pasted from Excel, WPS or Word: tab-separated text with quoted multi-line cells.

Excel and WPS put a cell that holds a line break, a tab or a quote between
double quotes and double the quotes inside it; Word separates cells with tabs
and rows with line breaks and quotes nothing. One parser covers both, so the
annex editor can take rows straight from the clerk's spreadsheet.
"""

from __future__ import annotations

from app.domain.documents import ROW_FIELDS, AnnexRow
from app.domain.layouts import Layout
from app.domain.text import clean_cell


def parse_table(text: str) -> list[list[str]]:
    """Rows of cells; a quoted cell may span lines. Blank trailing rows are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    pos = 0
    while pos <= len(text):
        cell, pos, row_ends = _read_cell(text, pos)
        row.append(cell)
        if row_ends:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    while rows and all(not c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def _read_cell(text: str, pos: int) -> tuple[str, int, bool]:
    """One cell from pos; returns (cell, next position, whether the row ended)."""
    if pos < len(text) and text[pos] == '"':
        quoted = _read_quoted(text, pos)
        if quoted is not None:
            return quoted
    end = pos
    while end < len(text) and text[end] not in "\t\n":
        end += 1
    row_ends = end >= len(text) or text[end] == "\n"
    return text[pos:end], end + 1, row_ends


def _read_quoted(text: str, pos: int) -> tuple[str, int, bool] | None:
    """A quoted cell, or None when the quotes were part of an unquoted cell's text."""
    parts: list[str] = []
    i = pos + 1
    while i < len(text):
        if text[i] == '"':
            if i + 1 < len(text) and text[i + 1] == '"':
                parts.append('"')
                i += 2
                continue
            after = i + 1
            if after >= len(text) or text[after] in "\t\n":
                row_ends = after >= len(text) or text[after] == "\n"
                return "".join(parts), after + 1, row_ends
            return None
        parts.append(text[i])
        i += 1
    return None


def annex_rows(cells: list[list[str]], layout: Layout) -> list[AnnexRow]:
    """Pasted cells as annex rows in the layout's column order.

    A first row that reads as the layout's header row is skipped and its
    column order used instead, so a clerk may copy the table with its header.
    """
    if not cells:
        return []
    keys: list[str | None] = list(layout.keys())
    header = _header_keys(cells[0], layout)
    if header is not None:
        keys, cells = header, cells[1:]
    rows = []
    for line in cells:
        values = {key: clean_cell(value) for key, value in zip(keys, line, strict=False)
                  if key in ROW_FIELDS}
        if any(values.values()):
            rows.append(AnnexRow.from_fields(values))
    return rows


def _header_keys(first: list[str], layout: Layout) -> list[str | None] | None:
    keys: list[str | None] = []
    for text in first:
        column = next((c for c in layout.columns if c.matches(text)), None)
        keys.append(column.key if column else None)
    recognised = sum(k is not None for k in keys)
    return keys if recognised >= max(2, len(first) // 2) else None
