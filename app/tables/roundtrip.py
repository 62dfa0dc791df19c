"""Department round-trips: each department gets its rows as a workbook and sends it back.

The exported sheets carry a hidden row identity (`annex_row:123`, `item:45`)
so answers match their rows even if a department re-sorts the sheet; when
the identity column was deleted, rows match by name and department instead.
Changes come back per field, the clerk accepts or rejects each one, and the
accepted ones land in one transaction, audit log included.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.documents import AnnexRow, Document
from app.domain.items import PowerItem
from app.domain.layouts import BUILTIN_LAYOUTS, CATALOGUE_LAYOUTS, IDENTITY, Layout, builtin_layout
from app.domain.text import clean_cell, fold
from app.storage.errors import UserError
from app.storage.repository import Repository
from app.tables.errors import FileImportError, Progress, report
from app.tables.exporter import ExportResult, item_values, save_workbook
from app.tables.grid import DEFAULT_LIMITS, Grid, Limits
from app.tables.importer import ImportPreview, ImportWarning, parse_grid
from app.tables.reader import read_grids
from app.tables.sheet import TableSpec, line_height, text_lines, write_table

EDITABLE = frozenset({"type", "basis", "measures", "remarks"})
PROP_DOCUMENT = "quanze_document"
PROP_DEPARTMENT = "quanze_department"
TYPES_SHEET = "事项类型表"
UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\n\r\t]')


@dataclass
class RowChange:
    """One field a department changed; `accepted` is the clerk's decision."""

    identity: str
    field: str
    old: str
    new: str
    where: str = ""
    accepted: bool = True


@dataclass
class ReturnedWorkbook:
    path: Path
    department: str
    document_number: str
    changes: list[RowChange]
    warnings: list[ImportWarning] = field(default_factory=list)
    matched: int = 0


def file_name(document_number: str, department: str) -> str:
    return UNSAFE_NAME.sub("_", f"{department}_{document_number or '事项'}_反馈表.xlsx")


# Export ------------------------------------------------------------------------
def rows_by_department(doc: Document, repo: Repository,
                       ) -> dict[str, list[tuple[int, AnnexRow]]]:
    registry = repo.departments.registry()
    groups: dict[str, list[tuple[int, AnnexRow]]] = {}
    for number, annex in enumerate(doc.annexes, start=1):
        for row in annex.rows:
            dept = registry.resolve(row.department)
            name = dept.name if dept else row.department.strip() or "（未填部门）"
            groups.setdefault(name, []).append((number, row))
    return groups


def _instructions(wb: openpyxl.Workbook, department: str, document_number: str,
                  editable: str) -> None:
    ws = wb.create_sheet("填写说明", 0)
    subject = f"《{document_number}》附件中" if document_number else "事项目录中"
    lines = [
        "填写说明",
        f"部门：{department}",
        f"文号：{document_number or '（事项目录）'}",
        f"导出日期：{dt.date.today().isoformat()}",
        "",
        f"1. 本表列出{subject}由贵单位实施的事项，请逐项核对。",
        f"2. 只需修改“{editable}”等白色单元格；序号、部门、事项名称已锁定，不要改动。",
        "3. 不要删除、插入或移动行和列，不要删除隐藏的“行标识”列，否则可能无法自动对应。",
        "4. 事项类型请从单元格的下拉列表中选择。",
        "5. 单元格内换行按 Alt+Enter；监管措施的各条请以“1.”“2.”开头分行填写。",
        "6. 填好后直接保存（保持 .xlsx 格式，不要改文件名），按通知要求报送。",
    ]
    for r, text in enumerate(lines, start=1):
        size = 16 if r == 1 else 12
        cell = ws.cell(r, 1, text)
        cell.font = Font(name="黑体" if r == 1 else "仿宋_GB2312", size=size)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.row_dimensions[r].height = line_height(text_lines(text, 70, size), size)
    ws.column_dimensions["A"].width = 70
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True


