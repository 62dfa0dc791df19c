"""The `quanze` command line: parsing, logging, and turning errors into Chinese messages.

The window is not part of `app`: the program's entry point (`quanze.main`) hands in
how to open it, and the self-test's window check.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from app import __version__, paths
from app.cli import argparse_zh
from app.storage.errors import UserError

if TYPE_CHECKING:
    from app.selftest import NamedCheck

log = logging.getLogger("quanze")

# Each sub-command and the module (in app.cli) that defines it, in the order `--help` lists
# them. Only the chosen command's module is imported: importing them all (ReportLab,
# openpyxl, python-docx, the self-test) took 0.6 s before any command ran.
COMMANDS = {
    "init": "database", "gui": "database", "backup": "database", "restore": "database",
    "check": "database", "items": "database",
    "import": "table_import", "export-excel": "excel", "roundtrip": "excel",
    "pdf": "pdf", "fonts": "pdf",
    "match": "matching",
    "docx": "documents", "import-document": "documents",
    "compare": "catalogue",
    "laws": "laws",
    "publish": "publish", "responsibility-import": "publish",
    "codes": "codes",
}
# Top-level options that take a value, so the value is not taken for the command.
VALUED_OPTIONS = ("--db",)


def command_modules(argv: Sequence[str]) -> list[ModuleType]:
    """The chosen command's module; every module for `--help` or a command we do not know
    (argparse then lists them all); the database module when no command opens the window."""
    word = chosen_command(argv)
    if word is None and not {"-h", "--help"} & set(argv):
        names = ["database"]
    elif word in COMMANDS:
        names = [COMMANDS[word]]
    else:
        names = list(dict.fromkeys(COMMANDS.values()))
    return [importlib.import_module(f"app.cli.{name}") for name in names]


def chosen_command(argv: Sequence[str]) -> str | None:
    """The first word that is neither an option nor an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--":
            return None
        elif arg in VALUED_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(modules: Sequence[ModuleType]) -> argparse.ArgumentParser:
    """The command line with the sub-commands that `modules` define."""
    argparse_zh.install()
    parser = argparse.ArgumentParser(
        prog="quanze",
        description="权责清单管理：行政权力事项、事中事后监管措施、通知与附件表格。"
                    "不带子命令时打开程序窗口。",
    )
    parser.add_argument("--version", action="version", version=f"权责清单管理 {__version__}",
                        help="显示版本号并退出")
    parser.add_argument("--db", metavar="路径", help="数据库文件路径（默认在用户数据文件夹中）")
    parser.add_argument("--self-test", action="store_true",
                        help="自检：在临时文件夹中建立示例数据库，生成通知 PDF，导出并读回附件表格，"
                             "离屏打开程序窗口，然后退出（不改动您的数据）")
    sub = parser.add_subparsers(dest="command", title="子命令", metavar="子命令")
    for module in modules:
        module.register(sub)
    return parser


def option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option the parser and its sub-command parsers know."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= option_strings(sub)
    return found


def files_named_like_options(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """`quanze import -附件.xlsx`: argparse takes an existing file whose name starts with "-" for
    an unknown option; written as ./-附件.xlsx it is read as the file it is."""
    known = option_strings(parser)
    return [os.path.join(os.curdir, arg)
            if arg.startswith("-") and arg.split("=", 1)[0] not in known and Path(arg).exists()
            else arg for arg in argv]


def setup_logging() -> None:
    handler = logging.FileHandler(paths.log_dir() / "quanze.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def open_window(args: argparse.Namespace) -> int:
    """What `quanze` without a sub-command does."""
    from app.cli.database import cmd_gui

    return cmd_gui(args)


def main(argv: Sequence[str] | None = None, run_window: Callable[[Path], int] | None = None,
         extra_checks: Sequence[NamedCheck] = ()) -> int:
    """Runs one sub-command (the window when none is given) and returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_modules(argv))
    args = parser.parse_args(files_named_like_options(argv, parser))
    if args.self_test:
        from app import selftest

        return selftest.run(extra_checks=extra_checks)
    setup_logging()
    args.run_window = run_window
    handler = getattr(args, "handler", None) or open_window
    try:
        return handler(args) or 0
    except UserError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error")
        print(f"程序内部错误，操作未完成，已保存的数据没有改动。详情已写入日志："
              f"{paths.log_dir() / 'quanze.log'}", file=sys.stderr)
        return 3
