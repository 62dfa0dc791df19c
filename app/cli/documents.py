"""Subcommands for whole documents in Word: `quanze docx`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.database import add_db_option, db_path
from app.pdf.count_check import check_counts
from app.storage.errors import UserError
from app.storage.repository import Repository
from app.word.notice import write_docx


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "docx", help="把文件（红头通知及附件表格）导出为可继续编辑的 Word 文档",
        description="按 GB/T 9704-2012 排版导出 .docx：版头、正文、附件说明、署名日期、附注，"
                    "每个附件一节横排表格（表头每页重复），版记在偶数页，页码为奇右偶左的域。"
                    "在 Word 或 WPS 中打开后可继续修改。")
    add_db_option(p)
    p.add_argument("--document", required=True, metavar="文号", help="文件文号，如 嘉政发〔2021〕2号")
    p.add_argument("--annex", type=int, metavar="N", help="只导出第 N 个附件")
    p.add_argument("--out", required=True, metavar="文件", help=".docx 保存位置")
    p.set_defaults(handler=cmd_docx)


def cmd_docx(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise UserError(f"数据库文件“{path}”不存在。")
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        out = out.with_suffix(".docx")
    with Repository.open(path, readonly=True) as repo:
        doc = repo.document_by_number(args.document)
    if args.annex is not None and not 1 <= args.annex <= len(doc.annexes):
        raise UserError(f"文件“{doc.number}”只有{len(doc.annexes)}个附件，没有附件{args.annex}。")
    result = write_docx(doc, out, args.annex)
    print(f"已导出 Word 文档：{result.path}（{result.annexes} 个附件）")
    problems = check_counts(doc)
    if problems:
        print("数量核对发现不一致（已照原样导出，请核对后再印发）：")
        for problem in problems:
            print(f"  {problem}")
    return 0
