"""Errors about a file the clerk chose; each names the file and, where known, sheet and row."""

from __future__ import annotations

from pathlib import Path

from app.storage.errors import UserError


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
