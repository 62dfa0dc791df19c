"""Files small on disk but costly to read, refused before a parser holds them.

A compressed part can unpack to one text run of hundreds of megabytes, or name a
far-apart pair of cells that makes the workbook reader fill a dense block of
billions. Both are found by streaming the parts' XML in chunks, so the check
itself never holds more than a chunk. Cells over Excel's own limit of 32,767
characters are refused after reading (`check_cells`), naming the cell; merged
ranges are capped where they are filled (`app.tables.grid.fill_merges`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.tables.errors import FileImportError
from app.tables.grid import Grid, Limits, column_letter, column_letter_index

MAX_CELL_CHARS = 32_767
# The most bytes a cell's text can take in the XML: an escape such as &quot; is six bytes.
MAX_TEXT_BYTES = 6 * MAX_CELL_CHARS
# Tried only where a text run starts, after a tag (LONG_TEXT) or at a block's start
# (LONG_START): tried at every byte, the pattern rescanned each run once per byte
# and took seconds per sheet.
LONG_TEXT = re.compile(rb">[^<]{%d}" % (MAX_TEXT_BYTES + 1))
LONG_START = re.compile(rb"[^<]{%d}" % (MAX_TEXT_BYTES + 1))
ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"')
SHARED_ITEM = re.compile(rb"<(?:\w+:)?si\b")
SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
CHUNK = 1 << 20
TOO_LONG = (f"超过 Excel 单元格 {MAX_CELL_CHARS} 个字符的上限，可能是异常文件，已拒绝读取。"
            "请检查该单元格的内容。")


@dataclass
class Scan:
    """What one streamed pass over a part found."""

    long_text_at: int | None = None  # shared-string index, or -1 in a sheet or document
    last_cell: str = ""
    max_row: int = 0
    max_column: int = 0


def check_package(path: Path, zf: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a workbook or document whose XML holds an over-long text run or whose
    sheets span more cells than the limit; reads each part once, a chunk at a time."""
    names = set(zf.namelist())
    sheets = sheet_names(zf)
    shared = "xl/sharedStrings.xml"
    if shared in names:
        scan = _scan(zf, shared)
        if scan.long_text_at is not None:
            raise _shared_too_long(path, zf, sheets, scan.long_text_at)
    for part, sheet in sheets.items():
        if part not in names:
            continue
        scan = _scan(zf, part)
        if scan.long_text_at is not None:
            raise FileImportError(path, f"单元格{scan.last_cell or ''}{TOO_LONG}", sheet)
        if scan.max_row * scan.max_column > limits.max_cells:
            raise FileImportError(
                path, f"表格范围达 {scan.max_row} 行 × {scan.max_column} 列，超过 "
                f"{limits.max_cells} 个单元格的上限，可能是异常文件，已拒绝读取。"
                "请把表格拆成几个文件再导入。", sheet)
    if "word/document.xml" in names and _scan(zf, "word/document.xml").long_text_at is not None:
        raise FileImportError(path, f"文档中有一段文字{TOO_LONG}")


def check_cells(path: Path, grid: Grid) -> None:
    """A cell longer than Excel allows: refused, naming it, before anything is stored."""
    for r, row in enumerate(grid.rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise FileImportError(path, f"单元格{column_letter(c)}{r + 1}有 {len(value)} 个字符，"
                                      f"{TOO_LONG}", grid.sheet)


def sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name, from workbook.xml and its relations."""
    try:
        workbook = zf.read("xl/workbook.xml")
        relations = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in RELATION.findall(relations):
        attributes = dict(ATTRIBUTE.findall(tag))
        targets[attributes.get(b"Id", b"")] = attributes.get(b"Target", b"")
    parts = {}
    for tag in SHEET.findall(workbook):
        attributes = dict(ATTRIBUTE.findall(tag))
        name, rid = attributes.get(b"name", b""), attributes.get(b"r:id", b"")
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        parts[part] = _unescape(name.decode("utf-8", "replace"))
    return parts


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _chunks(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part in pieces that never split a text run from the tag before it."""
    carry = b""
    with zf.open(part) as stream:
        while chunk := stream.read(CHUNK):
            block = carry + chunk
            cut = block.rfind(b"<")
            if cut <= 0:
                carry = block
                if len(carry) > MAX_TEXT_BYTES:
                    yield carry
                    carry = b""
                continue
            yield block[:cut]
            carry = block[cut:]
    if carry:
        yield carry


def _scan(zf: zipfile.ZipFile, part: str) -> Scan:
    scan = Scan()
    shared = 0
    for block in _chunks(zf, part):
        long_text = LONG_START.match(block) or LONG_TEXT.search(block)
        head = block[: long_text.start()] if long_text else block
        shared += len(SHARED_ITEM.findall(head))
        rows = ROW.findall(head)
        if rows:
            scan.max_row = max(scan.max_row, max(int(r) for r in rows))
        columns = set(CELL.findall(head))
        if columns:
            scan.max_column = max(scan.max_column,
                                  max(column_letter_index(c) + 1 for c, _ in columns))
            scan.last_cell = _last_cell(head)
        if long_text:
            scan.long_text_at = shared - 1
            return scan
    return scan


def _last_cell(block: bytes) -> str:
    start = max(block.rfind(b"<c "), block.rfind(b":c "))
    found = CELL.search(block, start) if start >= 0 else None
    return (found.group(1) + found.group(2)).decode() if found else ""


def _shared_too_long(path: Path, zf: zipfile.ZipFile, sheets: dict[str, str],
                     index: int) -> FileImportError:
    """Name the cell that uses the over-long shared string, if one does."""
    wanted = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?\bt="s"[^>]*>\s*'
                        rb"<(?:\w+:)?v>%d</" % index)
    for part, sheet in sheets.items():
        for block in _chunks(zf, part):
            found = wanted.search(block)
            if found:
                return FileImportError(path, f"单元格{found.group(1).decode()}{TOO_LONG}", sheet)
    return FileImportError(path, f"文件中有一段文字{TOO_LONG}")
