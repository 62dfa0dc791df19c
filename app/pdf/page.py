"""The GB/T 9704 page: text block geometry, text drawing, page numbers, rotated table pages.

Coordinates handed to this module are in points measured *down from the top*
of the page, as the standard states its distances; conversion to PDF's
bottom-up space happens here only.

Landscape tables (横排表格): every page of the PDF keeps the portrait A4
MediaBox, so the page number is drawn where it stands on every other sheet
(bottom of the portrait sheet, odd right, even left) and duplex printing and
binding come out right. The table itself is drawn rotated 90° so that its top
faces the sheet's left edge, as the standard asks, and the page carries
/Rotate 90 so viewers show it upright as a landscape page; printing with
"auto-rotate" puts it back on portrait paper with the number at the bottom.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.paths import write_beside
from app.pdf.fonts import SONGTI, FontSet

# ASCII85 only matters for 7-bit mail transport; it made page streams a quarter
# larger and, in pure Python, took a third of the time a long table took to write.
rl_config.useA85 = 0

MM = 72 / 25.4
PAGE_W = 210 * MM
PAGE_H = 297 * MM
TOP = 37 * MM
LEFT = 28 * MM
BLOCK_W = 156 * MM
BLOCK_H = 225 * MM
BOTTOM = TOP + BLOCK_H
RIGHT = LEFT + BLOCK_W
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE = BLOCK_H / LINES_PER_PAGE
CHAR = BLOCK_W / CHARS_PER_LINE

SIZE_CHUHAO = 42.0
SIZE_XIAOCHU = 36.0
SIZE_2 = 22.0
SIZE_XIAO2 = 18.0
SIZE_3 = 16.0
SIZE_4 = 14.0
SIZE_5 = 10.5

# Red of at least Y80% M80% as the standard's print spec asks; CMYK so that the
# print shop's red is what comes out.
RED = CMYKColor(0, 1, 1, 0)
PAGE_NUMBER_GAP = 7 * MM
EMBOLDEN_STROKE = 0.035  # of the font size: how much a light stand-in is thickened


@dataclass(frozen=True)
class Style:
    role: str
    size: float
    char_space: float = 0.0
    color: Color = black
    horiz_scale: float = 100.0


def body_style(role: str, size: float = SIZE_3) -> Style:
    """Text on the 28-character grid: characters a little tighter than their size."""
    return Style(role, size, char_space=CHAR * size / SIZE_3 - size)


class PageWriter:
    """A ReportLab canvas that knows portrait, rotated-table and blank pages."""

    def __init__(self, fonts: FontSet, title: str = "") -> None:
        self.fonts = fonts
        # In memory until saved (ReportLab keeps the pages there anyway): nothing on disk to
        # clean up when a print fails or is cancelled.
        self._pdf = io.BytesIO()
        # The initial font must be an embedded one: ReportLab otherwise names
        # Helvetica in every page, which pdffonts reports as not embedded.
        # (types-reportlab types initialFontName as a number; ReportLab takes a font name.)
        self.canvas = Canvas(self._pdf, pagesize=(PAGE_W, PAGE_H), pageCompression=1,
                             initialFontName=fonts[SONGTI].registered_name)  # type: ignore[arg-type]
        self.canvas.setTitle(title)
        self.canvas.setCreator("权责清单管理")
        self.page_count = 0
        self.rotated = False
        self.numbered = True
        self._open = False
        self._widths: dict[str, dict[str, float]] = {}
        self._short_widths: dict[tuple[str, float, float, float], dict[str, float]] = {}

    # Pages -----------------------------------------------------------------

    def new_page(self, rotated: bool = False, numbered: bool = True) -> None:
        if self._open:
            self._finish_page()
        self.page_count += 1
        self._open = True
        self.rotated = rotated
        self.numbered = numbered
        self.canvas.setPageRotation(90 if rotated else 0)
        # ReportLab swaps width and height into the MediaBox of a /Rotate 90
        # page; handing it the swapped size keeps the MediaBox portrait A4.
        self.canvas.setPageSize((PAGE_H, PAGE_W) if rotated else (PAGE_W, PAGE_H))
        if rotated:
            self.canvas.saveState()
            # Landscape (x', y' from the top-left of the turned sheet) onto the
            # portrait sheet: the table's top faces the sheet's left edge.
            self.canvas.translate(PAGE_W, 0)
            self.canvas.rotate(90)

    def _finish_page(self) -> None:
        if self.rotated:
            self.canvas.restoreState()
        if self.numbered:
            self._page_number()
        self.canvas.showPage()
        self._open = False

    def _page_number(self) -> None:
        text = f"— {self.page_count} —"
        style = Style(SONGTI, SIZE_4)
        width = self.width(text, style)
        indent = SIZE_4
        x = RIGHT - indent - width if self.page_count % 2 else LEFT + indent
        choice = self.fonts[SONGTI]
        ascent = self._ascent(choice.registered_name)
        self.draw(x, BOTTOM + PAGE_NUMBER_GAP + ascent * SIZE_4, text, style, portrait=True)

    def save(self, path: Path) -> int:
        """Write the file; a half-written PDF never replaces an older good one."""
        if self._open:
            self._finish_page()
        self.canvas.save()
        write_beside(path, lambda temp: temp.write_bytes(self._pdf.getvalue()))
        return self.page_count

    # Page geometry -----------------------------------------------------------

    @property
    def height_pt(self) -> float:
        return PAGE_W if self.rotated else PAGE_H

    # Text --------------------------------------------------------------------

    def ascent(self, role: str) -> float:
        return self._ascent(self.fonts[role].registered_name)

    @staticmethod
    def _ascent(font_name: str) -> float:
        # (types-reportlab's Font lacks the .face every ReportLab font has.)
        return float(pdfmetrics.getFont(font_name).face.ascent) / 1000  # type: ignore[attr-defined]

    def width(self, text: str, style: Style) -> float:
        """Advance width of a run as drawn, char spacing and compression included."""
        return self.measure(style)(text)

    def measure(self, style: Style) -> Callable[[str], float]:
        """A width function for one style; line breaking calls it for every character,
        so the font is looked up once and each character's advance is cached."""
        name = self.fonts[style.role].registered_name
        size, space, scale = style.size, style.char_space, style.horiz_scale / 100
        units = self._widths.setdefault(name, {})
        short = self._short_widths.setdefault((name, size, space, scale), {})

        def width(text: str) -> float:
            known = short.get(text)
            if known is not None:
                return known
            total = 0.0
            for char in text:
                unit = units.get(char)
                if unit is None:
                    unit = units[char] = pdfmetrics.stringWidth(char, name, 1000) / 1000
                total += unit
            result = (total * size + space * len(text)) * scale
            if len(text) <= 2:
                short[text] = result
            return result

        return width

    def draw(self, x: float, baseline: float, text: str, style: Style,
             char_space: float | None = None, portrait: bool = False) -> None:
        """Draw one run; y is the baseline measured down from the top of the page."""
        self.draw_runs([(x, baseline, text)], style, char_space, portrait)

    def draw_runs(self, runs: Sequence[tuple[float, float, str]], style: Style,
                  char_space: float | None = None, portrait: bool = False) -> None:
        """Draw many runs of one style as one text object (x, baseline, text each).

        Font, spacing and colour are set once instead of once per line: a
        1,000-row table has tens of thousands of lines, and those settings
        were most of the PDF's operators and of the time spent writing them.
        """
        runs = [run for run in runs if run[2]]
        if not runs:
            return
        choice = self.fonts[style.role]
        canvas = self.canvas
        height = PAGE_H if portrait else self.height_pt
        obj = canvas.beginText()
        obj.setFont(choice.registered_name, style.size)
        obj.setCharSpace(style.char_space if char_space is None else char_space)
        obj.setHorizScale(style.horiz_scale)
        obj.setFillColor(style.color)
        if choice.embolden:
            # Tr belongs to the graphics state and outlives the text object, so
            # the thickening is confined to a saved state.
            canvas.saveState()
            canvas.setStrokeColor(style.color)
            canvas.setLineWidth(style.size * EMBOLDEN_STROKE)
            obj.setTextRenderMode(2)
        for x, baseline, text in runs:
            obj.setTextOrigin(x, height - baseline)
            obj.textOut(text)
        canvas.drawText(obj)
        if choice.embolden:
            canvas.restoreState()

    def rules(self, segments: Sequence[tuple[float, float, float, float]], width: float,
              color: Color = black) -> None:
        """Straight lines (x0, y0, x1, y1, measured down from the top) in one path."""
        self.canvas.setStrokeColor(color)
        self.canvas.setLineWidth(width)
        height = self.height_pt
        self.canvas.lines([(x0, height - y0, x1, height - y1) for x0, y0, x1, y1 in segments])

    def hline(self, x0: float, x1: float, y: float, width: float, color: Color = black) -> None:
        self.canvas.setStrokeColor(color)
        self.canvas.setLineWidth(width)
        height = self.height_pt
        self.canvas.line(x0, height - y, x1, height - y)
