"""Annexes, whole documents and filtered item lists as workbooks in the official look."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from app.domain.documents import Annex, Document
from app.domain.items import PowerItem
from app.domain.layouts import CATALOGUE_LAYOUTS, Layout, builtin_layout
from app.paths import write_beside
from app.progress import Progress
from app.storage.errors import UserError
from app.storage.items import ItemRow
from app.tables.sheet import TableSpec, write_table


@dataclass
class ExportResult:
    path: Path
    sheets: int
    rows: int
    warnings: list[str] = field(default_factory=list)


def annex_spec(annex: Annex, number: int | None) -> TableSpec:
    layout = builtin_layout(annex.layout)
    return TableSpec(
        title=annex.counted_title(), columns=layout.columns,
        rows=[r.field_values() for r in annex.rows],
        label=f"附件{number}" if number else "",
        merged=[r.merged_with_above for r in annex.rows])


def save_workbook(wb: Workbook, path: Path) -> None:
    """Write beside the target and rename, so a failed save never leaves half a file."""
    path = Path(path)
    try:
        write_beside(path, wb.save)
    except PermissionError as exc:
        raise file_in_use(path) from exc


def file_in_use(path: Path) -> UserError:
    """Windows refuses to replace a workbook Excel or WPS has open: say so, not a traceback."""
    return UserError(f"无法写入“{path}”：文件可能正在 Excel 或 WPS 中打开，请关闭后重试。")


def write_specs(specs: Sequence[tuple[str, TableSpec]], path: Path,
                progress: Progress | None = None) -> ExportResult:
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    warnings: list[str] = []
    for sheet_name, spec in specs:
        ws = wb.create_sheet(sheet_name[:31])
        write_table(wb, ws, spec, progress)
        warnings += spec.warnings
    save_workbook(wb, path)
    return ExportResult(Path(path), len(specs), sum(len(s.rows) for _, s in specs), warnings)


def export_annex(doc: Document, annex_number: int, path: Path | str,
                 progress: Progress | None = None) -> ExportResult:
    if not 1 <= annex_number <= len(doc.annexes):
        raise UserError(f"文件“{doc.number}”没有附件{annex_number}（共 {len(doc.annexes)} 个附件）。")
    spec = annex_spec(doc.annexes[annex_number - 1], annex_number)
    return write_specs([(f"附件{annex_number}", spec)], Path(path), progress)


def export_document(doc: Document, path: Path | str,
                    progress: Progress | None = None) -> ExportResult:
    """One sheet per annex, named 附件1, 附件2, … as the document lists them."""
    if not doc.annexes:
        raise UserError(f"文件“{doc.number}”没有附件表格，无法导出。")
    specs = [(f"附件{n}", annex_spec(a, n)) for n, a in enumerate(doc.annexes, start=1)]
    return write_specs(specs, Path(path), progress)


def _catalogue_layout(layout_id: str) -> Layout:
    return next(x for x in CATALOGUE_LAYOUTS if x.id == layout_id)


def item_values(item: PowerItem | ItemRow, seq: int) -> dict[str, str]:
    values = {k: str(getattr(item, k, "") or "") for k in (
        "department", "name", "type", "basis", "measures", "status", "status_date", "levels",
        "code", "remarks")}
    values["seq"] = str(seq)
    return values


def export_items(items: Sequence[PowerItem | ItemRow], path: Path | str, title: str = "",
                 progress: Progress | None = None) -> ExportResult:
    """A filtered list: full items get basis and measures, list rows get the list's columns."""
    full = bool(items) and all(isinstance(i, PowerItem) for i in items)
    layout = _catalogue_layout("items" if full else "item_rows")
    spec = TableSpec(title=f"{title or layout.name}（{len(items)}项）", columns=layout.columns,
                     rows=[item_values(item, n) for n, item in enumerate(items, start=1)])
    return write_specs([("事项", spec)], Path(path), progress)