def _types_sheet(wb: openpyxl.Workbook, types: Sequence[str]) -> str:
    ws = wb.create_sheet(TYPES_SHEET)
    for r, name in enumerate(types, start=1):
        ws.cell(r, 1, name)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return f"'{TYPES_SHEET}'!$A$1:$A${max(1, len(types))}"


def _protect(ws: Worksheet, header: int, rows: int, type_col: int | None, types_ref: str) -> None:
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    if type_col is None or not rows:
        return
    letter = openpyxl.utils.get_column_letter(type_col)
    dv = DataValidation(type="list", formula1=types_ref, allow_blank=True, errorStyle="warning",
                        showErrorMessage=True, errorTitle="事项类型",
                        error="请从下拉列表中选择事项类型。", promptTitle="事项类型",
                        prompt="请从下拉列表中选择")
    dv.add(f"{letter}{header + 1}:{letter}{header + rows}")
    ws.add_data_validation(dv)


def _workbook(department: str, document_number: str, types: Sequence[str],
              sheets: Sequence[tuple[str, Layout, TableSpec]], path: Path,
              progress: Progress | None) -> ExportResult:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.custom_doc_props.append(StringProperty(name=PROP_DOCUMENT, value=document_number or "-"))
    wb.custom_doc_props.append(StringProperty(name=PROP_DEPARTMENT, value=department))
    editable = "”“".join(dict.fromkeys(
        c.header.replace("\n", "") for _, layout, _ in sheets for c in layout.columns
        if c.key in EDITABLE))
    _instructions(wb, department, document_number, editable)
    types_ref = _types_sheet(wb, types)
    for name, layout, spec in sheets:
        ws = wb.create_sheet(name)
        header = write_table(wb, ws, spec, progress)
        keys = [c.key for c in layout.columns]
        type_col = keys.index("type") + 2 if "type" in keys else None
        _protect(ws, header, len(spec.rows), type_col, types_ref)
    wb.active = 0
    save_workbook(wb, path)
    return ExportResult(path, len(sheets), sum(len(s.rows) for _, _, s in sheets))


def export_for_departments(repo: Repository, document_number: str, out_dir: Path | str,
                           departments: Sequence[str] = (),
                           progress: Progress | None = None) -> list[ExportResult]:
    """One workbook per department with its rows of the document's annexes."""
    doc = repo.document_by_number(document_number)
    groups = rows_by_department(doc, repo)
    if departments:
        registry = repo.departments.registry()
        wanted = {(registry.resolve(d).name if registry.resolve(d) else d.strip())
                  for d in departments}
        missing = wanted - set(groups)
        if missing:
            raise UserError(f"文件“{doc.number}”的附件中没有这些部门的事项：{'、'.join(sorted(missing))}。")
        groups = {k: v for k, v in groups.items() if k in wanted}
    if not groups:
        raise UserError(f"文件“{doc.number}”的附件中没有事项，无法导出。")
    types = repo.lists.item_types()
    results = []
    for done, (department, entries) in enumerate(groups.items()):
        report(progress, done, len(groups))
        sheets = []
        for number in dict.fromkeys(n for n, _ in entries):
            annex = doc.annexes[number - 1]
            rows = [r for n, r in entries if n == number]
            spec = TableSpec(title=f"{annex.base_title()}（{department}，{len(rows)}项）",
                             columns=builtin_layout(annex.layout).columns,
                             rows=[r.field_values() for r in rows], label=f"附件{number}",
                             identities=[f"annex_row:{r.id}" for r in rows],
                             editable=EDITABLE, protect=True)
            sheets.append((f"附件{number}", builtin_layout(annex.layout), spec))
        path = Path(out_dir) / file_name(doc.number, department)
        results.append(_workbook(department, doc.number, types, sheets, path, progress))
    report(progress, len(groups), len(groups))
    return results


