"""Raw tables out of .xlsx, .xls and .docx files, with merged cells filled in.

The file's kind is taken from its content, not its name: clerks rename files,
WPS saves .xls under .xlsx names, and an encrypted .xlsx is really an OLE file.
Values come through openpyxl's read-only mode (fast, streaming); merged ranges
are read separately from the sheet XML, which read-only mode does not expose.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

from app.tables.errors import FileImportError, Progress, report
from app.tables.grid import (
    DEFAULT_LIMITS,
    Grid,
    Limits,
    column_letter,
    column_letter_index,
    fill_merges,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
UNSAFE_XML = "文件中含有不安全的 XML 内容（实体定义），可能是恶意文件，已拒绝读取。"
HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def read_grids(path: Path, limits: Limits = DEFAULT_LIMITS,
               progress: Progress | None = None) -> list[Grid]:
    """Every sheet (or Word table) in the file; a FileImportError for a file we cannot read."""
    path = Path(path)
    if not path.exists():
        raise FileImportError(path, "文件不存在。")
    size = path.stat().st_size
    if size == 0:
        raise FileImportError(path, "文件是空的（0 字节），可能没有保存完整。")
    if size > limits.max_bytes:
        raise FileImportError(path, f"文件太大（{size // 1024 // 1024} MB），超过 "
                              f"{limits.max_bytes // 1024 // 1024} MB 的上限。请把表格拆成几个文件再导入。")
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(OLE_MAGIC):
        return _read_ole(path, limits, progress)
    if head.startswith(ZIP_MAGIC):
        return _read_zip(path, limits, progress)
    raise FileImportError(path, "不是 Excel 表格（.xlsx/.xls）或 Word 文档（.docx）。"
                          "如果是 WPS 的 .et 或 .wps 文件，请先另存为 .xlsx 或 .docx。")


def _read_ole(path: Path, limits: Limits, progress: Progress | None) -> list[Grid]:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise FileImportError(path, "文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码"
                              "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存，再导入。")
    if "WordDocument".encode("utf-16-le") in data:
        raise FileImportError(path, "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入。")
    from app.tables.xls_reader import read_xls

    return read_xls(path, limits, progress)


def _read_zip(path: Path, limits: Limits, progress: Progress | None) -> list[Grid]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            unpacked = sum(info.file_size for info in zf.infolist())
        unsafe = _declares_entities(path)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise FileImportError(path, "文件已损坏或不完整（可能是下载或复制时中断），无法打开。"
                              "请让对方重新发送。") from exc
    if unsafe:
        raise FileImportError(path, UNSAFE_XML)
    if unpacked > limits.max_unpacked_bytes:
        raise FileImportError(path, "文件解压后超过 "
                              f"{limits.max_unpacked_bytes // 1024 // 1024} MB，可能是异常文件，已拒绝读取。")
    if "word/document.xml" in names:
        from app.tables.docx_reader import read_docx

        return read_docx(path, limits)
    if "xl/workbook.xml" in names:
        return _read_xlsx(path, limits, progress)
    raise FileImportError(path, "不是 Excel 表格（.xlsx/.xls）或 Word 文档（.docx）。")


def _declares_entities(path: Path) -> bool:
    """Office files never carry a DTD; one that does is an entity-expansion attack."""
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")):
                with zf.open(info) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    return True
    return False


def _read_xlsx(path: Path, limits: Limits, progress: Progress | None) -> list[Grid]:
    import openpyxl
    from defusedxml import DefusedXmlException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except DefusedXmlException as exc:
        raise FileImportError(path, UNSAFE_XML) from exc
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, EOFError, ValueError,
            TypeError) as exc:
        raise FileImportError(path, "文件已损坏或不完整，无法作为 Excel 表格打开。"
                              "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。") from exc
    try:
        grids = []
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue
            grids.append(_read_sheet(path, wb, ws, limits, progress))
        return grids
    finally:
        wb.close()


def _read_sheet(path: Path, wb: object, ws: object, limits: Limits,
                progress: Progress | None) -> Grid:
    from defusedxml import DefusedXmlException

    archive: zipfile.ZipFile = wb._archive  # type: ignore[attr-defined]
    sheet_path: str = ws._worksheet_path  # type: ignore[attr-defined]
    ws.reset_dimensions()  # type: ignore[attr-defined]
    rows: list[list[object]] = []
    try:
        for values in ws.iter_rows(values_only=True):  # type: ignore[attr-defined]
            rows.append(list(values))
            if len(rows) > limits.max_rows:
                raise FileImportError(path, f"行数超过 {limits.max_rows} 行的上限，已停止读取。"
                                      "请把表格拆成几个文件再导入。", ws.title)  # type: ignore[attr-defined]
            if len(rows) % 2000 == 0:
                report(progress, len(rows), 0)
    except DefusedXmlException as exc:
        raise FileImportError(path, UNSAFE_XML,
                              ws.title) from exc  # type: ignore[attr-defined]
    except (zipfile.BadZipFile, ParseError, EOFError, OSError, ValueError) as exc:
        raise FileImportError(path, f"文件已损坏或不完整，读到第{len(rows) + 1}行时出错。"
                              "请让对方重新发送。", ws.title) from exc  # type: ignore[attr-defined]
    grid = Grid(ws.title, rows)  # type: ignore[attr-defined]
    xml = archive.read(sheet_path)
    fill_merges(grid, [(column_letter_index(m[0]), int(m[1]) - 1,
                         column_letter_index(m[2]), int(m[3]) - 1)
                        for m in MERGE_REF.findall(xml)])
    if HAS_FORMULA.search(xml):
        _note_formulas_without_values(path, grid)
    return grid


def _note_formulas_without_values(path: Path, grid: Grid) -> None:
    """Formula cells whose file holds no computed value read as blank: say which ones."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        ws = wb[grid.sheet]
        ws.reset_dimensions()
        for r, row in enumerate(ws.iter_rows()):
            for c, cell in enumerate(row):
                if getattr(cell, "data_type", None) != "f":
                    continue
                cached = grid.rows[r][c] if r < len(grid.rows) and c < len(grid.rows[r]) else None
                if cached is None:
                    grid.notes.append((r, c, f"单元格{column_letter(c)}{r + 1}是公式"
                                             f"（{cell.value}），文件中没有保存计算结果，已按空白读取。"
                                             "请在 Excel 中打开并保存后重新导入。"))
    finally:
        wb.close()
