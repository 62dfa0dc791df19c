"""Hostile sheets that try to slip past the guard's fast pass over ordinary cells (one-letter
column, row of at most five digits, `r` first): each is still refused before calamine reads
it, with the guard's own message naming the sheet; ordinary sheets are read as before."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.tables.costly import CHUNK, check_package
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS
from app.tables.importer import preview_file

ROWS = 3000
FAR_ROW = "表格用到了第200001行，行数超过 200000 行的上限，可能是异常文件"
FAR_COLUMN = "表格用到了第16384列，超过 1000 列的上限，可能是异常文件"


def table(n: int = ROWS) -> list[list[object]]:
    return [["序号", "事项名称", "事项类型"]] + [[str(i), f"事项{i}", "行政许可"]
                                             for i in range(1, n + 1)]


def sheet_with(xl, tmp_path: Path, old: bytes, new: bytes) -> Path:
    """The ordinary table with `old` (in row 1500, amid ascending rows) replaced by `new`."""
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", table())

    def patch(data: bytes) -> bytes:
        assert data.count(old) == 1
        return data.replace(old, new)

    return xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", patch)


def guard(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return check_package(path, zf, DEFAULT_LIMITS)


def refused(path: Path) -> str:
    with pytest.raises(FileImportError) as caught:
        guard(path)
    message = caught.value.message
    assert path.name in message and "工作表“Sheet1”" in message, message
    return message


@pytest.mark.parametrize("cell", [
    b'<c r="XFD1500"', b'<c r="xfd1500"', b'<c r="xFd1500"', b"<c r='XFD1500'",
    b'<c\tr="XFD1500"', b'<c\nr="XFD1500"', b'<c  r="XFD1500"', b'<c r = "XFD1500"',
    b'<c s="0" r="XFD1500"', b'<x:c r="XFD1500"', b'<a-b:c r="XFD1500"', b'<a.b:c r="XFD1500"',
    b'<:c r="XFD1500"', '<表:c r="XFD1500"'.encode(),
    # calamine keeps the last of two `r` attributes
    b'<c r="B1500" r="XFD1500"', b'<c r="B1500" s="1" r="XFD1500"',
    b'<c r="B1500" foo=">" r="XFD1500"', b"<c r=\"B1500\" foo='\"' r=\"XFD1500\"",
    b'<c r="B1500" foo="<" r="XFD1500"', b'<c r="B1500" foo="><" r="XFD1500"',
])
def test_a_far_column_written_any_way_calamine_reads_is_refused(xl, tmp_path, cell):
    path = sheet_with(xl, tmp_path, b'<c r="B1500"', cell)
    assert FAR_COLUMN in refused(path)


@pytest.mark.parametrize("row", [
    b'<row r="200001"', b"<row r='200001'", b'<row\tr="200001"', b'<row ht="1" r="200001"',
    b'<x:row r="200001"', b'<row r="1500" r="200001"', b'<row r="1500" ht="1" r="200001"',
    b'<row r="1500" spans="1>3" r="200001"', b'<row r="1500" x:r="1" r="200001"',
])
def test_a_far_row_amid_ascending_rows_is_refused(xl, tmp_path, row):
    path = sheet_with(xl, tmp_path, b'<row r="1500"', row)
    assert FAR_ROW in refused(path)


def test_a_far_cell_amid_ascending_rows_is_refused(xl, tmp_path):
    path = sheet_with(xl, tmp_path, b'<c r="B1500"', b'<c r="B200001"')
    assert FAR_ROW in refused(path)


def test_a_tag_longer_than_a_chunk_cannot_hide_its_last_reference(xl, tmp_path):
    """A 400 KB attribute value (a few hundred bytes packed) would carry the `r` calamine
    keeps past the end of the chunk the tag starts in."""
    value = b"x" * 400_000
    path = sheet_with(xl, tmp_path, b'<c r="B1500"', b'<c r="B1500" foo="%s" r="XFD1500"' % value)
    assert path.stat().st_size < 100_000
    assert "32767" in refused(path)


def test_a_tag_cut_by_a_chunk_end_at_a_less_than_sign_in_a_value_is_refused(xl, tmp_path):
    """Calamine takes "<" inside an attribute value; the guard's 1 MB chunks end at the
    last "<", so this one would cut the tag before the `r` calamine keeps."""
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    rows, n = [head + b"<sheetData>"], 0
    while sum(map(len, rows)) < CHUNK - 1500:
        n += 1
        rows.append(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n))
    rows.append(b'<row r="%d"><c r="B%d" foo="<%s" r="XFD%d"><v>1</v></c></row>'
                % (n + 1, n + 1, b"x" * 3000, n + 1))
    sheet = b"".join(rows)
    assert sheet.rindex(b"<", 0, CHUNK) == sheet.index(b'<x')
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", table(3))
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml",
                             lambda data: sheet + b"</sheetData></worksheet>")
    assert "不完整的单元格或行标签" in refused(path)


def test_a_wide_cell_late_in_a_long_sheet_counts_every_row_before_it(xl, tmp_path):
    """99,000 ordinary rows, then one cell in column AZ: 5.1 million cells, refused even
    though the first chunks held nothing unusual."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
                    for n in range(1, 99_001))
    wide = b'<row r="99001"><c r="AZ99001"><v>1</v></c></row>'
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", table(3))
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", lambda data: data[
        :data.index(b"<sheetData>")] + b"<sheetData>" + rows + wide + data[
        data.index(b"</sheetData>"):])
    assert "表格范围达 99001 行 × 52 列" in refused(path)


