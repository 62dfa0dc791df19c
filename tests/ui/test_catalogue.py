from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from ui.models.catalogue import ItemTableModel

pytestmark = pytest.mark.gui


def test_model_passes_the_model_tester_and_matches_the_repository(qtmodeltester, demo_repo):
    model = ItemTableModel(demo_repo)
    qtmodeltester.check(model)
    expected = [r.name for r in demo_repo.items.query(model.filter)]
    assert [model.index(n, 1).data() for n in range(model.rowCount())] == expected
    model.sort(1, Qt.SortOrder.DescendingOrder)
    names = [model.index(n, 1).data() for n in range(model.rowCount())]
    assert names == [r.name for r in demo_repo.items.query(model.filter, "name")][::-1]


def test_typing_a_search_narrows_the_table_and_the_count(window, qtbot, type_text):
    page = window.catalogue
    total = page.model.rowCount()
    type_text(page.search, "典当")
    qtbot.waitUntil(lambda: page.model.rowCount() < total, timeout=2000)
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "共 1 个事项（已按条件筛选）"


def test_department_filter_accepts_an_alias_and_fills_the_detail_pane(window, qtbot, type_text):
    page = window.catalogue
    page.department.setCurrentText("县级公安部门")
    page.apply_filter()
    assert page.model.rowCount() >= 1
    assert {page.model.index(n, 2).data() for n in range(page.model.rowCount())} == {"县级公安部门"}
    page.table.selectRow(0)
    html = page.detail.toPlainText()
    assert "典当业特种行业许可证核发" in html
    assert "嘉政发〔2021〕2号" in html
    assert "根据省公安厅、省地方金融监管局推送信息" in html
    assert html.index("根据省公安厅") < html.index("通过“双随机、一公开”监管等方式")


def test_clicking_a_timeline_entry_opens_the_document(window, qtbot, type_text):
    page = window.catalogue
    page.table.selectRow(0)
    item_id = page.current_id()
    entry = window.repo.items.timeline(item_id)[0]
    page.detail.open_document.emit(entry.document_id, entry.annex_position, entry.annex_row_seq)
    assert window.stack.currentWidget() is window.documents
    editor = window.documents.editor
    assert editor.document.id == entry.document_id
    assert editor.tabs.currentWidget() is editor.annexes
    assert editor.annexes.list.currentRow() == entry.annex_position - 1
    (row,) = {i.row() for i in editor.annexes.view.selectionModel().selectedIndexes()}
    assert editor.annexes.rows.records[row].seq == entry.annex_row_seq


def test_edit_save_and_undo_go_through_the_audit_log(window, qtbot, type_text):
    repo = window.repo
    page = window.catalogue
    page.table.selectRow(0)
    item_id = page.current_id()
    old = repo.items.get(item_id)
    new = dataclasses.replace(old, remarks="已核对")
    window.save_item(old, new)
    assert repo.items.get(item_id).remarks == "已核对"
    assert page.model.index(0, 8).data() == "已核对"
    entries = repo.audit_entries("items", item_id)
    assert entries[0].field == "remarks" and entries[0].new_value == "已核对"
    window.undo_action.trigger()
    assert repo.items.get(item_id).remarks == old.remarks
    assert repo.audit_entries("items", item_id)[0].new_value == old.remarks
    window.redo_action.trigger()
    assert repo.items.get(item_id).remarks == "已核对"


def test_item_editor_shows_problems_inline_and_blocks_saving(window, qtbot, type_text):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.item_editor import ItemEditor

    item = window.repo.items.get(window.catalogue.model.item_id(0))
    editor = ItemEditor(window.repo, window.settings, item, window)
    editor.name_edit.clear()
    assert "事项名称不能为空" in editor.problems.text()
    assert not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    type_text(editor.name_edit, "新的名称")
    editor.department_combo.setCurrentText("县级公安部门")
    assert editor.problems.text() == ""
    before = editor.measures.list.count()
    template = window.repo.lists.templates()[0]
    editor.measures.insert_template(template)
    assert editor.measures.list.count() > before
    assert f"{before + 1}. " in editor.item().measures
    editor.dirty = False
    editor.reject()