def export_department_items(repo: Repository, department: str, out_dir: Path | str,
                            items: Sequence[PowerItem] = ()) -> ExportResult:
    """A department's catalogue items (or the ones given) for it to check and return."""
    dept = repo.departments.registry().resolve(department)
    if dept is None:
        raise UserError(f"没有名为“{department}”的部门。")
    if not items:
        ids = [r[0] for r in repo.db.execute(
            "SELECT id FROM items WHERE department_id = ? ORDER BY id", [dept.id]).fetchall()]
        items = [repo.items.get(i) for i in ids]
    if not items:
        raise UserError(f"部门“{dept.name}”没有事项，无法导出。")
    layout = next(x for x in CATALOGUE_LAYOUTS if x.id == "items")
    spec = TableSpec(title=f"{dept.name}行政权力事项（{len(items)}项）", columns=layout.columns,
                     rows=[item_values(item, n) for n, item in enumerate(items, start=1)],
                     identities=[f"item:{item.id}" for item in items],
                     editable=EDITABLE, protect=True)
    path = Path(out_dir) / file_name("", dept.name)
    return _workbook(dept.name, "", repo.lists.item_types(), [("事项", layout, spec)], path, None)


# Import ------------------------------------------------------------------------
def _metadata(path: Path, grids: Sequence[Grid]) -> tuple[str, str]:
    """Document number and department: from the file's properties, else its 填写说明 sheet.

    The sheet is the fallback for a workbook a department re-saved as .xls.
    """
    props: dict[str, str] = {}
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
        props = {p.name: str(p.value) for p in wb.custom_doc_props}
        wb.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        pass
    document = props.get(PROP_DOCUMENT, "")
    department = props.get(PROP_DEPARTMENT, "")
    for grid in grids:
        if grid.sheet != "填写说明":
            continue
        for cells in grid.rows[:6]:
            text = clean_cell(cells[0] if cells else None)
            if text.startswith("部门：") and not department:
                department = text[3:].strip()
            if text.startswith("文号：") and not document:
                document = text[3:].strip()
    return ("" if document in ("-", "（事项目录）") else document), department


def _returned_layouts() -> list[Layout]:
    return [Layout(x.id, x.name, (IDENTITY, *x.columns))
            for x in (*BUILTIN_LAYOUTS, *CATALOGUE_LAYOUTS)]


class _Matcher:
    """Finds the stored row a returned row means: by identity, else by name and department."""

    def __init__(self, repo: Repository, doc: Document | None) -> None:
        self.repo = repo
        self.registry = repo.departments.registry()
        self.rows: dict[int, tuple[int, AnnexRow]] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        if doc is not None:
            for number, annex in enumerate(doc.annexes, start=1):
                for row in annex.rows:
                    if row.id is not None:
                        self.rows[row.id] = (number, row)
                        self.by_name.setdefault(self._key(row.name, row.department),
                                                f"annex_row:{row.id}")

    def _key(self, name: str, department: str) -> tuple[str, str]:
        dept = self.registry.resolve(department)
        return fold(name), fold(dept.name if dept else department)

    def current(self, identity: str) -> dict[str, str] | None:
        kind, _, number = identity.partition(":")
        if not number.isdigit():
            return None
        if kind == "annex_row" and int(number) in self.rows:
            return self.rows[int(number)][1].field_values()
        if kind == "item" and not self.rows:
            found = self.repo.db.execute("SELECT 1 FROM items WHERE id = ?",
                                         [int(number)]).fetchone()
            return item_values(self.repo.items.get(int(number)), 0) if found else None
        return None

    def identity_for(self, name: str, department: str) -> str:
        if self.rows:
            return self.by_name.get(self._key(name, department), "")
        dept = self.registry.resolve(department)
        if dept is None or dept.id is None:
            return ""
        found = self.repo.items.find(fold(name), dept.id)
        return f"item:{found}" if found else ""


