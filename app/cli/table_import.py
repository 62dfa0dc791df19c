"""The `import` sub-command: an annex table read from an Excel, Word or PDF file.

The module imports only what reading the file needs, so that the storage layer and the
parser load while calamine reads the file on its own thread (app/tables/reader.py).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from app.cli.options import add_db_option, db_path
from app.storage.errors import UserError
from app.tables.reader import start_reading


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def cmd_import(args: argparse.Namespace) -> int:
    if args.document and args.dry_run:
        raise UserError("--dry-run 与 --document 不能同时使用：试读时不会写入任何文件。")
    reading = start_reading(Path(args.file))
    # Loaded while calamine parses the file: a fifth of the command's time.
    from app.storage.repository import Repository
    from app.tables.importer import preview_reading, save_into_document

    with Repository.open(db_path(args), readonly=not args.document or args.dry_run) as repo:
        previews = preview_reading(reading, repo, args.layout)
        if args.sheet:
            previews = [p for p in previews if p.sheet == args.sheet]
            if not previews:
                raise UserError(f"工作表“{args.sheet}”中没有找到可识别的表格。")
        if args.annex is not None or args.json:
            previews = previews[:1]
        if args.json:
            _print_json(previews[0].as_json())
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


def _print_json(data: dict[str, Any]) -> None:
    """`data` with each item of a list on a line of its own, encoded by json's C encoder
    (json.dumps with indent runs the pure-Python one, twice as slow on 10,000 rows)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    fields = [f" {encode(key)}: " + ("[\n  " + ",\n  ".join(_encode_items(value, encode)) + "\n ]"
                                     if isinstance(value, list) and value else encode(value))
              for key, value in data.items()]
    print("{\n" + ",\n".join(fields) + "\n}")


def _encode_items(items: list[Any], encode: Callable[[Any], str]) -> list[str]:
    """Each item as `encode` writes it. Table rows (dicts of texts, keys as in the first row)
    are filled into one template of the first row's keys, each text through json's C string
    encoder: `encode` sets up its encoder again for every row, twice as slow."""
    first = items[0]
    if not (first.__class__ is dict and all(v.__class__ is str for v in first.values())):
        return list(map(encode, items))
    keys = list(first)
    template = "{" + ", ".join(f"{encode_basestring(k)}: %s" for k in keys) + "}"
    return [template % tuple(map(encode_basestring, item.values()))
            if list(item) == keys else encode(item) for item in items]
