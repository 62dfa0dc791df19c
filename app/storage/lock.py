"""One writer per database file, across processes.

SQLite itself would let two programs write in turn, but two windows editing
the same list would silently overwrite each other's edits; the clerk gets a
clear message instead. The lock is an OS lock on a side file, so it vanishes
with the process even after a crash.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from app.storage.errors import DatabaseLockedError

_held: dict[Path, tuple[int, int]] = {}
_guard = threading.Lock()


def _lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def acquire(db_path: Path) -> None:
    """Take the write lock; connections within this process share it."""
    key = db_path.resolve()
    with _guard:
        if key in _held:
            fd, count = _held[key]
            _held[key] = (fd, count + 1)
            return
        fd = os.open(_lock_path(key), os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseLockedError(
                f"数据库文件“{db_path}”正在被另一个程序（或另一个权责清单管理窗口）使用，"
                "不能同时修改。请先关闭另一个窗口，再重新打开。"
            )
        _held[key] = (fd, 1)


def release(db_path: Path) -> None:
    key = db_path.resolve()
    with _guard:
        if key not in _held:
            return
        fd, count = _held[key]
        if count > 1:
            _held[key] = (fd, count - 1)
            return
        del _held[key]
        os.close(fd)
