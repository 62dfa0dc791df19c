"""Department form names that every Windows version opens as files (tests/windows writes them there)."""

from __future__ import annotations

import pytest

from app.domain.forms import form_file_name


@pytest.mark.parametrize(("department", "expected"), [
    ('市场:监管*局?', "市场_监管_局__嘉政发〔2021〕2号_反馈表.xlsx"),
    ('"公安"<局>|', "_公安__局___嘉政发〔2021〕2号_反馈表.xlsx"),
    ("文化\t旅游\x01局", "文化_旅游_局_嘉政发〔2021〕2号_反馈表.xlsx"),
    ("con.局", "_con.局_嘉政发〔2021〕2号_反馈表.xlsx"),
    ("NUL .局", "_NUL .局_嘉政发〔2021〕2号_反馈表.xlsx"),
    ("lpt9.", "lpt9_嘉政发〔2021〕2号_反馈表.xlsx"),
    ("CON", "CON_嘉政发〔2021〕2号_反馈表.xlsx"),
    ("司法局.", "司法局_嘉政发〔2021〕2号_反馈表.xlsx"),
])
def test_form_names_windows_accepts(department: str, expected: str) -> None:
    assert form_file_name(department, "嘉政发〔2021〕2号", set()) == expected


def test_device_name_as_the_whole_stem_without_document() -> None:
    assert form_file_name("AUX", "", set()) == "AUX_事项_反馈表.xlsx"
    assert form_file_name("aux.局", "", set()) == "_aux.局_事项_反馈表.xlsx"
