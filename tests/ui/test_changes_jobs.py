"""清单变化's 导出为附件表格 and 生成对照表 PDF run as jobs of the window: the clerk sees the
file named (or the page count) when they finish, and 取消 leaves no file behind."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.demo import DEMO_NOTICE
from tests.ui.clerk import queued
from ui.main_window import MainWindow
from ui.pages.changes import ChangesPage

pytestmark = pytest.mark.gui

CANCELLED = "操作已取消，没有写入任何数据。"
ITEM = "典当业特种行业许可证核发"


def _idle(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=60000)


def _compared(window: MainWindow, qtbot, monkeypatch, target: Path) -> ChangesPage:
    """The page with the demo notice's 36 changes, and the save dialog answering `target`."""
    _idle(window, qtbot)  # the start-up backup
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    page = window.changes
    window.show_page(page)
    page.compare("2021-02-19", DEMO_NOTICE)
    assert page.table.rowCount() == 36
    return page


def _texts(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                for v in row if v is not None]
    finally:
        wb.close()


def test_export_and_print_run_as_jobs_and_name_what_they_wrote(
        window: MainWindow, qtbot, tmp_path: Path, monkeypatch, on_modal) -> None:
    page = _compared(window, qtbot, monkeypatch, tmp_path / "变化")
    told: list[str] = []
    on_modal(QMessageBox, lambda box: told.append(box.text()))
    page.export_button.click()
    assert window.jobs.busy  # the window stays responsive while the rows are written
    _idle(window, qtbot)
    qtbot.waitUntil(lambda: len(told) == 1, timeout=10000)
    workbook = tmp_path / "变化.xlsx"
    assert told == [f"已按正式附件格式导出到：\n{workbook}"]
    wb = openpyxl.load_workbook(workbook, read_only=True)
    assert wb.sheetnames[0] == "附件1" and wb.sheetnames[-1] == "变化明细"
    wb.close()
    texts = _texts(workbook)
    assert ITEM in texts and f"{DEMO_NOTICE} 附件1第2项" in texts

    on_modal(QMessageBox, lambda box: told.append(box.text()))
    page.print_button.click()
    assert window.jobs.busy
    _idle(window, qtbot)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    pdf = tmp_path / "变化.pdf"
    with pdfplumber.open(pdf) as doc:
        pages = len(doc.pages)
        text = "".join("".join((p.extract_text() or "").split()) for p in doc.pages)
    assert told[1] == f"共 {pages} 页：\n{pdf}"
    assert ITEM in text


@pytest.mark.parametrize("button", ["export_button", "print_button"])
def test_a_cancelled_export_or_print_leaves_no_file(
        window: MainWindow, qtbot, tmp_path: Path, monkeypatch, on_modal, button: str) -> None:
    out = tmp_path / "out"  # tmp_path also holds the window's database
    out.mkdir()
    page = _compared(window, qtbot, monkeypatch, out / "变化")
    boxes = on_modal(QMessageBox, lambda box: None)
    with queued(window.jobs):
        getattr(page, button).click()
        window.jobs.cancel()
    _idle(window, qtbot)
    assert window.statusBar().currentMessage() == CANCELLED
    assert list(out.iterdir()) == [] and boxes == []
