"""Rotating backup copies of the database file, and restoring one.

Copies go through SQLite's online backup API, so a copy taken while the file
is open is consistent, WAL contents included.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from app import paths
from app.storage.errors import DatabaseFormatError

KEEP = 10


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backups_for(db_path: Path) -> list[Path]:
    """Existing backups of this database, oldest first."""
    return sorted(paths.backups_dir().glob(f"{db_path.stem}-*.sqlite"))


def make_backup(db_path: Path, keep: int = KEEP) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = paths.backups_dir() / f"{db_path.stem}-{stamp}.sqlite"
    _copy(db_path, target)
    for old in backups_for(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def check_file(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database made by this program."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseFormatError(f"“{path}”不是有效的数据库文件：{exc}") from exc
    if result != "ok":
        raise DatabaseFormatError(f"“{path}”已损坏，不能用于恢复（完整性检查：{result}）。")
    if "items" not in tables:
        raise DatabaseFormatError(f"“{path}”不是权责清单管理的数据库文件。")


def restore(backup_file: Path, db_path: Path) -> Path | None:
    """Replace the database with a backup; the current file is backed up first.

    Returns the backup made of the replaced file, so nothing is ever lost.
    """
    check_file(backup_file)
    safety = make_backup(db_path) if db_path.exists() else None
    _copy(backup_file, db_path)
    return safety
