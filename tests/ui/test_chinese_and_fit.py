"""Chinese everywhere and nothing cut off: Qt's dialogs, narrow combos, cramped lines, and
the database the window had open last time."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QStyleOptionViewItem,
    QTreeView,
)

from app import paths
from ui import app as app_module
from ui.app import chosen_database, open_window
from ui.chinese import DATE_COLUMN, install_translations
from ui.settings import LAST_DATABASE, Settings
from ui.widgets.annex_editor import NONE
from ui.widgets.item_detail import HEADING_LINE_HEIGHT

pytestmark = pytest.mark.gui
MNEMONIC = re.compile(r"\(&[A-Z]\)")


def test_qt_file_dialogs_are_chinese_with_a_wide_date_column(window, qtbot, on_modal):
    assert "qtbase_zh_CN" in install_translations(QApplication.instance())
    seen: dict[str, object] = {}

    def read(dialog: QFileDialog) -> None:
        seen["labels"] = [dialog.labelText(label) for label in (
            QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileName,
            QFileDialog.DialogLabel.FileType, QFileDialog.DialogLabel.Accept)]
        view = dialog.findChild(QTreeView, "treeView")
        seen["date"] = view.columnWidth(DATE_COLUMN)
        seen["date_header"] = view.model().headerData(DATE_COLUMN, Qt.Orientation.Horizontal)
        dialog.reject()

    on_modal(QFileDialog, read)
    window.open_action.trigger()
    for label in seen["labels"]:
        assert not re.search("[A-Za-z]", MNEMONIC.sub("", label)), label
    assert seen["date_header"] == "修改日期"
    assert seen["date"] >= 150


def test_the_change_kind_combo_shows_its_whole_text(window):
    page = window.documents
    window.show_page(page)
    editor = page.editor
    editor.tabs.setCurrentIndex(2)
    kind = editor.annexes.kind
    kind.setCurrentText(NONE)
    QApplication.processEvents()
    assert kind.width() >= kind.fontMetrics().horizontalAdvance(NONE) + 30


def test_two_line_headings_get_line_spacing(window):
    catalogue = window.catalogue
    catalogue.table.selectRow(0)
    heading = catalogue.detail.document().firstBlock().blockFormat()
    assert heading.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    assert heading.lineHeight() == HEADING_LINE_HEIGHT

    page = window.documents
    window.show_page(page)
    documents = page.list
    option = QStyleOptionViewItem()
    option.initFrom(documents)
    index = documents.model().index(0, 0)
    lines = str(index.data()).count("\n") + 1
    height = documents.itemDelegate().sizeHint(option, index).height()
    assert lines == 3
    assert height >= lines * documents.fontMetrics().height() * 1.3


def test_the_export_forms_dialog_promises_no_basis_column(window, on_modal):
    seen: list[str] = []

    def read(dialog: QInputDialog) -> None:
        seen.append(dialog.labelText())
        dialog.reject()

    on_modal(QInputDialog, read)
    window.dept_export_action.trigger()
    assert seen and "依据" not in seen[0]
    assert "部门" in seen[0]


def test_the_last_database_is_opened_again_at_start_up(window, demo_db, tmp_path):
    other = tmp_path / "去年.sqlite"
    shutil.copy(demo_db, other)
    settings = Settings()
    settings.set(LAST_DATABASE, str(other))
    assert chosen_database(paths.default_db_path(), settings) == other
    assert chosen_database(demo_db, settings) == demo_db, "a database named explicitly wins"
    reopened = open_window(chosen_database(paths.default_db_path(), settings), settings)
    try:
        assert reopened.repo.path == other
    finally:
        app_module._windows.remove(reopened)
        reopened.repo.close()
        reopened.deleteLater()
    settings.set(LAST_DATABASE, str(tmp_path / "已删除.sqlite"))
    assert chosen_database(paths.default_db_path(), settings) == paths.default_db_path()
