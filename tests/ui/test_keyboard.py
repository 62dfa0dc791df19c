"""The catalogue by keyboard alone: F6 between areas, Tab out of the table, Enter to read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.dialogs.item_editor import ItemEditor
from ui.dialogs.item_view import ItemView

pytestmark = pytest.mark.gui

NAME = "典当业特种行业许可证核发"


def _focus():
    return QApplication.focusWidget()


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def test_keyboard_only_filtering_reaches_the_document_link_and_opens_the_row(
        window, qtbot, type_text):
    window.activateWindow()
    catalogue = window.catalogue
    _key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert _focus() is catalogue.search
    type_text(catalogue.search, NAME)
    qtbot.waitUntil(lambda: catalogue.model.rowCount() == 1, timeout=3000)

    _key(qtbot, Qt.Key.Key_F6)
    assert _focus() is catalogue.table
    _key(qtbot, Qt.Key.Key_Down)
    assert catalogue.current_id() == catalogue.model.item_id(0)
    assert NAME in catalogue.detail.toPlainText()

    _key(qtbot, Qt.Key.Key_F6)
    assert _focus() is catalogue.detail
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focus() is catalogue.detail, "Tab walks the pane's links"
    assert catalogue.detail.textCursor().charFormat().isAnchor()
    _key(qtbot, Qt.Key.Key_Return)

    entry = window.repo.items.timeline(catalogue.model.item_id(0))[0]
    editor = window.documents.editor
    assert window.stack.currentWidget() is window.documents
    assert editor.document.id == entry.document_id
    assert editor.tabs.currentWidget() is editor.annexes
    assert editor.annexes.list.currentRow() == entry.annex_position - 1
    (row,) = {i.row() for i in editor.annexes.view.selectionModel().selectedIndexes()}
    assert editor.annexes.rows.records[row].name == NAME


def test_f6_cycles_back_to_the_filter_bar_and_tab_leaves_the_table(window, qtbot):
    window.activateWindow()
    catalogue = window.catalogue
    catalogue.table.setFocus()
    _key(qtbot, Qt.Key.Key_Tab)
    assert not catalogue.table.hasFocus()
    catalogue.table.setFocus()
    _key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not catalogue.table.hasFocus()
    catalogue.table.setFocus()
    _key(qtbot, Qt.Key.Key_F6)
    _key(qtbot, Qt.Key.Key_F6)
    assert _focus() is catalogue.search
    _key(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert _focus() is catalogue.detail


def test_enter_reads_the_item_and_f2_edits_it(window, qtbot, on_modal):
    window.activateWindow()
    catalogue = window.catalogue
    catalogue.table.setFocus()
    _key(qtbot, Qt.Key.Key_Down)
    assert catalogue.table.selectionModel().selectedRows()[0].row() == 0
    name = catalogue.model.index(0, 1).data()
    seen: list[str] = []

    def read(view: ItemView) -> None:
        seen.append(view.detail.toPlainText())
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow, timeout=2000)
        qtbot.keyClick(_focus(), Qt.Key.Key_F2)

    def edit(editor: ItemEditor) -> None:
        seen.append(editor.name_edit.text())
        editor.reject()

    on_modal(ItemView, read)
    on_modal(ItemEditor, edit)
    _key(qtbot, Qt.Key.Key_Return)
    assert name in seen[0]
    assert seen[1] == name
