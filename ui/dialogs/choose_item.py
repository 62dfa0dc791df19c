"""选择其他事项: when the right county item is not among the candidates, find it by name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.items import ItemFilter, ItemRow
from app.storage.repository import Repository
from ui.dialogs.base import ok_cancel_buttons

LIMIT = 200


class ChooseItemDialog(QDialog):
    """Type part of a name (or department); Enter or double-click takes the highlighted item."""

    def __init__(self, repo: Repository, upper_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("选择本县事项")
        self.chosen: ItemRow | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入事项名称或部门中的几个字")
        self.search.textChanged.connect(self.refresh)
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"上级事项：{upper_name}"))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(ok_cancel_buttons(self, "选定"))
        self.resize(720, 520)
        self.search.setText(upper_name[:4])
        self.search.setFocus()

    def refresh(self, text: str) -> None:
        self.list.clear()
        ids = self.repo.items.query_ids(ItemFilter(search=text.strip()), "name")
        for row in self.repo.items.rows(ids[:LIMIT]):
            item = QListWidgetItem(f"{row.name}（{row.department}，{row.status}）")
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.list.addItem(item)
        more = f"，只列出前 {LIMIT} 项，请多输入几个字" if len(ids) > LIMIT else ""
        self.count.setText(f"找到 {len(ids)} 项{more}。")
        if self.list.count():
            self.list.setCurrentRow(0)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.search.hasFocus():
            self.list.setFocus()
            self.list.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        current = self.list.currentItem()
        if current is None:
            return
        self.chosen = current.data(Qt.ItemDataRole.UserRole)
        super().accept()
