"""Opening the database file: pragmas, migrations, the write lock and a backup."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.storage import backup, lock
from app.storage.errors import DatabaseFormatError
from app.storage.migrations import SCHEMA_VERSION, migrate, schema_version
from app.storage.search_index import index_problems, register_functions
from app.storage.sqlite import Database


@dataclass
class OpenDatabase:
    """A connection plus what it holds: the write lock is released on close."""

    db: Database
    path: Path
    writable: bool

    def close(self) -> None:
        self.db.close()
        if self.writable:
            lock.release(self.path)

    def __enter__(self) -> OpenDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path, readonly: bool) -> Database:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=10)
    try:
        register_functions(conn)
        # No sqlite-utils plugins: Quanze uses none, and looking for them (reading every
        # installed package's entry points) took 0.02 s at every open.
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()  # not a database file, or a locked one: no connection is left behind
        raise
    return db


def open_database(path: Path, *, readonly: bool = False, make_backup: bool = True) -> OpenDatabase:
    """Open (creating if needed) and migrate a database file.

    Writers take the cross-process lock, then read the file's version without
    changing anything: a file from a newer release is refused untouched (no WAL
    switch, no backup). A file that needs an upgrade is always backed up first,
    whatever `make_backup` says; `make_backup` only asks for the routine copy.
    A read-only open of an older file upgrades it once (with that backup), as
    the current program cannot query the old format.
    """
    path = Path(path)
    if readonly:
        if not path.exists():
            raise DatabaseFormatError(f"数据库文件“{path}”不存在。请先运行“quanze init”创建。")
        if file_version(path) < SCHEMA_VERSION:
            open_database(path, make_backup=False).close()
        db = _connect(path, readonly=True)
        try:
            _check_version(schema_version(db), path)
        except BaseException:
            db.close()
            raise
        return OpenDatabase(db, path, writable=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock.acquire(path)
    try:
        if path.exists() and path.stat().st_size > 0:
            version = file_version(path)
            _check_version(version, path)
            if version < SCHEMA_VERSION:
                backup.make_backup(path)
            elif make_backup:
                backup.backup_if_changed(path)
        db = _connect(path, readonly=False)
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
    except sqlite3.DatabaseError as exc:
        lock.release(path)
        raise DatabaseFormatError(f"“{path}”不是有效的数据库文件：{exc}") from exc
    except BaseException:
        lock.release(path)
        raise
    return OpenDatabase(db, path, writable=True)


def file_version(path: Path) -> int:
    """The schema version of an existing file, read without changing it."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseFormatError(f"“{path}”不是有效的数据库文件：{exc}") from exc


def _check_version(version: int, path: Path) -> None:
    if version > SCHEMA_VERSION:
        raise DatabaseFormatError(
            f"数据库“{path}”由更新版本的程序创建（格式版本 {version}），"
            f"本程序只支持到版本 {SCHEMA_VERSION}。请升级程序后再打开。"
        )


def integrity_problems(db: Database, path: Path) -> list[str]:
    """What `quanze check` reports: integrity, foreign-key violations, a stale search index."""
    problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"表 {table} 第 {rowid} 行引用了 {parent} 中不存在的记录")
    if not problems:
        problems += _search_index_problems(path)
    return problems


def _search_index_problems(path: Path) -> list[str]:
    """FTS5 runs its check as an INSERT, which a read-only connection refuses; it writes nothing."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        register_functions(conn)
        return index_problems(conn)
    finally:
        conn.close()
