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
