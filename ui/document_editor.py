"""A document with every GB/T 9704 element, its body with heading numbers, and annexes."""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import Document, check_document_number, parse_date
from ui.annex_editor import AnnexEditor
from ui.headings import LEVELS, next_marker

TEXT_FIELDS = (
    ("organ_mark", "发文机关标志", "如：嘉祥县人民政府文件"),
    ("number", "发文字号", "如：嘉政发〔2022〕1号"),
    ("title", "标题", "如：嘉祥县人民政府关于……的通知"),
    ("recipients", "主送机关", "如：各镇（街道）人民政府（办事处），县政府各部门单位："),
    ("signature", "发文机关署名", "如：嘉祥县人民政府"),
    ("date", "成文日期", "如：2022年2月20日"),
    ("note", "附注", "如：（此件公开发布）"),
    ("copy_to", "抄送机关", "如：县委各部门，县人大常委会办公室"),
    ("printer", "印发机关", "如：嘉祥县人民政府办公室"),
    ("print_date", "印发日期", "如：2022年2月20日"),
)


class DocumentEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = Document(number="", title="")
        self.dirty = False

        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, placeholder in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(self._fields_edited)
            self.edits[key] = edit
            form.addRow(label, edit)
        self.number_hint = QLabel()
        self.number_hint.setStyleSheet("color:#b00020")
        self.number_hint.setWordWrap(True)
        form.insertRow(2, "", self.number_hint)
        self.with_seal = QCheckBox("加盖印章")
        self.with_seal.toggled.connect(self._fields_edited)
        form.addRow("", self.with_seal)
        fields_page = QWidget()
        fields_page.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields_page)

        self.body = QPlainTextEdit()
        self.body.setPlaceholderText("正文。每段一行；标题层次依次用“一、”“（一）”“1.”“（1）”。")
        self.body.textChanged.connect(self._fields_edited)
        heading_bar = QHBoxLayout()
        heading_bar.addWidget(QLabel("插入标题序号："))
        for level, (example, _pattern) in enumerate(LEVELS):
            button = QPushButton(f"{example}（第{'一二三四'[level]}层）")
            button.clicked.connect(lambda _=False, lv=level: self.insert_heading(lv))
            heading_bar.addWidget(button)
        heading_bar.addStretch()
        self.attachment_preview = QLabel()
        self.attachment_preview.setWordWrap(True)
        self.attachment_preview.setStyleSheet("background:#f7f7f2; padding:6px;")
        body_page = QWidget()
        body_layout = QVBoxLayout(body_page)
        body_layout.addLayout(heading_bar)
        body_layout.addWidget(self.body)
        body_layout.addWidget(QLabel("附件说明（根据附件自动生成）："))
        body_layout.addWidget(self.attachment_preview)

        self.annexes = AnnexEditor()
        self.annexes.changed.connect(self._annexes_edited)

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "文件要素")
        self.tabs.addTab(body_page, "正文")
        self.tabs.addTab(self.annexes, "附件")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_document(self, document: Document) -> None:
        """Edit a private copy; the caller's document changes only when saved."""
        self.document = copy.deepcopy(document)
        for key, edit in self.edits.items():
            edit.setText(getattr(self.document, key))
        self.with_seal.blockSignals(True)
        self.with_seal.setChecked(self.document.with_seal)
        self.with_seal.blockSignals(False)
        self.body.blockSignals(True)
        self.body.setPlainText(self.document.body)
        self.body.blockSignals(False)
        self.annexes.set_annexes(self.document.annexes)
        self._refresh_hints()
        self.dirty = False

    def edited_document(self) -> Document:
        for key, edit in self.edits.items():
            setattr(self.document, key, edit.text().strip())
        self.document.with_seal = self.with_seal.isChecked()
        self.document.body = self.body.toPlainText()
        return self.document

    def insert_heading(self, level: int) -> None:
        cursor = self.body.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        before = self.body.toPlainText()[: cursor.position()].split("\n")
        cursor.insertText(next_marker(before, level))
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    def _fields_edited(self) -> None:
        self.dirty = True
        self._refresh_hints()
        self.changed.emit()

    def _annexes_edited(self) -> None:
        self.dirty = True
        self._refresh_hints()
        self.changed.emit()

    def _refresh_hints(self) -> None:
        problems = []
        number = self.edits["number"].text().strip()
        if number:
            message = check_document_number(number)
            if message:
                problems.append(message)
        for key in ("date", "print_date"):
            text = self.edits[key].text().strip()
            if text and parse_date(text) is None:
                label = "成文日期" if key == "date" else "印发日期"
                problems.append(f"{label}应写成“2021年2月20日”（阿拉伯数字，不加0）。")
        self.number_hint.setText("\n".join(problems))
        self.number_hint.setVisible(bool(problems))
        lines = self.document.attachment_lines()
        self.attachment_preview.setText("\n".join(lines) if lines else "（本文件没有附件）")
