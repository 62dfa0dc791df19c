"""`quanze laws`: the law registry, marking a law repealed or amended, and the review report."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from app.cli.database import open_existing
from app.cli.options import add_db_option
from app.laws.publish import export_report, print_report
from app.laws.registry import LawStatus
from app.laws.service import laws, mark, report
from app.pdf.fonts import resolve_fonts
from app.storage.errors import UserError

MARKS = {"repealed": LawStatus.REPEALED, "amended": LawStatus.AMENDED,
         "in-force": LawStatus.IN_FORCE}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "laws", help="法规库：事项依据引用的法律法规，标记废止或修订，列出需核对的事项",
        description="事项的设定依据中引用的法律法规（《书名》、文号、条款）自动列入法规库。"
                    "把某部法律法规标记为已废止或已修订后，引用它的事项都标为“需核对”，"
                    "并可按县级部门列出。")
    add_db_option(p)
    actions = p.add_subparsers(dest="laws_action", title="操作", metavar="操作", required=True)
    q = actions.add_parser("list", help="列出法规库", description="列出法规库中的法律法规。")
    add_db_option(q)
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.set_defaults(handler=cmd_list)
    q = actions.add_parser("mark", help="标记废止、修订或现行",
                           description="标记一部法律法规的状态；引用它的事项随之标为需核对。")
    add_db_option(q)
    q.add_argument("law", metavar="法规", help="书名（可带《》）或文号，如 《山东省测绘管理条例》")
    q.add_argument("--as", dest="state", required=True, choices=list(MARKS), metavar="状态",
                   help="repealed（已废止）、amended（已修订）或 in-force（现行）")
    q.add_argument("--date", default="", metavar="日期", help="废止或修订日期，如 2019-11-29")
    q.add_argument("--by", default="", metavar="文件", help="废止或修订它的文件、会议")
    q.set_defaults(handler=cmd_mark)
    q = actions.add_parser("report", help="按县级部门列出依据需核对的事项",
                           description="列出引用已废止或已修订法律法规的事项，按县级部门分组。"
                                       "--out 可写 .xlsx 或 .pdf。")
    add_db_option(q)
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q.add_argument("--out", metavar="文件", help="导出到 .xlsx 或 .pdf")
    q.set_defaults(handler=cmd_report)


def cmd_list(args: argparse.Namespace) -> int:
    with open_existing(args, True) as repo:
        found = laws(repo).all()
    if args.json:
        print(json.dumps([asdict(law) for law in found], ensure_ascii=False, indent=1))
        return 0
    for law in found:
        dates = "；".join(x for x in (law.repealed and f"废止 {law.repealed}",
                                      law.amended and f"修订 {law.amended}") if x)
        print(f"{law.status:<4} {law.display} {law.number if law.title else ''} "
              f"{dates}  引用事项 {law.citing}")
    print(f"共 {len(found)} 部")
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    with open_existing(args, False) as repo:
        law, flagged = mark(repo, args.law, MARKS[args.state], args.date, args.by)
    print(f"已将{law.display}标记为{law.status}。")
    if flagged:
        print(f"引用它的 {len(flagged)} 个事项标为“{law.status.flag}”：")
        for f in flagged:
            print(f"  {f.item_id:>6}  {f.county_department or '（未确定县级部门）'}  {f.name}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    with open_existing(args, True) as repo:
        grouped = report(repo)
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() == ".pdf":
            pages = print_report(grouped, resolve_fonts(), out)
            print(f"已生成 PDF：{out}（共 {pages} 页）")
        elif out.suffix.lower() == ".xlsx":
            export_report(grouped, out)
            print(f"已导出：{out}")
        else:
            raise UserError(f"“{out.name}”：--out 只能写 .xlsx 或 .pdf 文件。")
    if args.json:
        print(json.dumps({d: [asdict(f) for f in items] for d, items in grouped.items()},
                         ensure_ascii=False, indent=1))
        return 0
    total = sum(len(v) for v in grouped.values())
    for department, items in grouped.items():
        print(f"{department}（{len(items)}项）")
        for f in items:
            print(f"  {f.item_id:>6}  {f.flag}  {f.law}{f.articles}  {f.name}（{f.status}）")
    print(f"共 {total} 项需核对")
    return 0
