"""Subcommands of the pdf back end: `quanze pdf`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.commands import add_db_option, db_path
from app.pdf.fonts import resolve_fonts
from app.pdf.prints import print_document, print_responsibility, print_tasks
from app.storage.errors import UserError
from app.storage.repository import Repository


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pdf", help="按 GB/T 9704-2012 生成 PDF（通知及附件、责任清单、任务分工表）",
        description="把一份文件（红头通知及附件表格）、一个部门的责任清单或任务分工表生成为 PDF。"
                    "生成前核对附件标题、附件说明和正文中的事项数量，有不一致时给出提示。")
    add_db_option(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--document", metavar="文号", help="要打印的文件文号，如 嘉政发〔2021〕2号")
    what.add_argument("--responsibility", metavar="部门", nargs="?", const="",
                      help="打印责任清单（不写部门时打印第一份）")
    what.add_argument("--tasks", metavar="标题", nargs="?", const="",
                      help="打印重点任务分工表（可只写标题的一部分；不写时打印第一份）")
    p.add_argument("--annex", type=int, metavar="N", help="只打印第 N 个附件")
    p.add_argument("--out", required=True, metavar="文件", help="PDF 保存位置")
    p.set_defaults(handler=cmd_pdf)


def cmd_pdf(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise UserError(f"数据库文件“{path}”不存在。")
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        out = out.with_suffix(".pdf")
    fonts = resolve_fonts()
    problems: list[str] = []
    with Repository.open(path, readonly=True) as repo:
        if args.document is not None:
            doc = repo.document_by_number(args.document)
            result = print_document(doc, fonts, out, args.annex)
            pages = result.pages
            problems = [str(p) for p in result.problems]
        elif args.responsibility is not None:
            lists = repo.lists.responsibility_lists()
            chosen = [r for r in lists if args.responsibility in r.department]
            if not chosen:
                raise UserError(f"没有部门名称含“{args.responsibility}”的责任清单。")
            pages = print_responsibility(chosen[0], fonts, out)
        else:
            divisions = [d for d in repo.lists.task_divisions() if args.tasks in d.title]
            if not divisions:
                raise UserError(f"没有标题含“{args.tasks}”的任务分工表。")
            pages = print_tasks(divisions[0], fonts, out)
    print(f"已生成 PDF：{out}（共 {pages} 页）")
    substitutions = fonts.substitutions()
    if substitutions:
        print("以下字体本机未安装，已用替代字体（正式印发前请安装规范字体）：")
        for line in substitutions:
            print(f"  {line}")
    if problems:
        print("数量核对发现不一致（PDF 已照原样生成，请核对后再印发）：")
        for line in problems:
            print(f"  {line}")
    return 0
