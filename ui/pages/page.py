"""What the main window asks of every page, so it needs to know no page's insides."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app.storage.changes import Changes


class Page(QWidget):
    """One sidebar entry. The defaults suit a page that only shows data."""

    page_title = ""
    """The sidebar entry, also used when asking about unsaved edits."""
    can_save = False
    """Whether 保存 (Ctrl+S) applies on this page."""
    can_create = False
    """Whether 新建 (Ctrl+N) applies on this page."""
    dirty = False
    """Edits not saved yet: leaving the page or closing the window asks first."""
    undo_stack: QUndoStack | None = None
    """The history 撤销/重做 act on while the page is shown; None: they do nothing here."""

    def save(self) -> bool:
        """Write the page's edits; False if they could not be (the page has said why)."""
        return True

    def discard(self) -> None:
        """Drop the page's unsaved edits and show what the file holds."""
        self.dirty = False

    def new_record(self) -> None:
        """Start a new record of what the page edits."""

    def refresh(self, changes: Changes) -> None:
        """Another page or an action changed the file: update what those changes touch here."""
