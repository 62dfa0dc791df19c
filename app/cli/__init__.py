"""The `quanze` command line: parsing, logging, and turning errors into Chinese messages.

The window is not part of `app`: the program's entry point (`quanze.main`) hands in
how to open it, and the self-test's window check.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__, paths, selftest
from app.cli import (
    argparse_zh,
    catalogue,
    codes,
    database,
    documents,
    excel,
    laws,
    matching,
    pdf,
    publish,
)
from app.storage.errors import UserError

log = logging.getLogger("quanze")

COMMAND_MODULES = (database, excel, pdf, matching, documents, catalogue, laws, publish, codes)


def build_parser() -> argparse.ArgumentParser:
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
    for module in COMMAND_MODULES:
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


def main(argv: Sequence[str] | None = None, run_window: Callable[[Path], int] | None = None,
         extra_checks: Sequence[selftest.NamedCheck] = ()) -> int:
    """Runs one sub-command (the window when none is given) and returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(files_named_like_options(sys.argv[1:] if argv is None else argv,
                                                      parser))
    if args.self_test:
        return selftest.run(extra_checks=extra_checks)
    setup_logging()
    args.run_window = run_window
    handler = getattr(args, "handler", database.cmd_gui)
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
