"""The review report (依据需核对事项) as a workbook and as a printed table, by county department."""

from __future__ import annotations

from pathlib import Path

from app.domain.layouts import SEQ, Column
from app.laws.registry import FlaggedItem
from app.pdf.fonts import FontSet
from app.pdf.printing import write_tables
from app.pdf.table import TableColumn, TableRow
from app.pdf.table import TableSpec as PrintSpec
from app.storage.errors import UserError
from app.tables.exporter import write_specs
from app.tables.sheet import TableSpec as SheetSpec

TITLE = "依据已废止或修订需核对的事项"
COLUMNS = (
    SEQ, Column("name", "事项名称", 40), Column("department", "实施部门", 18),
    Column("status", "状态", 8), Column("law", "所引法律法规", 30),
    Column("articles", "条款", 12), Column("flag", "核对提示", 20),
)


def _values(flagged: FlaggedItem, seq: int) -> dict[str, str]:
    return {"seq": str(seq), "name": flagged.name, "department": flagged.department,
            "status": flagged.status, "law": flagged.law, "articles": flagged.articles,
            "flag": flagged.flag}


def _check(grouped: dict[str, list[FlaggedItem]]) -> None:
    if not grouped:
        raise UserError("没有引用已废止或已修订法律法规的事项，没有可输出的内容。")


def export_report(grouped: dict[str, list[FlaggedItem]], path: Path) -> None:
    """One sheet per county department."""
    _check(grouped)
    specs = [(department, SheetSpec(
        title=f"{department}{TITLE}（{len(items)}项）", columns=COLUMNS,
        rows=[_values(f, n) for n, f in enumerate(items, start=1)]))
        for department, items in grouped.items()]
    write_specs(specs, path)


def print_report(grouped: dict[str, list[FlaggedItem]], fonts: FontSet, out: Path) -> int:
    _check(grouped)
    columns = [TableColumn(c.header, c.width, c.key in ("seq", "status")) for c in COLUMNS]
    tables = [PrintSpec(f"{department}{TITLE}（{len(items)}项）", columns,
                        [TableRow([_values(f, n)[c.key] for c in COLUMNS])
                         for n, f in enumerate(items, start=1)])
              for department, items in grouped.items()]
    return write_tables(tables, fonts, out, TITLE)
