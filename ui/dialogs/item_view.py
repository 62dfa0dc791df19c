"""An item to read: Enter in the catalogue opens this, and F2 (or 修改) opens the editor.

Reading is what a clerk does most; opening the editor for it invites an edit
by a stray key, so the editor is one deliberate key away instead.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from app.domain.items import PowerItem, TimelineEntry
from ui.dialogs.base import BaseDialog
from ui.settings import Settings
from ui.widgets.item_detail import ItemDetail


class ItemView(BaseDialog):
    name = "item_view"

    def __init__(self, settings: Settings, item: PowerItem, timeline: list[TimelineEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.wants_edit = False
        self.setWindowTitle(f"查看事项：{item.name}")
        self.resize(720, 640)
        self.detail = ItemDetail()
        self.detail.show_item(item, timeline)
        buttons = QDialogButtonBox()
        self.edit_button = buttons.addButton("修改（F2）", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        close.setDefault(True)
        self.edit_button.clicked.connect(self.edit)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("F2"), self, self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.detail, 1)
        layout.addWidget(buttons)
        self.restore_state()

    def edit(self) -> None:
        self.wants_edit = True
        self.accept()
