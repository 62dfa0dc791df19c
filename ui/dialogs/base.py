"""Dialogs that remember their size and ask before throwing away unsaved edits."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from ui.settings import Settings


def ok_cancel_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK/取消 buttons wired to the dialog, the OK button saying what it does."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def confirm_discard(parent: QWidget, what: str = "所做的修改") -> bool:
    answer = QMessageBox.question(
        parent, "尚未保存", f"{what}还没有保存。确定要放弃这些修改吗？",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


class BaseDialog(QDialog):
    name = "dialog"

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.dirty = False

    def restore_state(self) -> None:
        self.settings.restore_geometry(self.name, self)

    def done(self, result: int) -> None:
        if (result == QDialog.DialogCode.Rejected and self.dirty
                and not confirm_discard(self)):
            return
        self.settings.save_geometry(self.name, self)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and not confirm_discard(self):
            event.ignore()
            return
        self.dirty = False
        super().closeEvent(event)
