"""Subcommands for whole documents: `quanze docx` and `quanze import-document`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.options import add_db_option, db_path, existing_db_path
from app.pdf.count_check import check_counts
from app.storage.errors import UserError
from app.storage.repository import Repository
from app.word.notice import write_docx

if TYPE_CHECKING:
    from app.notice_import.reader import NoticePreview


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    register_import(sub)


def cmd_docx(args: argparse.Namespace) -> int:
    path = existing_db_path(args)
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


def register_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-document", help="从 Word（.docx）或 PDF 读入整份文件（红头、正文、附件表格）",
        description="读取一份通知的全部要素：发文机关标志、文号、标题、主送机关、正文各段、附件说明、"
                    "署名、成文日期、附注、抄送、印发机关和日期，以及各附件表格。"
                    "加 --dry-run 只读取不写入；同一文号已存在时须加 --replace 才会替换。")
    p.add_argument("file", metavar="文件", help=".docx 或 PDF 文件")
    add_db_option(p)
    p.add_argument("--dry-run", action="store_true", help="只读取和检查，不写入数据库")
    p.add_argument("--json", action="store_true", help="以 JSON 输出读取结果")
    p.add_argument("--replace", action="store_true", help="数据库中已有同一文号的文件时，用读到的内容替换它")
    p.set_defaults(handler=cmd_import_document)


def cmd_import_document(args: argparse.Namespace) -> int:
    from app.notice_import.reader import read_notice, save_notice

    with Repository.open(db_path(args), readonly=args.dry_run) as repo:
        preview = read_notice(args.file, repo)
        if args.json:
            print(json.dumps(preview.as_json(), ensure_ascii=False, indent=1))
        else:
            _describe(preview)
        if args.dry_run:
            if not args.json:
                print("未写入数据库（去掉 --dry-run 写入）。")
            return 0
        save_notice(repo, preview, args.replace)
    if not args.json:
        print(f"已导入文件“{preview.document.number}”。")
    return 0


def _describe(preview: NoticePreview) -> None:
    doc = preview.document
    for label, value in (("发文机关标志", doc.organ_mark), ("发文字号", doc.number), ("标题", doc.title),
                         ("主送机关", doc.recipients), ("发文机关署名", doc.signature),
                         ("成文日期", doc.date), ("附注", doc.note), ("抄送", doc.copy_to),
                         ("印发机关", doc.printer), ("印发日期", doc.print_date)):
        if value:
            print(f"{label}：{value}")
    print(f"正文：{len(doc.body_paragraphs())} 段")
    for number, annex in enumerate(doc.annexes, start=1):
        print(f"附件{number}：{annex.title}，{len(annex.rows)} 行")
    for warning in preview.warnings:
        print(f"  提示：{warning}")
