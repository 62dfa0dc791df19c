"""Known errors become Chinese messages; bugs become a crash dialog and a log entry.

No traceback ever reaches the clerk: the details go to the log file in the
data folder, which support can ask for.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import paths
from app.storage.errors import UserError

log = logging.getLogger("quanze")


def setup_logging() -> None:
    handlers = [*log.handlers, *logging.getLogger().handlers]
    if any(isinstance(h, logging.FileHandler) for h in handlers):
        return  # the command line has already set up the log file
    handler = logging.FileHandler(paths.log_dir() / "quanze.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A UserError says what to do; anything else is a bug and gets the crash dialog."""
    if isinstance(exc, UserError):
        log.info("用户错误：%s", exc.message)
        QMessageBox.warning(parent, "无法完成操作", exc.message)
        return
    report_bug(type(exc), exc, exc.__traceback__, parent)


def report_bug(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None, parent: QWidget | None = None) -> None:
    log.error("程序错误\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    if QApplication.instance() is None:
        return
    QMessageBox.critical(
        parent, "程序出错",
        "程序遇到了一个内部错误，刚才的操作没有完成。已保存的数据不受影响。\n\n"
        "请关闭本提示后继续使用；如果问题重复出现，请把下面文件夹中的日志文件"
        f"“quanze.log”发给技术支持：\n{paths.log_dir()}")


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserError):
            show_error(QApplication.activeWindow(), exc)
        else:
            report_bug(kind, exc, tb, QApplication.activeWindow())

    sys.excepthook = hook
