"""Sub-commands on the database file: init, gui, backup, restore, check, items.

What only some commands here need (the demo data, the catalogue's past) is imported inside
them.
"""

from __future__ import annotations

import argparse
import json
import operator
import sys
from collections.abc import Callable, Iterable
from dataclasses import fields
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from app.cli.options import add_db_option, db_path, existing_db_path
from app.storage import backup, lock
from app.storage.errors import UserError
from app.storage.items import ItemFilter, ItemRow
from app.storage.repository import Repository


def open_existing(args: argparse.Namespace, readonly: bool) -> Repository:
    return Repository.open(existing_db_path(args), readonly=readonly)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="创建数据库（可载入示例数据）",
                       description="创建一个新的数据库文件。加 --demo 载入示例数据。")
    add_db_option(p)
    p.add_argument("--demo", action="store_true",
                   help="载入示例数据（嘉政发〔2021〕2号通知、临沂市质监局责任清单、鲁政发〔2020〕6号任务分工）")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("gui", help="打开程序窗口（默认）", description="打开程序窗口。")
    add_db_option(p)
    p.set_defaults(handler=cmd_gui)

    p = sub.add_parser("backup", help="备份数据库", description="把数据库复制一份到备份文件夹（保留最近 10 份）。")
    add_db_option(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复数据库",
                       description="用备份文件替换数据库；替换前会先备份当前数据库。")
    p.add_argument("file", metavar="备份文件", help="要恢复的备份文件")
    add_db_option(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", help="检查数据库完整性",
                       description="检查数据库文件的完整性、引用关系，以及全文检索索引与事项表是否一致。")
    add_db_option(p)
    p.add_argument("--repair", action="store_true", help="检索索引与事项表不一致时重建索引")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("items", help="查询事项", description="按条件列出行政权力事项。")
    add_db_option(p)
    p.add_argument("--department", default="", metavar="部门",
                   help="部门（名称或别名，可只写一部分）：找出该部门牵头或配合的事项，以及原文写作该部门的事项")
    p.add_argument("--type", default="", metavar="类型", help="事项类型，如 行政许可")
    p.add_argument("--status", default="", metavar="状态", help="状态，如 在用、取消、承接")
    p.add_argument("--document", default="", metavar="文号", help="涉及的文件文号，如 嘉政发〔2021〕2号")
    p.add_argument("--search", default="", metavar="文字", help="在名称、部门、依据、监管措施中查找文字")
    p.add_argument("--basis-flag", default="", metavar="核对",
                   choices=["", "需核对", "依据已废止", "依据已修订"],
                   help="只列依据需核对的事项：需核对、依据已废止 或 依据已修订")
    p.add_argument("--as-of", default="", metavar="日期或文号",
                   help="列出某日（如 2021-02-19）结束时或某文件应用后的事项清单，状态按当时")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_items)


def cmd_init(args: argparse.Namespace) -> int:
    from app.demo import load_demo

    path = db_path(args)
    with Repository.open(path) as repo:
        if args.demo:
            if repo.counts()["事项"] or repo.counts()["文件"]:
                raise UserError(f"数据库“{path}”中已有数据，未载入示例数据。"
                                "如需示例数据，请用 --db 指定一个新文件。")
            load_demo(repo)
        counts = repo.counts()
    summary = "，".join(f"{k} {v}" for k, v in counts.items())
    print(f"数据库已就绪：{path}（{summary}）")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from app.demo import load_demo

    path = db_path(args)
    if not path.exists():
        with Repository.open(path) as repo:
            load_demo(repo)
    if args.run_window is None:
        print("程序窗口尚未安装。可先使用命令行：quanze items --search 许可")
        return 1
    return int(args.run_window(path))


def cmd_backup(args: argparse.Namespace) -> int:
    path = existing_db_path(args)
    target = backup.make_backup(path)
    print(f"已备份到：{target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = db_path(args)
    source = Path(args.file)
    if not source.exists():
        raise UserError(f"备份文件“{source}”不存在。")
    lock.acquire(path)
    try:
        safety = backup.restore(source, path)
    finally:
        lock.release(path)
    if safety:
        print(f"恢复前的数据库已另存为：{safety}")
    print(f"已从“{source}”恢复数据库：{path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with Repository.open(db_path(args), readonly=not args.repair) as repo:
        problems = repo.check()
        if problems and args.repair:
            repo.rebuild_search_index()
            print("已重建全文检索索引。")
            problems = repo.check()
    if problems:
        print("发现问题：")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("检查通过：数据库完整，引用关系正确。")
    return 0


def _print_json_rows(rows: Iterable[ItemRow]) -> None:
    """The same JSON list as json.dumps(..., indent=1), written a row at a time.

    55,000 matching items held as one list of dicts and one string took
    300 MB; written as they are read, memory stays flat. Each row fills a
    template made once from ItemRow's fields, its values encoded by C
    functions chosen by field type (json's pure-Python indenting encoder was
    most of the command's time).
    """
    out = sys.stdout
    first = True
    for row in rows:
        values = tuple(map(_call, _ENCODERS, _VALUES(row)))
        out.write(("[\n" if first else ",\n") + _ROW_TEMPLATE % values)
        first = False
    out.write("[]\n" if first else "\n]\n")


def _json_names(names: list[str]) -> str:
    """A list of names as json.dumps(indent=1) writes it two levels deep."""
    if not names:
        return "[]"
    return "[\n" + ",\n".join("   " + encode_basestring(v) for v in names) + "\n  ]"


Encoder = Callable[[Any], str]
_FIELDS = fields(ItemRow)
_BY_TYPE: dict[str, Encoder] = {"int": str, "str": encode_basestring, "list[str]": _json_names}
_ENCODERS = tuple(_BY_TYPE[str(f.type)] for f in _FIELDS)
_call: Callable[[Encoder, Any], str] = operator.call
_VALUES = operator.attrgetter(*(f.name for f in _FIELDS))
_ROW_TEMPLATE = " {\n" + ",\n".join(f"  {encode_basestring(f.name)}: %s" for f in _FIELDS) + "\n }"


def cmd_items(args: argparse.Namespace) -> int:
    f = ItemFilter(search=args.search, department=args.department, type=args.type,
                   status=args.status, document=args.document, basis_flag=args.basis_flag)
    with Repository.open(db_path(args), readonly=True) as repo:
        if args.json and not args.as_of:
            _print_json_rows(repo.items.iter_rows(repo.items.query_ids(f)))
            return 0
        if args.as_of:
            # only here: the catalogue service brings openpyxl, 0.3 s a plain listing need not wait
            from app.catalogue.service import catalogue_as_of

            rows = catalogue_as_of(repo, args.as_of, f)
        else:
            rows = repo.items.query(f)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        answering = f"  〔{r.county_departments()}〕" if r.lead or r.partners else ""
        print(f"{r.id:>6}  {r.status:<4}  {r.type:<6}  {r.department}  {r.name}{answering}")
    print(f"共 {len(rows)} 项")
    return 0
