"""The importer's shortcuts (rows read a column at a time, texts tidied once, rows starting
with a number not cleaned) give what cleaning every cell of every row gives."""

import dataclasses

import pytest

from app.domain.documents import ROW_FIELDS, AnnexRow
from app.tables.cells import ColumnTidier, tidy, tidy_long, tidy_long_texts
from app.tables.importer import preview_file
from app.tables.reader import read_grids

HEADER = ["序号", "原实施部门", "事项名称及权限", "事项类型", "取消依据", "加强事中事后监管措施", "备注"]


def row(seq, name, remarks=None, department="县交通局"):
    return [seq, department, name, "行政许可", "依据", "措施", remarks]


def read(tmp_path, xl, rows, merges=()):
    path = xl.write_xlsx(tmp_path / "annex.xlsx", [HEADER, *rows], merges=merges)
    return path


def test_annex_rows_take_the_fields_in_row_fields_order():
    """The importer builds rows positionally (`map(AnnexRow, *columns)`)."""
    names = [f.name for f in dataclasses.fields(AnnexRow)]
    assert tuple(names[:len(ROW_FIELDS)]) == ROW_FIELDS
    assert AnnexRow(*ROW_FIELDS).field_values() == dict(zip(ROW_FIELDS, ROW_FIELDS, strict=True))


@pytest.mark.parametrize("key", [*ROW_FIELDS, "duty"])
def test_a_column_is_tidied_as_each_cell_would_be(key):
    values = [1.0, True, 1, 3.0, 3.5, -2.0, False, 0.0, None, "", "\u3000", "1", "１２", " 7 ",
              "行政\n许可", "行政\r\n许可", "措施\r\n1. 抽查", "名称\u3000二", "名称\u00a0三 ",
              "加强监管：  \n1. 一条", "行政许可", "行政许可", "行政  处罚", "1", True, 1.0]
    assert ColumnTidier(key).column(values) == [tidy(v, key) for v in values]


@pytest.mark.parametrize("key", [*ROW_FIELDS, "duty"])
@pytest.mark.parametrize("values", [[1.0, -2.0, 0.0, -0.0, 1e20, 12.0], [1.0, 2.5],
                                    [1.0, float("nan")], [1.0, True], [1.0, None], [1.0, "1"]])
def test_a_column_of_numbers_is_tidied_as_each_number_would_be(key, values):
    assert ColumnTidier(key).column(values) == [tidy(v, key) for v in values]


@pytest.mark.parametrize("key", ["seq", "name"])
def test_one_odd_text_in_a_plain_column_is_still_tidied(key):
    """A whole column is passed as plain after one test of its texts joined."""
    values = [str(n) for n in range(1, 50)] + ["１２", "名称\u3000二", "第\n1\n.条"]
    assert ColumnTidier(key).column(values) == [tidy(v, key) for v in values]


# Texts whose neighbours, run together, would start an enumerated point (`12` + `.`,
# `（` + `1）`) or whose ends are breaks and blanks.
LONG_TEXTS = ["加强监管：\n1. 一条\n2、二条", "取消后要通过以下措施加\n强监管：\n1．第一条内\n容较长",
              "第\n1\n.条", "（ 3 ）\n细则\n（\n4）细则", "\n\n开头的空行\n", "末尾是数字\n12",
              ".开头的点", "结尾\n（", "1）开头", "——\n", "\n——", "《条例》。\n2020年修订后无规定。",
              "  两端空格  ", "", "名称", "甲\n\t 乙"]


def test_long_texts_joined_are_tidied_as_each_alone():
    assert tidy_long_texts(LONG_TEXTS) == [tidy_long(t) for t in LONG_TEXTS]


@pytest.mark.parametrize("odd", ["空格在换行前 \n下一行", "回车\r\n换行", "全角\u3000空格",
                                 "不换行\u00a0空格", "含\x00空字符"])
def test_texts_that_need_more_are_left_to_tidy_long(odd):
    assert tidy_long_texts([*LONG_TEXTS, odd]) is None
    assert ColumnTidier("measures").column([*LONG_TEXTS, odd]) == [
        tidy_long(t) for t in [*LONG_TEXTS, odd]]


