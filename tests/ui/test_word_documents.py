"""Whole documents in Word from the window: 导出 Word."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from app.demo import DEMO_NOTICE

pytestmark = pytest.mark.gui


def test_export_word_writes_the_open_notice(window, qtbot, tmp_path, monkeypatch) -> None:
    page = window.documents
    window.show_page(page)
    page.open_document(window.repo.documents.id_for_number(DEMO_NOTICE))
    out = tmp_path / "通知"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "导出 Word")
    button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    written = out.with_suffix(".docx")
    assert str(written) in told[0]
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "嘉祥县人民政府文件" in text
    assert DEMO_NOTICE in text
    assert "附件：1.取消行政权力事项（18项）" in text
    assert len(docx.Document(str(written)).tables) == 5


def test_editor_keeps_the_other_header_elements(window, qtbot) -> None:
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    values = {"number": "嘉政函〔2022〕3号", "title": "嘉祥县人民政府关于商请支持的函",
              "organ_mark": "嘉祥县人民政府；嘉祥县财政局", "signature": "嘉祥县人民政府；嘉祥县财政局",
              "date": "2022年3月1日", "copy_number": "000012", "secrecy": "秘密★1年",
              "urgency": "加急", "signer": "张三"}
    for key, value in values.items():
        editor.edits[key].setText(value)
        editor.edits[key].textEdited.emit(value)
    editor.letter.setChecked(True)
    editor.undo_stack.undo()
    assert not editor.letter.isChecked()
    editor.undo_stack.redo()
    assert editor.letter.isChecked()
    assert page.save()
    saved = window.repo.document_by_number("嘉政函〔2022〕3号")
    assert saved.organ_marks == ["嘉祥县人民政府", "嘉祥县财政局"]
    assert saved.signatures == ["嘉祥县人民政府", "嘉祥县财政局"]
    assert (saved.copy_number, saved.secrecy, saved.urgency, saved.signer) == \
        ("000012", "秘密★1年", "加急", "张三")
    assert saved.is_letter
