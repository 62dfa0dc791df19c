"""The program's entry point: sub-commands reach `app.cli`, a broken window is logged and said."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from quanze.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_quanze_runs_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "quanze", "--version"], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"权责清单管理 {__version__}"


def test_sub_commands_are_handed_to_the_library(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "新.sqlite"
    assert main(["init", "--db", str(db)]) == 0
    assert "数据库已就绪" in capsys.readouterr().out
    assert db.exists()


def test_a_window_that_cannot_load_is_logged_and_explained(
        demo_db: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A broken Qt DLL raises ImportError; the clerk is told, support finds the traceback."""
    monkeypatch.setitem(sys.modules, "ui.app", None)
    assert main(["gui", "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err
    assert "程序窗口无法启动" in err and str(data_dir) in err
    log = (data_dir / "logs" / "quanze.log").read_text(encoding="utf-8")
    assert "the window could not be loaded" in log and "import of ui.app halted" in log


def test_the_process_entry_point_leaves_the_heap_to_the_exit(tmp_path: Path) -> None:
    # At exit the collector would walk every object the command made; frozen, it skips them.
    code = ("import gc, sys; from quanze.main import run; sys.argv = ['quanze', 'init', '--db', "
            f"{str(tmp_path / 'a.sqlite')!r}]; code = run(); print(code, gc.get_freeze_count() > 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.stdout.split()[-2:] == ["0", "True"], result.stderr