@pytest.mark.parametrize("text", [
    '<c r="XFD200001"> <row r="200001"> <f>1</f> r="XFD1"',
    # ":c " sends the sheet to the exact pass, which does not take text for tags either
    '<c r="XFD200001"> <x:c r="XFD1"> :c :row <f>1</f> r="XFD1"',
])
def test_text_that_looks_like_far_cells_is_only_text(demo_repo, xl, tmp_path, text):
    rows = table()
    rows[1500][1] = text
    path = xl.write_xlsx(tmp_path / "text.xlsx", rows)
    assert guard(path) is False
    preview = preview_file(path, demo_repo)
    assert preview.rows[1499].name == text
    assert len(preview.rows) == ROWS


@pytest.mark.parametrize("formula", [b"<f>1+1</f>", b"<x:f>1+1</x:f>", b"<f/>"])
def test_formulas_are_noticed_in_ordinary_and_unusual_sheets(xl, tmp_path, formula):
    ordinary = sheet_with(xl, tmp_path, b'<c r="B1500" t="inlineStr">',
                          b'<c r="B1500" t="str">' + formula + b"<v>2</v></c><c r=\"D1500\" "
                          b't="inlineStr">')
    assert guard(ordinary) is True
    assert guard(sheet_with(xl, tmp_path, b'<c r="B1500"', b'<c r="AB1500"')) is False


def test_an_ordinary_wide_sheet_is_read_after_the_exact_pass(demo_repo, xl, tmp_path):
    """Column AZ is within the limits: the fast pass gives way, the exact pass reads it."""
    path = sheet_with(xl, tmp_path, b'<c r="C1500"', b'<c r="AZ1500"')
    assert guard(path) is False
    assert len(preview_file(path, demo_repo).rows) == ROWS


def test_a_prefixed_far_cell_amid_text_full_of_colons_is_refused(xl, tmp_path):
    """Past a few colons in a chunk the prefix is looked for by a search, not colon by colon."""
    rows = [[n, f"事项{n}：10:30、11:00、12:{n % 60:02}", "行政许可"] for n in range(1, ROWS)]
    plain = xl.write_xlsx(tmp_path / "colons.xlsx", rows)
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b'<c r="B1500"', b'<x:c r="XFD1500"'))
    assert guard(plain) is False
    assert FAR_COLUMN in refused(path)


def test_a_far_cell_after_a_formula_is_refused(xl, tmp_path):
    path = sheet_with(xl, tmp_path, b'<c r="B1500"', b'<c r="B1499" t="str"><f>1</f></c>'
                      b'<c r="XFD1500"')
    assert FAR_COLUMN in refused(path)
