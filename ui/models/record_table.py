"""An editable table over a short list of dataclass records (annex rows, tasks, duties).

For lists of tens or hundreds of rows, unlike the catalogue; edits write
straight into the records, and `edited` tells the page it is now unsaved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    width: int = 120
    editable: bool = True
    get: Callable[[Any], str] | None = None
    set: Callable[[Any, str], None] | None = None
    colour: Callable[[Any], str | None] | None = None

    def value(self, record: Any) -> str:
        return self.get(record) if self.get else str(getattr(record, self.key) or "")

    def assign(self, record: Any, value: str) -> None:
        if self.set:
            self.set(record, value)
        else:
            setattr(record, self.key, value)


class RecordTableModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, fields: list[Field], records: list[Any] | None = None) -> None:
        super().__init__()
        self.fields = fields
        self.records: list[Any] = records if records is not None else []

    def set_records(self, records: list[Any], fields: list[Field] | None = None) -> None:
        self.beginResetModel()
        self.records = records
        if fields is not None:
            self.fields = fields
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        field = self.fields[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return field.value(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        if role == Qt.ItemDataRole.ForegroundRole and field.colour:
            colour = field.colour(record)
            return QBrush(QColor(colour)) if colour else None
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = self.fields[index.column()]
        if not field.editable:
            return False
        record = self.records[index.row()]
        if field.value(record) == str(value):
            return False
        field.assign(record, str(value))
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.fields[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.fields[section].header if section < len(self.fields) else None
        return section + 1

    def rows_rearranged(self) -> None:
        """Hook for records that depend on their neighbours (merged cells)."""

    def insert_records(self, position: int, records: list[Any]) -> None:
        if not records:
            return
        self.beginInsertRows(QModelIndex(), position, position + len(records) - 1)
        self.records[position:position] = records
        self.endInsertRows()
        self.rows_rearranged()
        self.edited.emit()

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.records[row]
            self.endRemoveRows()
        if rows:
            self.rows_rearranged()
            self.edited.emit()

    def move_row(self, row: int, step: int) -> int:
        target = row + step
        if not (0 <= row < len(self.records) and 0 <= target < len(self.records)):
            return row
        self.beginResetModel()
        self.records[row], self.records[target] = self.records[target], self.records[row]
        self.endResetModel()
        self.rows_rearranged()
        self.edited.emit()
        return target


class MultilineDelegate(QStyledItemDelegate):
    """Cells hold line breaks (numbered measures, 具体责任事项): edit them in a text box."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: AnyIndex) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), 90))
        editor.setGeometry(rect)


class FitWidths(QObject):
    """Shares the view's width among the columns in proportion to their set widths.

    A wide table (an annex's seven columns) then fills the window instead of
    scrolling sideways; it shrinks only so far, and scrolls beyond that.
    """

    SMALLEST_SCALE = 0.65
    NARROWEST = 44

    def __init__(self, view: QTableView, model: RecordTableModel) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        view.viewport().installEventFilter(self)
        model.modelReset.connect(self.apply)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        total = sum(f.width for f in self.model.fields)
        if not total:
            return
        available = self.view.viewport().width()
        scale = max(self.SMALLEST_SCALE, available / total)
        widths = [max(self.NARROWEST, int(f.width * scale)) for f in self.model.fields]
        rest = available - sum(widths[:-1])
        if rest >= self.NARROWEST:
            widths[-1] = rest
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        self.view.resizeRowsToContents()


def record_view(model: RecordTableModel, parent: QWidget | None = None,
                fit: bool = False) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setItemDelegate(MultilineDelegate(view))
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    if fit:
        view.horizontalHeader().setStretchLastSection(False)
        # A scroll bar coming and going as rows re-wrap would resize the columns again.
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        FitWidths(view, model).apply()
    else:
        apply_widths(view, model)
        model.modelReset.connect(lambda: apply_widths(view, model))
    return view


def apply_widths(view: QTableView, model: RecordTableModel) -> None:
    for column, field in enumerate(model.fields):
        view.setColumnWidth(column, field.width)
    view.resizeRowsToContents()


def selected_rows(view: QTableView) -> list[int]:
    return sorted({index.row() for index in view.selectionModel().selectedIndexes()})
