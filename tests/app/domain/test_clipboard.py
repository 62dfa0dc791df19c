from app.domain.clipboard import annex_rows, parse_table
from app.domain.layouts import builtin_layout


def test_excel_quoted_multiline_cells_stay_one_cell():
    text = '1\t县公安局\t"取消许可后：\r\n1.开展检查\r\n2.信用监管"\t备注\r\n2\t县人社局\t无\t\r\n'
    assert parse_table(text) == [
        ["1", "县公安局", "取消许可后：\n1.开展检查\n2.信用监管", "备注"],
        ["2", "县人社局", "无", ""],
    ]


def test_doubled_quotes_inside_a_quoted_cell():
    assert parse_table('"他说""好""\n第二行"\tx\n') == [['他说"好"\n第二行', "x"]]


def test_word_text_with_a_stray_quote_is_kept_literally():
    assert parse_table('"双随机"抽查\t县市场监管局\n') == [['"双随机"抽查', "县市场监管局"]]


def test_trailing_blank_rows_are_dropped():
    assert parse_table("a\tb\n\t\n\n") == [["a", "b"]]


def test_rows_follow_the_layout_and_skip_a_header_row():
    layout = builtin_layout("cancelled_above")
    cells = parse_table("序号\t事项名称及权限\t原实施部门\n1\t印章刻制审批\t县级公安部门\n")
    rows = annex_rows(cells, layout)
    assert len(rows) == 1
    assert rows[0].name == "印章刻制审批"
    assert rows[0].department == "县级公安部门"


def test_rows_without_header_take_the_layout_order_and_clean_cells():
    layout = builtin_layout("cancel")
    rows = annex_rows(parse_table("１\t县公安局\u3000\t事项A\t行政许可\n\t\t\t\n"), layout)
    assert [(r.seq, r.department, r.name, r.type) for r in rows] == [
        ("１", "县公安局", "事项A", "行政许可")]
