"""`quanze compare`: what changed in the catalogue between two dates or two documents."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.catalogue.annexes import export_comparison, print_comparison
from app.catalogue.compare import Comparison
from app.catalogue.service import compare_between, draft_notice
from app.cli.options import add_db_option, existing_db_path
from app.pdf.fonts import resolve_fonts
from app.storage.errors import UserError
from app.storage.repository import Repository

WHEN_HELP = "日期（如 2021-02-19 或 2021年2月19日，指当天结束时）或文号（指该文件应用之后）"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="比较两个时间点的事项清单：新增、取消、下放、承接、调整、更名、部门变更",
        description="列出两个时间点（日期或文件）之间事项清单的变化，每项注明变化类型和依据文件。"
                    "--out 写 .xlsx 时按正式附件格式分表（可作为下一份通知的附件），写 .pdf 时打印变化对照表。")
    add_db_option(p)
    p.add_argument("--from", dest="start", required=True, metavar="起点", help=WHEN_HELP)
    p.add_argument("--to", dest="end", default="今天", metavar="终点", help=WHEN_HELP + "；默认今天")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--out", metavar="文件", help="导出到 .xlsx（附件表格）或 .pdf（变化对照表）")
    p.set_defaults(handler=cmd_compare)


def cmd_compare(args: argparse.Namespace) -> int:
    path = existing_db_path(args)
    with Repository.open(path, readonly=True) as repo:
        comparison = compare_between(repo, args.start, args.end)
        if args.out:
            _write(repo, comparison, Path(args.out))
    if args.json:
        print(json.dumps({"from": comparison.start.label, "to": comparison.end.label,
                          "counts": comparison.counts(),
                          "changes": [r.as_dict() for r in comparison.rows]},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{comparison.start.label} 至 {comparison.end.label}：{comparison.summary()}")
    for r in comparison.rows:
        change = f"{r.before}→{r.after}" if r.before else r.after
        print(f"{r.item_id:>6}  {r.kind:<4}  {r.department}  {r.name}  （{change}；{r.reason}）")
    return 0


def _write(repo: Repository, comparison: Comparison, out: Path) -> None:
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        fonts = resolve_fonts()
        pages = print_comparison(comparison, fonts, out)
        print(f"已生成 PDF：{out}（共 {pages} 页）")
        return
    if suffix != ".xlsx":
        raise UserError(f"“{out.name}”：--out 只能写 .xlsx 或 .pdf 文件。")
    result = export_comparison(comparison, draft_notice(repo, comparison), out)
    print(f"已导出：{out}（{result.sheets} 张表，{result.rows} 行）")
