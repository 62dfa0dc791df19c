"""Whatever makes the 文件 page read the file again (a department's returned form, saving,
deleting, applying, another page's change), the clerk stays on the document, tab, annex
and cell they were at, and unsaved edits are never dropped without asking."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from app.demo import DEMO_NOTICE
from app.domain.documents import Document
from app.storage.repository import Repository
from app.tables.roundtrip import export_for_departments
from tests import sqlite_file
from tests.ui.clerk import confirm_apply
from ui.dialogs.review_changes import ReviewChanges
from ui.widgets.document_editor import ANNEX_TAB

pytestmark = pytest.mark.gui

PROVINCIAL = "鲁政发〔2020〕6号"
REMARK = "已衔接"
ASKED_TO_SAVE = "“文件”中的修改还没有保存。要保存吗？"


def returned_form(window, folder: Path) -> Path:
    """县商务局's form for the demo notice, returned with a remark on 附件2's first row
    (the sixth row of 附件2 in the document)."""
    (sent,) = export_for_departments(window.repo, DEMO_NOTICE, folder, ["县商务局"]).results
    book = openpyxl.load_workbook(sent.path)
    book["附件2"]["G4"] = REMARK
    book.save(sent.path)
    return sent.path


def stored(path: Path, number: str) -> Document:
    """The document as the database file holds it, read through a connection of its own."""
    with Repository.open(path, readonly=True, make_backup=False) as repo:
        return repo.document_by_number(number)


def import_feedback(window, qtbot, monkeypatch, on_modal, form: Path,
                    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
                    ) -> tuple[list[str], list[str]]:
    """文件 → 导入部门反馈… as the menu runs it, every change accepted; returns the questions
    asked (answered with `answer`) and the messages shown."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(form)], ""))
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or answer)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    reviewed = on_modal(ReviewChanges, lambda dialog: dialog.accept())
    window.dept_import_action.trigger()
    qtbot.waitUntil(lambda: bool(reviewed and (asked or told)), timeout=20000)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=20000)
    return asked, told


def go_to_cell(window, annex: int, row: int, column: int) -> None:
    """The 文件 page on one cell of one annex of the open document, as the clerk clicks there."""
    window.show_page(window.documents)
    editor = window.documents.editor
    editor.tabs.setCurrentIndex(ANNEX_TAB)
    editor.annexes.list.setCurrentRow(annex)
    editor.annexes.view.setCurrentIndex(editor.annexes.rows.index(row, column))


def test_feedback_keeps_the_second_document_open(window, qtbot, monkeypatch, on_modal, tmp_path):
    page = window.documents
    window.show_page(page)
    page.list.setCurrentRow(1)
    assert page.editor.document.number == PROVINCIAL
    asked, told = import_feedback(window, qtbot, monkeypatch, on_modal,
                                  returned_form(window, tmp_path / "forms"))
    assert told == ["已采纳 1 处修改，并登记了部门报送情况。"] and not asked
    assert page.editor.document.number == PROVINCIAL
    assert page.list.currentRow() == 1
    assert page.heading.text().startswith(PROVINCIAL)
    assert stored(window.repo.path, DEMO_NOTICE).annexes[1].rows[5].remarks == REMARK


def test_feedback_to_the_open_document_shows_it_where_the_clerk_was(window, qtbot, monkeypatch,
                                                                   on_modal, tmp_path):
    page = window.documents
    editor = page.editor
    go_to_cell(window, annex=1, row=5, column=2)
    import_feedback(window, qtbot, monkeypatch, on_modal, returned_form(window, tmp_path / "forms"))
    assert editor.document.number == DEMO_NOTICE
    assert editor.tabs.currentIndex() == ANNEX_TAB
    assert editor.annexes.list.currentRow() == 1
    cell = editor.annexes.view.currentIndex()
    assert (cell.row(), cell.column()) == (5, 2)
    assert editor.annexes.current is editor.document.annexes[1]
    assert editor.document.annexes[1].rows[5].remarks == REMARK
    assert not page.dirty
    assert page.save()  # the editor's copy no longer writes the old remark back
    assert stored(window.repo.path, DEMO_NOTICE).annexes[1].rows[5].remarks == REMARK


def test_unsaved_edits_of_the_document_are_asked_about_before_feedback_is_written(
        window, qtbot, monkeypatch, on_modal, tmp_path, type_text):
    page = window.documents
    window.show_page(page)
    title = page.editor.edits["title"]
    type_text(title, "（改）")
    form = returned_form(window, tmp_path / "forms")
    asked, told = import_feedback(window, qtbot, monkeypatch, on_modal, form)
    assert asked == [ASKED_TO_SAVE] and not told
    assert page.dirty and title.text().endswith("（改）")
    assert stored(window.repo.path, DEMO_NOTICE).annexes[1].rows[5].remarks == ""

    asked, told = import_feedback(window, qtbot, monkeypatch, on_modal, form,
                                  QMessageBox.StandardButton.Save)
    assert asked == [ASKED_TO_SAVE] and told
    saved = stored(window.repo.path, DEMO_NOTICE)
    assert saved.title.endswith("（改）") and saved.annexes[1].rows[5].remarks == REMARK
    assert page.editor.document.annexes[1].rows[5].remarks == REMARK and not page.dirty


