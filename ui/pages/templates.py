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
from app.storage.changes import Saved
from app.storage.repository import Repository
from ui.pages.record_page import RecordPage


class TemplatesPage(RecordPage[MeasureTemplate]):
    page_title = "监管措施模板"
    what = "模板的修改"

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(repo, parent)
        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget::item{padding:4px 2px}")
        self.use_chooser(self.list)
        self.title = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("模板内容，可分条写：\n1. …\n2. …")
        self.title.textChanged.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        form = QFormLayout()
        form.addRow("模板名称", self.title)
        form.addRow("措施内容", self.text)
        buttons = QHBoxLayout()
        for label, slot in (("新增模板", self.new_record), ("保存模板", self.save),
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

    def load(self) -> list[MeasureTemplate]:
        return self.repo.lists.templates()

    def fill(self, records: list[MeasureTemplate]) -> None:
        self.list.clear()
        self.list.addItems([t.title for t in records])

    def show_record(self, record: MeasureTemplate) -> None:
        for edit in (self.title, self.text):
            edit.blockSignals(True)
        self.title.setText(record.title)
        self.text.setPlainText(record.text)
        for edit in (self.title, self.text):
            edit.blockSignals(False)

    def _edited(self) -> None:
        self.dirty = True

    def blank(self) -> MeasureTemplate:
        return MeasureTemplate(title="", text="")

    def started_new(self) -> None:
        self.title.setFocus()

    def edited_record(self) -> MeasureTemplate:
        return MeasureTemplate(title=self.title.text(), text=self.text.toPlainText(),
                               id=self.current.id if self.current else None)

    def write(self, record: MeasureTemplate) -> Saved:
        return self.repo.save_template(record)

    def delete(self) -> None:
        if self.current is None or self.current.id is None:
            return
        if QMessageBox.question(self, "删除模板", f"确定删除模板“{self.current.title}”吗？") \
                != QMessageBox.StandardButton.Yes:
            return
        self.delete_shown(self.repo.delete_template)
