"""A notice typed the way a county office types it in Word, for the import tests.

Not the program's own export: a clerk's file. The organ mark is red text in
a borderless one-cell table, the red line a bottom border on the 文号
paragraph, the title three centred paragraphs, body paragraphs indented
with full-width spaces, the 附件说明 continued with spaces, the signature
and date pushed right with spaces and tabs, and each annex a landscape
section with `附件N`, its title and a table whose merged measures cells
are vertical merges.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from app.domain.documents import Document
from app.domain.layouts import builtin_layout

RED = RGBColor(0xFF, 0, 0)


def _run(paragraph, text: str, size: float = 16, font: str = "仿宋_GB2312",
         color: RGBColor | None = None, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = font
    run.bold = bold
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color


def _red_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "6"), ("color", "FF0000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)


def write_county_docx(doc: Document, path: Path, title_parts: list[str],
                      number: str | None = None) -> Path:
    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    for _ in range(2):
        d.add_paragraph()
    mark = d.add_table(rows=1, cols=1)
    cell = mark.rows[0].cells[0].paragraphs[0]
    cell.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(cell, doc.organ_mark, 36, "方正小标宋简体", RED, bold=True)
    d.add_paragraph()
    numbered = d.add_paragraph()
    numbered.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(numbered, number or doc.number)
    _red_border(numbered)
    d.add_paragraph()
    for part in title_parts:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, part, 22, "方正小标宋简体")
    d.add_paragraph()
    _run(d.add_paragraph(), doc.recipients)
    for text in doc.body_paragraphs():
        _run(d.add_paragraph(), "\u3000\u3000" + text)
    d.add_paragraph()
    for n, annex in enumerate(doc.annexes, start=1):
        text = (f"\u3000\u3000附件：{n}.{annex.title}" if n == 1
                else f"\u3000\u3000\u3000\u3000\u3000{n}.{annex.title}")
        _run(d.add_paragraph(), text)
    for _ in range(3):
        d.add_paragraph()
    _run(d.add_paragraph(), " " * 30 + doc.signature)
    _run(d.add_paragraph(), "\t" * 6 + "   " + doc.date)
    _run(d.add_paragraph(), doc.note)
    for n, annex in enumerate(doc.annexes, start=1):
        section = d.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
        _run(d.add_paragraph(), f"附件{n}", 16, "黑体")
        title = d.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(title, annex.title, 20, "方正小标宋简体")
        _annex_table(d, annex)
    d.save(str(path))
    return path


def _annex_table(d, annex) -> None:
    columns = builtin_layout(annex.layout).columns
    table = d.add_table(rows=1 + len(annex.rows), cols=len(columns))
    table.style = "Table Grid"
    for c, column in enumerate(columns):
        cell = table.rows[0].cells[c]
        for n, line in enumerate(column.header.split("\n")):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            _run(p, line, 10.5, "黑体")
    for r, row in enumerate(annex.rows, start=1):
        values = row.field_values()
        for c, column in enumerate(columns):
            if column.key in row.merged_with_above:
                continue
            cell = table.rows[r].cells[c]
            for n, line in enumerate(values.get(column.key, "").split("\n")):
                p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                _run(p, line, 10.5)
    for r, row in enumerate(annex.rows, start=1):
        for c, column in enumerate(columns):
            if column.key in row.merged_with_above:
                top = r - 1
                while column.key in annex.rows[top - 1].merged_with_above and top > 1:
                    top -= 1
                table.rows[top].cells[c].merge(table.rows[r].cells[c])