def test_notes_and_blank_looking_cells_between_rows(demo_repo, tmp_path, xl):
    rows = [row(1.0, "事项甲"),
            ["\u3000", "注：以上事项自公布之日起取消。"],  # first text after a U+3000 cell
            [9.0, 9.0, 9.0],  # one text (a number merged across) continues the note
            ["\u3000", "\u3000", None, "\u3000"],  # reads as empty
            row(3.0, "事项丙"),
            row(4.0, "事项丁"),
            ["备注：尾注"]]
    preview = preview_file(read(tmp_path, xl, rows), demo_repo)
    assert [(r.seq, r.name) for r in preview.rows] == [("1", "事项甲"), ("3", "事项丙"),
                                                       ("4", "事项丁")]
    assert preview.source_rows == [2, 6, 7]


def test_a_number_after_notes_with_other_texts_is_a_row_again(demo_repo, tmp_path, xl):
    rows = [row(1.0, "事项甲"), ["注：说明"], row(2.0, "事项乙")]
    preview = preview_file(read(tmp_path, xl, rows), demo_repo)
    assert [r.name for r in preview.rows] == ["事项甲", "事项乙"]


def test_numbers_booleans_and_full_width_digits(demo_repo, tmp_path, xl):
    rows = [row(3.0, "整数序号", True), row(3.5, "小数序号", 1.0), row("４", "全角序号", False),
            row(True, "布尔序号"), row(" 6 ", "带空格的序号", "\u3000")]
    preview = preview_file(read(tmp_path, xl, rows), demo_repo)
    assert [(r.seq, r.name, r.remarks) for r in preview.rows] == [
        ("3", "整数序号", "True"), ("3.5", "小数序号", "1"), ("4", "全角序号", "False"),
        ("True", "布尔序号", ""), ("6", "带空格的序号", "")]


def test_a_repeated_header_is_skipped_but_a_numbered_row_never_is(demo_repo, tmp_path, xl):
    rows = [row(1, "事项甲"), HEADER, row(2, "事项乙"),
            ["3", "原实施部门", "事项名称及权限", "事项类型", "取消依据", "措施", None]]
    preview = preview_file(read(tmp_path, xl, rows), demo_repo)
    assert [(r.seq, r.name) for r in preview.rows] == [
        ("1", "事项甲"), ("2", "事项乙"), ("3", "事项名称及权限")]
    assert preview.source_rows == [2, 4, 5]


def test_rows_without_content_are_skipped_and_warnings_keep_row_order(demo_repo, tmp_path, xl):
    rows = [[1, "县交通局", None, "未知类型", "依据", "措施", None],
            [2, None, None, None, None, None, None],
            [3, "县交通局", "事项丙", "另一类型", "依据", "措施", None]]
    preview = preview_file(read(tmp_path, xl, rows), demo_repo)
    assert [r.seq for r in preview.rows] == ["1", "3"]
    assert [(w.row, w.column) for w in preview.warnings] == [
        (2, "事项名称及权限"), (2, "事项类型"), (4, "事项类型")]


def test_merged_cells_mark_only_rows_whose_row_above_was_read(demo_repo, tmp_path, xl):
    rows = [row(1, "事项甲", department="县水利局"), row(2, "事项乙", department=None),
            HEADER, row(3, "事项丙", department="县财政局"), row(4, "事项丁", department=None)]
    # B2:B3 joins two data rows; B4:B5 a repeated header (skipped) to a data row
    preview = preview_file(read(tmp_path, xl, rows, merges=["B2:B3", "B4:B5"]), demo_repo)
    assert [(r.name, r.department, r.merged_with_above) for r in preview.rows] == [
        ("事项甲", "县水利局", []), ("事项乙", "县水利局", ["department"]),
        ("事项丙", "原实施部门", []), ("事项丁", "", [])]


def test_empty_cells_read_as_none(tmp_path, xl):
    path = xl.write_xlsx(tmp_path / "sparse.xlsx", [
        ["甲", None, "丙", None, "戊", "己"], [None, None, None, None, None, "只有末格"]])
    (grid,) = read_grids(path)
    assert grid.rows == [["甲", None, "丙", None, "戊", "己"],
                         [None, None, None, None, None, "只有末格"]]
