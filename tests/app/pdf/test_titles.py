"""Title breaking on real titles of county and provincial notices.

The measure is the text block at 二号: 156 mm holds 20.1 characters of 22 pt,
so a title line has room for 20 full-width characters (not the body's 28);
digits are half as wide.
"""

from __future__ import annotations

import itertools

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.pdf.fonts import XIAOBIAOSONG, FontSet
from app.pdf.page import BLOCK_W, SIZE_2
from app.pdf.titles import shape_cost, title_lines

WIDTH = 20


def grid(text: str) -> float:
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


CASES = [
    pytest.param(
        "山东省人民政府关于加强和规范事中事后监管的实施意见",
        ["山东省人民政府关于加强和规范", "事中事后监管的实施意见"],
        id="verbs-加强和规范-stay-together-object-and-kind-below",
    ),
    pytest.param(
        "嘉祥县人民政府关于2021年第一批削减县级行政权力事项等事宜的通知",
        ["嘉祥县人民政府关于2021年第一批", "削减县级行政权力事项等事宜的通知"],
        id="batch-2021年第一批-ends-line-one-verb-phrase-whole-below",
    ),
    pytest.param(
        "济宁市人民政府关于2021年第一批消减行政权力事项等事宜的通知",
        ["济宁市人民政府关于2021年第一批", "消减行政权力事项等事宜的通知"],
        id="same-shape-as-the-county-notice-it-implements",
    ),
    pytest.param(
        "关于印发《嘉祥县行政权力事项动态调整办法》的通知",
        ["关于印发", "《嘉祥县行政权力事项动态调整办法》的通知"],
        id="book-title-is-a-name-and-stays-whole-filling-line-two",
    ),
    pytest.param(
        "嘉祥县人民政府办公室关于做好2022年度权责清单调整工作的通知",
        ["嘉祥县人民政府办公室关于做好", "2022年度权责清单调整工作的通知"],
        id="verb-做好-then-its-whole-object-balanced",
    ),
    pytest.param(
        "县政府关于取消和下放一批行政权力事项的决定",
        ["县政府关于取消和下放", "一批行政权力事项的决定"],
        id="complete-coordinated-verbs-then-一批-with-its-noun",
    ),
    pytest.param(
        "国务院关于取消和下放一批行政许可事项的决定",
        ["国务院关于取消和下放", "一批行政许可事项的决定"],
        id="国发2020-13-same-rule",
    ),
    pytest.param(
        "嘉祥县人民政府关于公布县级政府部门权责清单的通知",
        ["嘉祥县人民政府关于公布", "县级政府部门权责清单的通知"],
        id="level-县级-stays-with-its-noun",
    ),
    pytest.param(
        "关于进一步做好行政权力事项动态调整工作的通知",
        ["关于进一步做好行政权力事项", "动态调整工作的通知"],
        id="term-行政权力事项-not-cut-upper-line-longer",
    ),
    pytest.param(
        "嘉祥县人民政府关于转发鲁政发〔2020〕6号文件的通知",
        ["嘉祥县人民政府关于转发", "鲁政发〔2020〕6号文件的通知"],
        id="document-number-stays-whole",
    ),
    pytest.param(
        "嘉祥县人民政府关于转发国发〔2020〕13号文件的通知",
        ["嘉祥县人民政府关于转发", "国发〔2020〕13号文件的通知"],
        id="two-character-abbreviation-kept-and-转发-still-breakable",
    ),
]


@pytest.mark.parametrize(("title", "expected"), CASES)
def test_real_titles_break_where_a_typesetter_would(title: str, expected: list[str]) -> None:
    assert title_lines(title, grid, WIDTH) == expected


def test_three_line_title_is_a_diamond_with_names_whole() -> None:
    # 国办发〔2020〕43号: 44 characters need three lines; the meeting's name is
    # longer than a line, so it is cut once, between its scope and the meeting.
    title = "国务院办公厅关于印发全国深化“放管服”改革优化营商环境电视电话会议重点任务分工方案的通知"
    lines = title_lines(title, grid, WIDTH)
    assert lines == ["国务院办公厅关于", "印发全国深化“放管服”改革优化营商环境",
                     "电视电话会议重点任务分工方案的通知"]
    widths = [grid(line) for line in lines]
    assert widths[1] == max(widths)


@pytest.mark.parametrize("title", [str(c.values[0]) for c in CASES])
def test_never_inside_numbers_names_or_words(title: str) -> None:
    lines = title_lines(title, grid, WIDTH)
    assert "".join(lines) == title
    assert all(grid(line) <= WIDTH for line in lines)
    for upper, lower in itertools.pairwise(lines):
        assert not (upper[-1].isdigit() or (lower[0].isdigit() and upper[-1] in "第〕"))
        assert upper.count("《") == upper.count("》")
        assert upper.count("〔") == upper.count("〕")
        assert not upper.endswith(("和", "的")) and not lower.startswith(("和", "的"))


def test_book_title_longer_than_a_line_is_cut_only_then() -> None:
    title = "嘉祥县人民政府关于印发《嘉祥县推进政府职能转变和“放管服”改革实施方案》的通知"
    lines = title_lines(title, grid, WIDTH)
    assert "".join(lines) == title
    assert all(grid(line) <= WIDTH for line in lines)
    assert len(lines) == 2


def test_short_title_stays_on_one_line() -> None:
    assert title_lines("取消行政权力事项（18项）", grid, WIDTH) == ["取消行政权力事项（18项）"]


def test_shape_prefers_the_heavier_line_on_top_and_refuses_an_hourglass() -> None:
    assert shape_cost([14, 11]) < shape_cost([11, 14])
    assert shape_cost([8, 19, 17]) < shape_cost([14, 10, 17])


def test_real_width_limit_is_twenty_characters_of_erhao(fonts: FontSet) -> None:
    name = fonts[XIAOBIAOSONG].registered_name

    def measure(text: str) -> float:
        return stringWidth(text, name, SIZE_2)

    assert title_lines("政" * 20, measure, BLOCK_W) == ["政" * 20]
    assert len(title_lines("政" * 21, measure, BLOCK_W)) == 2
    assert title_lines("山东省人民政府关于加强和规范事中事后监管的实施意见", measure, BLOCK_W) == [
        "山东省人民政府关于加强和规范", "事中事后监管的实施意见"]
