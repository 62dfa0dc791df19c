"""Pages that edit one record at a time, chosen from a list: 部门, 责任清单, 任务分工, 监管措施模板.

The flow is written once here. Choosing another record, or 新增, first asks
before unsaved edits are dropped; if the clerk stays, the list goes back to the
record still being edited (it used to show one record and edit another).
保存 writes the record, lists the records again and chooses the saved one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QSignalBlocker, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QWidget

from app.storage.changes import Changes, Saved
from app.storage.repository import Repository
from ui.dialogs.base import confirm_discard
from ui.errors import show_error
from ui.pages.page import Page


class Record(Protocol):
    """A department, responsibility list, task division or template: None until saved."""

    id: int | None


R = TypeVar("R", bound=Record)


class Chooser:
    """The list a record is chosen from: a combo box or a list/table view, row -1 for none."""

    def __init__(self, widget: QComboBox | QAbstractItemView) -> None:
        self.widget = widget

    def set_row(self, row: int) -> None:
        """Show `row` as chosen without reporting it as the clerk's choice."""
        with self.silenced():
            if isinstance(self.widget, QComboBox):
                self.widget.setCurrentIndex(row)
            elif row < 0:
                self.widget.clearSelection()
                self.widget.setCurrentIndex(QModelIndex())
            else:
                self.widget.setCurrentIndex(self.widget.model().index(row, 0))

    def silenced(self) -> QSignalBlocker:
        """Views report choices through their selection model, combo boxes themselves."""
        if isinstance(self.widget, QComboBox):
            return QSignalBlocker(self.widget)
        return QSignalBlocker(self.widget.selectionModel())


class RecordPage(Page, Generic[R]):
    """Subclasses say how records are listed, shown, read back from the editor and written."""

    can_save = True
    can_create = True
    changed = Signal(object)  # Changes: what a save or delete here changed in the file
    what = ""
    """What unsaved edits are called when asking before dropping them, e.g. 模板的修改."""
    opens_first = True
    """Whether the first record is shown when the page opens (部门 opens on an empty editor)."""

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.records: list[R] = []
        self.current: R | None = None
        self.dirty = False
        self.chooser: Chooser | None = None
        self._shown = -1

    # What each page says ------------------------------------------------------
    def load(self) -> list[R]:
        raise NotImplementedError

    def fill(self, records: list[R]) -> None:
        """Put the records in the chooser."""
        raise NotImplementedError

    def show_record(self, record: R) -> None:
        """Put the record in the editor: what the file holds, nothing edited yet."""
        raise NotImplementedError

    def edited_record(self) -> R | None:
        """The shown record with the clerk's edits; None when there is nothing to save."""
        raise NotImplementedError

    def write(self, record: R) -> Saved:
        raise NotImplementedError

    def blank(self) -> R:
        """A new record as 新增 shows it."""
        raise NotImplementedError

    def started_new(self) -> None:
        """After 新增 showed a blank record: where the cursor goes, whether it counts as an edit."""

    # The flow -------------------------------------------------------------------
    def use_chooser(self, widget: QComboBox | QAbstractItemView) -> None:
        self.chooser = Chooser(widget)
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._chosen)
        else:
            widget.selectionModel().currentRowChanged.connect(
                lambda current, _previous: self._chosen(current.row()))

    def reload(self, select_id: int | None = None) -> None:
        """List the records again and show the one with `select_id` (else the first)."""
        self.refill()
        row = next((n for n, r in enumerate(self.records)
                    if select_id is not None and r.id == select_id), None)
        if row is None:
            row = 0 if self.opens_first else -1
        if 0 <= row < len(self.records):
            self._show(row)

    def refill(self) -> None:
        """List the records again, keeping the one being edited (and its edits) on screen."""
        assert self.chooser is not None
        self.records = self.load()
        with self.chooser.silenced():
            self.fill(self.records)
        shown = self.current.id if self.current is not None else None
        self._shown = next((n for n, r in enumerate(self.records)
                            if shown is not None and r.id == shown), -1)
        self.chooser.set_row(self._shown)

    def _chosen(self, row: int) -> None:
        if row < 0 or row >= len(self.records) or row == self._shown:
            return
        if self.dirty and not confirm_discard(self, self.what):
            assert self.chooser is not None
            self.chooser.set_row(self._shown)
            return
        self._show(row)

    def _show(self, row: int) -> None:
        assert self.chooser is not None
        self._shown = row
        self.chooser.set_row(row)
        self.current = self.records[row]
        self.show_record(self.current)
        self.dirty = False

    def new_record(self) -> None:
        if self.dirty and not confirm_discard(self, self.what):
            return
        assert self.chooser is not None
        self._shown = -1
        self.chooser.set_row(-1)
        self.current = self.blank()
        self.show_record(self.current)
        self.dirty = False
        self.started_new()

    def save(self) -> bool:
        record = self.edited_record()
        if record is None:
            return True
        try:
            saved = self.write(record)
        except Exception as exc:
            show_error(self, exc)
            return False
        self.dirty = False
        self.reload(select_id=saved.id)
        self.changed.emit(saved)
        return True

    def discard(self) -> None:
        self.dirty = False
        self.reload(select_id=self.current.id if self.current is not None else None)

    def delete_shown(self, delete: Callable[[int], Changes]) -> None:
        """Delete the shown record through `delete` (the page has asked the clerk); then
        nothing is being edited and the list goes on. A refusal is shown, nothing changes."""
        assert self.current is not None and self.current.id is not None
        try:
            changes = delete(self.current.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.current = None
        self.dirty = False
        self.reload()
        self.changed.emit(changes)
