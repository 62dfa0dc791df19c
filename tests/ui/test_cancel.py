"""Cancelling a print, an Excel import and a publish in the window: the same worker path,
the same message, and no file or preview left behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.demo import DEMO_NOTICE
from tests.ui.clerk import queued
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.print_preview import PrintPreview
from ui.dialogs.publish import PublishDialog
from ui.file_actions import print_preview
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

CANCELLED = "操作已取消，没有写入任何数据。"


def _idle(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=20000)


def test_a_cancelled_print_leaves_no_pdf_and_says_so(window: MainWindow, qtbot, tmp_path: Path,
                                                     monkeypatch, on_modal) -> None:
    _idle(window, qtbot)  # the start-up backup
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    previews = on_modal(PrintPreview, lambda dialog: None)
    boxes = on_modal(QMessageBox, lambda box: None)
    with queued(window.jobs):
        print_preview(window, window.repo.document_by_number(DEMO_NOTICE))
        window.jobs.cancel()
    _idle(window, qtbot)
    assert window.statusBar().currentMessage() == CANCELLED
    assert list(tmp_path.rglob("*.pdf")) == []
    assert previews == [] and boxes == []


def test_a_cancelled_import_says_so_in_the_wizard_and_the_window(
        window: MainWindow, qtbot, tmp_path: Path, on_modal) -> None:
    _idle(window, qtbot)
    path = tmp_path / "大表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "事项名称", "事项类型", "实施主体"])
    for n in range(1, 5001):  # the reader looks for a cancel every 5,000 rows
        wb.active.append([n, f"事项{n}", "行政许可", "县市场监督管理局"])
    wb.save(path)
    boxes = on_modal(QMessageBox, lambda box: None)
    wizard = ImportWizard(window.repo, window.settings, window.jobs, window)
    wizard.show()
    with queued(window.jobs):
        wizard.load_file(path)
        window.jobs.cancel()
    _idle(window, qtbot)
    assert wizard.file_page.status.text() == CANCELLED
    assert wizard.previews == [] and not wizard.file_page.isComplete()
    assert window.statusBar().currentMessage() == CANCELLED
    assert boxes == []
    wizard.reject()


def _publish_dialog(window: MainWindow, target: Path, monkeypatch) -> PublishDialog:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    dialog = PublishDialog(window.repo, window.settings, window.jobs, window)
    dialog.format.setCurrentIndex(1)  # PDF
    dialog.show()
    return dialog


def test_publishing_runs_as_a_job_of_the_window(window: MainWindow, qtbot, tmp_path: Path,
                                               monkeypatch, on_modal) -> None:
    _idle(window, qtbot)
    dialog = _publish_dialog(window, tmp_path / "全县权责清单.pdf", monkeypatch)
    told = on_modal(QMessageBox, lambda box: None)
    dialog.accept()
    assert window.jobs.busy  # the window stays responsive while the list is laid out
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60000)
    assert (tmp_path / "全县权责清单.pdf").read_bytes().startswith(b"%PDF")
    assert len(told) == 1


def test_a_cancelled_publish_leaves_no_file_and_the_dialog_open(
        window: MainWindow, qtbot, tmp_path: Path, monkeypatch, on_modal) -> None:
    _idle(window, qtbot)
    dialog = _publish_dialog(window, tmp_path / "全县权责清单.pdf", monkeypatch)
    boxes = on_modal(QMessageBox, lambda box: None)
    with queued(window.jobs):
        dialog.accept()
        window.jobs.cancel()
    _idle(window, qtbot)
    assert window.statusBar().currentMessage() == CANCELLED
    assert list(tmp_path.glob("*.pdf")) == [] and boxes == []
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    dialog.reject()
