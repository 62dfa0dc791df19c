"""Annex rows in the editor, with the original table's merged cells kept visible and whole.

A row's `merged_with_above` names the cells the printed table merges with the
row above ("同上"). On screen such a cell is grey with a tooltip. Editing any
cell of a merged block edits the block's one shared value, as in Excel, so the
printout keeps the merge; the clerk un-merges with the context menu
(取消同上) when one row should differ. After rows are added, removed or
moved, a cell stays merged only where it still equals the cell above it.

The department cell keeps the name as the document writes it; its tooltip says
which registered department that name means (through aliases) and, once saved,
which county departments lead and partner on the row; a name the
registry does not know is marked, since applying the document would register it.
Rows just pasted are checked cell by cell (`flag`): a 序号 that is not a number or
a 事项类型 outside the type list is red, with the reason in the tooltip, until
the clerk corrects it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.departments import DepartmentRegistry
from app.domain.documents import ROW_FIELDS, AnnexRow
from app.domain.items import DEFAULT_ITEM_TYPES
from app.domain.row_checks import CellProblem, check_row
from app.domain.sectors import Counterparts
from app.domain.text import fold
from ui.models.record_table import AnyIndex, Field, RecordTableModel

MERGED_TIP = "与上一行合并（同上）"
MERGED_BACKGROUND = "#e6e6e6"
MERGED_TEXT = "#8c8c8c"
UNKNOWN_BACKGROUND = "#fff3c4"
PROBLEM_BACKGROUND = "#ffc9c9"


class AnnexRowsModel(RecordTableModel):
    records: list[AnnexRow]

    def __init__(self, fields: list[Field]) -> None:
        super().__init__(fields)
        self.registry = DepartmentRegistry([])
        self.counterparts = Counterparts(self.registry, {})
        self.item_types: list[str] = list(DEFAULT_ITEM_TYPES)
        self.problems: dict[int, dict[str, CellProblem]] = {}  # by id() of a flagged record

    def flag(self, records: list[AnnexRow]) -> None:
        """Check these rows cell by cell; their bad cells show until corrected."""
        for record in records:
            found = check_row(record, self.item_types, self.counterparts)
            if found:
                self.problems[id(record)] = found
        self._problems_changed()

    def recheck(self) -> None:
        """After an edit: a corrected cell is no longer marked; removed rows are forgotten."""
        present = {id(r): r for r in self.records}
        self.problems = {
            key: found for key, found in (
                (key, check_row(present[key], self.item_types, self.counterparts))
                for key in self.problems if key in present) if found}
        self._problems_changed()

    def cell_problem(self, row: int, key: str) -> CellProblem | None:
        return self.problems.get(id(self.records[row]), {}).get(key)

    def _problems_changed(self) -> None:
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1,
                                                               len(self.fields) - 1))

    def set_registry(self, registry: DepartmentRegistry,
                     counterparts: Counterparts | None = None) -> None:
        self.registry = registry
        self.counterparts = counterparts or Counterparts(registry, {})
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1,
                                                               len(self.fields) - 1))

    def department_note(self, row: int) -> tuple[str, bool]:
        """What the department cell's name means, whether it is unknown, and who answers here."""
        record = self.records[row]
        written = record.department.strip()
        if not written:
            return "", False
        county = ("\n本县牵头：" + record.lead + ("；配合：" + "、".join(record.partners)
                                                   if record.partners else "")
                  if record.lead else "")
        dept = self.registry.resolve(written)
        if dept is None:
            return f"部门名录中没有“{written}”，应用到事项库时将作为新部门登记。{county}", True
        if fold(dept.name) != fold(written):  # another name, not another spelling of it
            return f"“{written}”是“{dept.name}”的别名，事项将记在“{dept.name}”下。{county}", False
        return f"部门：{dept.name}{county}", False

    def is_merged(self, row: int, column: int) -> bool:
        return self.fields[column].key in self.records[row].merged_with_above

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        problem = self.cell_problem(index.row(), self.fields[index.column()].key) if (
            index.isValid() and role in (Qt.ItemDataRole.ToolTipRole,
                                         Qt.ItemDataRole.BackgroundRole)) else None
        if problem is not None:
            colour = PROBLEM_BACKGROUND if problem.serious else UNKNOWN_BACKGROUND
            return problem.message if role == Qt.ItemDataRole.ToolTipRole else QBrush(
                QColor(colour))
        if index.isValid() and self.is_merged(index.row(), index.column()):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(MERGED_BACKGROUND))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(MERGED_TEXT))
            if role == Qt.ItemDataRole.ToolTipRole:
                return MERGED_TIP
        if index.isValid() and self.fields[index.column()].key == "department" and role in (
                Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            note, unknown = self.department_note(index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                return note or None
            return QBrush(QColor(UNKNOWN_BACKGROUND)) if unknown else None
        return super().data(index, role)

    def block(self, row: int, key: str) -> range:
        """The rows sharing row's cell in column `key` (just `row` when it is not merged)."""
        first = row
        while first > 0 and key in self.records[first].merged_with_above:
            first -= 1
        last = row
        while last + 1 < len(self.records) and key in self.records[last + 1].merged_with_above:
            last += 1
        return range(first, last + 1)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self.fields[index.column()].key
        if key not in ROW_FIELDS or self.fields[index.column()].value(
                self.records[index.row()]) == str(value):
            return super().setData(index, value, role)
        rows = self.block(index.row(), key)
        for row in rows:
            setattr(self.records[row], key, str(value))
        self.dataChanged.emit(self.index(rows[0], index.column()),
                              self.index(rows[-1], index.column()))
        self.edited.emit()
        return True

    def set_merged(self, row: int, column: int, merged: bool) -> bool:
        """Merge the cell with the one above (taking its value) or split it off."""
        key = self.fields[column].key
        record = self.records[row]
        if key not in ROW_FIELDS or merged == (key in record.merged_with_above) or (
                merged and row == 0):
            return False
        if merged:
            value = getattr(self.records[row - 1], key)
            for below in self.block(row, key):
                setattr(self.records[below], key, value)
            record.merged_with_above.append(key)
        else:
            record.merged_with_above.remove(key)
        self.dataChanged.emit(self.index(row, 0), self.index(len(self.records) - 1,
                                                             len(self.fields) - 1))
        self.edited.emit()
        return True

    def rows_rearranged(self) -> None:
        changed = False
        for number, record in enumerate(self.records):
            above = self.records[number - 1] if number else None
            keep = [k for k in record.merged_with_above
                    if above is not None and getattr(above, k) == getattr(record, k)]
            if keep != record.merged_with_above:
                record.merged_with_above = keep
                changed = True
        if changed and self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1,
                                                               len(self.fields) - 1))
