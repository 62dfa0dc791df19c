"""A writer ended by TerminateProcess (Task Manager's 结束任务, a power cut of the program) on Windows:
SQLite keeps all or nothing and the write lock goes with the process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

from app.storage.repository import Repository

ROOT = Path(__file__).resolve().parents[2]


def test_terminated_writer_leaves_all_or_none_and_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "结束 任务.sqlite"
    Repository.open(path).close()
    code = textwrap.dedent(f"""
        from pathlib import Path
        from app.domain.items import PowerItem
        from app.storage.repository import Repository
        repo = Repository.open(Path({str(path)!r}), make_backup=False)
        with repo.transaction():
            dept = repo.departments.ensure("县测试局")
            for n in range(200000):
                repo.items.save(PowerItem(name=f"事项{{n}}", type="行政许可",
                                          department="县测试局", measures="措施" * 50), dept)
                if n == 2000:
                    print("writing", flush=True)
        print("done", flush=True)
    """)
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
    assert count in (0, 200000)
    Repository.open(path).close()
