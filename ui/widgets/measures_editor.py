"""Measures as a lead sentence plus numbered items the clerk can add, remove and reorder."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.measures import Measures, MeasureTemplate


class MeasuresEditor(QWidget):
    changed = Signal()

    def __init__(self, templates: list[MeasureTemplate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates = templates
        self.lead = QLineEdit()
        self.lead.setPlaceholderText("引导语，如：取消许可后，县公安局要通过以下措施加强监管：")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemChanged.connect(self._renumber_and_notify)
        self.lead.textChanged.connect(self.changed)

        buttons = QHBoxLayout()
        for text, slot in (("添加一条", self.add_item), ("删除", self.remove_item),
                           ("上移", lambda: self.move(-1)), ("下移", lambda: self.move(1))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.template_button = QToolButton()
        self.template_button.setText("插入模板")
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.template_button)
        for template in templates:
            menu.addAction(template.title, lambda t=template: self.insert_template(t))
        if not templates:
            menu.addAction("（还没有监管措施模板）").setEnabled(False)
        self.template_button.setMenu(menu)
        buttons.addWidget(self.template_button)
        buttons.addStretch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lead)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        hint = QLabel("双击一条措施可修改；序号自动编排。")
        hint.setStyleSheet("color:#666")
        layout.addWidget(hint)

    def set_text(self, text: str) -> None:
        measures = Measures.parse(text)
        self.list.blockSignals(True)
        self.lead.blockSignals(True)
        self.lead.setText(measures.lead)
        self.list.clear()
        for entry in measures.items:
            self._append(entry)
        self._renumber()
        self.list.blockSignals(False)
        self.lead.blockSignals(False)

    def text(self) -> str:
        items = [self.list.item(n).data(Qt.ItemDataRole.UserRole) or ""
                 for n in range(self.list.count())]
        return Measures(lead=self.lead.text().strip(),
                        items=[i.strip() for i in items if i.strip()]).to_text()

    def _append(self, text: str, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem()
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(Qt.ItemDataRole.UserRole, text)
        self.list.insertItem(self.list.count() if row is None else row, item)
        return item

    def _renumber(self) -> None:
        self.list.blockSignals(True)
        for n in range(self.list.count()):
            item = self.list.item(n)
            item.setText(f"{n + 1}. {item.data(Qt.ItemDataRole.UserRole)}")
        self.list.blockSignals(False)

    def _renumber_and_notify(self, item: QListWidgetItem) -> None:
        text = item.text()
        head, sep, rest = text.partition(". ")
        item.setData(Qt.ItemDataRole.UserRole, rest if sep and head.isdigit() else text)
        self._renumber()
        self.changed.emit()

    def add_item(self) -> None:
        row = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        item = self._append("", row)
        self._renumber()
        self.list.setCurrentItem(item)
        item.setText("")
        self.list.editItem(item)
        self.changed.emit()

    def insert_template(self, template: MeasureTemplate) -> None:
        parsed = Measures.parse(template.text)
        entries = parsed.items or [template.text.strip()]
        row = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        for offset, entry in enumerate(entries):
            self._append(entry, row + offset)
        self._renumber()
        self.changed.emit()

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._renumber()
            self.changed.emit()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._renumber()
        self.changed.emit()