def test_unsaved_edits_of_another_document_stay_through_feedback(window, qtbot, monkeypatch,
                                                                on_modal, tmp_path, type_text):
    page = window.documents
    window.show_page(page)
    page.list.setCurrentRow(1)
    title = page.editor.edits["title"]
    type_text(title, "（改）")
    asked, told = import_feedback(window, qtbot, monkeypatch, on_modal,
                                  returned_form(window, tmp_path / "forms"))
    assert told and not asked
    assert page.editor.document.number == PROVINCIAL and page.list.currentRow() == 1
    assert page.dirty and title.text().endswith("（改）")
    assert stored(window.repo.path, DEMO_NOTICE).annexes[1].rows[5].remarks == REMARK


def test_saving_stays_on_the_annex_and_cell(window, type_text):
    page = window.documents
    editor = page.editor
    go_to_cell(window, annex=2, row=3, column=1)
    type_text(editor.annexes.title, "（改）")
    window.save_action.trigger()
    assert not page.dirty
    assert editor.tabs.currentIndex() == ANNEX_TAB and editor.annexes.list.currentRow() == 2
    cell = editor.annexes.view.currentIndex()
    assert (cell.row(), cell.column()) == (3, 1)
    assert stored(window.repo.path, DEMO_NOTICE).annexes[2].title.endswith("（改）")


def test_saving_while_writing_the_body_stays_at_the_paragraph(window, type_text):
    from PySide6.QtGui import QTextCursor

    page = window.documents
    body = page.editor.body
    window.show_page(page)
    page.editor.tabs.setCurrentIndex(1)
    paragraphs = "\n".join(f"{n}. 第{n}项工作。" for n in range(1, 81))
    body.setPlainText(f"{body.toPlainText()}\n{paragraphs}")
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    type_text(body, "（完）")
    at, scrolled = body.textCursor().position(), body.verticalScrollBar().value()
    assert scrolled > 0
    window.save_action.trigger()
    assert not page.dirty
    assert (body.textCursor().position(), body.verticalScrollBar().value()) == (at, scrolled)
    assert stored(window.repo.path, DEMO_NOTICE).body.endswith("80. 第80项工作。（完）")


def test_deleting_shows_the_neighbour(window, monkeypatch):
    page = window.documents
    window.show_page(page)
    page.list.setCurrentRow(1)
    older = "嘉政发〔2019〕1号"
    saved = window.repo.save_document(Document(number=older, title="较早的通知", date="2019年1月1日"))
    window.data_changed(saved, window.departments)  # as if saved on another page
    assert page.editor.document.number == PROVINCIAL and page.list.count() == 3
    assert page.list.currentRow() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.delete_document()
    assert page.editor.document.number == older and page.list.currentRow() == 1
    page.delete_document()
    assert page.editor.document.number == DEMO_NOTICE and page.list.currentRow() == 0
    numbers = sqlite_file.rows(window.repo.path, "SELECT number FROM documents")
    assert numbers == [(DEMO_NOTICE,)]


def test_saving_after_applying_keeps_the_rows_linked_to_items(window, on_modal, type_text):
    page = window.documents
    window.show_page(page)
    draft = window.repo.document_by_number(DEMO_NOTICE)
    draft.id, draft.number, draft.annexes = None, "嘉政发〔2022〕1号", draft.annexes[:1]
    for annex in draft.annexes:
        annex.id = None
        for row in annex.rows:
            row.id, row.item_id = None, None
    saved = window.repo.save_document(draft)
    window.data_changed(saved, window.matching)
    page.open_document(saved.id)
    confirm_apply(on_modal)
    page.apply()
    linked = ("SELECT count(*) FROM annex_rows r JOIN annexes a ON a.id = r.annex_id "
              "WHERE a.document_id = ? AND r.item_id IS NOT NULL")
    applied = sqlite_file.value(window.repo.path, linked, [saved.id])
    assert applied == len(draft.annexes[0].rows)
    type_text(page.editor.edits["title"], "（改）")
    assert page.save()
    assert sqlite_file.value(window.repo.path, linked, [saved.id]) == applied
    assert stored(window.repo.path, draft.number).title.endswith("（改）")


def test_importing_a_workbook_asks_about_unsaved_edits_first(window, monkeypatch, on_modal,
                                                             type_text):
    from ui.dialogs.import_wizard import ImportWizard

    opened = on_modal(ImportWizard, lambda wizard: None)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Cancel)
    page = window.documents
    window.show_page(page)
    page.list.setCurrentRow(1)
    type_text(page.editor.edits["title"], "（改）")
    window.import_action.trigger()
    assert asked == [ASKED_TO_SAVE] and not opened
    assert page.dirty and page.editor.document.number == PROVINCIAL
