"""A notice and its annexes as a .docx that prints to GB/T 9704-2012 like the PDF.

The clerk keeps editing this file in Word or WPS, so the layout lives in
what Word itself understands rather than in absolute positions. The
standard's 22 lines × 28 characters come from exact 29 pt lines and 三号
characters set 0.25 pt tight, not from a document grid (文档网格): with a grid
LibreOffice moves the whole text block 5 mm down (it reserves ruby space),
so the two programs would print differently. Empty lines make the
standard's blank lines, the red line is the 文号 paragraph's border, each
annex is a landscape section whose table repeats its header row, and the
page numbers are PAGE fields in odd and even footers. The header part is
set in paragraphs of exact height so the organ mark and the red line land
at the standard's distances. Every place is the PDF's (app.pdf.notice), so
the two print the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.section import Section
from docx.shared import Pt, RGBColor, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from app.domain.documents import Annex, Document
from app.paths import write_beside
from app.pdf import linebreak
from app.pdf.fonts import FANGSONG, HEITI, KAITI, OFFICIAL, SONGTI, XIAOBIAOSONG
from app.pdf.notice import (
    ANNEX_NUMBER,
    HEADING_1,
    HEADING_2,
    JOINT_MARK_GAP,
    LETTER_DOUBLE_H,
    LETTER_FOOT_LINE,
    LETTER_LINE_W,
    LETTER_MARK_TOP,
    LETTER_THICK,
    LETTER_THIN,
    RED_LINE_GAP,
    RED_LINE_WIDTH,
    THICK_RULE,
    THIN_RULE,
    letter_mark,
)
from app.pdf.page import (
    BLOCK_H,
    BLOCK_W,
    CHAR,
    LEFT,
    LINE,
    LINES_PER_PAGE,
    MM,
    PAGE_H,
    PAGE_W,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SIZE_CHUHAO,
    SIZE_XIAO2,
    SIZE_XIAOCHU,
    TOP,
)
from app.pdf.table import LEADING, PAD_X, PAD_Y, T_LEFT, T_TOP, T_WIDTH, TableSpec, annex_table
from app.pdf.titles import title_lines
from app.pdf.widths import content_widths
from app.progress import Progress, report
from app.storage.errors import UserError
from app.word import ooxml

RED = RGBColor(0xFF, 0x00, 0x00)
RED_HEX = "FF0000"
LETTER_LINE_X = (PAGE_W - LETTER_LINE_W) / 2  # the double lines' left end on the sheet
ORGAN_MARK_GAP = 35 * MM
FOOTER_DISTANCE = 23 * MM
# 三号 characters set 0.25 pt tighter so 28 of them fill the 156 mm line (the grid's 字距).
BODY_CONDENSE = -0.25
# The mark's top is its em box's (ascent ~0.88 em above the baseline); an exact
# line puts the baseline 0.8 of the line below its top.
MARK_RAISE = (0.8 - 0.88) * SIZE_CHUHAO
EXACT_BASELINE_DROP = 0.8 * LINE - (LINE / 2 + 0.38 * SIZE_3)
# 29 pt rounded down to whole twips, so 22 lines never overflow the 225 mm block.
LINE_HEIGHT = Twips(int(LINE * 20))
GRID_LINE_WIDTH = 0.5
CELL_SLACK = 0.5  # pt: cell edges land on a twip grid; a text exactly as wide as its cell wraps
# Landscape text block: the portrait 版心 turned with the sheet (app.pdf.table).
LANDSCAPE_MARGINS = (T_TOP, T_LEFT, PAGE_W - T_TOP - 156 * MM, PAGE_H - T_LEFT - T_WIDTH)


def font_name(role: str) -> str:
    """The face as the standard names it (方正小标宋简体, 仿宋_GB2312 …)."""
    return OFFICIAL[role].name


def text_width(text: str, size: float) -> float:
    """Width of a line set on the grid: full-width characters one size wide, others half."""
    return sum(size if ord(c) > 0x2E7F else size / 2 for c in text)


@dataclass(frozen=True)
class WordResult:
    path: Path
    sections: int
    annexes: int


class NoticeDocx:
    """Builds the .docx element by element, in the order of the printed notice."""

    def __init__(self, progress: Progress | None = None, rows: int = 0) -> None:
        """`progress` hears of every 25 annex rows of the `rows` the notice has."""
        self.progress, self.rows, self.done = progress, rows, 0
        self.d = docx.Document()
        self.d.settings.odd_and_even_pages_header_footer = True
        self._boxes = 0
        self._defaults()
        body = self.d.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self._portrait(self.d.sections[0])

    # Page setup ----------------------------------------------------------------

    def _defaults(self) -> None:
        normal = self.d.styles["Normal"]
        normal.font.size = Pt(SIZE_3)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attr}"), font_name(FANGSONG))
        fmt = normal.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.widow_control = False
        # Every line one slot of the 22-line grid, whatever the face's own height:
        # Word and LibreOffice then agree line for line.
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_HEIGHT
        ppr = normal.element.get_or_add_pPr()
        ooxml.set_child(ppr, "w:snapToGrid", val="0")
        # No automatic space between Chinese and Latin/digits: the standard sets them solid.
        ooxml.set_child(ppr, "w:autoSpaceDE", val="0")
        ooxml.set_child(ppr, "w:autoSpaceDN", val="0")
        ooxml._order_ppr(ppr)

    def _portrait(self, section: Section) -> None:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Pt(PAGE_W), Pt(PAGE_H)
        section.top_margin = Pt(TOP)
        section.left_margin = Pt(LEFT)
        section.right_margin = Pt(PAGE_W - LEFT - BLOCK_W)
        section.bottom_margin = Pt(PAGE_H - TOP - BLOCK_H)
        section.header_distance = Pt(15 * MM)
        section.footer_distance = Pt(FOOTER_DISTANCE)
        section.gutter = Pt(0)
        ooxml.line_pitch(section._sectPr, LINE)
        self._portrait_footers(section)

    def _landscape(self, section: Section) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Pt(PAGE_H), Pt(PAGE_W)
        top, left, bottom, right = LANDSCAPE_MARGINS
        section.top_margin, section.left_margin = Pt(top), Pt(left)
        section.bottom_margin, section.right_margin = Pt(bottom), Pt(right)
        section.header_distance = Pt(10 * MM)
        section.footer_distance = Pt(10 * MM)
        ooxml.line_pitch(section._sectPr, LINE)
        self._landscape_footers(section)

    # Page numbers --------------------------------------------------------------

    def _portrait_footers(self, section: Section) -> None:
        """`— N —` in 四号宋体: odd pages right, even left, one character in."""
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0]
            for child in list(para._p):
                para._p.remove(child)
            fmt = para.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
            if odd:
                fmt.right_indent = Pt(SIZE_4)
            else:
                fmt.left_indent = Pt(SIZE_4)
            self._exact(para, SIZE_4)
            self._page_number_runs(para)

    def _page_number_runs(self, para: Paragraph) -> None:
        runs = [para.add_run("— "), *ooxml.page_field(para), para.add_run(" —")]
        for run in runs:
            ooxml.run_fonts(run, font_name(SONGTI))
            run.font.size = Pt(SIZE_4)

    def _landscape_footers(self, section: Section) -> None:
        """The number where the portrait sheet has it: a turned text box at the page's left edge.

        Turned back to portrait (the table's top to the binding edge), the
        box's text reads `— N —` at the foot of the sheet, right on odd
        pages and left on even ones, exactly as on the portrait pages.
        """
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0]
            for child in list(para._p):
                para._p.remove(child)
            self._boxes += 1
            inner = self._number_paragraph_xml(odd)
            # Portrait foot: the dashes' top 7 mm under the block is this far from the
            # landscape page's left edge; the turned text's top hugs the box's right side.
            depth = PAGE_H - (TOP + BLOCK_H + 7 * MM)
            ooxml.append_xml(para, ooxml.rotated_box(depth, BLOCK_W, inner, self._boxes))

    @staticmethod
    def _number_paragraph_xml(odd: bool) -> str:
        """The number's paragraph inside the turned box.

        The box is centred on the sheet (the portrait block is 1 mm right of
        centre), so the one-character indents are corrected by that millimetre.
        """
        font = escape(font_name(SONGTI), {'"': "&quot;"})
        rpr = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" '
               f'w:cs="{font}" w:hint="eastAsia"/><w:sz w:val="{round(SIZE_4 * 2)}"/></w:rPr>')
        shift = LEFT + BLOCK_W / 2 - PAGE_W / 2
        indent = ooxml.twips(SIZE_4 - shift if odd else SIZE_4 + shift)
        ind = f'<w:ind w:right="{indent}"/>' if odd else f'<w:ind w:left="{indent}"/>'
        ppr = (f'<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="{ooxml.twips(SIZE_4)}" '
               f'w:lineRule="exact"/>{ind}<w:jc w:val="{"right" if odd else "left"}"/></w:pPr>')
        return (f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r>{rpr}<w:t>1</w:t></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
                f'<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r></w:p>')

    # Paragraphs ----------------------------------------------------------------

    def para(self, text: str = "", role: str = FANGSONG, size: float = SIZE_3, *,
             align: WD_ALIGN_PARAGRAPH | None = None, first: float = 0.0, left: float = 0.0,
             right: float = 0.0, color: RGBColor | None = None, scale: int = 100) -> Paragraph:
        para = self.d.add_paragraph()
        fmt = para.paragraph_format
        if align is not None:
            fmt.alignment = align
        if first:
            fmt.first_line_indent = Pt(first)
        if left:
            fmt.left_indent = Pt(left)
        if right:
            fmt.right_indent = Pt(right)
        if text:
            self.run(para, text, role, size, color, scale)
        return para

    @staticmethod
    def run(para: Paragraph, text: str, role: str, size: float = SIZE_3,
            color: RGBColor | None = None, scale: int = 100) -> None:
        parts = text.split("\n")
        for number, part in enumerate(parts):
            run = para.add_run(part)
            ooxml.run_fonts(run, font_name(role))
            run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = color
            if scale != 100:
                ooxml.horizontal_scale(run, scale)
            if size == SIZE_3:
                ooxml.condense(run, BODY_CONDENSE)
            if number < len(parts) - 1:
                run.add_break()

    @staticmethod
    def _exact(para: Paragraph, height: float, before: float = 0.0, after: float = 0.0) -> None:
        """A line of its own fixed height, off the grid (header part, tables, 版记)."""
        ooxml.no_grid(para)
        fmt = para.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_HEIGHT if height == LINE else Pt(height)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        ooxml.order_ppr(para)

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self.para()

    # Header part ---------------------------------------------------------------

    def header(self, doc: Document) -> None:
        marks = doc.header_marks()
        for text in marks:
            para = self.para(text, FANGSONG if text == doc.copy_number else HEITI)
            self._exact(para, LINE)
        # The organ mark stays 35 mm into the block whatever stands above it.
        before = ORGAN_MARK_GAP - MARK_RAISE - len(marks) * LINE
        for name in doc.organ_marks or doc.signatures[:1] or [""]:
            self._organ_mark(name, before)
            before = JOINT_MARK_GAP
        if doc.signer:
            number = self.para(doc.number, left=CHAR)
            number.paragraph_format.tab_stops.add_tab_stop(Pt(BLOCK_W - CHAR), WD_TAB_ALIGNMENT.RIGHT)
            self.run(number, "\t签发人：", FANGSONG)
            self.run(number, doc.signer.strip(), KAITI)
        else:
            number = self.para(doc.number, align=WD_ALIGN_PARAGRAPH.CENTER)
        # An exact line puts the baseline 4/5 down (Word and LibreOffice alike); the
        # standard's grid centres it, 2.6 pt higher.
        self._exact(number, LINE, before=2 * LINE - 2 * EXACT_BASELINE_DROP)
        # 4 mm from the characters' foot to the rule: the foot is ~4 pt above the line's bottom.
        ooxml.bottom_border(number, RED_LINE_WIDTH, round(RED_LINE_GAP - (0.2 * LINE - 0.12 * SIZE_3)),
                            RED_HEX)

    def letter_header(self, doc: Document) -> float:
        """信函格式 on page 1: the mark 30 mm from the sheet's top and the red double lines
        (170 mm) as shapes in the first page's header, 文号 right and the other marks left
        under the first line; page 1 has no number. Returns the gap to leave before the title.
        """
        section = self.d.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
        head = section.first_page_header
        head.is_linked_to_previous = False
        name = letter_mark(doc)
        size, scale = SIZE_CHUHAO, 100
        if text_width(name, size) > BLOCK_W:
            size = SIZE_XIAOCHU
            scale = max(50, int(100 * BLOCK_W / text_width(name, size)))
        # The mark is the first page's header: an exact line sets the em box's top
        # 0.08 em above the line's top, so the header starts that much lower.
        header_top = LETTER_MARK_TOP + (0.88 - 0.8) * size
        section.header_distance = Pt(header_top)
        mark = head.paragraphs[0]
        self.run(mark, name, XIAOBIAOSONG, size, RED, scale)
        mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._exact(mark, size)
        # The red double lines run 170 mm, centred on the sheet: wider than the block.
        outside_left, outside_right = LEFT - LETTER_LINE_X, PAGE_W - LEFT - BLOCK_W - LETTER_LINE_X
        mark.paragraph_format.left_indent = Pt(-outside_left)
        mark.paragraph_format.right_indent = Pt(-outside_right)
        # 4 mm from the characters' foot (0.92 em down the line) to the double line.
        ooxml.double_border(mark, "bottom", LETTER_THICK, LETTER_THIN,
                            round(RED_LINE_GAP - 0.08 * size), RED_HEX)
        # The foot's double line: the first page's footer, 20 mm above the sheet's foot.
        section.footer_distance = Pt(LETTER_FOOT_LINE)
        foot = section.first_page_footer.paragraphs[0]
        self._exact(foot, 1)
        foot.paragraph_format.left_indent = Pt(-outside_left)
        foot.paragraph_format.right_indent = Pt(-outside_right)
        ooxml.double_border(foot, "bottom", LETTER_THIN, LETTER_THICK, 0, RED_HEX)
        self._letter_numbers(section)
        header_bottom = header_top + size + RED_LINE_GAP - 0.08 * size + LETTER_DOUBLE_H
        line_y = LETTER_MARK_TOP + size + RED_LINE_GAP
        under = line_y + LETTER_DOUBLE_H + 7 / 8 * SIZE_3
        line_top = under + 0.88 * SIZE_3 - 0.8 * LINE
        marks = doc.header_marks() or [""]
        for n, text in enumerate(marks):
            role = FANGSONG if text == doc.copy_number else HEITI
            para = self.para(text, role)
            if n == 0:
                para.paragraph_format.tab_stops.add_tab_stop(Pt(BLOCK_W), WD_TAB_ALIGNMENT.RIGHT)
                self.run(para, "\t" + doc.number, FANGSONG)
            self._exact(para, LINE, before=line_top - max(TOP, header_bottom) if n == 0 else 0.0)
        last_bottom = under + (len(marks) - 1) * LINE + SIZE_3
        return last_bottom + 2 * LINE - (line_top + len(marks) * LINE)

    @staticmethod
    def _letter_numbers(section: Section) -> None:
        """The 函's footer sits 20 mm up for its double line; page numbers keep their place."""
        for footer in (section.footer, section.even_page_footer):
            para = footer.paragraphs[0]
            para.paragraph_format.space_after = Pt(FOOTER_DISTANCE - LETTER_FOOT_LINE)

    def _organ_mark(self, name: str, before: float) -> None:
        """One organ's red mark, 初号 or compressed to the block's width."""
        size, scale = SIZE_CHUHAO, 100
        if text_width(name, size) > BLOCK_W:
            size = SIZE_XIAOCHU
            scale = max(50, int(100 * BLOCK_W / text_width(name, size)))
        mark = self.para(name, XIAOBIAOSONG, size, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED,
                         scale=scale)
        self._exact(mark, size, before=before)

    # Body part -----------------------------------------------------------------

    def title(self, title: str, gap: float = 2 * LINE - RED_LINE_WIDTH) -> None:
        spacer = self.para()
        self._exact(spacer, gap)
        lines = title_lines(title, lambda t: text_width(t, SIZE_2), BLOCK_W)
        para = self.para("\n".join(lines), XIAOBIAOSONG, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._exact(para, LINE)

    def recipients(self, text: str) -> None:
        self.blank()
        self.para(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    def body(self, paragraphs: Sequence[str]) -> None:
        for text in paragraphs:
            para = self.para(align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=2 * CHAR)
            if HEADING_1.match(text):
                self.run(para, text, HEITI)
            elif HEADING_2.match(text):
                end = text.find("。")
                head, rest = (text, "") if end < 0 else (text[:end + 1], text[end + 1:])
                self.run(para, head, KAITI)
                if rest:
                    self.run(para, rest, FANGSONG)
            else:
                self.run(para, text, FANGSONG)

    def attachment_notes(self, lines: Sequence[str]) -> None:
        """附件说明: later numbers under the first name, wrapped names under their own first character."""
        self.blank()
        label = text_width("附件：", SIZE_3)
        for line in lines:
            name = line.removeprefix("附件：")
            number = ANNEX_NUMBER.match(name)
            prefix = text_width(number.group(), SIZE_3) if number else 0.0
            hang = 2 * CHAR + label + prefix
            first = 2 * CHAR if line.startswith("附件：") else 2 * CHAR + label
            para = self.para(line)
            fmt = para.paragraph_format
            fmt.left_indent = Pt(hang)
            fmt.first_line_indent = Pt(first - hang)

    def signature(self, doc: Document) -> None:
        """署名 and 成文日期; a joint document's organs one per line above the date."""
        names = doc.signatures or [""]
        sig_w = max(text_width(name, SIZE_3) for name in names)
        date_w = text_width(doc.date, SIZE_3)
        if doc.with_seal:
            self.blank(3)
            date_right = 4 * CHAR
            signatures = [self.para(name, align=WD_ALIGN_PARAGRAPH.RIGHT,
                                    right=date_right + (date_w - text_width(name, SIZE_3)) / 2)
                          for name in names]
            date = self.para(doc.date, align=WD_ALIGN_PARAGRAPH.RIGHT, right=date_right)
        else:
            self.blank()
            sig_x = BLOCK_W - 2 * CHAR - sig_w
            date_x = sig_x + 2 * CHAR
            if date_x + date_w > BLOCK_W - 2 * CHAR:
                date_x = BLOCK_W - 2 * CHAR - date_w
                sig_x = date_x - 2 * CHAR
            signatures = [self.para(name, left=sig_x) for name in names]
            date = self.para(doc.date, left=date_x)
        for para in signatures:
            para.paragraph_format.keep_with_next = True
        if doc.note:
            date.paragraph_format.keep_with_next = True
            self.para(doc.note, first=2 * CHAR)

    # Annexes -------------------------------------------------------------------

    def annex(self, annex: Annex, number: int | None) -> None:
        section = self.d.add_section(WD_SECTION.NEW_PAGE)
        self._landscape(section)
        spec = annex_table(annex, number)
        label = self.para(spec.label, HEITI)
        self._exact(label, LINE)
        spacer = self.para()
        self._exact(spacer, LINE)
        size = SIZE_2 if text_width(spec.title, SIZE_2) <= T_WIDTH else SIZE_XIAO2
        lines = title_lines(spec.title, lambda t: text_width(t, size), T_WIDTH)
        title = self.para("\n".join(lines), XIAOBIAOSONG, size, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._exact(title, LINE, after=LINE / 3)
        self._table(spec)

    def _table(self, spec: TableSpec) -> None:
        columns = spec.columns
        cells = [[text if n not in row.merged else "" for n, text in enumerate(row.cells)]
                 for row in spec.rows]
        measure = partial(text_width, size=SIZE_5)
        widths = content_widths([c.header for c in columns], [c.weight for c in columns], cells,
                                measure, measure, T_WIDTH, 2 * PAD_X + CELL_SLACK, SIZE_5)
        table = self.d.add_table(rows=1 + len(spec.rows), cols=len(columns))
        _table_frame(table, widths)
        header = table.rows[0]
        ooxml.repeat_header(header)
        for n, column in enumerate(columns):
            self._cell(header.cells[n], column.header, HEITI, centred=True)
        for r, row in enumerate(spec.rows, start=1):
            next_row = spec.rows[r] if r < len(spec.rows) else None
            cells = table.rows[r].cells
            for n, text in enumerate(row.cells):
                tc = cells[n]._tc
                if n in row.merged:
                    _vmerge(tc, "continue")
                    continue
                if next_row is not None and n in next_row.merged:
                    _vmerge(tc, "restart")
                self._cell(cells[n], text, FANGSONG, centred=columns[n].centred)
            self.done += 1
            if self.done % 25 == 0 or self.done == self.rows:
                report(self.progress, self.done, self.rows)

    def _cell(self, cell: _Cell, text: str, role: str, centred: bool) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paras = text.split("\n") if text else [""]
        first = cell.paragraphs[0]
        for n, line in enumerate(paras):
            para = first if n == 0 else cell.add_paragraph()
            if line:
                self.run(para, line, role, SIZE_5)
            para.paragraph_format.alignment = (WD_ALIGN_PARAGRAPH.CENTER if centred
                                               else WD_ALIGN_PARAGRAPH.LEFT)
            self._exact(para, LEADING)

    # End part (版记) -----------------------------------------------------------

    def imprint(self, doc: Document) -> None:
        """版记 in a section of its own starting on an even page, at the text block's foot.

        It is a one-column table, as county templates have it: thick rules
        above and below, thin ones between. Empty lines above it fill the page
        so its last rule is the block's bottom edge (LibreOffice does not float
        a full-width table, so a floating position would not print the same).
        """
        section = self.d.add_section(WD_SECTION.EVEN_PAGE)
        self._portrait(section)
        lines: list[tuple[str, str]] = []
        if doc.copy_to:
            lines.append(("copy", doc.copy_to if doc.copy_to.startswith("抄送")
                          else f"抄送：{doc.copy_to}"))
        if (doc.printer or doc.print_date) and not doc.is_letter:
            lines.append(("print", doc.printer))
        label = text_width("抄送：", SIZE_4)
        heights = [len(linebreak.break_paragraph(
            text, lambda t: text_width(t, SIZE_4), BLOCK_W - 2 * SIZE_4 - label,
            BLOCK_W - 2 * SIZE_4)) if kind == "copy" else 1 for kind, text in lines]
        self.blank(LINES_PER_PAGE - sum(heights))
        table = self.d.add_table(rows=len(lines), cols=1)
        _imprint_frame(table, rules=not doc.is_letter)
        for row, (kind, text), height in zip(table.rows, lines, heights, strict=True):
            row.height = Pt(height * LINE)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            para = row.cells[0].paragraphs[0]
            self.run(para, text, FANGSONG, SIZE_4)
            fmt = para.paragraph_format
            fmt.left_indent = Pt(SIZE_4 + (label if kind == "copy" else 0.0))
            if kind == "copy":
                fmt.right_indent = Pt(SIZE_4)
                fmt.first_line_indent = Pt(-label)
                fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            elif doc.print_date:
                fmt.tab_stops.add_tab_stop(Pt(BLOCK_W - SIZE_4), WD_TAB_ALIGNMENT.RIGHT)
                self.run(para, f"\t{doc.print_date}印发", FANGSONG, SIZE_4)
            self._exact(para, LINE)
        # The section must end with a paragraph; a hair high, it never adds a page.
        tail = self.para()
        self._exact(tail, 0.5)

    # Output --------------------------------------------------------------------

    def save(self, out: Path) -> None:
        """Write the file; a half-written .docx never replaces an older good one."""
        self.d.core_properties.title = self._title
        write_beside(out, lambda temp: self.d.save(str(temp)))

    _title = ""


def _vmerge(tc: CT_Tc, value: str) -> None:
    tcpr: _Element = tc.get_or_add_tcPr()
    merge = OxmlElement("w:vMerge")
    if value == "restart":
        merge.set(qn("w:val"), "restart")
    tcw = tcpr.find(qn("w:tcW"))
    if tcw is not None:
        tcw.addnext(merge)
    else:
        tcpr.insert(0, merge)


def _table_frame(table: Table, widths: Sequence[float]) -> None:
    """Fixed column widths, thin black grid, the cell padding of the PDF's tables."""
    table.autofit = False
    tbl = table._tbl
    tblpr: _Element = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", str(round(GRID_LINE_WIDTH * 8))),
                           ("space", "0"), ("color", "000000")):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    margins = OxmlElement("w:tblCellMar")
    for edge, pad in (("top", PAD_Y), ("left", PAD_X), ("bottom", PAD_Y), ("right", PAD_X)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(ooxml.twips(pad)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(ooxml.twips(sum(widths))))
    width.set(qn("w:type"), "dxa")
    for old in [tblpr.find(qn(f"w:{t}")) for t in ("tblW", "tblBorders", "tblLayout", "tblCellMar")]:
        if old is not None:
            tblpr.remove(old)
    style = tblpr.find(qn("w:tblStyle"))
    anchor = style if style is not None else None
    for el in (width, borders, layout, margins):
        if anchor is None:
            tblpr.insert(0, el)
        else:
            anchor.addnext(el)
        anchor = el
    for n, col in enumerate(tbl.tblGrid.gridCol_lst):
        col.w = Pt(widths[n])
    for row in table.rows:
        for n, cell in enumerate(row.cells):
            cell.width = Pt(widths[n])


def _imprint_frame(table: Table, rules: bool = True) -> None:
    """Full block width, rules only across: 0.35 mm outer, 0.25 mm between (none for a 函)."""
    tblpr: _Element = table._tbl.tblPr
    for tag in ("tblStyle", "tblW", "tblBorders", "tblLayout", "tblCellMar", "tblLook"):
        for old in tblpr.findall(qn(f"w:{tag}")):
            tblpr.remove(old)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(ooxml.twips(BLOCK_W)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge, size in (("top", THICK_RULE), ("left", 0.0), ("bottom", THICK_RULE), ("right", 0.0),
                       ("insideH", THIN_RULE), ("insideV", 0.0)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if size and rules else "nil")
        if size and rules:
            el.set(qn("w:sz"), str(round(size * 8)))  # eighths of a point
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    for position, el in enumerate((width, borders, layout, margins)):
        tblpr.insert(position, el)
    table._tbl.tblGrid.gridCol_lst[0].w = Pt(BLOCK_W)
    for row in table.rows:
        row.cells[0].width = Pt(BLOCK_W)


def write_docx(doc: Document, out: Path, annex: int | None = None,
               progress: Progress | None = None) -> WordResult:
    """The notice (or only annex ``annex``) as a .docx at ``out``."""
    if annex is not None and not 1 <= annex <= len(doc.annexes):
        raise UserError(f"文件“{doc.number}”只有{len(doc.annexes)}个附件，没有附件{annex}。")
    annexes = doc.annexes if annex is None else [doc.annexes[annex - 1]]
    builder = NoticeDocx(progress, sum(len(a.rows) for a in annexes))
    builder._title = doc.title
    numbered = len(doc.annexes) > 1
    if annex is not None:
        chosen = doc.annexes[annex - 1]
        builder.annex(chosen, annex if numbered else None)
        _drop_first_section(builder)
        builder.save(out)
        return WordResult(out, len(builder.d.sections), 1)
    if doc.is_letter:
        builder.title(doc.title, builder.letter_header(doc))
    else:
        builder.header(doc)
        builder.title(doc.title)
    if doc.recipients:
        builder.recipients(doc.recipients)
    builder.body(doc.body_paragraphs())
    notes = doc.attachment_lines()
    if notes:
        builder.attachment_notes(notes)
    builder.signature(doc)
    for n, item in enumerate(doc.annexes, start=1):
        builder.annex(item, n if numbered else None)
    if doc.copy_to or doc.printer or doc.print_date:
        builder.imprint(doc)
    builder.save(out)
    return WordResult(out, len(builder.d.sections), len(doc.annexes))


def _drop_first_section(builder: NoticeDocx) -> None:
    """A lone annex: the empty portrait section before it goes."""
    body = builder.d.element.body
    first = next(p for p in body.iterchildren(qn("w:p"))
                 if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    body.remove(first)
