"""How long work reports progress and is stopped: one protocol for every back end.

Excel import and export, PDF printing, department forms, matching and
publishing all take the same optional `progress` callback and raise the same
`Cancelled`, so the window's worker, the command line and tests drive them
alike, and nothing has to translate one kind of cancellation into another.
"""

from __future__ import annotations

from collections.abc import Callable

from app.storage.errors import UserError

Progress = Callable[[int, int], bool | None]
"""callable(done, total); returning False (not None) asks the work to stop."""


class Cancelled(UserError):
    """The user stopped the work; whatever it was writing has been thrown away."""

    def __init__(self) -> None:
        super().__init__("操作已取消，没有写入任何数据。")


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell the caller how far we are; raise Cancelled if it asks us to stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled
