"""A pasted block is checked cell by cell: bad cells marked, a summary, 撤销粘贴."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.clerk import column_of, edit_cell
from ui.models.annex import PROBLEM_BACKGROUND, UNKNOWN_BACKGROUND

pytestmark = pytest.mark.gui

BAD_BLOCK = ("1\t县级公安部门\t典当业特种行业许可证核发\t行政许可\t\t加强监管。\t\r\n"
             "asdf\t县级公安部门\t公章刻制业审批\t行政许可\t\t加强监管。\t\r\n"
             "3\t县级公安部门\t旅馆业特种行业许可证核发\tqwe\t\t加强监管。\t\r\n"
             "4\t县新设服务中心\t全新的审批事项\t行政许可\t\t加强监管。\t\r\n"
             "5\t公安机关\t印章业特种行业许可\t行政许可\t\t加强监管。\t\r\n")


def _background(model, row: int, key: str) -> str | None:
    brush = model.index(row, column_of(model, key)).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color().name() if brush is not None else None


def test_a_pasted_block_with_bad_cells_is_flagged_and_can_be_taken_back(window, qtbot):
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    editor.tabs.setCurrentIndex(2)
    annexes = editor.annexes
    annexes.add_annex()
    QGuiApplication.clipboard().setText(BAD_BLOCK)
    annexes.view.setFocus()
    qtbot.keyClick(annexes.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    model = annexes.rows
    assert len(model.records) == 5
    assert _background(model, 1, "seq") == PROBLEM_BACKGROUND
    tip = model.index(1, column_of(model, "seq")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "序号“asdf”不是数字。"
    assert _background(model, 2, "type") == PROBLEM_BACKGROUND
    assert "qwe" in model.index(2, column_of(model, "type")).data(Qt.ItemDataRole.ToolTipRole)
    assert _background(model, 3, "department") == UNKNOWN_BACKGROUND.lower()
    assert "待指定" in model.index(3, column_of(model, "department")).data(
        Qt.ItemDataRole.ToolTipRole)
    assert all(_background(model, 0, key) is None for key in ("seq", "type", "department"))
    assert model.cell_problem(4, "department") is None, "公安机关 resolves through its sector"
    assert annexes.paste_bar.isVisible()
    assert "5 行中 3 行有问题" in annexes.paste_note.text()

    # Correcting a cell takes its mark away and the summary follows.
    edit_cell(qtbot, annexes.view, 1, column_of(model, "seq"), "2")
    assert _background(model, 1, "seq") is None
    assert "5 行中 2 行有问题" in annexes.paste_note.text()

    annexes.undo_paste_button.click()
    assert model.records == []
    assert not annexes.paste_bar.isVisible()
    window.undo_action.trigger()
    assert len(model.records) == 5, "撤销粘贴 is itself a step that 撤销 takes back"
