"""sqlite-utils' `Database`, imported with pandas and numpy hidden.

sqlite-utils imports pandas and numpy when they are installed, only to map their types to
column types. Quanze never stores them and the built program leaves them out, but in a
developer install (pandas is a test dependency) that import took half a second at every
start. Every storage module takes `Database` from here, so sqlite-utils is first imported
with the two hidden. It is not imported by `app.storage` itself: `quanze import` loads it
while calamine reads the file (app/tables/reader.py), and `app.storage.errors` stays light.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def _hidden(*names: str) -> Iterator[None]:
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import of it fails: ImportError
    try:
        yield
    finally:
        for name in hidden:
            del sys.modules[name]


with _hidden("pandas", "numpy"):
    from sqlite_utils import Database

__all__ = ["Database"]
