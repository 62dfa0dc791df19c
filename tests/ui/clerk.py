"""Doing things in the window the way a clerk does them, for the UI tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QTableView, QWidget

from ui.worker import JobRunner


@contextmanager
def queued(jobs: JobRunner) -> Iterator[None]:
    """Hold the worker's one thread, so the job started inside is cancelled before it runs
    (as when the clerk presses 取消 at once) instead of racing the test to the end."""
    gate = threading.Event()
    jobs.pool.start(gate.wait)
    try:
        yield
    finally:
        gate.set()


def edit_cell(qtbot, view: QTableView, row: int, column: int, text: str) -> None:
    """As the clerk does: open the cell's editor, replace the text, Tab to commit."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QPlainTextEdit)
    editor.setPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def column_of(model, key: str) -> int:
    return next(n for n, f in enumerate(model.fields) if f.key == key)


def button(parent: QWidget, text: str) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if b.text() == text)


def confirm_apply(on_modal) -> None:
    """Arm the two dialogs of 应用到事项库: confirm the plan, then close the result."""
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.apply_confirm import ApplyConfirm

    on_modal(ApplyConfirm, lambda dialog: button(dialog, "确定应用").click())
    on_modal(QMessageBox, lambda box: button(box, "关闭").click())
