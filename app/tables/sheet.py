"""One table written to a worksheet so that it prints like the official annex.

Row heights are computed here because LibreOffice prints a wrapped cell in a
row of unset height at the default height, with long measures overlapping.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Protection, Side
from openpyxl.workbook import Workbook
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.layouts import Column
from app.progress import Progress, report
from app.tables.grid import column_letter

BODY_FONT = "仿宋_GB2312"  # xlsx names one font; 仿宋_GB2312 is on every Chinese office PC
HEAD_FONT = "黑体"
BODY_PT = 11
HEAD_PT = 11
TITLE_PT = 16
LABEL_PT = 12
LINE_FACTOR = 1.3
MAX_ROW_PT = 409
# A4 landscape, 1.5 cm side margins: 267 mm printable, about 1009 px at 96 dpi.
PRINTABLE_PX = 1009
FORMULA_STARTS = ("=", "+", "-", "@")
CENTRED = frozenset({"seq", "type", "department", "status", "status_date", "levels"})


@dataclass
class TableSpec:
    """What to write: a title block, columns, and the rows as field→text."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[dict[str, str]]
    label: str = ""
    merged: Sequence[Sequence[str]] = ()
    identities: Sequence[str] = ()
    editable: frozenset[str] = frozenset()
    protect: bool = False
    warnings: list[str] = field(default_factory=list)


def _border() -> Border:
    thin = Side(style="thin", color="000000")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def ensure_styles(wb: Workbook) -> None:
    """Named styles once per workbook: far cheaper than a Font object per cell."""
    if "qz_header" in wb.named_styles:
        return
    wrap_c = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap_l = Alignment(horizontal="left", vertical="center", wrap_text=True)
    body = Font(name=BODY_FONT, size=BODY_PT)
    for name, font, align, locked in (
        ("qz_header", Font(name=HEAD_FONT, size=HEAD_PT), wrap_c, True),
        ("qz_left", body, wrap_l, True),
        ("qz_centre", body, wrap_c, True),
        ("qz_left_open", body, wrap_l, False),
        ("qz_centre_open", body, wrap_c, False),
    ):
        wb.add_named_style(NamedStyle(name=name, font=font, alignment=align, border=_border(),
                                      protection=Protection(locked=locked)))
    wb.add_named_style(NamedStyle(name="qz_title", font=Font(name=HEAD_FONT, size=TITLE_PT),
                                  alignment=Alignment(horizontal="center", vertical="center",
                                                      wrap_text=True)))
    wb.add_named_style(NamedStyle(name="qz_label", font=Font(name=HEAD_FONT, size=LABEL_PT),
                                  alignment=Alignment(horizontal="left", vertical="center")))


def column_widths(columns: Sequence[Column]) -> list[float]:
    """Excel widths from the layout's weights, scaled to fill A4 landscape exactly."""
    budget = (PRINTABLE_PX - 5 * len(columns)) / 7 * 0.97
    total = sum(c.width for c in columns)
    return [round(c.width * budget / total, 1) for c in columns]


def text_lines(text: str, width: float, font_pt: float = BODY_PT) -> int:
    """Printed lines of `text` in a column `width` Excel units wide."""
    usable_px = width * 7 + 5 - 8
    em_px = font_pt * 96 / 72
    per_line = max(1.0, usable_px / em_px)
    lines = 0
    for paragraph in text.split("\n"):
        units = sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in paragraph)
        lines += max(1, math.ceil(units / per_line))
    return lines


def line_height(lines: int, font_pt: float = BODY_PT) -> float:
    return lines * font_pt * LINE_FACTOR + 6


def cell_value(text: str, key: str) -> int | str:
    if key == "seq" and text.isdigit() and not text.startswith("0"):
        return int(text)
    return text


def text_cell(ws: Worksheet, row: int, column: int, text: str) -> Cell:
    """A cell holding `text` as text, even when it starts like a formula (`=`, `+`, `-`, `@`)."""
    cell = ws.cell(row, column, text)
    cell.data_type = "s"
    return cell


