"""After the import wizard: what came in and where, shown on the 附件 tab; step 4 and the
manual mapping default to what the clerk is looking at."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from app.demo import DEMO_NOTICE
from app.tables.exporter import export_document
from ui.dialogs.import_wizard import ImportWizard, MappingDialog

pytestmark = pytest.mark.gui


def test_the_wizard_imports_into_the_open_document_and_says_where(window, qtbot, tmp_path,
                                                                  on_modal):
    repo = window.repo
    source = repo.document_by_number(DEMO_NOTICE)
    path = tmp_path / "附件.xlsx"
    export_document(source, path)
    page = window.documents
    window.show_page(page)
    page.open_document(source.id)
    before = len(page.editor.document.annexes)
    seen: dict[str, object] = {}

    def drive(wizard: ImportWizard) -> None:
        wizard.load_file(path)
        qtbot.waitUntil(lambda: bool(wizard.previews), timeout=10000)
        wizard.next()
        wizard.next()
        wizard.next()
        seen["target"] = wizard.target_page.document.currentText()
        wizard.button(QWizard.WizardButton.FinishButton).click()

    on_modal(ImportWizard, drive)
    window.import_action.trigger()

    assert seen["target"] == DEMO_NOTICE
    rows = len(source.annexes[0].rows)
    editor = page.editor
    assert len(editor.document.annexes) == before + 1
    assert editor.tabs.currentWidget() is editor.annexes
    assert editor.annexes.list.currentRow() == before
    assert page.save_note.isVisible()
    assert page.save_note.text() == f"已导入 {rows} 行到附件{before + 1}。"


def test_the_mapping_dialog_shows_headers_whole_and_starts_from_the_detected_layout(qtbot):
    dialog = MappingDialog(["序\n号", "事项名称\n及权限", "备注"], "taken_over")
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "“序号”列" in labels and "“事项名称及权限”列" in labels
    assert dialog.base.currentData() == "taken_over"
