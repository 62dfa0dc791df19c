"""Subcommands of the Excel back end: import, export-excel, roundtrip."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.database import add_db_option, db_path
from app.domain.layouts import FIELD_LABELS
from app.storage.errors import UserError
from app.storage.repository import Repository
from app.tables.exporter import export_annex, export_document
from app.tables.importer import preview_all, save_into_document
from app.tables.roundtrip import apply_returned, export_for_departments, read_returned


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="从 Excel/Word 表格导入附件",
                       description="读取 .xlsx、.xls 或 .docx 中的附件表格。"
                                   "加 --dry-run 只检查不写入；加 --document 写入该文件的附件。")
    p.add_argument("file", metavar="文件", help="要导入的表格文件")
    add_db_option(p)
    p.add_argument("--document", metavar="文号", default="", help="写入哪个文件（文号），如 嘉政发〔2021〕2号")
    p.add_argument("--annex", metavar="N", type=int, default=None, help="写入第几个附件（替换该附件的内容）；不写则追加")
    p.add_argument("--layout", metavar="格式", default="auto", help="表格格式编号，默认 auto 自动识别")
    p.add_argument("--sheet", metavar="工作表", default="", help="只读取这个工作表（默认读取所有可识别的表格）")
    p.add_argument("--dry-run", action="store_true", help="只读取和检查，不写入数据库")
    p.add_argument("--json", action="store_true", help="以 JSON 输出读取结果")
    p.set_defaults(handler=cmd_import)

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
    q = rt.add_parser("export", help="每个部门导出一个反馈表", description="每个部门导出一个反馈表。")
    add_db_option(q)
    q.add_argument("--document", metavar="文号", required=True, help="文件文号")
    q.add_argument("--department", metavar="部门", action="append", default=[], help="只导出这些部门（可重复）")
    q.add_argument("--out", metavar="路径", required=True, help="输出文件夹")
    q.set_defaults(handler=cmd_roundtrip_export)
    q = rt.add_parser("import", help="读回部门返回的反馈表",
                      description="读回部门返回的反馈表，列出改动；加 --accept-all 全部采纳并写入。")
    q.add_argument("files", nargs="+", metavar="文件", help="部门返回的 .xlsx 文件")
    add_db_option(q)
    q.add_argument("--accept-all", action="store_true", help="采纳全部改动并写入数据库")
    q.set_defaults(handler=cmd_roundtrip_import)
    p.set_defaults(handler=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_import(args: argparse.Namespace) -> int:
    if args.document and args.dry_run:
        raise UserError("--dry-run 与 --document 不能同时使用：试读时不会写入任何文件。")
    with Repository.open(db_path(args), readonly=not args.document or args.dry_run) as repo:
        previews = preview_all(args.file, repo, args.layout)
        if args.sheet:
            previews = [p for p in previews if p.sheet == args.sheet]
            if not previews:
                raise UserError(f"工作表“{args.sheet}”中没有找到可识别的表格。")
        if args.annex is not None or args.json:
            previews = previews[:1]
        if args.json:
            print(json.dumps(previews[0].as_json(), ensure_ascii=False, indent=1))
        else:
            for p in previews:
                print(f"{p.sheet}：{p.title or p.layout.name}（格式：{p.layout.name}），{len(p.rows)} 行")
                for w in p.warnings:
                    print(f"  提示：{w}")
        if args.dry_run or not args.document:
            if not args.json:
                print("未写入数据库（用 --document 文号 写入）。")
            return 0
        annexes = save_into_document(repo, args.document, previews, args.annex)
    if not args.json:
        print(f"已写入“{args.document}”：" + "，".join(f"{a.title} {len(a.rows)} 行" for a in annexes))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
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


def cmd_roundtrip_export(args: argparse.Namespace) -> int:
    with Repository.open(db_path(args), readonly=True) as repo:
        results = export_for_departments(repo, args.document, Path(args.out), args.department)
    for result in results:
        print(f"{result.path}（{result.rows} 项）")
    print(f"共导出 {len(results)} 个部门的反馈表。")
    return 0


def cmd_roundtrip_import(args: argparse.Namespace) -> int:
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
        if not args.accept_all:
            print("未写入数据库（加 --accept-all 采纳全部改动）。")
            return 0
        count = apply_returned(repo, returned)
    print(f"已采纳 {count} 处改动，并登记为已报送。")
    return 0


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"

