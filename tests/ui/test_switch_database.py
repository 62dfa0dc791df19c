"""Opening another database from the window lets go of the one it leaves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.repository import Repository
from ui import app as app_module

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def writable_elsewhere(path: Path) -> bool:
    """Whether another process can take the write lock, as a second program would."""
    code = ("import sys; from pathlib import Path; from app.storage import lock\n"
            f"lock.acquire(Path({str(path)!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            env={"PYTHONPATH": str(ROOT)}, timeout=60)
    return result.returncode == 0


def test_switching_databases_releases_the_old_write_lock(window, qtbot, tmp_path: Path) -> None:
    old = window.repo.path
    other = tmp_path / "另一个.sqlite"
    Repository.open(other).close()
    assert not writable_elsewhere(old)
    window.open_other(other)
    successor = app_module._windows[-1]
    try:
        assert successor is not window and successor.repo.path == other
        qtbot.waitUntil(lambda: not successor.jobs.busy)
        assert writable_elsewhere(old)
        assert not writable_elsewhere(other)
    finally:
        successor.close()
        app_module._windows.remove(successor)
        successor.repo.close()
        successor.deleteLater()
