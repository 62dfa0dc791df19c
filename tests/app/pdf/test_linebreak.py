"""Chinese line breaking rules, with a one-unit-per-character measure."""

from __future__ import annotations

import pytest

from app.pdf.linebreak import (
    CLOSING,
    OPENING,
    atoms,
    break_paragraph,
    break_text,
)


def is_legal_line_sequence(lines: list[str]) -> bool:
    """Whether no line starts with closing or ends with opening punctuation."""
    return all(not (n > 0 and line and line[0] in CLOSING) and not (line and line[-1] in OPENING)
               for n, line in enumerate(lines))


def grid(text: str) -> float:
    """Full-width characters one unit, half-width ones half a unit."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def test_numbers_and_latin_words_are_single_atoms() -> None:
    assert atoms("于2021年2月") == ["于", "2021", "年", "2", "月"]
    assert "jxznb312@ji.shandong.cn" in atoms("邮箱：jxznb312@ji.shandong.cn。")
    assert atoms("1.根据")[:2] == ["1", "."]


@pytest.mark.parametrize("closing", sorted("，。、；：？！）》」』”’"))
def test_no_line_starts_with_closing_punctuation(closing: str) -> None:
    text = "甲乙丙丁戊" + closing + "己庚"
    lines = break_paragraph(text, grid, 5)
    assert "".join(lines) == text
    assert all(line[0] not in CLOSING for line in lines[1:])
    assert all(grid(line) <= 5 for line in lines)


@pytest.mark.parametrize("opening", sorted("（《「『“‘"))
def test_no_line_ends_with_opening_punctuation(opening: str) -> None:
    text = "甲乙丙丁" + opening + "戊己庚"
    lines = break_paragraph(text, grid, 5)
    assert "".join(lines) == text
    assert all(line[-1] not in OPENING for line in lines)


def test_numbers_are_not_split_across_lines() -> None:
    lines = break_paragraph("甲乙丙丁20210220号", grid, 6)
    assert lines == ["甲乙丙丁", "20210220号"]


def test_first_line_indent_is_respected() -> None:
    lines = break_paragraph("一二三四五六七八九十", grid, 4, first_width=2)
    assert lines == ["一二", "三四五六", "七八九十"]


def test_run_wider_than_a_line_is_cut_by_characters() -> None:
    url = "http://www.jiaxiang.gov.cn/a/b/c"
    lines = break_paragraph(url, grid, 5)
    assert "".join(lines) == url
    assert all(grid(line) <= 5 for line in lines)


def test_hard_line_breaks_are_kept() -> None:
    assert break_text("甲乙\n丙丁戊", grid, 2) == ["甲乙", "丙丁", "戊"]


def test_long_body_text_breaks_legally() -> None:
    text = ("为深入实施“放管服”改革、加快推进政府职能转变，全面减权放权授权、打造精简高效政务生态，"
            "根据《国务院关于取消和下放一批行政许可事项的决定》（国发〔2020〕13号）。") * 3
    for width in (7, 13, 28):
        lines = break_paragraph(text, grid, width)
        assert "".join(lines) == text
        assert is_legal_line_sequence(lines)
        assert all(grid(line) <= width for line in lines)


def _grid(text: str) -> float:
    """Full-width characters 1, half-width 0.5, as on the notice's grid."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def test_email_is_broken_after_at_or_dot_rather_than_leaving_a_short_line() -> None:
    text = "联系人邮箱为" + "qz_contact2021@jiaozhou.shandong.gov.cn" + "，请按时报送。"
    lines = break_paragraph(text, _grid, 20)
    assert "".join(lines) == text
    assert _grid(lines[0]) >= 0.85 * 20
    assert lines[0][-1] in "@.", lines


def test_unbreakable_address_part_is_cut_at_any_character_as_a_last_resort() -> None:
    text = "邮箱" + "a" * 60 + "@example.cn"
    lines = break_paragraph(text, _grid, 20)
    assert "".join(lines) == text
    assert all(_grid(line) >= 0.85 * 20 for line in lines[:-1]), lines


def test_numbers_and_codes_still_stay_whole() -> None:
    lines = break_paragraph("这是一个测试文件编号GB/T9704-2012的格式要求", _grid, 12)
    assert any("GB/T9704-2012" in line for line in lines)
