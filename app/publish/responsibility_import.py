"""Responsibility lists (责任清单) read from .xlsx/.docx in their printed layouts.

Each sheet or Word table is recognised by its header (部门主要职责, 部门职责边界,
公共服务事项); rows a merged cell continues (a duty's further 具体责任事项, a
matter's further departments) join the row they continue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.departments import clean_department_name
from app.domain.layouts import Layout, builtin_layout
from app.domain.responsibility import (
    Boundary,
    BoundaryPart,
    Duty,
    PublicService,
    ResponsibilityList,
)
from app.domain.text import fold
from app.tables.cells import clean, tidy_text
from app.tables.errors import FileImportError
from app.tables.grid import Grid
from app.tables.reader import read_grids

LAYOUTS = ("duties", "boundaries", "public_services")
KEY_COLUMN = {"duties": "duty", "boundaries": "matter", "public_services": "service"}
TASK_START = re.compile(r"(?=[①-⑳㉑-㊿])")
HEADER_SEARCH_ROWS = 12
TITLE = re.compile(r"^(?:\d+[、.．]\s*)?(.+?)\s*责\s*任\s*清\s*单")


@dataclass
class ImportedList:
    rlist: ResponsibilityList
    tables: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _header(grid: Grid) -> tuple[int, Layout, dict[int, str]] | None:
    for r, cells in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        for layout_id in LAYOUTS:
            layout = builtin_layout(layout_id)
            columns: dict[int, str] = {}
            for index, value in enumerate(cells):
                text = clean(value)
                column = next((c for c in layout.columns if text and c.matches(text)), None)
                if column is not None and column.key not in columns.values():
                    columns[index] = column.key
            if len(columns) >= 2 and KEY_COLUMN[layout_id] in columns.values():
                return r, layout, columns
    return None


def _values(cells: list[object], columns: dict[int, str]) -> dict[str, str]:
    return {key: tidy_text(clean(cells[i]) if i < len(cells) else "", key)
            for i, key in columns.items()}


def _tasks(text: str) -> list[str]:
    parts = [p.strip() for chunk in text.split("\n") for p in TASK_START.split(chunk)]
    return [p for p in parts if p]


def _add_duty(rlist: ResponsibilityList, values: dict[str, str], continued: bool) -> None:
    tasks = _tasks(values.get("tasks", ""))
    if continued and rlist.duties:
        duty = rlist.duties[-1]
        duty.tasks += tasks
        extra = values.get("accountability", "")
        if extra and extra not in duty.accountability:
            duty.accountability = "\n".join(x for x in (duty.accountability, extra) if x)
        return
    rlist.duties.append(Duty(seq=values.get("seq", ""), duty=values.get("duty", ""), tasks=tasks,
                             accountability=values.get("accountability", "")))


def _add_boundary(rlist: ResponsibilityList, values: dict[str, str], continued: bool) -> None:
    part = BoundaryPart(values.get("departments", ""), values.get("division", ""))
    if continued and rlist.boundaries:
        rlist.boundaries[-1].parts.append(part)
        return
    rlist.boundaries.append(Boundary(matter=values.get("matter", ""), parts=[part],
                                     basis=values.get("basis", ""),
                                     example=values.get("example", "")))


def _read_table(grid: Grid, rlist: ResponsibilityList, warnings: list[str]) -> str | None:
    found = _header(grid)
    if found is None:
        return None
    header_row, layout, columns = found
    key = KEY_COLUMN[layout.id]
    key_index = next(i for i, k in columns.items() if k == key)
    headers = {fold(clean(grid.rows[header_row][i])) for i in columns}
    for r in range(header_row + 1, len(grid.rows)):
        cells = grid.rows[r]
        values = _values(cells, columns)
        if not any(values.values()) or {fold(v) for v in values.values() if v} <= headers:
            continue
        continued = (r, key_index) in grid.merged_above or not values.get(key)
        if layout.id == "duties":
            _add_duty(rlist, values, continued)
        elif layout.id == "boundaries":
            _add_boundary(rlist, values, continued)
        elif values.get("service"):
            rlist.public_services.append(PublicService(
                seq=values.get("seq", ""), service=values["service"],
                content=values.get("content", ""), office=values.get("office", ""),
                phone=values.get("phone", "")))
        else:
            warnings.append(f"表“{grid.sheet}”第{r + 1}行没有服务事项，已跳过。")
    return layout.name


def _department_in(grids: list[Grid]) -> str:
    for grid in grids:
        for text in [*grid.caption, *(clean(c) for row in grid.rows[:HEADER_SEARCH_ROWS]
                                     for c in row)]:
            match = TITLE.match(text.replace("\n", ""))
            if match:
                return match.group(1).strip()
    return ""


def import_responsibility(path: Path | str, department: str = "", year: str = "") -> ImportedList:
    """Every recognised table of the file into one department's list; nothing is saved here."""
    path = Path(path)
    grids = read_grids(path)
    name = clean_department_name(department or _department_in(grids))
    if not name:
        raise FileImportError(path, "找不到部门名称（标题中没有“××责任清单”），请指定部门。")
    result = ImportedList(ResponsibilityList(department=name, year=year))
    for grid in grids:
        table = _read_table(grid, result.rlist, result.warnings)
        if table:
            result.tables.append(f"{grid.sheet}：{table}")
    rlist = result.rlist
    if not (rlist.duties or rlist.boundaries or rlist.public_services):
        raise FileImportError(path, "没有找到责任清单的表格。表头应含“主要职责、具体责任事项、追责依据及追责情形”"
                              "或“管理事项、相关部门、职责分工及协调配合机制”或“服务事项、主要内容、承办机构”。")
    return result
