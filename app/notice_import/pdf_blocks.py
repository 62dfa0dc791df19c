"""A text PDF as blocks: lines joined into paragraphs, ruled tables as grids.

pdfplumber is used because it gives every character with its position,
size and colour and finds tables from their ruling lines, which is what
telling a notice's elements apart and reading annex tables need; it is pure
Python (pdfminer.six underneath), so it packages for Windows without a
native library. Turned text (the page number of a landscape page), running
headers and footers repeated on several pages, and page numbers are left
out. A PDF without a text layer (a scan) is refused with a clear message.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import Page
from pdfplumber.table import CellGroup, Table

from app.notice_import.blocks import Block, Para, TableBlock
from app.notice_import.tables import PAGE_NUMBER, annex_tables, starts_item
from app.progress import Progress, report
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS, Grid, Limits

SCANNED = ("这是扫描得到的 PDF（每页只有图片，没有文字层），无法读出文字。"
           "请向发文单位索取 Word 文档或可复制文字的 PDF，或先用 OCR 软件识别成文字后再导入。")
MIN_CHARS_PER_PAGE = 5
LINE_JOIN = 0.35  # of the font size: characters on one line share a baseline within this
REPEAT_ZONE = 30 * 72 / 25.4  # running headers/footers live this close to the sheet's edge

# One character as pdfplumber gives it: text, x0/x1/top/bottom, size, matrix, colours.
Char = dict[str, Any]
Box = tuple[float, float, float, float]


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    baseline: float
    size: float
    red: bool


# A page as read: its lines, its tables with their tops, its height.
_PageContent = tuple[list[_Line], list[tuple[float, Grid]], float]


def read_pdf_blocks(path: Path, limits: Limits = DEFAULT_LIMITS,
                    progress: Progress | None = None) -> list[Block]:
    """Every page's paragraphs and tables, in reading order; `progress` counts pages."""
    try:
        with pdfplumber.open(path) as pdf:
            pages: list[_PageContent] = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append((_page_lines(page), _page_tables(page, limits), float(page.height)))
                report(progress, number, len(pdf.pages))
    except PDFPasswordIncorrect as exc:
        raise FileImportError(path, "PDF 设有打开密码，请先用密码打开并另存为无密码的 PDF。") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise FileImportError(path, "PDF 文件已损坏或不完整，无法读取。") from exc
    characters = sum(len(line.text) for lines, _, _ in pages for line in lines) + \
        sum(1 for _, tables, _ in pages for _ in tables)
    if characters < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise FileImportError(path, SCANNED)
    running = _running_lines(pages)
    kept = [[line for line in lines if (line.text, round(line.top)) not in running
             and not PAGE_NUMBER.match("".join(line.text.split()))] for lines, _, _ in pages]
    edges = _text_edges(pages, kept)
    blocks: list[Block] = []
    builder = _Paragraphs()
    for number, ((_, tables, _height), lines) in enumerate(zip(pages, kept, strict=True), start=1):
        items: list[tuple[float, _Line | Grid]] = [(top, grid) for top, grid in tables]
        items += [(line.top, line) for line in lines]
        items.sort(key=lambda pair: pair[0])
        builder.left, builder.right = edges[number - 1]
        for _, item in items:
            if isinstance(item, _Line):
                builder.add(item, number)
            else:
                blocks.extend(builder.flush())
                blocks.append(TableBlock(item, number))
        blocks.extend(builder.flush_if_closed())
    blocks.extend(builder.flush())
    return blocks


def read_pdf_grids(path: Path, limits: Limits = DEFAULT_LIMITS,
                   progress: Progress | None = None) -> list[Grid]:
    """The annex tables of a PDF for `quanze import`: captions read, continued tables joined."""
    grids = annex_tables(read_pdf_blocks(path, limits, progress))
    for number, grid in enumerate(grids, start=1):
        grid.sheet = f"表格{number}"
    return grids


# Lines -----------------------------------------------------------------------------
def _page_lines(page: Page) -> list[_Line]:
    tables = [t.bbox for t in page.find_tables()]
    chars = [c for c in page.chars if c.get("upright", True) and not _inside(c, tables)]
    return _lines(chars, page)


