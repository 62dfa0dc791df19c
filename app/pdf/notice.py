"""A notice (红头文件) with its annex tables as one PDF, laid out to GB/T 9704-2012.

The body runs on the standard's grid: 22 lines of 28 characters per page, so
every line occupies a slot of 225/22 mm and every character a cell of
156/28 mm. The header part is placed by the standard's measured distances
(the organ mark 35 mm into the text block, the red line 4 mm under the
document number); from the title on, everything is counted in line slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.documents import Document
from app.pdf import linebreak
from app.pdf.fonts import FANGSONG, HEITI, KAITI, XIAOBIAOSONG, FontSet
from app.pdf.page import (
    BLOCK_W,
    BOTTOM,
    CHAR,
    LEFT,
    LINE,
    MM,
    PAGE_H,
    PAGE_W,
    RED,
    RIGHT,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_CHUHAO,
    SIZE_XIAOCHU,
    TOP,
    PageWriter,
    Style,
    body_style,
)
from app.pdf.table import TableSpec, annex_table, draw_tables
from app.pdf.titles import title_lines
from app.progress import Progress

ORGAN_MARK_TOP = TOP + 35 * MM
RED_LINE_GAP = 4 * MM
RED_LINE_WIDTH = 0.5 * MM
THICK_RULE = 0.35 * MM
THIN_RULE = 0.25 * MM
MIN_HORIZ_SCALE = 50.0
JOINT_MARK_GAP = 2 * MM  # between the stacked organ names of a joint document
# 信函格式 (GB/T 9704 §10.1)
LETTER_MARK_TOP = 30 * MM
LETTER_FOOT_LINE = 20 * MM
LETTER_LINE_W = 170 * MM
LETTER_THICK = 0.75 * MM
LETTER_THIN = 0.25 * MM
LETTER_DOUBLE_GAP = 0.75 * MM
LETTER_DOUBLE_H = LETTER_THICK + LETTER_DOUBLE_GAP + LETTER_THIN
_EPS = 0.01

HEADING_1 = re.compile(r"^[一二三四五六七八九十百]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十百]+）")
ANNEX_NUMBER = re.compile(r"^\d+\.")

BODY = body_style(FANGSONG)
PLAIN = Style(FANGSONG, SIZE_3)


@dataclass
class Span:
    text: str
    style: Style


@dataclass
class Paragraph:
    """Text to set on the grid, with a style per span (a 楷体 heading then 仿宋 text)."""

    spans: list[Span]
    first_indent: float = 2 * CHAR
    indent: float = 0.0
    right_indent: float = 0.0
    justify: bool = True
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def body_paragraph(text: str) -> Paragraph:
    """A body paragraph with its heading level's face (一、 黑体; （一） heading sentence 楷体)."""
    if HEADING_1.match(text):
        return Paragraph([Span(text, body_style(HEITI))])
    if HEADING_2.match(text):
        end = text.find("。")
        head, rest = (text, "") if end < 0 else (text[:end + 1], text[end + 1:])
        spans = [Span(head, body_style(KAITI))]
        if rest:
            spans.append(Span(rest, BODY))
        return Paragraph(spans)
    return Paragraph([Span(text, BODY)])


