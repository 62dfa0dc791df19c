"""A .docx as blocks: body paragraphs, text boxes and tables in reading order.

Real county files put the organ mark in a text box or a one-row layout
table, push the signature right with spaces or tabs, and draw the red rule
as a paragraph border, a shape or a table border. Text boxes are read where
they are anchored; a table that is not an annex table (too few columns or
no recognisable header) is read as the paragraphs in its cells.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.text.parfmt import ParagraphFormat
from lxml.etree import XMLSyntaxError, _Element

from app.notice_import.blocks import Block, Para, TableBlock
from app.tables.docx_reader import read_table
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS, Grid, Limits

RED_HEX = ("FF0000", "E60012", "C00000", "FF0101", "EE0000", "DA251D", "E50012")
EMU_PER_PT = 12700


def read_docx_blocks(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError, OSError) as exc:
        raise FileImportError(path, "Word 文档已损坏或不完整，无法打开。"
                              "请在 Word 或 WPS 中打开后另存为 .docx 再导入。") from exc
    reader = _Reader(path, document, limits)
    first = document.sections[0]
    if first.different_first_page_header_footer:
        # A 函's letterhead (organ mark over the red double line) lives in page 1's header.
        for child in first.first_page_header._element.iterchildren():
            reader.element(child)
    for child in document.element.body.iterchildren():
        reader.element(child)
    return reader.blocks


class _Reader:
    def __init__(self, path: Path, document: DocxDocument, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.blocks: list[Block] = []
        self.default_size = _default_size(document)
        self.tables = 0

    def element(self, child: _Element) -> None:
        if isinstance(child, CT_P):
            for box in _text_boxes(child):
                for p in box.iter(qn("w:p")):
                    if isinstance(p, CT_P):
                        self.paragraph(p)
            self.paragraph(child)
        elif isinstance(child, CT_Tbl):
            self.table(child)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            for inner in content if content is not None else ():
                self.element(inner)

    def paragraph(self, p: CT_P) -> None:
        text = "".join(_run_text(r) for r in p.iter(qn("w:r"))
                       if _owner_paragraph(r) is p)
        sizes = [float(half) / 2 for s in p.iter(qn("w:sz"))
                 if _parent_tag(s) == qn("w:rPr") and _owner_paragraph(s) is p
                 and (half := s.get(qn("w:val")))]
        colours = [c.get(qn("w:val"), "").upper() for c in p.iter(qn("w:color"))
                   if _parent_tag(c) == qn("w:rPr")]
        fmt = ParagraphFormat(p)
        align = {"center": "center", "right": "right", "both": "justify", "distribute": "justify",
                 "end": "right"}.get(_jc(p), "left")
        indent = (fmt.left_indent.pt if fmt.left_indent else 0.0) + \
            (fmt.first_line_indent.pt if fmt.first_line_indent else 0.0)
        self.blocks.append(Para(
            text=text, size=max(sizes) if sizes else self.default_size,
            red=any(c in RED_HEX or (c.startswith("FF") and c[2:4] < "40") for c in colours),
            align=align, indent=indent))

    def table(self, tbl: CT_Tbl) -> None:
        columns = max((len(tr.tc_lst) for tr in tbl.tr_lst), default=0)
        rows = len(tbl.tr_lst)
        if columns < 3 or rows < 2:
            # A layout table (organ mark, 版记, signature block): its paragraphs.
            for p in tbl.iter(qn("w:p")):
                if isinstance(p, CT_P):
                    self.paragraph(p)
            return
        self.tables += 1
        grid = Grid(f"表格{self.tables}", [])
        read_table(self.path, tbl, grid, self.limits)
        self.blocks.append(TableBlock(grid))


def _default_size(document: DocxDocument) -> float | None:
    size = document.styles["Normal"].font.size if "Normal" in document.styles else None
    return size.pt if size else None


def _jc(p: _Element) -> str:
    jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    return jc.get(qn("w:val"), "left") if jc is not None else "left"


def _text_boxes(p: _Element) -> list[_Element]:
    """Text boxes anchored in the paragraph; Word stores each twice (DrawingML and VML)."""
    boxes: list[_Element] = []
    seen: set[str] = set()
    for box in p.iter(qn("w:txbxContent")):
        text = "".join(t.text or "" for t in box.iter(qn("w:t")))
        if text not in seen:
            seen.add(text)
            boxes.append(box)
    return boxes


def _parent_tag(element: _Element) -> object:
    parent = element.getparent()
    return None if parent is None else parent.tag


def _owner_paragraph(element: _Element) -> _Element | None:
    """The paragraph an element belongs to (a text box's paragraphs are not their anchor's)."""
    node = element.getparent()
    while node is not None and node.tag != qn("w:p"):
        node = node.getparent()
    return node


def _run_text(r: _Element) -> str:
    parts: list[str] = []
    for child in r:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)
