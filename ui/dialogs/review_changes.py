"""Reviewing what departments changed in their returned workbooks, field by field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.layouts import FIELD_LABELS
from app.tables.roundtrip import ReturnedWorkbook, RowChange
from ui.dialogs.base import BaseDialog, ok_cancel_buttons
from ui.models.record_table import Field, RecordTableModel, record_view
from ui.settings import Settings


def _accepted(change: RowChange) -> str:
    return "采纳" if change.accepted else "不采纳"


class ReviewChanges(BaseDialog):
    name = "review_changes"

    def __init__(self, settings: Settings, returned: list[ReturnedWorkbook],
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.setWindowTitle("核对部门反馈的修改")
        self.resize(1200, 760)
        self.returned = returned
        changes = [c for w in returned for c in w.changes]
        self.model = RecordTableModel([
            Field("accepted", "处理", 70, editable=False, get=_accepted,
                  colour=lambda c: "#1b7a2f" if c.accepted else "#b00020"),
            Field("where", "位置", 260, editable=False),
            Field("field", "字段", 110, editable=False,
                  get=lambda c: FIELD_LABELS.get(c.field, c.field)),
            Field("old", "原内容", 320, editable=False, get=lambda c: c.old or "（空）"),
            Field("new", "部门改为", 320, editable=False, get=lambda c: c.new or "（空）")],
            changes)
        self.view = record_view(self.model, fit=True)
        self.view.doubleClicked.connect(lambda index: self.toggle([index.row()]))
        summary = QListWidget()
        for w in returned:
            summary.addItem(f"{w.department or w.path.name}：对上 {w.matched} 行，"
                            f"修改 {len(w.changes)} 处，拒收 {len(w.refused)} 行，"
                            f"提示 {len(w.warnings)} 条")
            for refused in w.refused:
                summary.addItem(f"    拒收：{refused}")
            for warning in w.warnings[:10]:
                summary.addItem(f"    {warning}")
        line = summary.sizeHintForRow(0) if summary.count() else 20
        summary.setFixedHeight(min(6, max(2, summary.count())) * line + 2 * summary.frameWidth())
        summary.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        summary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons_row = QHBoxLayout()
        for label, slot in (("采纳所选", lambda: self.set_selected(True)),
                            ("不采纳所选", lambda: self.set_selected(False)),
                            ("全部采纳", lambda: self.set_all(True)),
                            ("全部不采纳", lambda: self.set_all(False))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons_row.addWidget(button)
        buttons_row.addStretch()
        buttons = ok_cancel_buttons(self, "写入采纳的修改")
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel("双击一行可切换“采纳/不采纳”。写入前不会改动任何数据。"))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(buttons)
        self.restore_state()

    def toggle(self, rows: list[int]) -> None:
        for row in rows:
            change = self.model.records[row]
            change.accepted = not change.accepted
        self._repaint()

    def set_selected(self, accepted: bool) -> None:
        for index in self.view.selectionModel().selectedRows():
            self.model.records[index.row()].accepted = accepted
        self._repaint()

    def set_all(self, accepted: bool) -> None:
        for change in self.model.records:
            change.accepted = accepted
        self._repaint()

    def _repaint(self) -> None:
        last = self.model.index(len(self.model.records) - 1, 0)
        self.model.dataChanged.emit(self.model.index(0, 0), last,
                                    [Qt.ItemDataRole.DisplayRole])
