"""A writer ended by TerminateProcess (Task Manager's 结束任务, a power cut of the program) on Windows:
SQLite keeps all or nothing and the write lock goes with the process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from app.storage.repository import Repository
from tests.large_write import ITEMS, large_write_script

ROOT = Path(__file__).resolve().parents[2]


def test_terminated_writer_leaves_all_or_none_and_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "结束 任务.sqlite"
    Repository.open(path).close()
    code = large_write_script(path)
    env = {**os.environ, "QUANZE_DATA_DIR": str(tmp_path / "child")}
    with subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT, text=True,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "writing"
            time.sleep(0.5)
        finally:
            child.kill()  # TerminateProcess on Windows
        child.communicate(timeout=60)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = connection.execute("SELECT count(*) FROM items").fetchone()[0]
    assert count in (0, ITEMS)
    Repository.open(path).close()
