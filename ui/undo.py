"""Undoable edits: undo writes the old values back through the repository, so the
audit log records the undo like any other change."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.domain.items import PowerItem
from app.storage.repository import Repository


class SaveItemCommand(QUndoCommand):
    """Saving an item (new or changed); `changed` is told which item ids to refresh."""

    def __init__(self, repo: Repository, old: PowerItem | None, new: PowerItem,
                 changed: Callable[[int, bool], None]) -> None:
        super().__init__(f"修改事项“{new.name}”" if old else f"新增事项“{new.name}”")
        self.repo = repo
        self.old = old
        self.new = new
        self.changed = changed
        self.item_id = new.id

    def redo(self) -> None:
        item = dataclasses.replace(self.new, id=self.item_id if self.old else None)
        self.item_id = self.repo.save_item(item)
        self.changed(self.item_id, self.old is None)

    def undo(self) -> None:
        assert self.item_id is not None
        if self.old is None:
            self.repo.delete_item(self.item_id)
        else:
            self.repo.save_item(dataclasses.replace(self.old, id=self.item_id))
        self.changed(self.item_id, self.old is None)


class DeleteItemCommand(QUndoCommand):
    def __init__(self, repo: Repository, item: PowerItem,
                 changed: Callable[[int, bool], None]) -> None:
        super().__init__(f"删除事项“{item.name}”")
        self.repo = repo
        self.item = item
        self.changed = changed
        self.item_id = item.id

    def redo(self) -> None:
        assert self.item_id is not None
        self.repo.delete_item(self.item_id)
        self.changed(self.item_id, True)

    def undo(self) -> None:
        self.item_id = self.repo.save_item(dataclasses.replace(self.item, id=None))
        self.changed(self.item_id, True)
