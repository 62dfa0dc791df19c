"""The pre-print check catches an incomplete notice, and printing it asks first."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.clerk import button
from ui.dialogs.print_preview import PrintPreview

pytestmark = pytest.mark.gui

MISSING = ("发文机关标志", "主送机关", "正文", "发文机关署名", "成文日期")


def test_an_incomplete_notice_fails_the_pre_print_check(window, qtbot, tmp_path, monkeypatch,
                                                        on_modal, type_text):
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    type_text(editor.edits["number"], "嘉政发〔2022〕4号")
    type_text(editor.edits["title"], "嘉祥县人民政府关于取消行政权力事项的通知")
    assert page.save()
    pdf = tmp_path / "存档" / "未完成的通知"
    pdf.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    printer_dialogs: list[QPrintDialog] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: printer_dialogs.append(self) or 0)
    seen: dict[str, object] = {}

    def check(preview: PrintPreview) -> None:
        seen["lines"] = [preview.checks.item(n).text() for n in range(preview.checks.count())]
        seen["verdict"] = preview.check_label.text()

        def answer(box: QMessageBox) -> None:
            seen["question"] = box.text()
            button(box, "返回修改").click()

        on_modal(QMessageBox, answer)
        button(preview, "打印…").click()
        button(preview, "另存为 PDF…").click()
        seen["saved"] = preview.saved_note.text() if preview.saved_note.isVisible() else ""
        button(preview, "关闭").click()

    on_modal(PrintPreview, check)
    window.print_action.trigger()
    qtbot.waitUntil(lambda: "saved" in seen, timeout=15000)

    failures = [line for line in seen["lines"] if line.startswith("✘")]
    for label in MISSING:
        assert any(f"缺少{label}" in line for line in failures), label
    assert "全部通过" not in seen["verdict"]
    assert not any(line.startswith("✔ 字体替代") for line in seen["lines"])
    assert all(line.startswith("⚠") for line in seen["lines"] if "字体替代" in line)
    assert "仍要打印吗" in seen["question"] and "缺少发文机关标志" in seen["question"]
    assert printer_dialogs == [], "printing must wait for the clerk's answer"
    assert pdf.with_suffix(".pdf").exists()
    assert seen["saved"] == f"已另存为：{pdf.with_suffix('.pdf')}"
