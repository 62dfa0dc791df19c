"""从 Word/PDF 导入 in the window: preview with warnings, then one new document."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from app.demo import DEMO_NOTICE
from app.word.notice import write_docx
from ui.dialogs.notice_import import NoticeImportDialog

pytestmark = pytest.mark.gui
NEW_NUMBER = "嘉政发〔2021〕9号"


def test_a_word_notice_is_previewed_then_created(window, qtbot, tmp_path, monkeypatch, on_modal):
    doc = replace(window.repo.document_by_number(DEMO_NOTICE), number="嘉政发[2021]9号", id=None)
    doc.annexes[0].rows[2].type = "行政处理"
    path = write_docx(doc, tmp_path / "来文.docx").path
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen: dict[str, object] = {}

    def check(dialog: NoticeImportDialog) -> None:
        seen["warnings"] = dialog.warnings.text()
        seen["tabs"] = [dialog.tabs.tabText(n) for n in range(dialog.tabs.count())]
        seen["replace"] = dialog.replace.isVisible()
        rows = dialog.row_models[0]
        seen["red"] = [r for r in range(rows.rowCount())
                       if rows.index(r, 3).data(Qt.ItemDataRole.ForegroundRole) is not None]
        elements = dialog.element_model
        seen["elements"] = {elements.index(r, 0).data(): elements.index(r, 1).data()
                            for r in range(elements.rowCount())}
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(NoticeImportDialog, check)
    window.notice_import_action.trigger()
    qtbot.waitUntil(lambda: "tabs" in seen, timeout=20000)
    assert "六角括号" in seen["warnings"] and "行政处理" in seen["warnings"]
    assert seen["tabs"] == ["要素和正文", "附件1（18行）", "附件2（7行）", "附件3（4行）",
                            "附件4（3行）", "附件5（4行）"]
    assert seen["replace"] is False
    assert seen["red"] == [2]
    assert seen["elements"]["发文字号"] == NEW_NUMBER
    assert seen["elements"]["正文第3段"].startswith("各县直有关部门")
    qtbot.waitUntil(lambda: window.documents.editor.document.number == NEW_NUMBER, timeout=5000)
    saved = window.repo.document_by_number(NEW_NUMBER)
    assert [len(a.rows) for a in saved.annexes] == [18, 7, 4, 3, 4]
    assert saved.annexes[0].rows[2].type == "行政处理"
