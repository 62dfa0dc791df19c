"""The 催报名单 as a workbook: departments that have not reported, ready to print or phone."""

from __future__ import annotations

from pathlib import Path

from app.domain.layouts import Column
from app.report_status import StatusRow
from app.tables.exporter import ExportResult, write_specs
from app.tables.sheet import TableSpec

COLUMNS = (Column("seq", "序号", 6), Column("department", "部门", 30), Column("rows", "事项数", 8),
           Column("sent", "发出日期", 12), Column("due", "报送期限", 12),
           Column("state", "状态", 10), Column("remarks", "催报记录", 30))


def export_chase_list(title: str, rows: list[StatusRow], path: Path | str) -> ExportResult:
    values = [{"seq": str(n), "department": r.department, "rows": str(r.rows or ""),
               "sent": r.sent, "due": r.due, "state": str(r.state), "remarks": ""}
              for n, r in enumerate(rows, start=1)]
    spec = TableSpec(title=f"{title}（{len(rows)}个部门）", columns=COLUMNS, rows=values)
    return write_specs([("催报名单", spec)], Path(path))
