"""Files under 1 MB that used to cost gigabytes or minutes: refused (or read) within seconds,
with a message naming the cell, and nothing written."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.tables.costly import MAX_CELL_CHARS
from app.tables.errors import FileImportError
from app.tables.importer import preview_file

HEADER = ["序号", "事项名称", "事项类型"]
SECONDS = 10


def rows(n: int) -> list[list[object]]:
    return [HEADER] + [[str(i), f"事项{i}", "行政许可"] for i in range(1, n + 1)]


def refused(repo, path: Path, *fragments: str) -> str:
    started = time.perf_counter()
    with pytest.raises(FileImportError) as caught:
        preview_file(path, repo)
    assert time.perf_counter() - started < SECONDS
    for fragment in (path.name, *fragments):
        assert fragment in caught.value.message, caught.value.message
    return caught.value.message


def with_merges(xl, path: Path, refs: list[str]) -> Path:
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs).encode()
    return xl.rewrite_member(path, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="%d">' % len(refs) + cells
        + b"</mergeCells>"))


def test_a_merge_far_past_the_table_is_cut_to_the_used_range(demo_repo, tmp_path, xl):
    """`A4:XFD3003` over a 3-column table took 7 GB and 63 s."""
    path = with_merges(xl, xl.write_xlsx(tmp_path / "m.xlsx", rows(3000)), ["A4:XFD3003"])
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    preview = preview_file(path, demo_repo)
    assert time.perf_counter() - started < SECONDS
    assert len(preview.rows) == 3000
    assert [r.name for r in preview.rows[:3]] == ["事项1", "事项2", "3"]


def test_many_overlapping_merges_are_refused(demo_repo, tmp_path, xl):
    """20,000 merges in a few KB took 96 s of CPU."""
    path = with_merges(xl, xl.write_xlsx(tmp_path / "many.xlsx", rows(60)),
                       [f"A{n % 9 + 2}:XFD61" for n in range(20_000)])
    assert path.stat().st_size < 1_000_000
    refused(demo_repo, path, "Sheet1", "合并单元格", "异常文件")


def long_cell(xl, tmp_path: Path, length: int) -> Path:
    """openpyxl itself cuts text at Excel's limit, so the long text is put in afterwards."""
    table = rows(3)
    table[2][1] = "PLACEHOLDER"
    plain = xl.write_xlsx(tmp_path / "long.xlsx", table)
    return xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b"PLACEHOLDER", b"y" * length))


def test_a_cell_longer_than_excel_allows_is_named(demo_repo, tmp_path, xl):
    path = long_cell(xl, tmp_path, MAX_CELL_CHARS + 1)
    refused(demo_repo, path, "Sheet1", "单元格B3", f"{MAX_CELL_CHARS + 1} 个字符", "32767")
    preview_file(long_cell(xl, tmp_path, MAX_CELL_CHARS), demo_repo)


def test_a_huge_inline_string_is_refused_before_it_is_read(demo_repo, demo_db, tmp_path, xl):
    """A 50 MB string packed into a few hundred KB (the reported file held 900 MB in 0.9 MB)."""
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", rows(3))
    big = b'<c r="D2" t="inlineStr"><is><t>' + b"x" * 50_000_000 + b"</t></is></c>"
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml",
                             lambda data: data.replace(b"</c></row>", b"</c>" + big + b"</row>", 1))
    assert path.stat().st_size < 1_000_000
    refused(demo_repo, path, "Sheet1", "单元格D2", "32767")
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    assert main(["import", str(path), "--db", str(demo_db), "--document", "嘉政发〔2021〕2号"]) == 1
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before


def test_a_sheet_spanning_too_many_cells_is_refused_before_it_is_read(demo_repo, tmp_path, xl):
    """Row 150,000 and column ALL are each within their limits, together 150 million cells."""
    plain = xl.write_xlsx(tmp_path / "wide.xlsx", rows(3))
    far = b'<row r="150000"><c r="ALL150000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml",
                             lambda data: data.replace(b"</sheetData>", far + b"</sheetData>"))
    refused(demo_repo, path, "Sheet1", "150000 行", "1000 列", "异常文件")


