"""The rows of an upper-level list under review, as a read-only table model.

A model rather than a table of items: a list has thousands of rows, and the
view asks only for the cells it shows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.matching.decisions import Choice
from app.matching.upper_list import MatchedRow, MatchReport

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("序号", "上级事项名称", "上级部门", "本县对应事项", "状态")
REVIEW = QBrush(QColor("#fff3cd"))
NONE_HERE = QBrush(QColor("#eeeeee"))


def status_of(row: MatchedRow) -> str:
    if row.decision is not None:
        return "已确认" if row.decision.choice == Choice.ITEM else "已确认：本县无此事项"
    match = row.ranking.match
    if match and match.confident:
        return "有把握"
    return "待核对" if row.ranking.candidates else "待核对：无候选"


def county_side(row: MatchedRow) -> str:
    """What the row means at the county, as the table shows it."""
    if row.decision is None and row.ranking.parts:
        return "；".join(c.name for c in row.ranking.parts)
    match = row.ranking.match
    if match is None:
        return ""
    return match.name if match.confident else f"可能是：{match.name}"


class MatchRowsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MatchedRow] = []

    def show(self, report: MatchReport) -> None:
        self.beginResetModel()
        self.rows = report.rows
        self.endResetModel()

    def changed(self, n: int) -> None:
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            upper = row.upper.row
            return (upper.seq, upper.name, upper.department, county_side(row),
                    status_of(row))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.upper.sheet + (f"：{row.upper.title}" if row.upper.title else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            status = status_of(row)
            if status.startswith("待核对"):
                return REVIEW
            if status.endswith("本县无此事项"):
                return NONE_HERE
        return None
