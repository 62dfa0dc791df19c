"""Errors about a file the clerk chose; each names the file and, where known, sheet and row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.storage.errors import UserError

Progress = Callable[[int, int], bool]
"""callable(done, total) -> bool; returning False asks the operation to stop."""


class FileImportError(UserError):
    """A file that cannot be read as a table; nothing has been written."""

    def __init__(self, path: Path | str, problem: str, sheet: str = "", row: int | None = None,
                 ) -> None:
        where = f"文件“{Path(path).name}”"
        if sheet:
            where += f"的工作表“{sheet}”"
        if row is not None:
            where += f"第{row}行"
        super().__init__(f"{where}：{problem}")
        self.path = Path(path)
        self.sheet = sheet
        self.row = row


class Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__("操作已取消，没有写入任何数据。")


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell the caller how far we are; raise Cancelled if it asks us to stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
