"""The published list as a workbook and as a GB/T 9704 landscape PDF with title page and contents.

The PDF is laid out twice: the first pass only learns on which page each
department's table starts, so the contents can print real page numbers.
"""

from __future__ import annotations

import math
from pathlib import Path

from app.domain.layouts import SEQ, Column
from app.pdf.fonts import FANGSONG, HEITI, KAITI, XIAOBIAOSONG, FontSet
from app.pdf.page import (
    LEFT,
    LINE,
    PAGE_W,
    RIGHT,
    SIZE_2,
    SIZE_3,
    SIZE_XIAOCHU,
    TOP,
    PageWriter,
    Style,
)
from app.pdf.table import TableColumn, TableRow, TableSpec, draw_tables
from app.progress import Progress
from app.publish.published import COLUMNS, PublishedList
from app.storage.errors import UserError
from app.tables.exporter import ExportResult, write_specs
from app.tables.sheet import TableSpec as SheetSpec

CONTENTS_COLUMNS: tuple[Column, ...] = (
    SEQ, Column("department", "实施主体（部门）", 40), Column("count", "事项数", 12),
    Column("sheet", "工作表", 30),
)
CONTENTS_PER_PAGE = 18
CENTRED = frozenset({"seq", "type"})


def _check(published: PublishedList) -> None:
    if not published.total():
        raise UserError("没有在用的事项，无法生成权责清单。")


def _sheet_name(n: int, department: str) -> str:
    return f"{n}.{department}"[:31]


def export_published(published: PublishedList, path: Path,
                     progress: Progress | None = None) -> ExportResult:
    """A 目录 sheet when there is more than one department, then one sheet per department."""
    _check(published)
    specs: list[tuple[str, SheetSpec]] = []
    if len(published.departments) > 1:
        rows = [{"seq": str(n), "department": d.department, "count": str(len(d.rows)),
                 "sheet": _sheet_name(n, d.department)}
                for n, d in enumerate(published.departments, start=1)]
        specs.append(("目录", SheetSpec(title=f"{published.title}目录（{published.total()}项）",
                                      columns=CONTENTS_COLUMNS, rows=rows)))
    for n, dept in enumerate(published.departments, start=1):
        specs.append((_sheet_name(n, dept.department) if len(published.departments) > 1
                      else dept.department[:31],
                      SheetSpec(title=dept.title, columns=COLUMNS,
                                rows=[r.values() for r in dept.rows])))
    return write_specs(specs, path, progress)


def _tables(published: PublishedList) -> list[TableSpec]:
    columns = [TableColumn(c.header, c.width, c.key in CENTRED) for c in COLUMNS]
    return [TableSpec(d.title, columns, [TableRow(list(r.values().values())) for r in d.rows])
            for d in published.departments]


def _centred(writer: PageWriter, baseline: float, text: str, style: Style) -> None:
    writer.draw((PAGE_W - writer.width(text, style)) / 2, baseline, text, style)


def _title_page(writer: PageWriter, published: PublishedList) -> None:
    writer.new_page(numbered=False)
    _centred(writer, TOP + 6 * LINE, published.title, Style(XIAOBIAOSONG, SIZE_XIAOCHU))
    _centred(writer, TOP + 8 * LINE, f"（共{len(published.departments)}个部门、{published.total()}项）",
             Style(KAITI, SIZE_3))
    if published.date:
        _centred(writer, TOP + 18 * LINE, published.date, Style(FANGSONG, SIZE_3))


def _contents_pages(published: PublishedList) -> int:
    return max(1, math.ceil(len(published.departments) / CONTENTS_PER_PAGE))


def _contents(writer: PageWriter, published: PublishedList, starts: list[int]) -> None:
    style = Style(FANGSONG, SIZE_3)
    entries = list(zip(published.departments, starts, strict=True))
    for page in range(_contents_pages(published)):
        writer.new_page(numbered=False)
        _centred(writer, TOP + LINE, "目　录", Style(HEITI, SIZE_2))
        chunk = entries[page * CONTENTS_PER_PAGE:(page + 1) * CONTENTS_PER_PAGE]
        for n, (dept, start) in enumerate(chunk):
            baseline = TOP + (3 + n) * LINE
            seq = page * CONTENTS_PER_PAGE + n + 1
            left = f"{seq}．{dept.department}（{len(dept.rows)}项）"
            right = str(start)
            writer.draw(LEFT, baseline, left, style)
            right_x = RIGHT - writer.width(right, style)
            dots_from = LEFT + writer.width(left, style) + style.size / 2
            dot = writer.width("·", style)
            if right_x - dots_from > 2 * dot:
                dots = "·" * int((right_x - dots_from - style.size / 2) / dot)
                writer.draw(dots_from, baseline, dots, style)
            writer.draw(right_x, baseline, right, style)


def _start_pages(published: PublishedList, fonts: FontSet) -> list[int]:
    """Where each department's table starts, from a throwaway layout of the same pages."""
    writer = PageWriter(fonts)
    writer.page_count = 1 + _contents_pages(published)
    starts = []
    for table in _tables(published):
        starts.append(writer.page_count + 1)
        draw_tables(writer, [table])
    return starts


def print_published(published: PublishedList, fonts: FontSet, out: Path,
                    progress: Progress | None = None) -> int:
    """Title page, contents by department with page numbers, then each department's table."""
    _check(published)
    starts = _start_pages(published, fonts)
    writer = PageWriter(fonts, title=published.title)
    _title_page(writer, published)
    _contents(writer, published, starts)
    draw_tables(writer, _tables(published), progress)
    return writer.save(out)
