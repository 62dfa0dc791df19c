from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QWidget

from app.storage.errors import UserError
from ui.worker import JobProgress, JobRunner

pytestmark = pytest.mark.gui


def test_job_runs_off_the_gui_thread_and_reports_back(qtbot):
    import threading

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner(parent)
    results = []

    def work(progress: JobProgress) -> str:
        progress.report(1, 2, "一半")
        return threading.current_thread().name

    runner.run("测试", work, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    assert results[0] != threading.current_thread().name
    assert not runner.busy


def test_cancel_stops_the_job_and_errors_go_to_the_callback(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner(parent)
    errors = []
    seen: list[JobProgress] = []

    def work(progress: JobProgress) -> None:
        seen.append(progress)
        while True:
            time.sleep(0.01)
            if not progress(1, 10):
                raise UserError("已停止")

    runner.run("测试", work, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    seen[0].cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert errors[0].message == "已停止"
