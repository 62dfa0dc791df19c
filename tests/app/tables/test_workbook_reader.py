"""Workbooks read by calamine on its own thread: the same grids whatever the file is named,
and every failure raised on the caller's thread with a message the clerk can act on."""

import shutil
import threading
import zipfile

import pytest

from app.tables.errors import FileImportError
from app.tables.reader import read_grids, start_reading

ROWS = [["附件1"], ["序号", "实施部门", "事项名称"], [1, "县公安局", "典当业特种行业许可证核发"],
        [2, None, "旅馆业特种行业许可证核发"], [3, "县农业农村局", "兽药经营许可证核发"]]


@pytest.fixture
def workbook(tmp_path, xl):
    return xl.write_xlsx(tmp_path / "原表.xlsx", ROWS, merges=["A1:C1", "B3:B4"])


@pytest.mark.parametrize("name", ["附件.xlsm", "附件.XLSX", "附件.xls", "附件.et", "附件"])
def test_a_workbook_reads_the_same_whatever_its_name(workbook, tmp_path, name):
    # Calamine opens a file by path only when the name's extension tells it the format the
    # content has; a renamed file (WPS saves .xls names) goes through a file object. Another
    # base name than the original: Windows names are case-insensitive.
    renamed = shutil.copy(workbook, tmp_path / name)
    expected = read_grids(workbook)
    got = read_grids(renamed)
    assert [(g.sheet, g.rows, g.merged_above) for g in got] == \
        [(g.sheet, g.rows, g.merged_above) for g in expected]
    assert expected[0].rows[3][:3] == [2.0, "县公安局", "旅馆业特种行业许可证核发"]


def test_a_real_xls_reads_like_the_xlsx(workbook, tmp_path, xl):
    xls = xl.convert(workbook, "xls", tmp_path / "xls")
    assert read_grids(xls)[0].rows[2][:3] == read_grids(workbook)[0].rows[2][:3]


def test_calamine_s_thread_is_done_once_the_grids_are_given(workbook):
    grids = start_reading(workbook).grids()
    assert grids[0].rows[2][2] == "典当业特种行业许可证核发"
    assert "calamine" not in [t.name for t in threading.enumerate()]


def test_a_broken_sheet_is_reported_on_the_callers_thread(workbook, tmp_path, xl):
    broken = xl.rewrite_member(workbook, "xl/worksheets/sheet1.xml", lambda data: data[:len(data) // 2])
    reading = start_reading(broken)
    with pytest.raises(FileImportError) as caught:
        reading.grids()
    assert "文件已损坏或不完整，无法读取这张工作表" in str(caught.value)
    assert "Sheet1" in str(caught.value)


def test_a_refused_file_never_reaches_calamine(tmp_path, xl):
    far = xl.rewrite_member(xl.write_xlsx(tmp_path / "far.xlsx", ROWS), "xl/worksheets/sheet1.xml",
                            lambda data: data.replace(b'r="C5"', b'r="XFD1048576"'))
    before = threading.active_count()
    with pytest.raises(FileImportError, match="超过 200000 行的上限"):
        start_reading(far)
    assert threading.active_count() == before


def test_the_file_is_let_go_once_read(workbook, tmp_path):
    read_grids(workbook)
    workbook.rename(tmp_path / "moved.xlsx")  # Windows refuses to move a file still open
    assert not zipfile.is_zipfile(workbook) and zipfile.is_zipfile(tmp_path / "moved.xlsx")
