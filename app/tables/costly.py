"""Files small on disk but costly to read, refused before a parser holds them.

A compressed part can unpack to one text run of hundreds of megabytes, or name a
far-apart pair of cells that makes the workbook reader (calamine) fill a dense
block of billions. Both are found in a streamed pass over each part, a chunk
at a time, so the check never holds more than a chunk; the same pass notes
whether a sheet has formulas. Cells over Excel's own limit of 32,767 characters
are refused after reading (`check_cells`), naming the cell; merged ranges are
capped where they are filled (`app.tables.grid.fill_merges`).

Each sheet is first searched for what would make it unusual; most sheets have nothing,
and the search costs about a tenth of calamine's read. A sheet is ordinary when every
`<c>` and `<row>` tag is written the way Excel, WPS, LibreOffice and openpyxl write it:
no namespace prefix, ` r="…"` first with at most one column letter and at most `digits`
row digits (`_ordinary_patterns`: chosen so that any such sheet is within the limits), and
after it only attributes that cannot hide a second `r` or a ">" inside a value. One regular
expression per chunk finds the first tag that is not so (or a formula), and a prefix is
looked for at each ":" (found at memchr speed; by a search where there are many). That is
safe because it is conclusive only one way: an ordinary sheet is one the exact pass below
would accept; at the first chunk that is not ordinary the exact pass starts over from the
first chunk, so what is refused, and the message, are exactly what the exact pass alone
gives. Wide sheets (past column Z) and sheets of 100,000 rows or more take the exact pass.

The exact pass searches each chunk by a few regular expressions (most start with a
literal, so the engine jumps between candidates), and the per-cell work (largest row and
column) is done on sets in C. Only a sheet whose cells or rows carry no `r` reference is
walked tag by tag in Python, as calamine places those by counting.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import cast

from app.tables.errors import FileImportError
from app.tables.grid import Grid, Limits, column_letter, column_letter_index

MAX_CELL_CHARS = 32_767
# The most bytes a cell's text can take in the XML: an escape such as &quot; is six bytes.
MAX_TEXT_BYTES = 6 * MAX_CELL_CHARS
# A run of more than MAX_TEXT_BYTES without "<" covers a whole aligned window of this
# size; windows are tested with bytes.find (memchr speed) and only a window without a
# tag is measured.
WINDOW = MAX_TEXT_BYTES // 2
# A namespace prefix as calamine reads one: the name up to its first ":" (`<x:c`, `<a-b:c`,
# `<:c`); Python's \w would miss "-", "." and non-ASCII names.
PREFIX = rb"(?:[^\s<>/:]*:)?"
# An ordinary cell tag: ` r="A1"` first, then only a style and a type (what Excel, WPS,
# LibreOffice and openpyxl write); an ordinary row: ` r="1"` first, then attributes, one
# blank apart, whose names do not end in "r" and whose double-quoted values hold no "<"
# or ">" (so the tag ends at its first ">", as calamine reads it, and has no second `r`).
CELL_TAIL = rb'(?: s="\d+" t="\w+"| s="\d+"| t="\w+"|)/?>'
ROW_TAIL = rb'(?: [\w:]*[0-9A-Za-qs-z_]="[^"<>]*")*+/?>'
# Every `<c>` and `<row>` start tag with its `r` attribute as calamine reads it (any
# spacing around "=", either quote, column letters in either case; values are skipped
# whole, so text such as x=" r='A1'" inside one is not taken for it; of two `r`, the last,
# as calamine keeps the last: `LAST` holds when no other `r` follows up to the tag's end,
# tried first in the ordinary forms, which are quicker to match), or two empty strings for
# a tag without one, or one that does not end in its chunk. Calamine puts such a cell
# right of the previous one and such a row below the previous one, which no reference
# shows; a part with one (rare: a few minimal writers) is walked tag by tag (`_walk`),
# which refuses a tag cut by the chunk's end (at a "<" inside a value).
ATTRIBUTES = rb"""(?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*"""
OTHERS = rb"""(?:\s+(?!r[\s=])[^\s=>]++\s*=\s*+(?:"[^"]*+"|'[^']*+'))*+\s*+/?>"""
LAST = rb"""["'](?:%s|%s|%s)""" % (CELL_TAIL, ROW_TAIL, OTHERS)
REF = re.compile(rb"""<%s(?:c|row)(?=[\s/>])(?:%s?\s+r\s*=\s*["']([A-Za-z]*)(\d+)(?=%s)|)"""
                 % (PREFIX, ATTRIBUTES, LAST))
TAG = re.compile(rb"<(/?)%s(c|row)(?=[\s/>])(%s)\s*(/?)(>?)" % (PREFIX, ATTRIBUTES))
NAMED = re.compile(rb"""\s+([^\s=>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
REF_VALUE = re.compile(rb"([A-Za-z]*)(\d+)")
# A formula tag, `<f>` or with any prefix; ":f " in text counts too (harmless: only the
# exact pass uses this, and a file with formulas is merely read once more by openpyxl), as
# a pattern that starts with "f" is searched several times faster than one starting "<".
FORMULA = re.compile(rb"f[\s>/](?<=<f[\s>/]|:f[\s>/])")
PREFIXED = re.compile(rb":(?:c|row|f)[\s/>]")
FEW_COLONS = 64
CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"')
SHARED_ITEM = re.compile(rb"<(?:\w+:)?si\b")
SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
# The exact pass reads a part 1 MB at a time: its refusals report the extent reached at the
# end of a chunk, so it keeps the size its messages were written with. The searches read
# 128 KB at a time, small enough to be searched while still in the CPU cache after
# inflating (a fifth less time than 1 MB).
CHUNK = 1 << 20
SEARCH_CHUNK = 1 << 17
TOO_LONG = (f"超过 Excel 单元格 {MAX_CELL_CHARS} 个字符的上限，可能是异常文件，已拒绝读取。"
            "请检查该单元格的内容。")
SPLIT = "请把表格拆成几个文件再导入。"
BROKEN_TAG = "表格中有不完整的单元格或行标签（属性值中含有“<”等），可能是异常文件，已拒绝读取。"


@dataclass
class Extent:
    """The largest row and column a sheet's cells name, so far in the pass."""

    rows: int = 0
    columns: int = 0


def check_package(path: Path, zf: zipfile.ZipFile, limits: Limits) -> bool:
    """Refuse a workbook or document whose XML holds an over-long text run or whose sheets
    reach past the row, column or cell limits; True when a sheet holds formulas."""
    names = set(zf.namelist())
    sheets = sheet_names(zf)
    shared = "xl/sharedStrings.xml"
    if shared in names:
        for n, block in enumerate(_chunks(zf, shared, SEARCH_CHUNK)):
            at = _long_run(block)
            if at is not None:
                index = _shared_index(zf, shared, Place(n, at, SEARCH_CHUNK))
                raise _shared_too_long(path, zf, sheets, index)
    formulas = False
    worksheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    for part in dict.fromkeys([*sheets, *worksheets]):
        if part in names:
            formulas = _check_sheet(path, zf, part, sheets.get(part, ""), limits) or formulas
    if "word/document.xml" in names:
        for block in _chunks(zf, "word/document.xml", SEARCH_CHUNK):
            if _long_run(block) is not None:
                raise FileImportError(path, f"文档中有一段文字{TOO_LONG}")
    return formulas


def _check_sheet(path: Path, zf: zipfile.ZipFile, part: str, sheet: str, limits: Limits) -> bool:
    """Refuse the sheet if calamine would place a cell past the limits; True with formulas."""
    patterns = _ordinary_patterns(limits)
    formulas = None if patterns is None else _scan_ordinary(path, zf, part, sheet, patterns)
    return _scan(path, zf, part, sheet, limits) if formulas is None else formulas


def _scan_ordinary(path: Path, zf: zipfile.ZipFile, part: str, sheet: str,
                   patterns: Ordinary) -> bool | None:
    """Whether the sheet has formulas, or None at the first chunk that is not ordinary: then
    `_scan` starts over, so a refusal and its message are what they would be without this."""
    formulas = False
    for n, block in enumerate(_chunks(zf, part, SEARCH_CHUNK)):
        at = _long_run(block)
        if at is not None:
            raise _cell_too_long(path, zf, part, sheet, Place(n, at, SEARCH_CHUNK))
        found = _ordinary(block, patterns, formulas)
        if found is None:
            return None
        formulas = found
    return formulas


def _scan(path: Path, zf: zipfile.ZipFile, part: str, sheet: str, limits: Limits) -> bool:
    """Every cell and row reference, and every tag without one, measured: the exact pass."""
    extent = Extent()
    formulas = unnumbered = False
    for n, block in enumerate(_chunks(zf, part)):
        at = _long_run(block)
        if at is not None:
            raise _cell_too_long(path, zf, part, sheet, Place(n, at, CHUNK))
        formulas = formulas or FORMULA.search(block) is not None
        refs = REF.findall(block)
        if refs:
            unnumbered = _grow(extent, refs) or unnumbered
            _check_extent(path, sheet, extent, limits)
    if unnumbered:
        _walk(path, zf, part, sheet, extent, limits)
    return formulas


@dataclass(frozen=True)
class Place:
    """Where a pass found something: the chunk's number, the offset in it, the chunk size."""

    chunk: int
    at: int
    size: int


def _cell_too_long(path: Path, zf: zipfile.ZipFile, part: str, sheet: str,
                   place: Place) -> FileImportError:
    return FileImportError(path, f"单元格{_last_cell(zf, part, place)}{TOO_LONG}", sheet)


@dataclass(frozen=True)
class Ordinary:
    """`odd` finds the first tag that keeps a chunk from being ordinary; `formula_or_odd`
    finds that or a formula before it ("<f" tells which: a capturing group cost a tenth more)."""

    odd: re.Pattern[bytes]
    formula_or_odd: re.Pattern[bytes]


@cache
def _ordinary_patterns(limits: Limits) -> Ordinary | None:
    """Ordinary cells and rows name a column of one letter and a row of at most `digits`
    digits, the most for which every such sheet is within `limits`; None if not even one."""
    digits = 0
    while _within(10 ** (digits + 1) - 1, limits):
        digits += 1
    if digits == 0:
        return None
    ref = rb' r="[A-Za-z]?\d{1,%d}"' % digits
    odd = rb"c(?!%s%s)[\s/>]|row(?!%s%s)[\s/>]" % (ref, CELL_TAIL, ref, ROW_TAIL)
    return Ordinary(re.compile(rb"<(?:%s)" % odd), re.compile(rb"<(?:%s|f[\s>/])" % odd))


def _within(rows: int, limits: Limits) -> bool:
    """Whether a sheet of `rows` rows and columns A to Z is within the limits."""
    return rows <= limits.max_rows and limits.max_columns >= 26 and rows * 26 <= limits.max_cells


def _ordinary(block: bytes, patterns: Ordinary, formulas: bool) -> bool | None:
    """Whether the chunk or an earlier one has formulas, or None unless every `<c>` and `<row>`
    tag in it is ordinary (see the module's docstring)."""
    if not _plain_names(block):
        return None
    start = 0
    if not formulas:
        found = patterns.formula_or_odd.search(block)
        if found is None:
            return False
        if not block.startswith(b"<f", found.start()):
            return None
        start = found.end()
    return None if patterns.odd.search(block, start) else True


def _plain_names(block: bytes) -> bool:
    """No c, row or f tag name in the block has a namespace prefix: checked at each ":"
    found at memchr speed (a sheet has few outside text), or after FEW_COLONS by a search."""
    at = block.find(b":")
    for _ in range(FEW_COLONS):
        if at < 0:
            return True
        if PREFIXED.match(block, at):
            return False
        at = block.find(b":", at + 1)
    return PREFIXED.search(block, at) is None


def _grow(extent: Extent, refs: list[tuple[bytes, bytes]]) -> bool:
    """Largest row and column among the references, from their distinct values only;
    True when a tag had none."""
    digits = set(map(itemgetter(1), refs))
    unnumbered = b"" in digits
    digits.discard(b"")
    if digits:
        extent.rows = max(extent.rows, max(map(int, digits)))
    letters = set(map(itemgetter(0), refs))
    letters.discard(b"")
    if letters:
        widest = max(letters, key=lambda found: (len(found), found.upper()))
        extent.columns = max(extent.columns, column_letter_index(widest.upper()) + 1)
    return unnumbered


def _walk(path: Path, zf: zipfile.ZipFile, part: str, sheet: str, extent: Extent,
          limits: Limits) -> None:
    """Grow `extent` by where calamine puts cells and rows without `r`, tag by tag.

    Python per tag, so only for parts that need it; the limits are checked after every
    chunk, so a hostile part is refused after at most about `limits.max_cells` tags. An
    unnumbered cell goes right of the previous cell and no further left than the cells
    counted in its row; an unnumbered row goes below the previous row. A start tag that
    does not end in its chunk (cut at a "<" inside a value, which calamine takes) is refused:
    its last `r` may lie in the next chunk, where no search would see it.
    """
    row = column = cells = 0  # 0-based row, next column, cells so far in the row
    for block in _chunks(zf, part):
        for closing, name, attributes, empty, end in TAG.findall(block):
            if not end:
                raise FileImportError(path, BROKEN_TAG, sheet)
            if closing:
                if name == b"row":
                    row, column, cells = row + 1, 0, 0
                continue
            found = _ref(attributes)
            if name == b"row":
                row = int(found[1]) - 1 if found else row
                column = cells = 0
                extent.rows = max(extent.rows, row + 1)
                if empty:
                    row += 1
                continue
            at_row = row
            if found and found[0]:
                at_row, column = int(found[1]) - 1, column_letter_index(found[0].upper())
            else:
                column = max(column, cells)
            extent.rows = max(extent.rows, at_row + 1)
            extent.columns = max(extent.columns, column + 1)
            column, cells = column + 1, cells + 1
        _check_extent(path, sheet, extent, limits)


def _ref(attributes: bytes) -> tuple[bytes, bytes] | None:
    """The letters and digits of a tag's `r` attribute (the last, as calamine), if it has one."""
    values = [double or single for name, double, single in NAMED.findall(attributes)
              if name == b"r"]
    found = REF_VALUE.fullmatch(values[-1]) if values else None
    return (found.group(1), found.group(2)) if found else None


def _check_extent(path: Path, sheet: str, extent: Extent, limits: Limits) -> None:
    if extent.rows > limits.max_rows:
        raise FileImportError(path, f"表格用到了第{extent.rows}行，行数超过 {limits.max_rows} 行的"
                              f"上限，可能是异常文件。{SPLIT}", sheet)
    if extent.columns > limits.max_columns:
        raise FileImportError(path, f"表格用到了第{extent.columns}列，超过 {limits.max_columns} 列"
                              "的上限，可能是异常文件，已拒绝读取。", sheet)
    if extent.rows * extent.columns > limits.max_cells:
        raise FileImportError(
            path, f"表格范围达 {extent.rows} 行 × {extent.columns} 列，超过 "
            f"{limits.max_cells} 个单元格的上限，可能是异常文件，已拒绝读取。{SPLIT}", sheet)


def _long_run(block: bytes) -> int | None:
    """Where the block's first run without "<" longer than any cell's text can be starts.

    The run is measured from its "<": a tag and the text after it. That also refuses a tag
    too long to stay within one chunk (`_chunks` cuts only inside such a run), whose end,
    with perhaps another `r`, no later search of a chunk would see.
    """
    for window in range(0, len(block), WINDOW):
        if block.find(b"<", window, window + WINDOW) >= 0:
            continue
        tag = block.rfind(b"<", 0, window)
        end = block.find(b"<", window)
        end = len(block) if end < 0 else end
        if end - tag - 1 > MAX_TEXT_BYTES:
            return max(tag, 0)
    return None


def check_cells(path: Path, grid: Grid) -> None:
    """A cell longer than Excel allows: refused, naming it, before anything is stored.

    The texts' lengths are compared in C first (`filter`, `map`, `max`); only a grid that
    holds an over-long cell is walked cell by cell to name the first one.
    """
    texts = cast("Iterator[str]", filter(str.__instancecheck__, chain.from_iterable(grid.rows)))
    if max(map(len, texts), default=0) <= MAX_CELL_CHARS:
        return
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


def _chunks(zf: zipfile.ZipFile, part: str, size: int = CHUNK) -> Iterator[bytes]:
    """The part in pieces of about `size` that never split a text run from the tag before it."""
    carry = b""
    with zf.open(part) as stream:
        while chunk := stream.read(size):
            block = carry + chunk
            cut = block.rfind(b"<")
            if cut <= 0:
                carry = block
                if len(carry) > MAX_TEXT_BYTES + 1:
                    yield carry
                    carry = b""
                continue
            yield block[:cut]
            carry = block[cut:]
    if carry:
        yield carry


def _last_cell(zf: zipfile.ZipFile, part: str, place: Place) -> str:
    """The last cell named before `place`: read again, as only a refused file needs it."""
    last = ""
    for n, block in enumerate(_chunks(zf, part, place.size)):
        head = block[:place.at] if n == place.chunk else block
        start = max(head.rfind(b"<c "), head.rfind(b":c "))
        found = CELL.search(head, start) if start >= 0 else None
        if found:
            last = (found.group(1) + found.group(2)).decode()
        if n == place.chunk:
            return last
    return last


def _shared_index(zf: zipfile.ZipFile, part: str, place: Place) -> int:
    """Index of the shared string holding `place`."""
    count = 0
    for n, block in enumerate(_chunks(zf, part, place.size)):
        count += len(SHARED_ITEM.findall(block[:place.at] if n == place.chunk else block))
        if n == place.chunk:
            break
    return count - 1


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
