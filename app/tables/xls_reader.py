"""Old .xls workbooks (BIFF), still sent by some departments, through xlrd."""

from __future__ import annotations

from pathlib import Path

from app.tables.errors import FileImportError, Progress, report
from app.tables.grid import Grid, Limits, fill_merges


def read_xls(path: Path, limits: Limits, progress: Progress | None) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise FileImportError(path, "文件设置了打开密码，无法读取。请取消密码后另存，再导入。") from exc
        raise FileImportError(path, "无法作为 .xls 表格打开，文件可能已损坏。"
                              "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。") from exc
    except (AssertionError, IndexError, ValueError, EOFError, OSError) as exc:
        raise FileImportError(path, "文件已损坏或不完整，无法作为 .xls 表格打开。") from exc
    try:
        grids = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows > limits.max_rows:
                raise FileImportError(path, f"行数（{sheet.nrows}）超过 {limits.max_rows} 行的上限。"
                                      "请把表格拆成几个文件再导入。", sheet.name)
            rows = []
            for r in range(sheet.nrows):
                rows.append([None if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK,
                                                    xlrd.XL_CELL_ERROR) else cell.value
                             for cell in sheet.row(r)])
                if r % 2000 == 1999:
                    report(progress, r + 1, sheet.nrows)
            grid = Grid(sheet.name, rows)
            fill_merges(grid, [(c0, r0, c1 - 1, r1 - 1) for r0, r1, c0, c1 in sheet.merged_cells])
            grids.append(grid)
            book.unload_sheet(index)
        return grids
    finally:
        book.release_resources()
