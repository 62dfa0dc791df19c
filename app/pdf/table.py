"""Landscape tables (横排表格): annexes, item lists, responsibility lists, task divisions.

The layout is done here rather than with ReportLab's platypus Table so the
rules of official annex tables hold exactly: the header row on every page,
"same as above" cells printed as one vertical span while on one page and
repeated after a page break, and a row taller than what is left of the page
continuing on the next one instead of being cut off. Cell text goes through
the Chinese line breaker like every other paragraph, and a 1,000-row annex
renders in seconds because each cell is wrapped once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain.documents import Annex
from app.domain.layouts import Layout, builtin_layout
from app.pdf import linebreak
from app.pdf.fonts import FANGSONG, HEITI, XIAOBIAOSONG
from app.pdf.page import (
    LINE,
    MM,
    SIZE_2,
    SIZE_3,
    SIZE_5,
    SIZE_XIAO2,
    PageWriter,
    Style,
)
from app.pdf.titles import title_lines
from app.pdf.widths import content_widths
from app.progress import Progress, report

# The rotated text block: the portrait block turned with the sheet, so the
# table stays inside the 156 x 225 mm 版心 and clear of the page number.
T_LEFT = 35 * MM
T_WIDTH = 225 * MM
T_TOP = 28 * MM
T_BOTTOM = T_TOP + 156 * MM

CELL_STYLE = Style(FANGSONG, SIZE_5)
HEAD_STYLE = Style(HEITI, SIZE_5)
LEADING = SIZE_5 * 1.45
PAD_X = 1.2 * MM
PAD_Y = 1.0 * MM
GRID = 0.5
MIN_SPLIT_LINES = 2
CENTRED_KEYS = frozenset({"seq", "type", "deadline", "phone", "status", "status_date", "levels"})
_EPS = 0.01


@dataclass(frozen=True)
class TableColumn:
    header: str
    weight: float
    centred: bool = False


@dataclass
class TableRow:
    cells: list[str]
    merged: frozenset[int] = frozenset()


@dataclass
class TableSpec:
    """One table to print: `附件1` (or nothing), its title, columns and rows."""

    title: str
    columns: list[TableColumn]
    rows: list[TableRow]
    label: str = ""


def columns_of(layout: Layout) -> list[TableColumn]:
    return [TableColumn(c.header, c.width, c.key in CENTRED_KEYS) for c in layout.columns]


def annex_table(annex: Annex, number: int | None) -> TableSpec:
    """An annex as printed: `附件N`, the title as stored, the layout's columns."""
    try:
        layout = builtin_layout(annex.layout)
    except KeyError:
        layout = builtin_layout("cancel")
    keys = layout.keys()
    rows = []
    for row in annex.rows:
        values = row.field_values()
        merged = frozenset(n for n, key in enumerate(keys) if key in row.merged_with_above)
        rows.append(TableRow([values.get(key, "") for key in keys], merged))
    label = "附件" if number is None else f"附件{number}"
    return TableSpec(annex.title, columns_of(layout), rows, label)


@dataclass
class _Piece:
    """A row, or the part of one, placed on one page."""

    row: int
    lines: list[list[str]]
    merged: frozenset[int]
    continued: bool = False
    top: float = 0.0
    height: float = 0.0


