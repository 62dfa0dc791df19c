"""监管措施模板: standard measures that recur across many items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.measures import MeasureTemplate
from app.storage.repository import Repository
from ui.dialogs.base import confirm_discard
from ui.errors import show_error


class TemplatesPage(QWidget):
    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.current: MeasureTemplate | None = None
        self.dirty = False
        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget::item{padding:4px 2px}")
        self.list.currentRowChanged.connect(self._selected)
        self.title = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("模板内容，可分条写：\n1. …\n2. …")
        self.title.textChanged.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        form = QFormLayout()
        form.addRow("模板名称", self.title)
        form.addRow("措施内容", self.text)
        buttons = QHBoxLayout()
        for label, slot in (("新增模板", self.new), ("保存模板", self.save),
                            ("删除模板", self.delete)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(editor)
        splitter.setSizes([280, 900])
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()

    def reload(self) -> None:
        self.templates = self.repo.lists.templates()
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([t.title for t in self.templates])
        self.list.blockSignals(False)
        if self.templates:
            self.list.setCurrentRow(0)

    def _selected(self, row: int) -> None:
        if row < 0:
            return
        if self.dirty and not confirm_discard(self, "模板的修改"):
            return
        self.show_template(self.templates[row])

    def show_template(self, template: MeasureTemplate) -> None:
        self.current = template
        self.title.blockSignals(True)
        self.text.blockSignals(True)
        self.title.setText(template.title)
        self.text.setPlainText(template.text)
        self.title.blockSignals(False)
        self.text.blockSignals(False)
        self.dirty = False

    def _edited(self) -> None:
        self.dirty = True

    def new(self) -> None:
        if self.dirty and not confirm_discard(self, "模板的修改"):
            return
        self.show_template(MeasureTemplate(title="", text=""))
        self.title.setFocus()

    def save(self) -> bool:
        template = MeasureTemplate(title=self.title.text(), text=self.text.toPlainText(),
                                   id=self.current.id if self.current else None)
        try:
            self.repo.save_template(template)
        except Exception as exc:
            show_error(self, exc)
            return False
        self.dirty = False
        self.reload()
        self.list.setCurrentRow(next(n for n, t in enumerate(self.templates)
                                     if t.id == template.id))
        return True

    def delete(self) -> None:
        if self.current is None or self.current.id is None:
            return
        if QMessageBox.question(self, "删除模板", f"确定删除模板“{self.current.title}”吗？") \
                != QMessageBox.StandardButton.Yes:
            return
        self.repo.delete_template(self.current.id)
        self.current = None
        self.dirty = False
        self.reload()
