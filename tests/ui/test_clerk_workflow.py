"""The issue's "done when": a clerk's morning, driven through the real window."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from app.demo import DEMO_NOTICE
from tests import sqlite_file
from tests.ui.clerk import button
from ui.dialogs.item_editor import ItemEditor
from ui.dialogs.print_preview import PrintPreview

pytestmark = pytest.mark.gui

NEW_NUMBER = "嘉政发〔2022〕1号"
CLIPBOARD = ('1\t县公安局\t公章刻制业审批\t行政许可\t国发〔2021〕7号\t'
             '"取消审批后：\r\n1.实行告知性备案。\r\n2.开展双随机抽查。"\t\r\n'
             '2\t县交通运输局\t道路货运站经营许可\t行政许可\t国发〔2021〕7号\t加强信用监管。\t\r\n')
OLD_SENTENCE = ("县政府决定取消18项行政权力，对省级取消的7项行政许可、市级取消的4项行政许可、"
                "省级承接的3项行政许可和市级承接的4项行政许可，进一步加强和改进事中事后监管措施。")
NEW_SENTENCE = "县政府决定取消2项行政权力，并加强和改进事中事后监管措施。"
CORRECTED = "通过“双随机、一公开”监管等方式，加强对典当行业的治安管理。"


def test_find_correct_copy_paste_save_print(window, qtbot, tmp_path, monkeypatch, on_modal,
                                            type_text):
    repo = window.repo
    catalogue = window.catalogue
    # Every item of 县级公安部门, through the department filter.
    catalogue.department.setCurrentText("县级公安部门")
    catalogue.apply_filter()
    police = repo.departments.registry().resolve("县级公安部门")
    expected = sqlite_file.value(repo.path, "SELECT count(*) FROM items WHERE department_id = ?",
                                 [police.id])
    assert catalogue.model.rowCount() == expected >= 1
    assert {catalogue.model.index(r, 2).data() for r in range(expected)} == {"县级公安部门"}

    # Open the item and correct its second measure in the measures editor.
    catalogue.table.selectRow(0)
    item_id = catalogue.current_id()

    def correct(editor: ItemEditor) -> None:
        entry = editor.measures.list.item(1)
        editor.measures.list.editItem(entry)
        line = editor.measures.list.findChild(QLineEdit)
        line.setText(CORRECTED)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: entry.data(Qt.ItemDataRole.UserRole) == CORRECTED, timeout=2000)
        assert editor.isVisible(), "Enter in a measure must not close the editor"
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(ItemEditor, correct)
    window.edit_action.trigger()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    measures = repo.items.get(item_id).measures
    assert f"2. {CORRECTED}" in measures.splitlines()
    assert any(e.field == "measures" and e.new_value == measures
               for e in repo.audit_entries("items", item_id))

    # 复制为新文件 from the demo notice; number, date; annex 1's rows from the clipboard.
    page = window.documents
    window.show_page(page)
    page.list.setCurrentRow(next(n for n, s in enumerate(page.summaries)
                                 if s.number == DEMO_NOTICE))
    button(page, "复制为新文件").click()
    editor = page.editor
    type_text(editor.edits["number"], NEW_NUMBER)
    type_text(editor.edits["date"], "2022年3月1日")
    assert editor.number_hint.isHidden()
    editor.tabs.setCurrentIndex(2)
    annexes = editor.annexes
    while len(annexes.annexes) > 1:
        annexes.list.setCurrentRow(1)
        button(annexes, "删除附件").click()
    annexes.list.setCurrentRow(0)
    QGuiApplication.clipboard().setText(CLIPBOARD)
    annexes.view.setFocus()
    qtbot.keyClick(annexes.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "表格实际有" not in annexes.count_note.text()
    annexes.fix_title.click()
    assert annexes.title.text() == "取消行政权力事项（2项）"
    window.save_action.trigger()
    saved = repo.document_by_number(NEW_NUMBER)
    assert (saved.date, saved.annexes[0].title) == ("2022年3月1日", "取消行政权力事项（2项）")
    assert [r.name for r in saved.annexes[0].rows] == ["公章刻制业审批", "道路货运站经营许可"]

    # The pre-print check catches the body still counting last year's 18 items.
    previewed: list[list[str]] = []

    def read_checks(preview: PrintPreview) -> None:
        previewed.append([preview.checks.item(n).text() for n in range(preview.checks.count())])
        button(preview, "关闭").click()

    on_modal(PrintPreview, read_checks)
    window.print_action.trigger()
    qtbot.waitUntil(lambda: bool(previewed), timeout=15000)
    assert [line for line in previewed[0] if line.startswith("✘")] == [
        "✘ 正文第1段：“县政府决定取消18项行政权力”写的是18项，附件《取消行政权力事项》表中实有2项。"]
    editor.tabs.setCurrentIndex(1)
    cursor = editor.body.document().find(OLD_SENTENCE)
    cursor.insertText(NEW_SENTENCE)
    window.save_action.trigger()
    assert NEW_SENTENCE in repo.document_by_number(NEW_NUMBER).body

    # Print preview, 另存为 PDF, and read the PDF back.
    pdf = tmp_path / "打印.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    previewed.clear()

    def save_pdf(preview: PrintPreview) -> None:
        previewed.append([preview.checks.item(n).text() for n in range(preview.checks.count())])
        button(preview, "另存为 PDF…").click()
        button(preview, "关闭").click()

    on_modal(PrintPreview, save_pdf)
    window.print_action.trigger()
    qtbot.waitUntil(lambda: bool(previewed), timeout=15000)
    assert not [line for line in previewed[0] if line.startswith("✘")]
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    for expected_text in (NEW_NUMBER, "公章刻制业审批", "道路货运站经营许可",
                          "附件：取消行政权力事项（2项）"):
        assert expected_text in text
