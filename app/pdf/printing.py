"""Standalone table prints: one annex, a filtered item list, responsibility lists, task divisions.

Each is the same landscape table as a notice's annex, with page numbers, so a
clerk can hand a department its part without reprinting the whole notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.domain.documents import Annex, Document
from app.domain.items import PowerItem
from app.domain.layouts import builtin_layout
from app.domain.responsibility import ResponsibilityList
from app.domain.tasks import TaskDivision
from app.pdf.count_check import CountProblem, check_counts
from app.pdf.fonts import FontSet
from app.pdf.notice import write_notice
from app.pdf.page import PageWriter
from app.pdf.table import TableColumn, TableRow, TableSpec, annex_table, columns_of, draw_tables
from app.progress import Progress
from app.storage.errors import UserError
from app.storage.items import ItemFilter, ItemRow


@dataclass(frozen=True)
class PrintResult:
    """What the user is told after printing: pages, stand-in fonts, count problems."""

    path: Path
    pages: int
    substitutions: list[str]
    problems: list[CountProblem]


def write_tables(tables: Sequence[TableSpec], fonts: FontSet, out: Path, title: str,
                 progress: Progress | None = None) -> int:
    writer = PageWriter(fonts, title=title)
    draw_tables(writer, tables, progress)
    return writer.save(out)


def print_document(doc: Document, fonts: FontSet, out: Path, annex: int | None = None,
                   progress: Progress | None = None) -> PrintResult:
    """The whole notice, or only its annex number ``annex`` (1-based)."""
    problems = check_counts(doc)
    if annex is None:
        pages = write_notice(doc, fonts, out, progress)
    else:
        if not 1 <= annex <= len(doc.annexes):
            raise UserError(f"文件“{doc.number}”只有{len(doc.annexes)}个附件，没有附件{annex}。")
        number = annex if len(doc.annexes) > 1 else None
        table = annex_table(doc.annexes[annex - 1], number)
        pages = write_tables([table], fonts, out, doc.annexes[annex - 1].title, progress)
    return PrintResult(out, pages, fonts.substitutions(), problems)


def print_annex(annex: Annex, fonts: FontSet, out: Path, number: int | None = None,
                progress: Progress | None = None) -> int:
    return write_tables([annex_table(annex, number)], fonts, out, annex.title, progress)


ITEM_LIST_COLUMNS = (
    ("seq", "序号", 6), ("name", "事项名称", 34), ("type", "事项类型", 10),
    ("department", "实施部门", 18), ("levels", "行使层级", 10), ("status", "状态", 8),
)
ITEM_DETAIL_COLUMNS = (("basis", "设定依据", 36), ("measures", "事中事后监管措施", 56))


def item_list_title(item_filter: ItemFilter) -> str:
    """A heading that says what was filtered: `公安行政许可事项清单（在用）`."""
    title = f"{item_filter.department}{item_filter.type or '行政权力'}事项清单"
    if item_filter.status:
        title += f"（{item_filter.status}）"
    if item_filter.search:
        title += f"（含“{item_filter.search}”）"
    return title


def item_list_table(title: str, items: Sequence[PowerItem | ItemRow]) -> TableSpec:
    """A filtered item list; full items also print their basis and measures."""
    detailed = bool(items) and all(isinstance(i, PowerItem) for i in items)
    spec = ITEM_LIST_COLUMNS + (ITEM_DETAIL_COLUMNS if detailed else ())
    columns = [TableColumn(header, weight, key in ("seq", "type", "status", "levels"))
               for key, header, weight in spec]
    rows = []
    for n, item in enumerate(items, start=1):
        values = {key: str(getattr(item, key, "") or "") for key, _, _ in spec}
        values["seq"] = str(n)
        rows.append(TableRow([values[key] for key, _, _ in spec]))
    return TableSpec(title, columns, rows)


def print_item_list(title: str, items: Sequence[PowerItem | ItemRow], fonts: FontSet, out: Path,
                    progress: Progress | None = None) -> int:
    return write_tables([item_list_table(title, items)], fonts, out, title, progress)


def responsibility_tables(rlist: ResponsibilityList) -> list[TableSpec]:
    """主要职责, 职责边界 and 公共服务事项 of one department, each its own table."""
    tables = []
    if rlist.duties:
        rows = [TableRow([d.seq, d.duty, "\n".join(d.tasks), d.accountability])
                for d in rlist.duties]
        tables.append(TableSpec(f"{rlist.department}主要职责及具体责任事项",
                                columns_of(builtin_layout("duties")), rows))
    if rlist.boundaries:
        rows = []
        for boundary in rlist.boundaries:
            for n, part in enumerate(boundary.parts or [None]):
                department = part.department if part else ""
                division = part.division if part else ""
                merged = frozenset({0, 3, 4}) if n else frozenset()
                rows.append(TableRow([boundary.matter, department, division, boundary.basis,
                                      boundary.example], merged))
        tables.append(TableSpec(f"{rlist.department}职责边界",
                                columns_of(builtin_layout("boundaries")), rows))
    if rlist.public_services:
        rows = [TableRow([s.seq, s.service, s.content, s.office, s.phone])
                for s in rlist.public_services]
        tables.append(TableSpec(f"{rlist.department}公共服务事项",
                                columns_of(builtin_layout("public_services")), rows))
    return tables


def print_responsibility(rlist: ResponsibilityList, fonts: FontSet, out: Path,
                         progress: Progress | None = None) -> int:
    tables = responsibility_tables(rlist)
    if not tables:
        raise UserError(f"“{rlist.department}”的责任清单中没有可打印的表格。")
    return write_tables(tables, fonts, out, f"{rlist.department}责任清单", progress)


def task_table(division: TaskDivision) -> TableSpec:
    rows = [TableRow([t.seq, t.task, t.lead, t.partners, t.deadline]) for t in division.tasks]
    return TableSpec(division.title, columns_of(builtin_layout("tasks")), rows)


def print_tasks(division: TaskDivision, fonts: FontSet, out: Path,
                progress: Progress | None = None) -> int:
    return write_tables([task_table(division)], fonts, out, division.title, progress)