@dataclass
class _Grid:
    writer: PageWriter
    spec: TableSpec
    xs: list[float] = field(default_factory=list)
    wrapped: dict[tuple[int, str], list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        columns = self.spec.columns
        cells = [[text if n not in row.merged else "" for n, text in enumerate(row.cells)]
                 for row in self.spec.rows]
        widths = content_widths([c.header for c in columns], [c.weight for c in columns], cells,
                                self.writer.measure(CELL_STYLE), self.writer.measure(HEAD_STYLE),
                                T_WIDTH, 2 * PAD_X, self.writer.width("国", CELL_STYLE))
        x = T_LEFT
        self.xs = [x]
        for width in widths:
            x += width
            self.xs.append(x)

    def inner(self, col: int) -> float:
        return self.xs[col + 1] - self.xs[col] - 2 * PAD_X

    def wrap(self, col: int, text: str, style: Style = CELL_STYLE) -> list[str]:
        key = (col, text) if style is CELL_STYLE else (-1 - col, text)
        lines = self.wrapped.get(key)
        if lines is None:
            measure = self.writer.measure(style)
            lines = linebreak.break_text(text, measure, self.inner(col)) if text else []
            self.wrapped[key] = lines
        return lines

    def piece(self, index: int) -> _Piece:
        row = self.spec.rows[index]
        lines = [[] if n in row.merged else self.wrap(n, text) for n, text in enumerate(row.cells)]
        return _Piece(index, lines, row.merged)

    def at_page_top(self, piece: _Piece) -> _Piece:
        """Cells merged with a row on the previous page show their text again."""
        if not piece.merged:
            return piece
        row = self.spec.rows[piece.row]
        lines = [self.wrap(n, row.cells[n]) if n in piece.merged else cell
                 for n, cell in enumerate(piece.lines)]
        return _Piece(piece.row, lines, frozenset(), piece.continued)


def _height(lines: int) -> float:
    return max(lines, 1) * LEADING + 2 * PAD_Y


def draw_tables(writer: PageWriter, tables: Sequence[TableSpec],
                progress: Progress | None = None) -> None:
    """Each table from a new landscape page; progress counts rows over all tables."""
    total = sum(len(t.rows) for t in tables)
    done = 0
    for spec in tables:
        done = _draw_table(writer, spec, progress, done, total)


def _draw_table(writer: PageWriter, spec: TableSpec, progress: Progress | None,
                done: int, total: int) -> int:
    grid = _Grid(writer, spec)
    header = [grid.wrap(n, c.header, HEAD_STYLE) for n, c in enumerate(spec.columns)]
    header_h = _height(max((len(h) for h in header), default=1))
    writer.new_page(rotated=True)
    y = _table_heading(writer, spec) + header_h
    placed: list[_Piece] = []
    queue = [grid.piece(n) for n in range(len(spec.rows))]
    queue.reverse()
    while queue:
        piece = queue.pop()
        if not placed:
            piece = grid.at_page_top(piece)
        rows_needed = max((len(c) for c in piece.lines), default=1)
        height = _height(rows_needed)
        room = T_BOTTOM - y
        if height <= room + _EPS:
            piece.top, piece.height = y, height
            placed.append(piece)
            y += height
            if not queue or queue[-1].row != piece.row:
                done += 1
                if done % 25 == 0 or done == total:
                    report(progress, done, total)
            continue
        fit = int((room - 2 * PAD_Y + _EPS) // LEADING)
        if fit >= MIN_SPLIT_LINES and (rows_needed > 2 * MIN_SPLIT_LINES or not placed):
            head = _Piece(piece.row, [c[:fit] for c in piece.lines], piece.merged, piece.continued)
            tail = _Piece(piece.row, [c[fit:] for c in piece.lines], piece.merged, True)
            queue.extend([tail, head])
            continue
        if not placed:
            raise AssertionError("a table row cannot be placed on an empty page")
        _draw_page(writer, grid, header, header_h, placed)
        writer.new_page(rotated=True)
        y = T_TOP + header_h
        queue.append(piece)
        placed = []
    _draw_page(writer, grid, header, header_h, placed)
    return done


def _table_heading(writer: PageWriter, spec: TableSpec) -> float:
    """`附件N` on the first line, the title centred from the third; returns the table's top."""
    if spec.label:
        style = Style(HEITI, SIZE_3)
        writer.draw(T_LEFT, _baseline(T_TOP, SIZE_3), spec.label, style)
    size = SIZE_2 if writer.width(spec.title, Style(XIAOBIAOSONG, SIZE_2)) <= T_WIDTH else SIZE_XIAO2
    style = Style(XIAOBIAOSONG, size)
    lines = title_lines(spec.title, writer.measure(style), T_WIDTH)
    slot = T_TOP + (2 if spec.label else 0) * LINE
    for line in lines:
        width = writer.width(line, style)
        writer.draw(T_LEFT + (T_WIDTH - width) / 2, _baseline(slot, size), line, style)
        slot += LINE
    return slot + LINE / 3


def _baseline(slot_top: float, size: float) -> float:
    return slot_top + LINE / 2 + 0.38 * size


def _draw_page(writer: PageWriter, grid: _Grid, header: list[list[str]], header_h: float,
               placed: list[_Piece]) -> None:
    """The page's rules and text, each drawn in one go: per-cell drawing calls dominated."""
    if not placed:
        return
    top = placed[0].top - header_h
    bottom = placed[-1].top + placed[-1].height
    head_runs: list[tuple[float, float, str]] = []
    for n, lines in enumerate(header):
        _cell_text(head_runs, writer, grid, n, lines, top, header_h, HEAD_STYLE, centred=True)
    rules = [(grid.xs[0], top, grid.xs[-1], top), (grid.xs[0], bottom, grid.xs[-1], bottom)]
    rules += [(x, top, x, bottom) for x in grid.xs]
    runs: list[tuple[float, float, str]] = []
    columns = len(grid.spec.columns)
    for n, piece in enumerate(placed):
        for col in range(columns):
            if col in piece.merged:
                continue
            end = n + 1
            while end < len(placed) and col in placed[end].merged:
                end += 1
            span = placed[end - 1].top + placed[end - 1].height - piece.top
            rules.append((grid.xs[col], piece.top, grid.xs[col + 1], piece.top))
            _cell_text(runs, writer, grid, col, piece.lines[col], piece.top, span, CELL_STYLE,
                       centred=grid.spec.columns[col].centred)
    writer.rules(rules, GRID)
    writer.draw_runs(head_runs, HEAD_STYLE)
    writer.draw_runs(runs, CELL_STYLE)


def _cell_text(runs: list[tuple[float, float, str]], writer: PageWriter, grid: _Grid, col: int,
               lines: list[str], top: float, height: float, style: Style, centred: bool) -> None:
    """Add a cell's lines, vertically centred, to `runs`."""
    y = top + (height - len(lines) * LEADING) / 2 + LEADING / 2 + 0.36 * style.size
    x = grid.xs[col] + PAD_X
    for line in lines:
        if centred:
            runs.append((x + (grid.inner(col) - writer.width(line, style)) / 2, y, line))
        else:
            runs.append((x, y, line))
        y += LEADING
