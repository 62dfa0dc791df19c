"""A comparison as the annex tables of a notice, and as one printable change table.

Cancellations and take-overs go into the official layouts (附件1 取消…, 省级/市级
取消后…, 省级/市级承接后…) so the clerk can start the next notice from them;
changes the official layouts have no table for (下放, 调整, 更名, 部门变更, 新增)
go into one adjustment table in the same look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.catalogue.compare import ChangeRow, ChangeType, Comparison
from app.catalogue.timeline import chinese_date
from app.domain.departments import Level
from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document
from app.domain.items import PowerItem
from app.domain.layouts import SEQ, Column
from app.pdf.fonts import FontSet
from app.pdf.printing import write_tables
from app.pdf.table import TableColumn, TableRow
from app.pdf.table import TableSpec as PrintSpec
from app.progress import Progress
from app.storage.errors import UserError
from app.tables.exporter import ExportResult, annex_spec, write_specs
from app.tables.sheet import TableSpec as SheetSpec

CHANGE_COLUMNS: tuple[Column, ...] = (
    SEQ, Column("kind", "变化类型", 9), Column("department", "实施部门", 16), Column(
        "name", "事项名称及权限", 38), Column("type", "事项类型", 13),
    Column("before", "变化前", 11), Column("after", "变化后", 11),
    Column("date", "日期", 13), Column("reason", "依据文件", 22),
)
CENTRED = frozenset({"seq", "kind", "type", "date"})


@dataclass(frozen=True)
class _Bucket:
    title: str
    layout: str
    kind: ChangeKind | None
    level: ChangeLevel | None


def _bucket(row: ChangeRow, level: Level | None) -> _Bucket:
    upper = {Level.PROVINCE: ChangeLevel.PROVINCE, Level.CITY: ChangeLevel.CITY}.get(
        level) if level else None
    prefix = str(upper) if upper else ""
    if row.kind in (ChangeType.CANCELLED, ChangeType.TO_FILING):
        if upper:
            return _Bucket(f"{prefix}取消后需市县加强监管的事项", "cancelled_above",
                           ChangeKind.CANCEL, upper)
        return _Bucket("取消行政权力事项", "cancel", ChangeKind.CANCEL, ChangeLevel.COUNTY)
    if row.kind in (ChangeType.TAKEN_OVER, ChangeType.ENTRUSTED):
        title = f"{prefix}承接后需市县加强监管的事项" if upper else "承接行政权力事项"
        return _Bucket(title, "taken_over", ChangeKind.TAKE_OVER, upper or ChangeLevel.COUNTY)
    return _Bucket("调整行政权力事项", "", None, None)


_ROW_KINDS = {
    ChangeType.CANCELLED: ChangeKind.CANCEL, ChangeType.TO_FILING: ChangeKind.TO_FILING,
    ChangeType.TAKEN_OVER: ChangeKind.TAKE_OVER, ChangeType.ENTRUSTED: ChangeKind.ENTRUST,
}


def _remarks(row: ChangeRow, item: PowerItem) -> str:
    if row.kind is ChangeType.TO_FILING:
        return "改为备案"
    if row.kind is ChangeType.ENTRUSTED and not item.remarks:
        return "委托实施"
    return item.remarks


def to_document(comparison: Comparison, item: Callable[[int], PowerItem],
                level: Callable[[str], Level | None]) -> Document:
    """The official annexes of a draft notice; rows the layouts have no table for are left out
    (they are in the change table)."""
    annexes: dict[_Bucket, Annex] = {}
    for row in comparison.rows:
        bucket = _bucket(row, level(row.department))
        if not bucket.layout:
            continue
        full = item(row.item_id)
        annex = annexes.setdefault(bucket, Annex(
            title=bucket.title, layout=bucket.layout, change_kind=bucket.kind,
            change_level=bucket.level))
        annex.rows.append(AnnexRow(
            seq=str(len(annex.rows) + 1), department=row.department, name=row.name,
            type=row.type, basis=full.basis, measures=full.measures,
            remarks=_remarks(row, full), change_kind=_ROW_KINDS.get(row.kind)))
    ordered = sorted(annexes.values(), key=_annex_order)
    for annex in ordered:
        annex.title = annex.counted_title()
    return Document(number="", title=comparison_title(comparison), annexes=ordered)


def _annex_order(annex: Annex) -> tuple[int, int]:
    levels = (ChangeLevel.COUNTY, ChangeLevel.PROVINCE, ChangeLevel.CITY)
    level = levels.index(annex.change_level) if annex.change_level in levels else 0
    return ("cancel", "cancelled_above", "taken_over").index(annex.layout), level


def comparison_title(comparison: Comparison) -> str:
    return f"{comparison.start.label}至{comparison.end.label}行政权力事项变化对照表"


def change_values(row: ChangeRow, seq: int) -> dict[str, str]:
    return {"seq": str(seq), "kind": str(row.kind), "department": row.department,
            "name": row.name, "type": row.type, "before": row.before, "after": row.after,
            "date": chinese_date(row.date), "reason": row.reason}


def export_comparison(comparison: Comparison, draft: Document, path: Path,
                      progress: Progress | None = None) -> ExportResult:
    """附件1, 附件2 … in the official layouts, then a sheet with every change;
    `progress` counts each sheet's rows, so a long comparison can be stopped."""
    if not comparison.rows:
        raise UserError("两个时间点之间事项没有变化，没有可导出的内容。")
    specs = [(f"附件{n}", annex_spec(a, n)) for n, a in enumerate(draft.annexes, start=1)]
    rows = [change_values(r, n) for n, r in enumerate(comparison.rows, start=1)]
    specs.append(("变化明细", SheetSpec(title=f"{comparison_title(comparison)}（{len(rows)}项）",
                                      columns=CHANGE_COLUMNS, rows=rows)))
    return write_specs(specs, path, progress)


def change_table(comparison: Comparison) -> PrintSpec:
    columns = [TableColumn(c.header, c.width, c.key in CENTRED) for c in CHANGE_COLUMNS]
    keys = [c.key for c in CHANGE_COLUMNS]
    rows = [TableRow([change_values(r, n)[k] for k in keys])
            for n, r in enumerate(comparison.rows, start=1)]
    return PrintSpec(f"{comparison_title(comparison)}（{len(rows)}项）", columns, rows)


def print_comparison(comparison: Comparison, fonts: FontSet, out: Path,
                     progress: Progress | None = None) -> int:
    """The change table as a PDF; returns its page count. `progress` counts rows."""
    if not comparison.rows:
        raise UserError("两个时间点之间事项没有变化，没有可打印的内容。")
    return write_tables([change_table(comparison)], fonts, out, comparison_title(comparison),
                        progress)
