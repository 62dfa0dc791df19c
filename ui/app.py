"""Starting the window: Qt settings, fonts, error handling, the database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths
from app.storage.errors import UserError
from app.storage.repository import Repository
from ui.chinese import install_translations
from ui.errors import install_excepthook, log, setup_logging
from ui.fonts import install_fonts
from ui.main_window import MainWindow
from ui.settings import LAST_DATABASE, Settings

_windows: list[MainWindow] = []


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("权责清单管理")
    app.setOrganizationName("Quanze")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "quanze.png")))
    return app


def prepare(app: QApplication) -> None:
    install_translations(app)
    setup_logging()
    install_excepthook()
    family = install_fonts(app)
    log.info("界面中文字体：%s", family or "未找到")


def open_window(db_path: Path, settings: Settings) -> MainWindow:
    """The window on this database; raises UserError when it cannot be opened."""
    repo = Repository.open(db_path, make_backup=False)
    window = MainWindow(repo, settings)

    def open_other(path: Path) -> None:
        """Close this window and its database (releasing the write lock), then open `path`;
        back to this database if `path` cannot be opened."""
        if not window.close():
            return
        _windows.remove(window)
        repo.close()
        try:
            successor = open_window(path, settings)
        except UserError as exc:
            QMessageBox.warning(None, "无法打开数据库", exc.message)
            successor = open_window(repo.path, settings)
        successor.show()
        successor.backup_in_background()

    window.open_other = open_other
    _windows.append(window)
    return window


def chosen_database(db_path: Path, settings: Settings) -> Path:
    """The database named on the command line, else the one open when the window last closed."""
    if db_path != paths.default_db_path():
        return db_path
    last = str(settings.get(LAST_DATABASE))
    return Path(last) if last and Path(last).is_file() else db_path


def run(db_path: Path) -> int:
    app = application()
    prepare(app)
    settings = Settings()
    try:
        window = open_window(chosen_database(db_path, settings), settings)
    except UserError as exc:
        QMessageBox.warning(None, "无法打开数据库", exc.message)
        if chosen_database(db_path, settings) == db_path:
            return 1
        try:
            window = open_window(db_path, settings)
        except UserError:
            return 1
    window.show()
    window.backup_in_background()
    code = app.exec()
    for opened in _windows:
        opened.repo.close()
    return code
