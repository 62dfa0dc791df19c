"""Subcommands of the Excel back end: export-excel, roundtrip (`import` is in
app/cli/table_import.py).

What only some of them need (openpyxl's writer, ReportLab) is imported inside them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from app.cli.options import add_db_option, db_path
from app.domain.forms import ReportState, parse_due
from app.domain.layouts import FIELD_LABELS
from app.storage.errors import UserError
from app.storage.repository import Repository


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export-excel", help="把附件导出为 Excel",
                       description="按正式附件格式导出 Excel（每个附件一个工作表）。")
    add_db_option(p)
    p.add_argument("--document", metavar="文号", required=True, help="文件文号")
    p.add_argument("--annex", metavar="N", type=int, default=None, help="只导出第几个附件")
    p.add_argument("--department", metavar="部门", default="", help="只导出这个部门的事项")
    p.add_argument("--out", metavar="路径", required=True, help="输出文件路径（.xlsx）")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("roundtrip", help="部门反馈表：分发与收回",
                       description="给每个部门导出其事项供核对，并读回部门返回的表格。")
    rt = p.add_subparsers(dest="roundtrip_command", title="子命令", metavar="子命令")
    q = rt.add_parser("export", help="每个本县部门导出一个反馈表",
                      description="按牵头、配合的本县部门，每个部门导出一个反馈表，并登记报送要求"
                                  "（报送期限取自通知正文“请于…前报”，或用 --due 指定）。")
    add_db_option(q)
    q.add_argument("--document", metavar="文号", required=True, help="文件文号")
    q.add_argument("--department", metavar="部门", action="append", default=[], help="只导出这些本县部门（可重复）")
    q.add_argument("--out", metavar="路径", required=True, help="输出文件夹")
    q.add_argument("--due", metavar="日期", default="", help="报送期限，如 2021-02-21 或 2021年2月21日")
    q.set_defaults(handler=cmd_roundtrip_export)
    q = rt.add_parser("import", help="读回部门返回的反馈表",
                      description="读回部门返回的反馈表，列出改动和拒收的行；加 --accept-all 全部采纳并写入。")
    q.add_argument("files", nargs="+", metavar="文件", help="部门返回的 .xlsx 文件")
    add_db_option(q)
    q.add_argument("--accept-all", action="store_true", help="采纳全部改动并写入数据库")
    q.add_argument("--replace", action="store_true", help="部门已报送过时，以这次交回的内容为准")
    q.set_defaults(handler=cmd_roundtrip_import)
    q = rt.add_parser("status", help="各部门报送情况",
                      description="列出文件的各部门反馈表：事项数、发出日期、报送期限、报送日期、状态"
                                  "（已报送 / 逾期未报 / 未到期）；可导出催报名单。")
    add_db_option(q)
    q.add_argument("--document", metavar="文号", required=True, help="文件文号")
    q.add_argument("--today", metavar="日期", default="", help="按这一天判断是否逾期（默认今天）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.add_argument("--xlsx", metavar="路径", default="", help="把催报名单（未报送的部门）导出为 .xlsx")
    q.add_argument("--pdf", metavar="路径", default="", help="把催报名单导出为可打印的 PDF")
    q.set_defaults(handler=cmd_roundtrip_status)
    p.set_defaults(handler=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_export(args: argparse.Namespace) -> int:
    from app.tables.exporter import export_annex, export_document

    with Repository.open(db_path(args), readonly=True) as repo:
        doc = repo.document_by_number(args.document)
        if args.department:
            registry = repo.departments.registry()
            wanted = registry.canonical_name(args.department)
            for annex in doc.annexes:
                annex.rows = [r for r in annex.rows
                              if registry.canonical_name(r.department) == wanted]
            if not any(a.rows for a in doc.annexes):
                raise UserError(f"文件“{doc.number}”中没有部门“{args.department}”的事项。")
        result = (export_annex(doc, args.annex, Path(args.out)) if args.annex
                  else export_document(doc, Path(args.out)))
    print(f"已导出 {result.sheets} 个工作表、{result.rows} 行：{result.path}")
    for warning in result.warnings:
        print(f"  提示：{warning}")
    return 0


def _date(text: str, option: str) -> str:
    try:
        return parse_due(text)
    except ValueError:
        raise UserError(f"{option} 的日期“{text}”无法识别，请写成 2021-02-21 或 2021年2月21日。") from None


def cmd_roundtrip_export(args: argparse.Namespace) -> int:
    from app.tables.roundtrip import export_for_departments

    due = _date(args.due, "--due") if args.due else ""
    with Repository.open(db_path(args)) as repo:
        sent = export_for_departments(repo, args.document, Path(args.out), args.department, due)
    for result in sent.results:
        print(f"{result.path}（{result.rows} 项）")
    for line in sent.unassigned:
        print(f"  未导出：{line}")
    due_text = f"，报送期限 {sent.due_date}" if sent.due_date else "，通知正文中没有报送期限（可用 --due 指定）"
    print(f"共导出 {len(sent.results)} 个部门的反馈表{due_text}。")
    return 0


def cmd_roundtrip_status(args: argparse.Namespace) -> int:
    from app.pdf.chase_list import print_chase_list
    from app.pdf.fonts import resolve_fonts
    from app.report_status import STATUS_HEADERS, chase_list, document_status
    from app.tables.chase_list import export_chase_list

    today = dt.date.fromisoformat(_date(args.today, "--today")) if args.today else None
    with Repository.open(db_path(args), readonly=True) as repo:
        number = repo.document_by_number(args.document).number
        rows = document_status(repo, number, today)
    if not rows:
        raise UserError(f"文件“{number}”还没有发出过反馈表。请先运行 quanze roundtrip export。")
    title = f"{number}反馈表催报名单"
    if args.xlsx:
        print(f"已导出催报名单：{export_chase_list(title, chase_list(rows), Path(args.xlsx)).path}")
    if args.pdf:
        fonts = resolve_fonts({})
        pages = print_chase_list(title, chase_list(rows), fonts, Path(args.pdf))
        print(f"已导出催报名单 PDF（{pages} 页）：{args.pdf}")
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
        return 0
    print("\t".join(STATUS_HEADERS))
    for row in rows:
        print("\t".join(row.cells()))
    counts = {state: sum(r.state == state for r in rows) for state in ReportState}
    print("，".join(f"{state} {n}" for state, n in counts.items()))
    return 0


def cmd_roundtrip_import(args: argparse.Namespace) -> int:
    from app.tables.roundtrip import apply_returned, read_returned

    with Repository.open(db_path(args), readonly=not args.accept_all) as repo:
        returned = [read_returned(repo, Path(f)) for f in args.files]
        for workbook in returned:
            print(f"{workbook.path.name}：{workbook.department}，对应 {workbook.matched} 行，"
                  f"改动 {len(workbook.changes)} 处")
            for change in workbook.changes:
                label = FIELD_LABELS.get(change.field, change.field)
                print(f"  {change.where} {label}：“{_short(change.old)}” → “{_short(change.new)}”")
            for warning in workbook.warnings:
                print(f"  提示：{warning}")
            for refused in workbook.refused:
                print(f"  拒收：{refused}")
            if workbook.received_before:
                print(f"  注意：{workbook.department}已于 {workbook.received_before} 报送过。")
        if not args.accept_all:
            print("未写入数据库（加 --accept-all 采纳全部改动）。")
            return 0
        count = apply_returned(repo, returned, replace=args.replace)
    print(f"已采纳 {count} 处改动，并登记为已报送。")
    return 0


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"

