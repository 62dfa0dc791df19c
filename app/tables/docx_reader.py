"""Annex tables inside Word .docx files, with vertical (vMerge) and horizontal merges filled.

In Word the `附件N` line and the title are paragraphs above the table, so the
few paragraphs before each table travel with it as its caption.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from lxml.etree import XMLSyntaxError, _Element

from app.tables.errors import FileImportError
from app.tables.grid import Grid, Limits


def read_docx(path: Path, limits: Limits) -> list[Grid]:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError, OSError) as exc:
        raise FileImportError(path, "Word 文档已损坏或不完整，无法打开。"
                              "请在 Word 或 WPS 中打开后另存为 .docx 再导入。") from exc
    grids: list[Grid] = []
    recent: list[str] = []
    for child in document.element.body.iterchildren():
        if isinstance(child, CT_P):
            text = paragraph_text(child).strip()
            if text:
                recent = [*recent[-2:], text]
        elif isinstance(child, CT_Tbl):
            grid = Grid(f"表格{len(grids) + 1}", [], caption=recent)
            read_table(path, child, grid, limits)
            grids.append(grid)
            recent = []
    return grids


def read_table(path: Path, tbl: CT_Tbl, grid: Grid, limits: Limits) -> None:
    for tr in tbl.tr_lst:
        if len(grid.rows) >= limits.max_rows:
            raise FileImportError(path, f"行数超过 {limits.max_rows} 行的上限。", grid.sheet)
        r = len(grid.rows)
        above = grid.rows[-1] if grid.rows else []
        row: list[object] = [None] * (tr.grid_before or 0)
        for tc in tr.tc_lst:
            span = tc.grid_span or 1
            col = len(row)
            if tc.vMerge == "continue":
                row.extend(above[c] if c < len(above) else None for c in range(col, col + span))
                grid.merged_above.update((r, c) for c in range(col, col + span))
                continue
            text = "\n".join(paragraph_text(p) for p in tc.iter(qn("w:p")))
            row.extend([text] * span)
        grid.rows.append(row)


def paragraph_text(p: _Element) -> str:
    """A w:p's text as Word shows it: its runs and hyperlinks, tabs and breaks included."""
    return str(p.text) if isinstance(p, CT_P) else ""
