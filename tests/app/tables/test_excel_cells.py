import pytest

from app.domain.layouts import builtin_layout
from app.tables.cells import join_wrapped, tidy
from app.tables.sheet import column_widths, text_lines


@pytest.mark.parametrize(("written", "key", "stored"), [
    ("行政\n许可", "type", "行政许可"),
    ("省自然\n资源厅", "department", "省自然资源厅"),
    ("１２", "seq", "12"),
    (12.0, "seq", "12"),
    ("\u3000", "remarks", ""),
    ("备注  \u3000", "remarks", "备注"),
    ("省级\n取消\n事项", "remarks", "省级取消事项"),
    ("加强监管：\n1. 一条\n2、二条\n（1）细则\n①要点", "measures",
     "加强监管：\n1. 一条\n2、二条\n（1）细则\n①要点"),
    ("取消后要通过以下措施加\n强监管：\n1．第一条内\n容较长", "measures",
     "取消后要通过以下措施加强监管：\n1．第一条内容较长"),
    ("《条例》。\n2020年修订后无规定。", "basis", "《条例》。\n2020年修订后无规定。"),
    # blank lines and indentation go; a full-width number still starts a point
    ("监管措施：\n\n  １．抽查\u3000\n\t２、公示\n\n", "measures", "监管措施：\n１．抽查\n２、公示"),
    # a number alone on a line is not a point because the next line starts with "."
    ("第\n1\n.条", "basis", "第1.条"),
    ("（ 3 ）\n细则\n（\n4）细则", "measures", "（ 3 ）细则（\n4）细则"),
])
def test_cells_are_stored_as_written_meant(written, key, stored):
    assert tidy(written, key) == stored


def test_join_is_idempotent():
    text = "加强监管：\n1. 一条\n2、二条"
    assert join_wrapped(join_wrapped(text)) == text


def test_widths_fill_a4_landscape_and_lines_grow_with_text():
    widths = column_widths(builtin_layout("cancel").columns)
    assert 125 < sum(widths) < 140
    assert text_lines("短", widths[5]) == 1
    assert text_lines("字" * 300, widths[5]) > text_lines("字" * 100, widths[5]) > 2
    assert text_lines("一\n二\n三", widths[5]) == 3
