"""Cross-process behaviour: a second writer is refused; a killed writer leaves a sound file."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.storage.errors import DatabaseLockedError
from app.storage.repository import Repository
from tests.large_write import ITEMS, large_write_script

ROOT = Path(__file__).parents[3]


def _spawn(code: str, env_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "QUANZE_DATA_DIR": str(env_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_second_process_gets_a_clear_message(tmp_path, data_dir):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path):
        result = subprocess.run(
            [sys.executable, "-m", "quanze", "init", "--db", str(path)],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
            cwd=ROOT)
    assert result.returncode == 1
    assert "正在被另一个程序" in result.stderr
    assert "Traceback" not in result.stderr


def test_lock_is_released_on_close(tmp_path):
    path = tmp_path / "a.sqlite"
    Repository.open(path).close()
    child = _spawn(f"""
        from pathlib import Path
        from app.storage.repository import Repository
        Repository.open(Path({str(path)!r})).close()
        print("ok")
    """, tmp_path / "child")
    out, err = child.communicate(timeout=60)
    assert out.strip() == "ok", err


def test_lock_held_by_another_process_raises(tmp_path):
    path = tmp_path / "b.sqlite"
    child = _spawn(f"""
        import time
        from pathlib import Path
        from app.storage.repository import Repository
        repo = Repository.open(Path({str(path)!r}))
        print("open", flush=True)
        time.sleep(60)
    """, tmp_path / "child")
    with child:  # closes its pipes and waits for it
        try:
            assert child.stdout.readline().strip() == "open"
            with pytest.raises(DatabaseLockedError):
                Repository.open(path)
        finally:
            child.kill()
    Repository.open(path).close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_in_the_middle_of_a_large_write_leaves_all_or_none(tmp_path):
    path = tmp_path / "crash.sqlite"
    Repository.open(path).close()
    child = _spawn(large_write_script(path), tmp_path / "child")
    with child:  # closes its pipes and waits for it
        try:
            assert child.stdout.readline().strip() == "writing"
            time.sleep(0.5)
        finally:
            child.send_signal(signal.SIGKILL)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    assert count in (0, ITEMS)
    assert (count == 0) == (audit == 0)
