"""Qt's own dialogs in Chinese: every Qt translation that applies, and the labels it lacks.

Qt's zh_CN catalogue leaves a few labels of its file dialog in English (Look in:,
Files of type:) and sizes the date column for short English dates; a filter on
the application finishes each file dialog as it is shown, so the static
helpers (QFileDialog.getOpenFileName …) need no change where they are called.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView

CATALOGUES = ("qtbase_zh_CN", "qt_zh_CN", "qtdeclarative_zh_CN", "qt_help_zh_CN")
FILE_DIALOG_LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找范围(&I)：",
    QFileDialog.DialogLabel.FileType: "文件类型(&T)：",
}
DATE_COLUMN, DATE_WIDTH = 3, 160


def install_translations(app: QApplication) -> list[str]:
    """Load each Qt catalogue found; returns the names loaded (once per application)."""
    loaded: list[str] = getattr(app, "_quanze_translations", [])
    if loaded:
        return loaded
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(name)
    app._quanze_translations = loaded  # type: ignore[attr-defined]
    app.installEventFilter(FileDialogFinisher(app))
    return loaded


class FileDialogFinisher(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog):
            finish_file_dialog(watched)
        return False


def finish_file_dialog(dialog: QFileDialog) -> None:
    """The labels Qt's translation lacks, and a date column wide enough for 2021/2/20 10:30."""
    for label, text in FILE_DIALOG_LABELS.items():
        dialog.setLabelText(label, text)
    view = dialog.findChild(QTreeView, "treeView")
    if view is not None and view.columnWidth(DATE_COLUMN) < DATE_WIDTH:
        view.setColumnWidth(DATE_COLUMN, DATE_WIDTH)
