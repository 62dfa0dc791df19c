"""Checks at the moment of saving: 文号 brackets, an empty 成文日期, a department in use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.clerk import button

pytestmark = pytest.mark.gui


def test_square_brackets_in_the_number_become_hexagonal_as_typed(window, qtbot):
    page = window.documents
    window.show_page(page)
    page.new_record()
    number = page.editor.edits["number"]
    number.setFocus()
    qtbot.keyClicks(number, "JZF[2022]2")
    assert number.text() == "JZF〔2022〕2"
    page.editor.undo_stack.undo()
    assert "[" not in number.text()


def test_a_number_saved_earlier_with_brackets_is_fixed_in_one_click_and_on_save(window):
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    editor.edits["number"].setText("嘉政发【2022】2号")
    editor.edits["title"].setText("测试通知")
    editor._refresh_hints()
    assert editor.fix_number_button.isVisibleTo(editor)
    editor.fix_number_button.click()
    assert editor.edits["number"].text() == "嘉政发〔2022〕2号"
    assert not editor.fix_number_button.isVisibleTo(editor)

    editor.edits["number"].setText("嘉政发[2022]3号")
    assert page.save()
    saved = window.repo.document_by_number("嘉政发〔2022〕3号")
    assert saved.number == "嘉政发〔2022〕3号"
    assert "括号已改为〔〕" in page.save_note.text()


def test_saving_without_a_date_is_pointed_out(window, type_text):
    page = window.documents
    window.show_page(page)
    page.new_record()
    type_text(page.editor.edits["number"], "嘉政发〔2022〕5号")
    assert page.save()
    assert page.save_note.isVisible()
    assert "成文日期还没有填写" in page.save_note.text()
    type_text(page.editor.edits["date"], "2022年5月1日")
    assert page.save()
    assert page.save_note.text() == "已保存。"


def test_deleting_a_department_in_use_lists_its_items_first(window, qtbot, on_modal):
    page = window.departments
    window.show_page(page)
    repo = window.repo
    police = repo.departments.registry().resolve("县级公安部门")
    row = next(n for n, d in enumerate(page.records) if d.id == police.id)
    page.table.selectRow(row)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        assert not any(b.text() == "确定删除" for b in box.buttons())
        button(box, "知道了").click()

    on_modal(QMessageBox, read)
    qtbot.mouseClick(button(page, "删除部门"), Qt.MouseButton.LeftButton)
    assert "不能删除" in seen[0]
    assert "典当业特种行业许可证核发" in seen[0]
    assert repo.departments.registry().resolve("县级公安部门") is not None
