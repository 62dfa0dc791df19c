from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from tests.ui.clerk import confirm_apply

pytestmark = pytest.mark.gui

PASTE = ('1\t县公安局\t公章刻制业审批\t行政许可\t国发〔2021〕7号\t'
         '"取消审批后：\r\n1.实行告知性备案。\r\n2.开展双随机抽查。"\t\r\n'
         '2\t县交通运输局\t道路货运站经营许可\t行政许可\t国发〔2021〕7号\t加强信用监管。\t\r\n')


def test_new_document_with_a_pasted_annex_is_saved_and_applied(window, qtbot, on_modal,
                                                               type_text):
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    type_text(editor.edits["number"], "嘉政发〔2022〕1号")
    type_text(editor.edits["title"], "嘉祥县人民政府关于2022年第一批削减县级行政权力事项的通知")
    type_text(editor.edits["date"], "2022年3月1日")
    editor.annexes.add_annex()
    QGuiApplication.clipboard().setText(PASTE)
    editor.annexes.view.setFocus()
    assert editor.annexes.paste() == 2
    assert "表格实际有" not in editor.annexes.count_note.text()
    editor.annexes.update_title_count()
    assert editor.document.annexes[0].title == "取消行政权力事项（2项）"
    assert "附件：取消行政权力事项（2项）" in editor.attachment_preview.text()
    assert page.save()
    saved = window.repo.document_by_number("嘉政发〔2022〕1号")
    rows = saved.annexes[0].rows
    assert [r.name for r in rows] == ["公章刻制业审批", "道路货运站经营许可"]
    assert rows[0].measures == "取消审批后：\n1.实行告知性备案。\n2.开展双随机抽查。"
    confirm_apply(on_modal)
    page.apply()
    window.catalogue.search.setText("公章刻制业审批")
    window.catalogue.apply_filter()
    assert window.catalogue.model.rowCount() == 1
    assert window.catalogue.model.index(0, 4).data() == "取消"


def test_heading_buttons_number_the_body(window, qtbot, type_text):
    editor = window.documents.editor
    editor.body.setPlainText("一、总体要求\n（一）指导思想\n")
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    editor.insert_heading(1)
    assert editor.body.toPlainText().endswith("（二）")
    editor.dirty = False


def test_switching_away_from_a_dirty_editor_asks_first(window, qtbot, monkeypatch, type_text):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    window.show_page(window.documents)
    type_text(window.documents.editor.edits["title"], "改")
    window.nav.setCurrentRow(0)
    assert asked
    assert window.stack.currentWidget() is window.documents
