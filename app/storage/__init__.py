"""Storage: one SQLite file through sqlite-utils, behind a small repository layer.

sqlite-utils imports pandas and numpy when they are installed, only to map their types to
column types. Quanze never stores them and the built program leaves them out, but in a
developer install (pandas is a test dependency) that import took half a second at every
start. So sqlite-utils is first imported here, with the two hidden while it loads.
"""

from __future__ import annotations

import sys


def _import_sqlite_utils() -> None:
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import of it fails: ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils()
