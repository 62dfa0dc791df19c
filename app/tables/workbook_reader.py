"""Workbooks (.xlsx, .xls) read through python-calamine, a Rust reader.

Reading values and merged ranges this way is as fast as pandas' fastest
engine and three times faster than openpyxl. Calamine builds each sheet as
one dense block in memory, so a hostile .xlsx whose cells claim row 1,048,576
or column XFD is refused by app/tables/costly.py before calamine sees it.

openpyxl is still used for one thing calamine does not give: the formula text
of a formula cell that has no saved result, so the clerk is told which cell
read as blank and why. Calamine also reads .ods, but without merged ranges,
so .ods files are not offered.

Calamine parses on a thread of its own (`WorkbookReading`). Its parse runs in Rust
without Python's lock, so the caller can do other work meanwhile: `quanze import` loads
the storage layer and opens the database, about a fifth of the whole command. What needs
the lock (the sheets as Python lists, merges, checks) is done in `grids()`, on the
caller's thread: done on calamine's thread, each step waited for the caller to let go.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from app.progress import Progress, report
from app.tables.errors import FileImportError
from app.tables.grid import Grid, Limits, column_letter, fill_merges

# Names whose extension tells calamine the format the content has (it goes by the name
# when given a path, matching case): such a file is opened by path, read in Rust. Others
# go through a Python file object, each read of which needs the lock.
CALAMINE_SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",)}


class WorkbookReading:
    """A workbook's worksheets (chart sheets skipped) being parsed by calamine; `grids()`
    waits for them and gives them with merges filled, `formulas` adding notes on blanks."""

    def __init__(self, path: Path, kind: str, limits: Limits, progress: Progress | None,
                 formulas: bool = False) -> None:
        self.path, self.limits, self.progress, self.formulas = path, limits, progress, formulas
        self._sheets: list[tuple[str, Any]] = []
        self._failure: BaseException | None = None
        book = None if _by_path(path, kind) else _open_stream(path)
        self._thread = threading.Thread(target=self._parse, args=(book,), name="calamine")
        self._thread.start()

    def grids(self) -> list[Grid]:
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        grids = [_to_grid(self.path, name, sheet, self.limits, self.progress)
                 for name, sheet in self._sheets]
        if self.formulas:
            for grid in grids:
                _note_formulas_without_values(self.path, grid)
        return grids

    def _parse(self, book: Any) -> None:
        """On calamine's thread; a failure is kept for `grids()` to raise on the caller's."""
        try:
            book = book or _open_path(self.path)
            try:
                self._sheets = [(name, _sheet(self.path, book, name))
                                for name in _worksheet_names(book)]
            finally:
                book.close()
        except BaseException as exc:  # raised again by grids()
            self._failure = exc


def _by_path(path: Path, kind: str) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return path.suffix in CALAMINE_SUFFIXES[kind]


def _open_path(path: Path) -> Any:
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise _unreadable(path, exc) from exc


def _open_stream(path: Path) -> Any:
    """Opened as a file object: calamine picks the format by the name's extension otherwise,
    and a real .xlsx named .xls, .et or nothing would fail."""
    with path.open("rb") as stream:
        try:
            return CalamineWorkbook.from_filelike(stream)
        except (CalamineError, OSError, ValueError) as exc:
            raise _unreadable(path, exc) from exc


def _worksheet_names(book: Any) -> list[str]:
    return [meta.name for meta in book.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]


def _sheet(path: Path, book: Any, name: str) -> Any:
    try:
        return book.get_sheet_by_name(name)
    except CalamineError as exc:
        raise _broken_sheet(path, name) from exc


def _to_grid(path: Path, name: str, sheet: Any, limits: Limits,
             progress: Progress | None) -> Grid:
    if sheet.total_height > limits.max_rows:
        raise FileImportError(path, f"行数超过 {limits.max_rows} 行的上限，已停止读取。"
                              "请把表格拆成几个文件再导入。", name)
    try:
        values = sheet.to_python(skip_empty_area=False)
        merges = sheet.merged_cell_ranges or []
    except CalamineError as exc:
        raise _broken_sheet(path, name) from exc
    _empty_as_none(values, progress)
    grid = Grid(name, values)
    fill_merges(path, grid, [(c0, r0, c1, r1) for (r0, c0), (r1, c1) in merges], limits)
    return grid


def _broken_sheet(path: Path, name: str) -> FileImportError:
    return FileImportError(path, "文件已损坏或不完整，无法读取这张工作表。请让对方重新发送。", name)


def _empty_as_none(values: list[list[object]], progress: Progress | None) -> None:
    """Calamine's "" for an empty cell as None, as the other readers give it, in place.
    A row's few empty cells are found in C (`count`, `index`): a comprehension over every
    cell cost twice as much. A mostly empty row is still rebuilt in one pass."""
    total = len(values)
    for n, row in enumerate(values, start=1):
        count = row.count("")
        if count * 3 > len(row) * 2:
            row[:] = [None if v == "" else v for v in row]
        else:
            at = -1
            for _ in range(count):
                at = row.index("", at + 1)
                row[at] = None
        if n % 5000 == 0:
            report(progress, n, total)


def _unreadable(path: Path, exc: Exception) -> FileImportError:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return FileImportError(path, "文件设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。")
    return FileImportError(path, "文件已损坏或不完整，无法作为表格打开。"
                           "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。")


def _note_formulas_without_values(path: Path, grid: Grid) -> None:
    """Formula cells whose file holds no computed value read as blank: say which ones."""
    import openpyxl

    with path.open("rb") as stream:
        _note_formulas(grid, openpyxl.load_workbook(stream, read_only=True, data_only=False,
                                                    keep_links=False))


def _note_formulas(grid: Grid, wb: Any) -> None:
    try:
        ws = wb[grid.sheet]
        ws.reset_dimensions()
        for r, row in enumerate(ws.iter_rows()):
            for c, cell in enumerate(row):
                if getattr(cell, "data_type", None) != "f":
                    continue
                cached = grid.rows[r][c] if r < len(grid.rows) and c < len(grid.rows[r]) else None
                if cached is None:
                    grid.notes.append((r, c, f"单元格{column_letter(c)}{r + 1}是公式"
                                             f"（{cell.value}），文件中没有保存计算结果，已按空白读取。"
                                             "请在 Excel 中打开并保存后重新导入。"))
    finally:
        wb.close()