def write_table(wb: Workbook, ws: Worksheet, spec: TableSpec,
                progress: Progress | None = None) -> int:
    """Write the table; returns the header row number."""
    ensure_styles(wb)
    offset = 1 if spec.identities else 0
    columns = list(spec.columns)
    widths = column_widths(columns)
    ncols = len(columns) + offset
    last_letter = column_letter(ncols - 1)
    row = 1
    if spec.label:
        text_cell(ws, row, 1 + offset, spec.label).style = "qz_label"
        ws.row_dimensions[row].height = 22
        row += 1
    text_cell(ws, row, 1 + offset, spec.title).style = "qz_title"
    ws.merge_cells(start_row=row, start_column=1 + offset, end_row=row, end_column=ncols)
    ws.row_dimensions[row].height = 36
    header = row + 1
    if offset:
        ws.cell(header, 1, "行标识").style = "qz_header"
        ws.column_dimensions["A"].width = 14
        ws.column_dimensions["A"].hidden = True
    for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
        ws.cell(header, index + 1 + offset, column.header).style = "qz_header"
        ws.column_dimensions[column_letter(index + offset)].width = width
    ws.row_dimensions[header].height = line_height(
        max(text_lines(c.header, w, HEAD_PT) for c, w in zip(columns, widths, strict=True)),
        HEAD_PT)
    heights = _write_rows(ws, spec, columns, widths, header + 1, offset, progress)
    for r, height in heights.items():
        if height > MAX_ROW_PT:
            spec.warnings.append(f"{ws.title}第{r}行文字太长，打印时可能显示不全。")
        ws.row_dimensions[r].height = min(MAX_ROW_PT, height)
    _page_setup(ws, header, last_letter)
    return header


def _write_rows(ws: Worksheet, spec: TableSpec, columns: list[Column], widths: list[float],
                first: int, offset: int, progress: Progress | None) -> dict[int, float]:
    styles = []
    for column in columns:
        base = "qz_centre" if column.key in CENTRED else "qz_left"
        styles.append(base + ("_open" if spec.protect and column.key in spec.editable else ""))
    heights: dict[int, float] = {}
    run_start: dict[int, int] = {}
    runs: list[tuple[int, int, int, str]] = []
    total = len(spec.rows)
    for i, values in enumerate(spec.rows):
        r = first + i
        merged = spec.merged[i] if i < len(spec.merged) else ()
        merged_next = spec.merged[i + 1] if i + 1 < len(spec.merged) else ()
        if offset:
            ws.cell(r, 1, spec.identities[i]).style = "qz_left"
        lines = 1
        for index, column in enumerate(columns):
            text = values.get(column.key, "")
            cell = ws.cell(r, index + 1 + offset, cell_value(text, column.key))
            if isinstance(cell.value, str) and text.startswith(FORMULA_STARTS):
                cell.data_type = "s"
            cell.style = styles[index]
            if i and column.key in merged:
                run_start.setdefault(index, r - 1)
                continue
            if index in run_start:
                start = run_start.pop(index)
                runs.append((start, r - 1, index, spec.rows[start - first].get(column.key, "")))
            if column.key in merged_next:
                continue  # a merged cell's text is spread over its rows below
            lines = max(lines, text_lines(text, widths[index]) if text else 1)
        heights[r] = line_height(lines)
        if i % 500 == 0:
            report(progress, i, total)
    last = first + total - 1
    for index, start in run_start.items():
        runs.append((start, last, index, spec.rows[start - first].get(columns[index].key, "")))
    for start, end, index, text in runs:
        ws.merge_cells(start_row=start, start_column=index + 1 + offset,
                       end_row=end, end_column=index + 1 + offset)
        need = line_height(text_lines(text, widths[index]))
        have = sum(heights[r] for r in range(start, end + 1))
        if need > have:
            extra = (need - have) / (end - start + 1)
            for r in range(start, end + 1):
                heights[r] += extra
    return heights


def _page_setup(ws: Worksheet, header: int, last_letter: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.59
    ws.page_margins.top = 0.79
    ws.page_margins.bottom = 0.79
    ws.page_margins.footer = 0.39
    ws.print_title_rows = f"{header}:{header}"
    footer = HeaderFooterItem()
    footer.center.text = "第 &P 页，共 &N 页"
    footer.center.size = 10
    ws.oddFooter = footer
    ws.freeze_panes = f"A{header + 1}"
    ws.print_area = f"A1:{last_letter}{max(ws.max_row, header)}"