@pytest.mark.parametrize("name", ["附件.xls", "附件.et", "附件"])
def test_a_real_workbook_under_another_name_is_read_by_content(demo_repo, tmp_path, xl, name):
    formula = [*rows(2), ["3", '=B2&"乙"', "行政许可"]]
    source = xl.write_xlsx(tmp_path / "source.xlsx", formula)
    path = tmp_path / name
    shutil.copy(source, path)
    preview = preview_file(path, demo_repo)
    assert [r.name for r in preview.rows] == ["事项1", "事项2", ""]
    assert any("公式" in w.message for w in preview.warnings)


def shared_string_cell(xl, tmp_path: Path, text: bytes) -> Path:
    """The table with B3 holding `text` as a shared string, as Excel and WPS write text
    (openpyxl writes inline strings)."""
    table = rows(3)
    table[2][1] = "PLACEHOLDER"
    path = xl.write_xlsx(tmp_path / "shared.xlsx", table)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<c r="B3"([^>]*) t="inlineStr"><is><t>PLACEHOLDER</t></is></c>',
        rb'<c r="B3"\1 t="s"><v>0</v></c>', parts["xl/worksheets/sheet1.xml"])
    assert b'<v>0</v>' in parts["xl/worksheets/sheet1.xml"]
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>' + text + b"</t></si></sst>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
        b'Id="rIdShared"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    target = tmp_path / "shared-string.xlsx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return target


def test_a_shared_string_longer_than_excel_allows_is_named(demo_repo, tmp_path, xl):
    """Read first (its XML is short enough), then refused naming the cell that uses it."""
    path = shared_string_cell(xl, tmp_path, "长".encode() * (MAX_CELL_CHARS + 1))
    refused(demo_repo, path, "Sheet1", "单元格B3", f"{MAX_CELL_CHARS + 1} 个字符")
    preview = preview_file(shared_string_cell(xl, tmp_path, "长".encode() * 20), demo_repo)
    assert preview.rows[1].name == "长" * 20


def test_a_huge_shared_string_is_refused_before_it_is_read(demo_repo, tmp_path, xl):
    path = shared_string_cell(xl, tmp_path, b"x" * 30_000_000)
    assert path.stat().st_size < 1_000_000
    refused(demo_repo, path, "Sheet1", "单元格B3", "32767")


@pytest.mark.parametrize("far", [
    b"<c r='XFD3' t=\"inlineStr\"><is><t>x</t></is></c>",
    b'<c\n r = "xfd3" t="inlineStr"><is><t>x</t></is></c>',
])
def test_far_cells_written_unusually_are_refused_too(demo_repo, tmp_path, xl, far):
    """Calamine takes single quotes, blanks around "=" and lower-case column letters."""
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", rows(3))
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b"</sheetData>", b'<row r="5">' + far + b"</row></sheetData>"))
    refused(demo_repo, path, "Sheet1", "第16384列", "异常文件")


def without_references(data: bytes) -> bytes:
    """The sheet as a minimal writer saves it: no `r` on rows or cells."""
    return re.sub(rb' r="[A-Z]*\d+"', b"", data)


def test_cells_without_references_are_read_where_calamine_puts_them(demo_repo, tmp_path, xl):
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", rows(300))
    bare = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", without_references)
    assert b' r="' not in zipfile.ZipFile(bare).read("xl/worksheets/sheet1.xml")
    preview = preview_file(bare, demo_repo)
    assert [r.name for r in preview.rows] == [f"事项{i}" for i in range(1, 301)]


def test_a_wide_row_of_cells_without_references_is_refused(demo_repo, tmp_path, xl):
    """20,000 unnumbered cells in one row, then row 150,000: 3 billion cells to calamine."""
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", rows(3))
    wide = (b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 20_000 + b"</row>"
            b'<row r="150000"><c r="A150000" t="inlineStr"><is><t>x</t></is></c></row>')
    path = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b"</sheetData>", wide + b"</sheetData>"))
    assert path.stat().st_size < 1_000_000
    refused(demo_repo, path, "Sheet1", "第20000列", "异常文件")
