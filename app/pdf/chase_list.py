"""The 催报名单 as a printable PDF, in the same table style as the annexes."""

from __future__ import annotations

from pathlib import Path

from app.pdf.fonts import FontSet
from app.pdf.printing import write_tables
from app.pdf.table import TableColumn, TableRow, TableSpec
from app.report_status import StatusRow

COLUMNS = (("序号", 6, True), ("部门", 30, False), ("事项数", 8, True), ("发出日期", 12, True),
           ("报送期限", 12, True), ("状态", 10, True), ("催报记录", 30, False))


def print_chase_list(title: str, rows: list[StatusRow], fonts: FontSet, out: Path) -> int:
    columns = [TableColumn(header, weight, centred) for header, weight, centred in COLUMNS]
    table_rows = [TableRow([str(n), r.department, str(r.rows or ""), r.sent, r.due,
                            str(r.state), ""]) for n, r in enumerate(rows, start=1)]
    spec = TableSpec(f"{title}（{len(rows)}个部门）", columns, table_rows)
    return write_tables([spec], fonts, out, title)