def _lines(chars: list[Char], page: Page) -> list[_Line]:
    chars = sorted(chars, key=lambda c: (round(_baseline(c, page)), c["x0"]))
    lines: list[list[Char]] = []
    for char in chars:
        base = _baseline(char, page)
        if lines and abs(_baseline(lines[-1][0], page) - base) <= LINE_JOIN * char["size"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [_line(sorted(cs, key=lambda c: c["x0"]), page) for cs in lines
            if any(c["text"].strip() for c in cs)]


def _baseline(char: Char, page: Page) -> float:
    return float(page.height - char["matrix"][5] if page.rotation == 0 else char["bottom"])


def _inside(char: Char, boxes: list[Box]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _line(chars: list[Char], page: Page) -> _Line:
    while not chars[0]["text"].strip():
        chars = chars[1:]
    while not chars[-1]["text"].strip():
        chars = chars[:-1]
    parts: list[str] = []
    for prev, char in zip([None, *chars], chars, strict=False):
        if prev is not None and char["x0"] - prev["x1"] > 0.8 * char["size"]:
            parts.append(" " * max(1, round((char["x0"] - prev["x1"]) / char["size"])))
        parts.append(char["text"])
    red = sum(_is_red(c.get("non_stroking_color")) for c in chars) > len(chars) / 2
    return _Line("".join(parts), chars[0]["x0"], chars[-1]["x1"], min(c["top"] for c in chars),
                 _baseline(chars[0], page), median(c["size"] for c in chars), red)


def _is_red(colour: object) -> bool:
    if not isinstance(colour, (tuple, list)):
        return False
    if len(colour) == 3:
        r, g, b = (float(v) for v in colour)
        return r > 0.7 and g < 0.35 and b < 0.35
    if len(colour) == 4:
        c, m, y, k = (float(v) for v in colour)
        return c < 0.2 and m > 0.7 and y > 0.7 and k < 0.3
    return False


def _text_edges(pages: list[_PageContent],
                kept: list[list[_Line]]) -> list[tuple[float, float]]:
    """The text block's left and right edges, from all pages of the same orientation.

    Taken over the whole file, not page by page: a page holding only the
    signature and a few annex names says nothing about where lines end.
    """
    by_height: dict[int, list[_Line]] = {}
    for (_, _, height), lines in zip(pages, kept, strict=True):
        body = [line for line in lines if line.size < 18 and len(line.text) >= 6]
        by_height.setdefault(round(height), []).extend(body)
    edges = {}
    for height, lines in by_height.items():
        if lines:
            left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
            edges[height] = (float(left), max(line.x1 for line in lines))
    fallback = next(iter(edges.values()), (0.0, 0.0))
    return [edges.get(round(height), fallback) for _, _, height in pages]


def _running_lines(pages: list[_PageContent]) -> set[tuple[str, int]]:
    """Lines repeated at the same place near the top or foot of several pages."""
    seen: Counter[tuple[str, int]] = Counter()
    for lines, _, height in pages:
        for line in lines:
            if line.top < REPEAT_ZONE or line.top > height - REPEAT_ZONE:
                seen[(line.text, round(line.top))] += 1
    return {key for key, count in seen.items() if count >= 2}


# Tables ----------------------------------------------------------------------------
def _page_tables(page: Page, limits: Limits) -> list[tuple[float, Grid]]:
    found: list[tuple[float, Grid]] = []
    chars = [c for c in page.chars if c.get("upright", True)]
    for table in page.find_tables():
        grid = _grid(table, _cell_texts(table, chars, page), page.page_number, limits)
        # One row is enough: a table cut by a page break may go on with a single row.
        if grid.rows and max(len(r) for r in grid.rows) >= 3:
            found.append((table.bbox[1], grid))
    return found


def _cell_texts(table: Table, chars: list[Char], page: Page) -> list[list[str | None]]:
    """Each cell's text; a line the column's width wrapped is joined to the one before.

    A break is kept where the line before stopped short of the cell's right
    edge: the author pressed Enter there (`1.` `2.` of the measures).
    """
    inside = [c for c in chars if _inside(c, [table.bbox])]
    cells = [[None if bbox is None else _lines([c for c in inside if _inside(c, [bbox])], page)
              for bbox in row.cells] for row in table.rows]
    width = max((len(row) for row in cells), default=0)
    # A column's right edge for text: where its longest lines end.
    rights = [max((line.x1 for row in cells if c < len(row) for line in row[c] or ()),
                  default=0.0) for c in range(width)]
    return [[None if lines is None else _join(lines, rights[c]) for c, lines in enumerate(row)]
            for row in cells]


def _join(lines: list[_Line], right: float) -> str:
    text = ""
    for n, line in enumerate(lines):
        if n:
            text += "" if _wrapped(lines[n - 1], line, right) else "\n"
        text += line.text.strip()
    return text


def _wrapped(before: _Line, line: _Line, right: float) -> bool:
    """The line before ended only because ``line``'s first piece would not have fitted after it.

    A line that stopped with room for that piece was ended by the author (Enter),
    and so was a sentence followed by a numbered item (`1.` `2、` `（1）` `①`).
    """
    if starts_item(line.text.strip(), before.text.strip()):
        return False
    if before.text.strip().endswith("。") and before.x1 < right - 0.9 * line.size:
        # A sentence ended with room for another character: most often the author's Enter,
        # rarely a long number that did not fit.
        return False
    return before.x1 + _first_word(line) > right + 0.25 * line.size


LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-:/%")
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】,.;:?!)")
NO_LINE_END = frozenset("（《「『“‘〔【(")


def _first_word(line: _Line) -> float:
    """Width the line's first unbreakable piece needed: a Latin word, or a character and its
    closing punctuation (which may not start a line)."""
    text = line.text.strip()
    word = len(text) - len(text.lstrip("".join(LATIN)))
    if word:
        return word * line.size * 0.55
    pulled = 1
    while pulled < len(text) and (text[pulled] in NO_LINE_START or text[pulled - 1] in NO_LINE_END):
        pulled += 1
    return pulled * line.size


def _grid(table: Table, texts: list[list[str | None]], page_number: int,
          limits: Limits) -> Grid:
    """Cell texts by row; a cell covered by a tall cell above reads as merged with it."""
    grid = Grid(f"第{page_number}页表格", [])
    rows = table.rows
    for r, row in enumerate(texts[: limits.max_rows]):
        values: list[object] = []
        for c, value in enumerate(row):
            if value is None and r > 0 and c < len(grid.rows[-1]) and \
                    _covered_from_above(rows, r, c):
                values.append(grid.rows[-1][c])
                grid.merged_above.add((r, c))
            elif value is None:
                values.append(values[-1] if values else "")
            else:
                values.append(value)
        grid.rows.append(values)
    return grid


def _covered_from_above(rows: list[CellGroup], r: int, c: int) -> bool:
    """The nearest real cell above in this column reaches down into row r."""
    top = rows[r].bbox[1]
    for above in range(r - 1, -1, -1):
        cell = rows[above].cells[c] if c < len(rows[above].cells) else None
        if cell is not None:
            return bool(cell[3] > top + 1)
    return False


# Paragraphs ------------------------------------------------------------------------
class _Paragraphs:
    """Joins a page's lines into paragraphs the way they were typed.

    A line continues the paragraph above when that one reached the right
    edge of the text and this one starts at the left edge in the same size
    and colour; a paragraph left open at the foot of a page continues on the
    next page the same way.
    """

    def __init__(self) -> None:
        self.open: list[tuple[_Line, int]] = []
        self.done: list[Para] = []
        self.left = 0.0
        self.right = 0.0

    def add(self, line: _Line, page: int) -> None:
        if self.open and not self._continues(self.open[-1][0], line):
            self.done.append(self._para())
            self.open = []
        self.open.append((line, page))

    def _continues(self, before: _Line, line: _Line) -> bool:
        size = line.size
        return (abs(before.size - size) < 1 and before.red == line.red
                and _wrapped(before, line, self.right)
                and abs(line.x0 - self.left) < 0.8 * size
                and not self._centred(line) and not self._centred(before))

    def _centred(self, line: _Line) -> bool:
        middle = (self.left + self.right) / 2
        return line.x0 > self.left + line.size and abs((line.x0 + line.x1) / 2 - middle) < 4

    def _para(self) -> Para:
        first, page = self.open[0]
        text = "".join(line.text.strip() if n else line.text for n, (line, _) in
                       enumerate(self.open))
        indent = first.x0 - self.left
        align = "center" if self._centred(first) else (
            "right" if indent > 0.45 * (self.right - self.left) else "left")
        lead = " " * max(0, round(indent / first.size)) if align == "right" else ""
        return Para(lead + text.strip(), first.size, first.red, align, indent, page)

    def flush(self) -> list[Para]:
        done = self._take()
        if self.open:
            done.append(self._para())
            self.open = []
        return done

    def flush_if_closed(self) -> list[Para]:
        """At a page's foot: paragraphs finished; the open one waits for the next page."""
        done = self._take()
        if self.open and self.open[-1][0].x1 < self.right - 1.5 * self.open[-1][0].size:
            done.append(self._para())
            self.open = []
        return done

    def _take(self) -> list[Para]:
        done, self.done = self.done, []
        return done
