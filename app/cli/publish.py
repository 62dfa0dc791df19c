"""`quanze publish` (权责清单公布) and `quanze responsibility-import` (责任清单导入)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.catalogue.timeline import chinese_date, parse_day
from app.cli.options import add_db_option, db_path, existing_db_path
from app.pdf.fonts import resolve_fonts
from app.publish.output import export_published, print_published
from app.publish.published import build
from app.publish.responsibility_import import import_responsibility
from app.publish.service import save_responsibility
from app.storage.errors import UserError
from app.storage.repository import Repository


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "publish", help="生成公布用的权责清单（全县或一个部门），Excel 或 PDF",
        description="按正式格式（序号、事项名称、子项、事项类型、实施依据、实施主体、责任事项、追责情形、备注）"
                    "生成在用事项的权责清单，按县级部门分组。.pdf 带封面和按部门的目录。")
    add_db_option(p)
    p.add_argument("--department", default="", metavar="部门", help="只生成一个县级部门的清单")
    p.add_argument("--county", default="嘉祥县", metavar="县名", help="封面和标题中的县名（默认 嘉祥县）")
    p.add_argument("--date", default="", metavar="日期", help="封面日期，如 2021-03-01（默认今天）")
    p.add_argument("--out", required=True, metavar="文件", help=".xlsx 或 .pdf")
    p.set_defaults(handler=cmd_publish)

    p = sub.add_parser(
        "responsibility-import", help="从 Excel/Word 导入一个部门的责任清单",
        description="读取责任清单的表格（部门主要职责、部门职责边界、公共服务事项），"
                    "保存为该部门的责任清单；该部门已有清单时替换其中这些表。")
    add_db_option(p)
    p.add_argument("file", metavar="文件", help=".xlsx、.xls 或 .docx 文件")
    p.add_argument("--department", default="", metavar="部门", help="部门名称（默认取标题“××责任清单”）")
    p.add_argument("--year", default="", metavar="年份", help="清单年份")
    p.set_defaults(handler=cmd_import)


def cmd_publish(args: argparse.Namespace) -> int:
    path = existing_db_path(args)
    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        raise UserError(f"“{out.name}”：--out 只能写 .xlsx 或 .pdf 文件。")
    day = parse_day(args.date) if args.date else None
    if args.date and not day:
        raise UserError(f"日期“{args.date}”无法识别，请写成 2021-03-01 或 2021年3月1日。")
    with Repository.open(path, readonly=True) as repo:
        published = build(repo, args.county, chinese_date(day) if day else _today(),
                          args.department)
    if out.suffix.lower() == ".pdf":
        pages = print_published(published, resolve_fonts(), out)
        print(f"已生成 PDF：{out}（共 {pages} 页，{len(published.departments)} 个部门，"
              f"{published.total()} 项）")
    else:
        result = export_published(published, out)
        print(f"已导出：{out}（{result.sheets} 张表，{published.total()} 项）")
    return 0


def _today() -> str:
    return chinese_date(dt.date.today().isoformat())


def cmd_import(args: argparse.Namespace) -> int:
    path = db_path(args)
    imported = import_responsibility(args.file, args.department, args.year)
    with Repository.open(path) as repo:
        _, replaced = save_responsibility(repo, imported.rlist)
    rlist = imported.rlist
    print(f"已{'替换' if replaced else '导入'}“{rlist.department}”的责任清单：主要职责 {len(rlist.duties)} 项，"
          f"职责边界 {len(rlist.boundaries)} 项，公共服务事项 {len(rlist.public_services)} 项"
          f"（{'；'.join(imported.tables)}）。")
    for warning in imported.warnings:
        print(f"  注意：{warning}")
    return 0
