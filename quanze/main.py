"""Start the window by default, hand sub-commands to `app.cli`, add the window to the self-test."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import cli, paths

if TYPE_CHECKING:
    from app.selftest import Workspace

log = logging.getLogger("quanze")


def run_window(db_path: Path) -> int:
    """The window on this database; a Qt that cannot be loaded is logged and said in Chinese."""
    try:
        from ui.app import run
    except ImportError:
        log.exception("the window could not be loaded")
        print("程序窗口无法启动：界面组件缺失或已损坏，请重新安装程序。"
              f"详情已写入日志：{paths.log_dir() / 'quanze.log'}\n"
              "命令行仍可使用，例如：quanze items --search 许可", file=sys.stderr)
        return 1
    return run(db_path)


def check_window(ws: Workspace) -> str:
    from ui.selftest import check_window as check

    return check(ws)


WINDOW_CHECK = ("程序窗口", "ui", check_window)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, run_window=run_window, extra_checks=(WINDOW_CHECK,))


def run() -> int:
    """`main` as the process's entry point: the process ends once it returns, so the
    collector is told to leave every object alone (gc.freeze). The collection at exit then
    does not walk the whole heap: 4 % of a 10,000-row `quanze import`."""
    code = main()
    gc.freeze()
    return code
