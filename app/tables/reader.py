"""Raw tables out of .xlsx, .xls and .docx files, with merged cells filled in.

The file's kind is taken from its content, not its name: clerks rename files,
WPS saves .xls under .xlsx names, and an encrypted .xlsx is really an OLE file.
The guards against hostile files (size, unpacked size, entity declarations,
and app/tables/costly.py's one pass over the parts: far-out cell references,
over-long text) run here, before any parser sees the file; the workbook
itself is read by app/tables/workbook_reader.py, on a thread of its own: `start_reading`
returns once the guards pass, and the caller may do other work until it asks for the
grids.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from app.progress import Progress
from app.tables.collector import collector_paused
from app.tables.costly import check_cells, check_package
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS, Grid, Limits
from app.tables.workbook_reader import WorkbookReading

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
UNSAFE_XML = "文件中含有不安全的 XML 内容（实体定义），可能是恶意文件，已拒绝读取。"


Tables = Callable[[], list[Grid]]


class Reading:
    """A file that passed the guards, its tables being read; `grids()` waits for them."""

    def __init__(self, path: Path, tables: Tables) -> None:
        self.path, self._tables = path, tables

    def grids(self) -> list[Grid]:
        """Every sheet (or Word table); a FileImportError for a file we cannot read."""
        grids = self._tables()
        for grid in grids:
            check_cells(self.path, grid)
        return grids


def start_reading(path: Path, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress | None = None) -> Reading:
    """The file checked now (a FileImportError for one we refuse), its tables read meanwhile."""
    path = Path(path)
    return Reading(path, _read_any(path, limits, progress))


def read_grids(path: Path, limits: Limits = DEFAULT_LIMITS,
               progress: Progress | None = None) -> list[Grid]:
    """Every sheet (or Word table) in the file; a FileImportError for a file we cannot read."""
    return start_reading(path, limits, progress).grids()


def _read_any(path: Path, limits: Limits, progress: Progress | None) -> Tables:
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
    if head.startswith(PDF_MAGIC):
        from app.notice_import.pdf_blocks import read_pdf_grids

        return _already_read(read_pdf_grids(path, limits, progress))
    raise FileImportError(path, "不是 Excel 表格（.xlsx/.xls）、Word 文档（.docx）或 PDF 文件。"
                          "如果是 WPS 的 .et 或 .wps 文件，请先另存为 .xlsx 或 .docx。")


def _already_read(grids: list[Grid]) -> Tables:
    return lambda: grids


def _read_ole(path: Path, limits: Limits, progress: Progress | None) -> Tables:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise FileImportError(path, "文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码"
                              "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存，再导入。")
    if "WordDocument".encode("utf-16-le") in data:
        raise FileImportError(path, "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入。")
    return WorkbookReading(path, "xls", limits, progress).grids


def _read_zip(path: Path, limits: Limits, progress: Progress | None) -> Tables:
    formulas = False
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            unpacked = sum(info.file_size for info in zf.infolist())
            unsafe = _declares_entities(zf)
            if not unsafe and unpacked <= limits.max_unpacked_bytes:
                with collector_paused():
                    formulas = check_package(path, zf, limits)
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

        return _already_read(read_docx(path, limits))
    if "xl/workbook.xml" in names:
        return WorkbookReading(path, "xlsx", limits, progress, formulas).grids
    raise FileImportError(path, "不是 Excel 表格（.xlsx/.xls）或 Word 文档（.docx）。")


def _declares_entities(zf: zipfile.ZipFile) -> bool:
    """Office files never carry a DTD; one that does is an entity-expansion attack."""
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return True
    return False
