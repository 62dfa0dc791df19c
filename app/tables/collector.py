"""Python's cycle collector paused over the bulk work of reading a table.

The guard's scan and the row parser make tens of thousands of new tuples, lists, dicts
and rows, none of them garbage; each time the count of new objects passed a threshold
the collector ran, and its full passes walked every object the process holds (in the
window or beside pandas, hundreds of thousands): 7 % of a 10,000-row preview. Memory
is still freed by reference counting as the work goes; only cycles wait until the
collector runs again afterwards. Used only around Quanze's own scanning and parsing, not
around the third-party readers (python-docx, the PDF reader), which may make cycles.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block, then back as it was (on, unless something else
    turned it off: a block on another thread may end first, so it is never left off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
