"""The `match` subcommand: which catalogue items an upper-level list names."""

from __future__ import annotations

import argparse
import json

from app.cli.options import add_db_option, db_path
from app.matching.draft import draft_notice
from app.matching.upper_list import MatchedRow, MatchReport, match_file
from app.storage.repository import Repository


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("match", help="上级清单与本县事项对照",
                       description="读取省、市下发的事项清单或整份通知（.xlsx、.xls、.docx、PDF，任意可识别的表格格式），"
                                   "为每一行列出最可能对应的本县事项及理由。不写入数据库。")
    p.add_argument("file", metavar="文件", help="上级清单文件")
    add_db_option(p)
    p.add_argument("--sheet", metavar="工作表", default="", help="只读取这个工作表")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--draft", metavar="文号", default="",
                   help="按对照结果新建一份通知草稿（用这个文号），附件按取消、上级取消、上级承接分表")
    p.set_defaults(handler=cmd_match)


def cmd_match(args: argparse.Namespace) -> int:
    with Repository.open(db_path(args), readonly=not args.draft) as repo:
        result = match_file(args.file, repo, args.sheet)
        if args.draft:
            return _draft(repo, result, args.draft)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return 0
    for row in result.rows:
        print(_describe(row))
    sure = sum(1 for r in result.rows if r.ranking.match and r.ranking.match.confident)
    print(f"共 {len(result.rows)} 行：{sure} 行有把握对应，{len(result.rows) - sure} 行需人工核对。")
    return 0


def _draft(repo: Repository, result: MatchReport, number: str) -> int:
    draft = draft_notice(result, repo, number)
    repo.save_document(draft.document)
    print(f"已新建通知草稿“{number}”：" + "，".join(
        a.title for a in draft.document.annexes) + "。")
    if draft.waiting:
        print(f"另有 {len(draft.waiting)} 行尚未确认对应关系，未写入草稿："
              + "、".join(r.upper.row.name for r in draft.waiting))
    return 0


def _describe(row: MatchedRow) -> str:
    upper = row.upper.row
    head = f"{upper.seq or '-'}. {upper.name}（{upper.department or '部门未写'}）"
    match = row.ranking.match
    if match is None:
        lines = [f"{head}\n   → 本县无对应事项"]
    else:
        verdict = "对应" if match.confident else "可能对应（请核对）"
        lines = [f"{head}\n   → {verdict}：[{match.item_id}] {match.name}"]
    lines += [f"      {n}) [{c.item_id}] {c.name}（{c.department}）{c.score:.0f} 分：{c.why}"
              for n, c in enumerate(row.ranking.candidates, start=1)]
    return "\n".join(lines)
