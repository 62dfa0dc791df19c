"""Raw SQLite for the few tests that must look under the repository: they open the file
themselves, since `Repository` keeps its connection private."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any


def rows(path: Path, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
    """Every row `sql` returns, read through a connection of its own."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def value(path: Path, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
    """The first column of the first row."""
    return rows(path, sql, params)[0][0]


def run(path: Path, *statements: str) -> None:
    """Change the file behind the application's back, as another tool would, and commit."""
    with closing(sqlite3.connect(path)) as conn, conn:
        for statement in statements:
            conn.execute(statement)
