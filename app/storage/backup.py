"""Rotating backup copies of the database file, and restoring one.

Copies go through SQLite's online backup API, so a copy taken while the file
is open is consistent, WAL contents included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

from app import paths
from app.storage.errors import DatabaseFormatError
from app.storage.migrations import SCHEMA_VERSION

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


def _prefix(db_path: Path) -> str:
    """File name stem plus a digest of the full path: two folders' `quanze.sqlite` files
    rotate their own backups instead of evicting each other's."""
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{Path(db_path).stem}-{digest}"


def backups_for(db_path: Path) -> list[Path]:
    """Existing backups of this database, oldest first."""
    return sorted(paths.backups_dir().glob(f"{_prefix(db_path)}-*.sqlite"))


def make_backup(db_path: Path, keep: int = KEEP) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = paths.backups_dir() / f"{_prefix(db_path)}-{stamp}.sqlite"
    _copy(db_path, target)
    for old in backups_for(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def _fingerprint(db_path: Path) -> str:
    """Size and modification time of the file and its WAL: equal means nothing was written.

    An empty WAL counts as none: merely opening the file creates one.
    """
    parts = []
    for file in (db_path, db_path.with_name(db_path.name + "-wal")):
        stat = file.stat() if file.exists() else None
        parts.append(f"{stat.st_size}:{stat.st_mtime_ns}" if stat and stat.st_size else "-")
    return " ".join(parts)


def backup_if_changed(db_path: Path, keep: int = KEEP) -> Path:
    """The routine backup taken on opening: skipped when the file is unchanged since the last
    one, so opening a large database ten times does not push out every older copy."""
    state = paths.backups_dir() / f"{_prefix(db_path)}.last"
    existing = backups_for(db_path)
    fingerprint = _fingerprint(db_path)
    if existing and state.exists() and state.read_text(encoding="utf-8") == fingerprint:
        return existing[-1]
    target = make_backup(db_path, keep)
    state.write_text(fingerprint, encoding="utf-8")
    return target


def check_file(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database made by this program."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseFormatError(f"“{path}”不是有效的数据库文件：{exc}") from exc
    if result != "ok":
        raise DatabaseFormatError(f"“{path}”已损坏，不能用于恢复（完整性检查：{result}）。")
    if "items" not in tables:
        raise DatabaseFormatError(f"“{path}”不是权责清单管理的数据库文件。")
    if version > SCHEMA_VERSION:
        raise DatabaseFormatError(f"“{path}”由更新版本的程序创建（格式版本 {version}），"
                                  f"本程序只支持到版本 {SCHEMA_VERSION}，不能用它恢复。"
                                  "请升级程序后再恢复。")


def restore(backup_file: Path, db_path: Path) -> Path | None:
    """Replace the database with a backup; the current file is backed up first.

    Returns the backup made of the replaced file, so nothing is ever lost.
    """
    check_file(backup_file)
    safety = make_backup(db_path) if db_path.exists() else None
    _copy(backup_file, db_path)
    return safety
