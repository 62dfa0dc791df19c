"""Subcommands of the pdf back end: `quanze pdf` and `quanze fonts`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.options import add_db_option, existing_db_path
from app.pdf.fonts import (
    OFFICIAL,
    ROLES,
    SHORT_NAMES,
    SUBSTITUTES,
    FontChoice,
    FontSet,
    font_files,
    resolve_fonts,
    role_named,
    system_font_dirs,
)
from app.pdf.printing import (
    item_list_title,
    print_document,
    print_item_list,
    print_responsibility,
    print_tasks,
)
from app.storage.errors import UserError
from app.storage.items import ItemFilter
from app.storage.repository import Repository

FILTER_OPTIONS = ("department", "type", "status", "search", "title")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "pdf", help="按 GB/T 9704-2012 生成 PDF（通知及附件、事项清单、责任清单、任务分工表）",
        description="把一份文件（红头通知及附件表格）、筛选出的事项清单、一个部门的责任清单或任务分工表"
                    "生成为 PDF。生成前核对附件标题、附件说明和正文中的事项数量，有不一致时给出提示。")
    add_db_option(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--document", metavar="文号", help="要打印的文件文号，如 嘉政发〔2021〕2号")
    what.add_argument("--items", action="store_true",
                      help="打印事项清单（横排表格），可用 --department、--type、--status、--search 筛选，"
                           "条件与 quanze items 相同")
    what.add_argument("--responsibility", metavar="部门", nargs="?", const="",
                      help="打印责任清单（不写部门时打印第一份）")
    what.add_argument("--tasks", metavar="标题", nargs="?", const="",
                      help="打印重点任务分工表（可只写标题的一部分；不写时打印第一份）")
    p.add_argument("--annex", type=int, metavar="N", help="只打印第 N 个附件")
    items = p.add_argument_group("事项清单的筛选条件（与 --items 一起用）")
    items.add_argument("--department", default="", metavar="部门", help="实施部门（名称或别名，可只写一部分）")
    items.add_argument("--type", default="", metavar="类型", help="事项类型，如 行政许可")
    items.add_argument("--status", default="", metavar="状态", help="状态，如 在用、取消、承接")
    items.add_argument("--search", default="", metavar="文字", help="在名称、部门、依据、监管措施中查找文字")
    items.add_argument("--title", default="", metavar="标题", help="表格标题（默认按筛选条件生成）")
    add_font_option(p)
    p.add_argument("--out", required=True, metavar="文件", help="PDF 保存位置")
    p.set_defaults(handler=cmd_pdf)

    p = sub.add_parser(
        "fonts", help="列出打印用的字体：本机找到的文件或替代字体，以及查找的位置",
        description="GB/T 9704 要求的五种字体（方正小标宋简体、仿宋_GB2312、楷体_GB2312、黑体、宋体）"
                    "在本机找到的字体文件；找不到时使用的替代字体；查找过的文件夹。")
    add_font_option(p)
    p.set_defaults(handler=cmd_fonts)


def add_font_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--font", action="append", default=[], metavar="角色=路径",
        help="指定某种字体的文件（可重复），角色为 小标宋、仿宋、楷体、黑体、宋体 或全称"
             "（如 仿宋_GB2312），如 --font 仿宋=C:\\Windows\\Fonts\\simfang.ttf")


def font_overrides(specs: list[str]) -> dict[str, str]:
    """`仿宋=D:/字体/fs.ttf` pairs as resolve_fonts takes them; the last one for a role wins."""
    overrides: dict[str, str] = {}
    for spec in specs:
        name, sep, file = spec.partition("=")
        if not sep or not name.strip() or not file.strip():
            raise UserError(f"--font 的写法应为“角色=字体文件路径”，如 仿宋=C:\\Windows\\Fonts\\simfang.ttf，"
                            f"而不是“{spec}”。")
        overrides[role_named(name)] = file.strip().strip('"')
    return overrides


def cmd_pdf(args: argparse.Namespace) -> int:
    path = existing_db_path(args)
    if not args.items:
        stray = [f"--{name}" for name in FILTER_OPTIONS if getattr(args, name)]
        if stray:
            raise UserError(f"{'、'.join(stray)} 只用于打印事项清单，请同时写 --items。")
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        out = out.with_suffix(".pdf")
    fonts = resolve_fonts(font_overrides(args.font))
    problems: list[str] = []
    with Repository.open(path, readonly=True) as repo:
        if args.document is not None:
            doc = repo.document_by_number(args.document)
            result = print_document(doc, fonts, out, args.annex)
            pages = result.pages
            problems = [str(p) for p in result.problems]
        elif args.items:
            pages = _print_items(repo, args, fonts, out)
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


def _print_items(repo: Repository, args: argparse.Namespace, fonts: FontSet, out: Path) -> int:
    item_filter = ItemFilter(search=args.search, department=args.department, type=args.type,
                             status=args.status)
    rows = repo.items.query(item_filter)
    if not rows:
        raise UserError("没有符合条件的事项，未生成 PDF。可先用 quanze items 加同样的条件查看。")
    title = args.title.strip() or item_list_title(item_filter)
    pages = print_item_list(title, rows, fonts, out)
    print(f"《{title}》共 {len(rows)} 个事项。")
    return pages


def cmd_fonts(args: argparse.Namespace) -> int:
    fonts = resolve_fonts(font_overrides(args.font))
    print("GB/T 9704 要求的字体：")
    for role in ROLES:
        choice = fonts[role]
        print(f"  {_describe(choice)}")
        print(f"      文件：{choice.path}" + (f"（第 {choice.index + 1} 个字体）" if choice.index else ""))
    print("查找的位置：")
    for folder in system_font_dirs():
        if folder.is_dir():
            print(f"  {folder}（{len(font_files([folder]))} 个 .ttf/.ttc 文件）")
        else:
            print(f"  {folder}（文件夹不存在）")
    print("按文件名查找，找不到时再按字体内部的名称查找：")
    for role in ROLES:
        wanted = OFFICIAL[role]
        stand_ins = "、".join(s.name for s in SUBSTITUTES.get(role, ()))
        print(f"  {wanted.name}：{'、'.join(wanted.files)}"
              + (f"；替代字体 {stand_ins}" if stand_ins else ""))
    print("OpenType（CFF 轮廓，.otf）字体无法嵌入 PDF，不在查找范围内。"
          "可用 --font 角色=路径 指定字体文件，如 --font 仿宋=D:\\字体\\仿宋_GB2312.ttf。")
    return 0


def _describe(choice: FontChoice) -> str:
    name = choice.official_name
    if choice.official_name != SHORT_NAMES[choice.role]:
        name += f"（{SHORT_NAMES[choice.role]}）"
    if choice.overridden:
        kind = "规范字体" if choice.official else f"字体 {choice.face_name}"
        return f"{name}：用 --font 指定的{kind}"
    if choice.official:
        return f"{name}：已找到"
    where = "程序自带的" if choice.bundled else "本机的"
    bold = "，加粗显示" if choice.embolden else ""
    return f"{name}：本机未安装，使用{where}替代字体 {choice.face_name}{bold}"
