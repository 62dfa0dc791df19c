"""应用到事项库, step one: every item's status before → after and why, confirmed before writing.

A notice that does not say how an item changes must not change it silently, and
departments a notice names for the first time are created only with the clerk's
knowledge; this dialog shows both before anything is written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.apply import ApplyPlan, PlannedRow
from ui.dialogs.base import BaseDialog, ok_cancel_buttons
from ui.settings import Settings

HEADERS = ("位置", "事项名称", "部门", "应用前", "应用后", "依据")
CHANGED = QColor("#fff3c4")


def before_text(row: PlannedRow) -> str:
    return "（新建事项）" if row.item_id is None and not row.already_applied else str(
        row.before or "")


def after_text(row: PlannedRow) -> str:
    if row.already_applied:
        return "不变"
    if row.after is None:
        return "不变" if row.item_id is not None else "在用"
    return str(row.after)


def summary(plan: ApplyPlan) -> str:
    rows = plan.to_apply
    changed = sum(r.changes_status for r in rows)
    created = sum(r.item_id is None for r in rows)
    kept = len(rows) - changed - created
    parts = [f"{len(rows)} 行将写入事项库：改变状态 {changed} 个，新建事项 {created} 个，"
             f"状态不变 {kept} 个。"]
    if len(plan.rows) > len(rows):
        parts.append(f"另有 {len(plan.rows) - len(rows)} 行此前已应用，不再改动。")
    return "".join(parts)


class ApplyConfirm(BaseDialog):
    name = "apply_confirm"

    def __init__(self, settings: Settings, plan: ApplyPlan, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.plan = plan
        self.setWindowTitle(f"应用到事项库 — {plan.document.number}")
        self.resize(1000, 620)
        heading = QLabel(f"应用前请核对：文件“{plan.document.number}”将这样改动事项库。"
                         "此时还没有写入任何数据。")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight:bold")
        self.summary = QLabel(summary(plan))
        self.table = self._table(plan.rows)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.departments = QLabel(self._departments_text())
        self.departments.setWordWrap(True)
        self.departments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if plan.new_departments:
            self.departments.setStyleSheet("color:#8a4b00")
        layout.addWidget(self.departments)
        self.warnings = QListWidget()
        self.warnings.addItems(plan.warnings)
        self.warnings.setMaximumHeight(90)
        self.warnings.setVisible(bool(plan.warnings))
        if plan.warnings:
            layout.addWidget(QLabel("请注意："))
        layout.addWidget(self.warnings)
        layout.addWidget(ok_cancel_buttons(self, "确定应用"))
        self.restore_state()

    def _departments_text(self) -> str:
        names = self.plan.new_departments
        if not names:
            return "所有部门都已在“部门”中登记，不会新建部门。"
        return f"将新建 {len(names)} 个部门（“部门”中还没有）：" + "、".join(names)

    def _table(self, rows: list[PlannedRow]) -> QTableWidget:
        table = QTableWidget(len(rows), len(HEADERS))
        table.setHorizontalHeaderLabels(list(HEADERS))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        for n, row in enumerate(rows):
            values = (row.where, row.row.name, row.row.department, before_text(row),
                      after_text(row), row.reason)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value.replace("\n", ""))
                cell.setToolTip(value)
                if row.changes_status and column == 4:
                    cell.setBackground(QBrush(CHANGED))
                table.setItem(n, column, cell)
        header = table.horizontalHeader()
        for column, width in enumerate((110, 300, 170, 90, 90)):
            table.setColumnWidth(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        return table

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
