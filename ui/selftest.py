"""The window part of `quanze --self-test`: proves Qt's plugins, a Chinese font and the
print preview's PDF renderer made it into the build.

The window is built offscreen so the check never flashes anything on the
clerk's screen; the plugin folder is listed so support can see whether the
platform plugin for the real desktop (windows, xcb, wayland) was shipped too.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication

from app.selftest import CheckFailed, Workspace
from app.storage.errors import UserError
from app.storage.repository import Repository
from ui.app import application
from ui.fonts import bundled_font_files, install_fonts
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.widgets.pdf_pages import PdfPages

SAMPLE = "权责清单"

log = logging.getLogger("quanze.selftest")


@dataclass(frozen=True)
class WindowReport:
    width: int
    height: int
    seconds: float
    font_family: str
    bundled_fonts: int
    platform_plugins: list[str]
    preview_pages: int


def platform_plugins() -> list[str]:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    if not folder.is_dir():
        return []
    names = (p.name.split(".")[0].removeprefix("lib").removeprefix("q") for p in folder.iterdir())
    return sorted(set(names))


def colours(image: QImage, step: int = 7) -> int:
    """Distinct colours on a sample grid: a window that drew nothing has one or two."""
    seen = {image.pixel(x, y) for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)}
    return len(seen)


def chinese_font(app: QApplication) -> str:
    family = install_fonts(app)
    if family is None:
        raise UserError("没有找到可用的中文字体，界面上的汉字会显示成方框。")
    metrics = QFontMetrics(QFont(family))
    missing = [c for c in SAMPLE if not metrics.inFontUcs4(ord(c))]
    if missing:
        raise UserError(f"中文字体“{family}”中缺少汉字：{''.join(missing)}")
    return family


def log_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    """Qt's own warnings (a plugin that failed to load...) go to the self-test log, not the console."""
    log.warning("Qt %s: %s", kind.name, message)


def preview_first_page(pdf: Path, out: Path) -> int:
    """Renders page 1 as the print preview does; returns the page count."""
    pages = PdfPages(pdf)
    try:
        image = pages.image(0, dpi=40)
        count = pages.count()
    finally:
        pages.close()
    if image.isNull() or colours(image, step=3) < 2:
        raise UserError(f"打印预览无法显示“{pdf.name}”的第 1 页（PDF 显示组件不完整）。")
    image.save(str(out))
    return count


def show_main_window(db_path: Path, folder: Path, pdf: Path) -> WindowReport:
    """Opens the window on `db_path` and previews `pdf`; pictures of both are left in `folder`."""
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    previous = qInstallMessageHandler(log_qt_message)
    try:
        report = _show(db_path, folder / "窗口截图.png")
        return replace(report, preview_pages=preview_first_page(pdf, folder / "预览.png"))
    finally:
        qInstallMessageHandler(previous)


def _show(db_path: Path, screenshot: Path) -> WindowReport:
    started = time.perf_counter()
    app = application()
    family = chinese_font(app)
    repo = Repository.open(db_path, make_backup=False)
    try:
        window = MainWindow(repo, Settings())
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        image = window.grab().toImage()
        seconds = time.perf_counter() - started
        window.close()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        repo.close()
    if image.isNull() or colours(image) < 3:
        raise UserError("主窗口没有画出内容（Qt 平台插件或显示组件不完整）。")
    image.save(str(screenshot))
    return WindowReport(image.width(), image.height(), seconds, family,
                        len(bundled_font_files()), platform_plugins(), preview_pages=0)


def check_window(ws: Workspace) -> str:
    if not ws.pdf.exists():
        raise CheckFailed("没有可供打印预览的 PDF（通知 PDF 一项未通过）。")
    report = show_main_window(ws.db, ws.folder, ws.pdf)
    return (f"离屏打开主窗口 {report.width}×{report.height}，用时 {report.seconds:.2f} 秒；"
            f"界面中文字体 {report.font_family}（随程序附带字体 {report.bundled_fonts} 个）；"
            f"打印预览显示 PDF 第 1 页（共 {report.preview_pages} 页）；"
            f"平台插件 {'、'.join(report.platform_plugins)}")