def read_returned(repo: Repository, path: Path | str, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress | None = None) -> ReturnedWorkbook:
    """The changes a returned workbook proposes; nothing is written."""
    path = Path(path)
    grids = read_grids(path, limits, progress)
    document_number, department = _metadata(path, grids)
    doc = repo.document_by_number(document_number) if document_number else None
    previews = [p for p in (parse_grid(path, g, _returned_layouts(), repo.departments.registry(),
                                       repo.lists.item_types()) for g in grids
                            if g.sheet not in ("填写说明", TYPES_SHEET)) if p is not None]
    if not previews:
        raise FileImportError(path, "没有找到可识别的表格，请确认是本程序导出的部门反馈表。")
    if not department:
        department = next((r.department for p in previews for r in p.rows if r.department), "")
    matcher = _Matcher(repo, doc)
    result = ReturnedWorkbook(path, department, document_number, [])
    for preview in previews:
        _collect(preview, matcher, result)
    return result


def _collect(preview: ImportPreview, matcher: _Matcher, result: ReturnedWorkbook) -> None:
    keys = [k for k in EDITABLE if preview.layout.column(k) is not None]
    for row, extra, line in zip(preview.rows, preview.extra, preview.source_rows, strict=True):
        identity = extra.get("identity", "")
        current = matcher.current(identity) if identity else None
        if current is None:
            identity = matcher.identity_for(row.name, row.department or result.department)
            current = matcher.current(identity) if identity else None
        if current is None:
            result.warnings.append(ImportWarning(
                preview.sheet, line, "事项名称",
                f"找不到与“{row.name}”对应的事项，这一行没有导入。"))
            continue
        result.matched += 1
        where = f"{preview.sheet}第{line}行（{row.name}）"
        for key in keys:
            new = getattr(row, key)
            if new != current.get(key, ""):
                result.changes.append(RowChange(identity, key, current.get(key, ""), new, where))


def apply_returned(repo: Repository, returned: Sequence[ReturnedWorkbook],
                   today: str = "") -> int:
    """Apply the accepted changes of every workbook and mark each department as returned.

    One transaction: all of it lands or none of it does. Returns the number of changes.
    """
    today = today or dt.date.today().isoformat()
    applied = 0
    with repo.transaction():
        for workbook in returned:
            accepted = [c for c in workbook.changes if c.accepted]
            if workbook.document_number:
                applied += _apply_to_document(repo, workbook.document_number, accepted)
                repo.lists.mark_received(workbook.department, workbook.document_number, today)
            applied += _apply_to_items(repo, [c for c in accepted
                                              if c.identity.startswith("item:")])
    return applied


def _apply_to_document(repo: Repository, number: str, changes: list[RowChange]) -> int:
    mine = [c for c in changes if c.identity.startswith("annex_row:")]
    if not mine:
        return 0
    doc = repo.document_by_number(number)
    by_id = {f"annex_row:{r.id}": r for a in doc.annexes for r in a.rows}
    explicit = {(c.identity, c.field) for c in mine}
    for change in mine:
        row = by_id.get(change.identity)
        if row is None:
            raise UserError(f"{change.where}对应的事项已被删除，请重新读取反馈表。")
        setattr(row, change.field, change.new)
    for annex in doc.annexes:
        for above, row in zip(annex.rows, annex.rows[1:], strict=False):
            for key in row.merged_with_above:
                if key in EDITABLE and (f"annex_row:{row.id}", key) not in explicit:
                    setattr(row, key, getattr(above, key))
    repo.save_document(doc)
    return len(mine)


def _apply_to_items(repo: Repository, changes: list[RowChange]) -> int:
    items: dict[str, PowerItem] = {}
    for change in changes:
        if change.identity not in items:
            items[change.identity] = repo.items.get(int(change.identity.partition(":")[2]))
        setattr(items[change.identity], change.field, change.new)
    for item in items.values():
        repo.save_item(item)
    return len(changes)