class NoticeLayout:
    """Places one document on the page writer, slot by slot."""

    def __init__(self, writer: PageWriter) -> None:
        self.w = writer
        self.cursor = TOP
        self.letter = False

    # Slots -------------------------------------------------------------------

    def new_page(self) -> None:
        self.w.new_page()
        self.cursor = TOP

    def room(self) -> int:
        """Whole line slots left on the current page."""
        return int((BOTTOM - self.cursor + _EPS) // LINE)

    def blank(self, lines: int = 1) -> None:
        self.cursor += lines * LINE
        if self.cursor > BOTTOM - LINE + _EPS:
            self.new_page()

    def _next_slot(self) -> float:
        if self.cursor + LINE > BOTTOM + _EPS:
            self.new_page()
        top = self.cursor
        self.cursor += LINE
        return top

    @staticmethod
    def baseline(slot_top: float, size: float) -> float:
        """Characters centred in their slot, as a grid-snapped word processor sets them."""
        return slot_top + LINE / 2 + 0.38 * size

    # Header part -------------------------------------------------------------

    def header(self, doc: Document) -> None:
        if doc.is_letter:
            self.letter_header(doc)
            return
        self.new_page()
        for n, mark in enumerate(doc.header_marks()):
            self._header_mark(mark, LEFT, self.baseline(TOP + n * LINE, SIZE_3), n == 0
                              and mark == doc.copy_number)
        top = ORGAN_MARK_TOP
        for name in doc.organ_marks or doc.signatures[:1] or [""]:
            bottom = self._organ_mark(name, top)
            top = bottom + JOINT_MARK_GAP
        number_top = bottom + 2 * LINE
        number_base = self.baseline(number_top, SIZE_3)
        if doc.signer:
            self.w.draw(LEFT + CHAR, number_base, doc.number, PLAIN)
            label, names = "签发人：", doc.signer.strip()
            names_style = Style(KAITI, SIZE_3)
            names_x = RIGHT - CHAR - self.w.width(names, names_style)
            self.w.draw(names_x - self.w.width(label, PLAIN), number_base, label, PLAIN)
            self.w.draw(names_x, number_base, names, names_style)
        else:
            self._centred(doc.number, PLAIN, number_base)
        red_y = number_base + (1 - self.w.ascent(FANGSONG)) * SIZE_3 + RED_LINE_GAP
        self.w.hline(LEFT, RIGHT, red_y, RED_LINE_WIDTH, RED)
        self.cursor = red_y + 2 * LINE

    def _header_mark(self, text: str, x: float, baseline: float, digits: bool) -> None:
        """份号 in 仿宋 digits; 密级和保密期限 and 紧急程度 in 三号黑体."""
        self.w.draw(x, baseline, text, PLAIN if digits else Style(HEITI, SIZE_3))

    def letter_header(self, doc: Document) -> None:
        """信函格式: the mark 30 mm from the sheet's top, red double lines 170 mm long at
        4 mm under it and 20 mm above the foot, 文号 right and the other marks left under
        the first line (7/8 of a 三号 character below it), the title two lines lower.
        The first page carries no page number."""
        self.new_page()
        self.w.numbered = False
        self.letter = True
        bottom = self._organ_mark(letter_mark(doc), LETTER_MARK_TOP)
        line_y = bottom + RED_LINE_GAP
        self._double_line(line_y, thick_first=True)
        self._double_line(PAGE_H - LETTER_FOOT_LINE - LETTER_DOUBLE_H, thick_first=False)
        under = line_y + LETTER_DOUBLE_GAP + LETTER_THICK + LETTER_THIN + 7 / 8 * SIZE_3
        ascent = self.w.ascent(FANGSONG)
        marks = doc.header_marks()
        for n, mark in enumerate(marks):
            self._header_mark(mark, LEFT, under + n * LINE + ascent * SIZE_3,
                              mark == doc.copy_number)
        width = self.w.width(doc.number, PLAIN) - PLAIN.char_space
        self.w.draw(RIGHT - width, under + ascent * SIZE_3, doc.number, PLAIN)
        last_bottom = under + (max(len(marks), 1) - 1) * LINE + SIZE_3
        self.cursor = last_bottom + 2 * LINE

    def _double_line(self, y: float, thick_first: bool) -> None:
        """A red double line across 170 mm, centred on the sheet."""
        x0 = (PAGE_W - LETTER_LINE_W) / 2
        first, second = (LETTER_THICK, LETTER_THIN) if thick_first else (LETTER_THIN, LETTER_THICK)
        self.w.hline(x0, x0 + LETTER_LINE_W, y + first / 2, first, RED)
        self.w.hline(x0, x0 + LETTER_LINE_W, y + first + LETTER_DOUBLE_GAP + second / 2, second, RED)

    def _organ_mark(self, name: str, top: float = ORGAN_MARK_TOP) -> float:
        """Draw the red organ mark with its top at ``top``; returns the bottom of its characters."""
        size = SIZE_CHUHAO
        style = Style(XIAOBIAOSONG, size, color=RED)
        natural = self.w.width(name, style)
        scale = 100.0
        if natural > BLOCK_W:
            size = SIZE_XIAOCHU
            style = Style(XIAOBIAOSONG, size, color=RED)
            natural = self.w.width(name, style)
            scale = max(MIN_HORIZ_SCALE, 100.0 * BLOCK_W / natural)
            if natural * scale / 100 > BLOCK_W:
                size *= BLOCK_W / (natural * scale / 100)
            style = Style(XIAOBIAOSONG, size, color=RED, horiz_scale=scale)
        ascent = self.w.ascent(XIAOBIAOSONG)
        self._centred(name, style, top + ascent * size)
        return top + size

    def _centred(self, text: str, style: Style, baseline: float) -> None:
        width = self.w.width(text, style) - style.char_space * style.horiz_scale / 100
        self.w.draw(LEFT + (BLOCK_W - width) / 2, baseline, text, style)

    # Body part ---------------------------------------------------------------

    def title(self, title: str) -> None:
        style = Style(XIAOBIAOSONG, SIZE_2)
        for line in title_lines(title, self.w.measure(style), BLOCK_W):
            self._centred(line, style, self.baseline(self._next_slot(), SIZE_2))

    def paragraph(self, para: Paragraph) -> None:
        """Set one paragraph on the grid, justified, breaking pages between lines."""
        styles = [span.style for span in para.spans for _ in span.text]
        text = para.text
        measure = self.w.measure(para.spans[-1].style)
        first_room = BLOCK_W - para.first_indent - para.right_indent
        room = BLOCK_W - para.indent - para.right_indent
        lines = linebreak.break_paragraph(text, measure, room, first_room)
        position = text.find(lines[0]) if lines else 0
        for number, line in enumerate(lines):
            position = text.find(line, position)
            indent = para.first_indent if number == 0 else para.indent
            last = number == len(lines) - 1
            self._line(line, styles[position:position + len(line)], LEFT + indent,
                       (first_room if number == 0 else room) if para.justify and not last else None)
            position += len(line)

    def _line(self, line: str, styles: list[Style], x: float, justify_to: float | None) -> None:
        baseline = self.baseline(self._next_slot(), SIZE_3)
        runs = _runs(line, styles)
        natural = sum(self.w.width(text, style) for text, style in runs)
        extra = 0.0
        if justify_to is not None and len(line) > 1:
            extra = (justify_to - natural + runs[-1][1].char_space) / (len(line) - 1)
            if abs(extra) > CHAR / 2:
                extra = 0.0
        for text, style in runs:
            self.w.draw(x, baseline, text, style, char_space=style.char_space + extra)
            x += self.w.width(text, style) + extra * len(text)

    def attachment_notes(self, lines: list[str]) -> None:
        """附件说明: `附件：1.名称`, later numbers under the first, wrapped names under their first character."""
        label = self.w.width("附件：", BODY)
        for line in lines:
            name = line.removeprefix("附件：")
            number = ANNEX_NUMBER.match(name)
            prefix = self.w.width(number.group(), BODY) if number else 0.0
            indent = 2 * CHAR + label
            spans = [Span(("附件：" if line.startswith("附件：") else "") + name, BODY)]
            first = 2 * CHAR if line.startswith("附件：") else indent
            self.paragraph(Paragraph(spans, first_indent=first, indent=indent + prefix,
                                     justify=False))

    def signature(self, doc: Document) -> None:
        """署名 and 成文日期; a joint document's organs stand one per line above the date."""
        date_style = PLAIN
        names = doc.signatures
        date_w = self.w.width(doc.date, date_style)
        sig_w = max((self.w.width(name, BODY) for name in names), default=0.0)
        if doc.with_seal:
            gap = 3
            date_x = RIGHT - 4 * CHAR - date_w
            xs = [date_x + (date_w - self.w.width(name, BODY)) / 2 for name in names]
        else:
            gap = 1
            sig_x = RIGHT - 2 * CHAR - sig_w
            date_x = sig_x + 2 * CHAR
            if date_x + date_w > RIGHT - 2 * CHAR + _EPS:
                date_x = RIGHT - 2 * CHAR - date_w
                sig_x = date_x - 2 * CHAR
            xs = [sig_x] * len(names)
        needed = gap + len(names) + 1 + (1 if doc.note else 0)
        if self.room() < needed:
            self.new_page()
        self.cursor += gap * LINE
        for name, x in zip(names, xs, strict=True):
            self.w.draw(x, self.baseline(self._next_slot(), SIZE_3), name, BODY)
        self.w.draw(date_x, self.baseline(self._next_slot(), SIZE_3), doc.date, date_style)
        if doc.note:
            self.paragraph(Paragraph([Span(doc.note, BODY)], justify=False))

    # End part (版记) ---------------------------------------------------------

    def imprint_lines(self, doc: Document) -> list[tuple[str, str]]:
        lines = []
        if doc.copy_to:
            copy_to = doc.copy_to if doc.copy_to.startswith("抄送") else f"抄送：{doc.copy_to}"
            lines.append(("copy", copy_to))
        if (doc.printer or doc.print_date) and not doc.is_letter:
            date = doc.print_date
            lines.append(("print", f"{doc.printer}\t{date}印发" if date else doc.printer))
        return lines

    def imprint(self, doc: Document) -> None:
        """版记 at the foot of an even page, its last rule on the text block's bottom edge."""
        entries = self.imprint_lines(doc)
        style = body_style(FANGSONG, SIZE_4)
        copy_lines: list[str] = []
        if any(kind == "copy" for kind, _ in entries):
            text = next(t for k, t in entries if k == "copy")
            label = self.w.width("抄送：", style)
            copy_lines = linebreak.break_paragraph(text, self.w.measure(style),
                                                   BLOCK_W - 2 * SIZE_4 - label,
                                                   BLOCK_W - 2 * SIZE_4)
        printing = next((t for k, t in entries if k == "print"), None)
        slots = len(copy_lines) + (1 if printing is not None else 0)
        needed_top = BOTTOM - slots * LINE
        fits = (not self.w.rotated and self.w.page_count % 2 == 0
                and self.cursor <= needed_top + _EPS)
        if not fits:
            if self.w.page_count % 2 == 1:
                self.w.new_page()
            else:
                self.w.new_page(numbered=False)
                self.w.new_page(numbered=False)
        y = needed_top
        rules = not self.letter
        if rules:
            self.w.hline(LEFT, RIGHT, y, THICK_RULE)
        if copy_lines:
            label = self.w.width("抄送：", style)
            for number, line in enumerate(copy_lines):
                x = LEFT + SIZE_4 + (label if number else 0.0)
                self.w.draw(x, self.baseline(y, SIZE_4), line, style)
                y += LINE
            if printing is not None and rules:
                self.w.hline(LEFT, RIGHT, y, THIN_RULE)
        if printing is not None:
            organ, _, date = printing.partition("\t")
            self.w.draw(LEFT + SIZE_4, self.baseline(y, SIZE_4), organ, style)
            if date:
                width = self.w.width(date, style) - style.char_space
                self.w.draw(RIGHT - SIZE_4 - width, self.baseline(y, SIZE_4), date, style)
            y += LINE
        if rules:
            self.w.hline(LEFT, RIGHT, BOTTOM, THICK_RULE)


def letter_mark(doc: Document) -> str:
    """A 函's mark is the (lead) organ's name: the first of a joint document's, without 文件."""
    name = (doc.organ_marks or doc.signatures[:1] or [""])[0]
    return name.removesuffix("文件") or name


def _runs(line: str, styles: list[Style]) -> list[tuple[str, Style]]:
    runs: list[tuple[str, Style]] = []
    for char, style in zip(line, styles, strict=True):
        if runs and runs[-1][1] is style:
            runs[-1] = (runs[-1][0] + char, style)
        else:
            runs.append((char, style))
    return runs


def write_notice(doc: Document, fonts: FontSet, out: Path,
                 progress: Progress | None = None) -> int:
    """Render the document and its annexes to ``out``; returns the page count."""
    writer = PageWriter(fonts, title=doc.title)
    layout = NoticeLayout(writer)
    layout.header(doc)
    layout.title(doc.title)
    if doc.recipients:
        layout.blank()
        layout.paragraph(Paragraph([Span(doc.recipients, BODY)], first_indent=0.0))
    for text in doc.body_paragraphs():
        layout.paragraph(body_paragraph(text))
    notes = doc.attachment_lines()
    if notes:
        layout.blank()
        layout.attachment_notes(notes)
    layout.signature(doc)
    tables: list[TableSpec] = [annex_table(annex, n if len(doc.annexes) > 1 else None)
                               for n, annex in enumerate(doc.annexes, start=1)]
    draw_tables(writer, tables, progress)
    if layout.imprint_lines(doc):
        layout.imprint(doc)
    return writer.save(out)


__all__ = ["PAGE_W", "NoticeLayout", "body_paragraph", "write_notice"]
