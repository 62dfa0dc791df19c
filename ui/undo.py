"""Undoable edits.

Saved items are undone by writing the old values back through the repository,
so the audit log records the undo like any other change. Edits in the document
and department editors are not saved yet; they are undone by restoring a
snapshot of the editor's state, which is simple and cannot drift from the screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QWidget

from app.domain.items import PowerItem
from app.storage.changes import Changes
from app.storage.repository import Repository


class SaveItemCommand(QUndoCommand):
    """Saving an item (new or changed); `changed` is told what each step changed."""

    def __init__(self, repo: Repository, old: PowerItem | None, new: PowerItem,
                 changed: Callable[[Changes], None]) -> None:
        super().__init__(f"修改事项“{new.name}”" if old else f"新增事项“{new.name}”")
        self.repo = repo
        self.old = old
        self.new = new
        self.changed = changed
        self.item_id = new.id

    def redo(self) -> None:
        item = dataclasses.replace(self.new, id=self.item_id if self.old else None)
        saved = self.repo.save_item(item)
        self.item_id = saved.id
        self.changed(saved)

    def undo(self) -> None:
        assert self.item_id is not None
        if self.old is None:
            self.changed(self.repo.delete_item(self.item_id))
        else:
            self.changed(self.repo.save_item(dataclasses.replace(self.old, id=self.item_id)))


class DeleteItemCommand(QUndoCommand):
    def __init__(self, repo: Repository, item: PowerItem,
                 changed: Callable[[Changes], None]) -> None:
        super().__init__(f"删除事项“{item.name}”")
        self.repo = repo
        self.item = item
        self.changed = changed
        self.item_id = item.id

    def redo(self) -> None:
        assert self.item_id is not None
        self.changed(self.repo.delete_item(self.item_id))

    def undo(self) -> None:
        saved = self.repo.save_item(dataclasses.replace(self.item, id=None))
        self.item_id = saved.id
        self.changed(saved)


class SnapshotCommand(QUndoCommand):
    """An editor edit recorded as whole states before and after.

    The edit has already happened on screen when the command is pushed, so the
    first redo does nothing. Consecutive edits with the same `merge_key` (typing
    in one field) fold into one step, so Ctrl+Z undoes a word, not a letter.
    """

    MERGE_ID = 1

    def __init__(self, label: str, before: object, after: object,
                 restore: Callable[[object], None], merge_key: str | None = None) -> None:
        super().__init__(label)
        self.before = before
        self.after = after
        self.restore = restore
        self.merge_key = merge_key
        self.first = True

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        self.restore(self.after)

    def undo(self) -> None:
        self.restore(self.before)


class UndoKeysToWindow(QObject):
    """Lets Ctrl+Z / Ctrl+Y in an editor's text boxes reach the window's 撤销/重做.

    A QLineEdit would otherwise claim the keys for its own per-box undo, and the
    clerk would get two different undo histories depending on where the cursor is.
    """

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination() == QKeyCombination(Qt.KeyboardModifier.ControlModifier,
                                                              Qt.Key.Key_Y)):
            event.ignore()
            return True
        return False
