"""Every kind of bad file gets a Chinese message naming the file; nothing is written."""

import io

import pytest

from app.cli import main
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS, Limits
from app.tables.importer import preview_file
from tests import sqlite_file

GOOD = [["序号", "事项名称", "事项类型"], ["1", "事项甲", "行政许可"]]
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
          b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>')


def refused(repo, path, *fragments, limits=DEFAULT_LIMITS):
    with pytest.raises(FileImportError) as caught:
        preview_file(path, repo, limits=limits)
    message = caught.value.message
    assert path.name in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def document_rows(repo):
    return sqlite_file.value(repo.path, "SELECT count(*) FROM annex_rows")


def test_not_a_spreadsheet(demo_repo, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("这是一个文本文件", encoding="utf-8")
    refused(demo_repo, path, "不是 Excel 表格")
    png = tmp_path / "picture.xls"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    refused(demo_repo, png, "不是 Excel 表格")


def test_encrypted_workbook(demo_repo, tmp_path, xl):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml",
                                reason="需要 msoffcrypto-tool 生成加密文件")
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", GOOD)
    locked = tmp_path / "locked.xlsx"
    out = io.BytesIO()
    with plain.open("rb") as source:
        ooxml.OOXMLFile(source).encrypt("1234", out)
    locked.write_bytes(out.getvalue())
    refused(demo_repo, locked, "密码")


def test_empty_files(demo_repo, tmp_path, xl):
    zero = tmp_path / "zero.xlsx"
    zero.write_bytes(b"")
    refused(demo_repo, zero, "空的")
    blank = xl.write_xlsx(tmp_path / "blank.xlsx", [])
    refused(demo_repo, blank, "没有任何内容")


def test_no_recognisable_header(demo_repo, tmp_path, xl):
    path = xl.write_xlsx(tmp_path / "other.xlsx", [["姓名", "电话"], ["张三", "123"]], sheet="通讯录")
    refused(demo_repo, path, "通讯录", "表头")


def test_truncated_file(demo_repo, tmp_path, xl):
    whole = xl.write_xlsx(tmp_path / "whole.xlsx", GOOD * 200).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    refused(demo_repo, cut, "损坏")


def test_huge_files_are_refused(demo_repo, tmp_path, xl):
    path = xl.write_xlsx(tmp_path / "big.xlsx", GOOD + [["2", "事项", "行政许可"]] * 150)
    refused(demo_repo, path, "行数超过 100 行", "Sheet1", limits=Limits(max_rows=100))
    refused(demo_repo, path, "文件太大", limits=Limits(max_bytes=1000))
    refused(demo_repo, path, "解压后", limits=Limits(max_unpacked_bytes=1000))


@pytest.mark.parametrize(("far", "fragment"), [
    (b'<c r="A1048576" t="inlineStr"><is><t>x</t></is></c>', "第1048576行"),
    (b'<c r="XFD3" t="inlineStr"><is><t>x</t></is></c>', "第16384列"),
])
def test_cells_far_outside_any_table_are_refused_before_reading(demo_repo, tmp_path, xl, far,
                                                                 fragment):
    """One cell at XFD1048576 would make the workbook reader fill 17 billion cells."""
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", GOOD)
    far_row = b'<row r="1048576">' if b"1048576" in far else b'<row r="3">'
    sparse = xl.rewrite_member(plain, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b"</sheetData>", far_row + far + b"</row></sheetData>"))
    refused(demo_repo, sparse, fragment, "异常文件")


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_expansion_is_refused(demo_repo, tmp_path, member, xl):
    plain = xl.write_xlsx(tmp_path / "plain.xlsx", GOOD)
    bomb = xl.rewrite_member(plain, member, lambda data: LAUGHS + data.split(b"?>", 1)[-1]
                          .replace(b"<t>", b"<t>&lol4;", 1))
    refused(demo_repo, bomb, "不安全")


def test_formula_without_cached_value_is_a_warning(demo_repo, tmp_path, xl):
    path = xl.write_xlsx(tmp_path / "f.xlsx", [*GOOD, ["2", '=B2&"乙"', "行政许可"]])
    preview = preview_file(path, demo_repo)
    assert [r.name for r in preview.rows] == ["事项甲", ""]
    assert {w.message for w in preview.warnings if w.row == 3 and w.column == "事项名称"} == {
        "事项名称为空。", warning_text(preview)}
    (warning,) = [w for w in preview.warnings if "公式" in w.message]
    assert (warning.row, warning.column) == (3, "事项名称") and "B3" in warning.message
    cached = xl.rewrite_member(path, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b'<c r="B3"><f>', b'<c r="B3" t="str"><f>').replace(
        b"</f><v></v>", "</f><v>事项甲乙</v>".encode()))
    preview = preview_file(cached, demo_repo)
    assert [r.name for r in preview.rows] == ["事项甲", "事项甲乙"] and not preview.warnings


def warning_text(preview):
    return next(w.message for w in preview.warnings if "公式" in w.message)


def test_command_line_reports_bad_file_without_traceback(demo_db, tmp_path, capsys, xl):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(xl.write_xlsx(tmp_path / "w.xlsx", GOOD * 50).read_bytes()[:300])
    code = main(["import", str(path), "--db", str(demo_db), "--document", "嘉政发〔2021〕2号"])
    err = capsys.readouterr().err
    assert code == 1 and "cut.xlsx" in err and "Traceback" not in err
    from app.storage.repository import Repository

    with Repository.open(demo_db, readonly=True) as repo:
        assert document_rows(repo) == 36  # the demo rows, untouched
