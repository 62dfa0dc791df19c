"""撤销/重做 in the document and department editors, through the keys and the toolbar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.demo import DEMO_NOTICE
from tests.ui.clerk import column_of, edit_cell

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
PASTE = ('1\t县公安局\t公章刻制业审批\t行政许可\t国发〔2021〕7号\t"1.实行告知性备案。\r\n2.双随机抽查。"\t\r\n'
         '2\t县交通运输局\t道路货运站经营许可\t行政许可\t国发〔2021〕7号\t加强信用监管。\t\r\n')


def test_document_field_cell_and_paste_undo_redo_then_save(window, qtbot, type_text):
    repo = window.repo
    original = repo.document_by_number(DEMO_NOTICE)
    page = window.documents
    window.show_page(page)
    editor = page.editor
    assert editor.document.id == original.id
    annexes = editor.annexes
    title = editor.edits["title"]

    type_text(title, "（修订）")
    editor.tabs.setCurrentIndex(2)
    annexes.list.setCurrentRow(0)
    name_col = column_of(annexes.rows, "name")
    edit_cell(qtbot, annexes.view, 0, name_col, "对民族事务的监督检查")
    QGuiApplication.clipboard().setText(PASTE)
    annexes.view.selectRow(len(annexes.current.rows) - 1)
    annexes.view.setFocus()
    qtbot.keyClick(annexes.view, Qt.Key.Key_V, CTRL)

    rows = original.annexes[0].rows
    assert title.text() == original.title + "（修订）"
    assert annexes.rows.index(0, name_col).data() == "对民族事务的监督检查"
    assert len(annexes.current.rows) == len(rows) + 2
    assert page.dirty and "（未保存）" in page.heading.text()
    assert window.undo_action.isEnabled()
    assert window.undo_action.toolTip() == "撤销：粘贴 2 行"

    qtbot.keyClick(annexes.view, Qt.Key.Key_Z, CTRL)
    assert len(annexes.current.rows) == len(rows)
    qtbot.keyClick(annexes.view, Qt.Key.Key_Z, CTRL)
    assert annexes.rows.index(0, name_col).data() == rows[0].name
    window.undo_action.trigger()
    assert title.text() == original.title
    assert editor.tabs.currentIndex() == 0
    assert not page.dirty and not window.undo_action.isEnabled()

    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_Y, CTRL)
    assert title.text() == original.title + "（修订）"
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert annexes.rows.index(0, name_col).data() == "对民族事务的监督检查"
    assert len(annexes.current.rows) == len(rows) + 2
    assert page.dirty

    window.save_action.trigger()
    saved = repo.document_by_number(DEMO_NOTICE)
    assert saved.title == original.title + "（修订）"
    assert saved.annexes[0].rows[0].name == "对民族事务的监督检查"
    assert [r.name for r in saved.annexes[0].rows[-2:]] == ["公章刻制业审批", "道路货运站经营许可"]
    assert saved.annexes[0].rows[-2].measures == "1.实行告知性备案。\n2.双随机抽查。"
    title_log = [e for e in repo.audit_entries("documents", original.id) if e.field == "title"]
    assert (title_log[0].old_value, title_log[0].new_value) == (original.title, saved.title)
    row_log = [e for e in repo.audit_entries("annex_rows", rows[0].id) if e.field == "name"]
    assert (row_log[0].old_value, row_log[0].new_value) == (rows[0].name, "对民族事务的监督检查")
    inserted = repo.audit_entries("annex_rows", saved.annexes[0].rows[-1].id)
    assert {(e.action, e.field, e.new_value) for e in inserted} >= {("新增", "name", "道路货运站经营许可")}
    assert not page.dirty and not window.undo_action.isEnabled()


def test_annex_operations_undo_one_step_each(window, qtbot):
    page = window.documents
    window.show_page(page)
    editor = page.editor
    annexes = editor.annexes
    before = [(a.title, a.layout, len(a.rows)) for a in editor.document.annexes]
    annexes.list.setCurrentRow(1)
    annexes.move_annex(-1)
    annexes.add_annex()
    annexes.list.setCurrentRow(0)
    annexes.remove_annex()
    annexes.list.setCurrentRow(0)
    annexes.layout_combo.setCurrentIndex(annexes.layout_combo.count() - 1)
    annexes.view.selectRow(0)
    annexes.move_row(1)
    annexes.add_row()
    assert [c.text() for c in (editor.undo_stack.command(n)
                               for n in range(editor.undo_stack.count()))] == [
        "移动附件", "添加附件", "删除附件", "更改表格样式", "移动行", "添加行"]
    for _ in range(6):
        window.undo_action.trigger()
    assert [(a.title, a.layout, len(a.rows)) for a in editor.document.annexes] == before
    assert not page.dirty


def test_department_name_level_aliases_undo(window, qtbot, type_text):
    page = window.departments
    window.show_page(page)
    page.table.selectRow(0)
    dept = page.current
    type_text(page.name, "（新）")
    page.level.setCurrentIndex((page.level.currentIndex() + 1) % page.level.count())
    type_text(page.aliases, "\n新简称")
    assert page.dirty
    assert window.undo_action.toolTip() == "撤销：修改别名"
    for _ in range(3):
        qtbot.keyClick(page.name, Qt.Key.Key_Z, CTRL)
    assert page.edited_record() == dept
    assert not page.dirty
    window.redo_action.trigger()
    assert page.name.text() == dept.name + "（新）"
    assert page.save()
    assert window.repo.departments.registry().resolve(dept.name + "（新）") is not None
    assert not window.undo_action.isEnabled()


def test_undo_acts_on_the_page_showing(window, qtbot):
    import dataclasses

    item = window.repo.items.get(window.catalogue.model.item_id(0))
    window.save_item(item, dataclasses.replace(item, remarks="已核对"))
    assert window.undo_action.toolTip() == f"撤销：修改事项“{item.name}”"
    window.show_page(window.departments)
    assert not window.undo_action.isEnabled()
    window.show_page(window.catalogue)
    window.undo_action.trigger()
    assert window.repo.items.get(item.id).remarks == item.remarks
