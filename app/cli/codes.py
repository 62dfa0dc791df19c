"""`quanze codes`: item code rules per type, codes for items without one, duplicate check."""

from __future__ import annotations

import argparse

from app.cli.database import open_existing
from app.cli.options import add_db_option
from app.codes.service import assign_missing, set_rule
from app.storage.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("codes", help="事项编码：各类型的编码规则、为没有编码的事项生成编码、查重",
                       description="新增事项时按其类型的编码规则自动生成事项编码，编码不能重复。"
                                   "规则中 {类型码} 为类型简码（行政许可 XK 等），{年} 为年份，"
                                   "{序号:4} 为 4 位序号，其余照写，如 370829-XK-{序号:4}。")
    add_db_option(p)
    actions = p.add_subparsers(dest="codes_action", title="操作", metavar="操作", required=True)
    q = actions.add_parser("rules", help="列出各类型的编码规则", description="列出各事项类型的编码规则。")
    add_db_option(q)
    q.set_defaults(handler=cmd_rules)
    q = actions.add_parser("rule", help="设置一个类型的编码规则", description="设置一个事项类型的编码规则。")
    add_db_option(q)
    q.add_argument("type", metavar="类型", help="事项类型，如 行政许可")
    q.add_argument("pattern", metavar="规则", help="如 370829-XK-{序号:4}")
    q.set_defaults(handler=cmd_rule)
    q = actions.add_parser("assign", help="为没有编码的事项生成编码",
                           description="按编码规则为所有没有编码的事项生成编码。")
    add_db_option(q)
    q.set_defaults(handler=cmd_assign)
    q = actions.add_parser("check", help="检查重复的编码", description="列出被多个事项使用的编码。")
    add_db_option(q)
    q.set_defaults(handler=cmd_check)


def cmd_rules(args: argparse.Namespace) -> int:
    with open_existing(args, True) as repo:
        types = repo.lists.item_types()
        for rule in repo.codes.rules(types):
            print(f"{rule.type:<8} {rule.pattern:<24} 例：{rule.format(1)}")
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    with open_existing(args, False) as repo:
        if args.type not in repo.lists.item_types():
            raise UserError(f"事项类型“{args.type}”不在类型列表中。")
        rule = set_rule(repo, args.type, args.pattern)
    print(f"已设置“{rule.type}”的编码规则：{rule.pattern}（例：{rule.format(1)}）")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    with open_existing(args, False) as repo:
        given = assign_missing(repo)
    for item_id, code in given:
        print(f"{item_id:>6}  {code}")
    print(f"共为 {len(given)} 个事项生成编码")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with open_existing(args, True) as repo:
        duplicates = repo.codes.duplicates()
    if not duplicates:
        print("没有重复的事项编码。")
        return 0
    for code, ids in duplicates:
        print(f"{code}：事项 {'、'.join(map(str, ids))}")
    return 1
