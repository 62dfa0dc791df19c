"""One department's form as a workbook: instructions, locked keys, type list, signed rows.

The form names its department and its token twice, in the file's custom
properties and on the 填写说明 sheet, because a department may re-save it in
a program that drops custom properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.layouts import Layout
from app.progress import Progress
from app.tables.exporter import ExportResult, save_workbook
from app.tables.sheet import TableSpec, line_height, text_lines, write_table

EDITABLE = frozenset({"type", "basis", "measures", "remarks"})
PROP_DOCUMENT = "quanze_document"
PROP_DEPARTMENT = "quanze_department"
PROP_FORM = "quanze_form"
INSTRUCTIONS = "填写说明"
TYPES_SHEET = "事项类型表"
PARTNER_SHEET_SUFFIX = "（配合）"


@dataclass
class FormHeader:
    """What the 填写说明 sheet and the file properties say about the form."""

    department: str
    document_number: str
    token: str
    sent_date: str
    due_date: str = ""


def _instructions(wb: openpyxl.Workbook, head: FormHeader, editable: str,
                  has_partner_rows: bool) -> None:
    ws = wb.create_sheet(INSTRUCTIONS, 0)
    subject = f"《{head.document_number}》附件中" if head.document_number else "事项目录中"
    due = f"请于{_chinese_date(head.due_date)}前报送。" if head.due_date else "请按通知要求按时报送。"
    lines = [
        f"部门：{head.department}",
        f"文号：{head.document_number or '（事项目录）'}",
        f"反馈表编号：{head.token}",
        f"导出日期：{head.sent_date}",
        "",
        "填写说明",
        f"1. 本表列出{subject}由贵单位牵头的事项，请逐项核对。{due}",
        f"2. 只需修改“{editable}”等白色单元格；序号、部门、事项名称已锁定，不要改动。",
        "3. 不要删除、插入、排序或移动行和列，不要删除隐藏的“行标识”列：每行的行标识与本部门、"
        "本行内容绑定，被移动或改动的行将无法导入。",
        "4. 事项类型请从单元格的下拉列表中选择。",
        "5. 单元格内换行按 Alt+Enter；监管措施的各条请以“1.”“2.”开头分行填写。",
        "6. 填好后直接保存（保持 .xlsx 格式），按通知要求报送。",
    ]
    if has_partner_rows:
        lines.append(f"7. 名称带“{PARTNER_SHEET_SUFFIX}”的工作表列出由其他部门牵头、贵单位配合的事项，"
                     "仅供了解，不需填写：监管措施由牵头部门统一修改，以免两个部门的修改互相覆盖；"
                     "如有意见请与牵头部门沟通。")
    for r, text in enumerate(lines, start=1):
        size = 16 if r in (1, 6) else 12
        cell = ws.cell(r, 1, text)
        cell.data_type = "s"
        cell.font = Font(name="黑体" if r in (1, 6) else "仿宋_GB2312", size=size)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.row_dimensions[r].height = line_height(text_lines(text, 70, size), size)
    ws.column_dimensions["A"].width = 70
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True


def _chinese_date(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _types_sheet(wb: openpyxl.Workbook, types: Sequence[str]) -> str:
    ws = wb.create_sheet(TYPES_SHEET)
    for r, name in enumerate(types, start=1):
        ws.cell(r, 1, name).data_type = "s"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return f"'{TYPES_SHEET}'!$A$1:$A${max(1, len(types))}"


def _protect(ws: Worksheet, header: int, rows: int, type_col: int | None, types_ref: str) -> None:
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    if type_col is None or not rows:
        return
    letter = get_column_letter(type_col)
    dv = DataValidation(type="list", formula1=types_ref, allow_blank=True, errorStyle="warning",
                        showErrorMessage=True, errorTitle="事项类型",
                        error="请从下拉列表中选择事项类型。", promptTitle="事项类型",
                        prompt="请从下拉列表中选择")
    dv.add(f"{letter}{header + 1}:{letter}{header + rows}")
    ws.add_data_validation(dv)


def write_form(head: FormHeader, types: Sequence[str],
               sheets: Sequence[tuple[str, Layout, TableSpec]], path: Path,
               progress: Progress | None = None) -> ExportResult:
    wb = openpyxl.Workbook()
    wb.remove(wb.worksheets[0])
    for name, value in ((PROP_DOCUMENT, head.document_number or "-"),
                        (PROP_DEPARTMENT, head.department), (PROP_FORM, head.token)):
        # (types-openpyxl lacks Workbook.custom_doc_props, openpyxl >= 3.1 has it.)
        wb.custom_doc_props.append(StringProperty(name=name, value=value))  # type: ignore[attr-defined]
    editable = "”“".join(dict.fromkeys(
        c.header.replace("\n", "") for _, layout, _ in sheets for c in layout.columns
        if c.key in EDITABLE))
    partner = any(name.endswith(PARTNER_SHEET_SUFFIX) for name, _, _ in sheets)
    _instructions(wb, head, editable, partner)
    types_ref = _types_sheet(wb, types)
    for name, layout, spec in sheets:
        ws = wb.create_sheet(name)
        header = write_table(wb, ws, spec, progress)
        keys = [c.key for c in layout.columns]
        type_col = keys.index("type") + 2 if "type" in keys and spec.editable else None
        _protect(ws, header, len(spec.rows), type_col, types_ref)
    wb.active = 0
    save_workbook(wb, path)
    return ExportResult(path, len(sheets), sum(len(s.rows) for _, _, s in sheets))
