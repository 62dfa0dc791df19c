"""A document with every GB/T 9704 element, its body with heading numbers, and annexes.

Unsaved edits are undoable: each edit pushes the editor's state before and after
onto `undo_stack` (text fields, body, and a private copy of the annexes, copied
only when the annexes changed). Opening or saving a document starts a fresh
history, because a saved document's database ids must not be rolled back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor, QUndoStack
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

from app.domain.documents import (
    FORM_DOCUMENT,
    FORM_LETTER,
    Annex,
    Document,
    check_document_number,
    fix_number_brackets,
    parse_date,
)
from ui.undo import SnapshotCommand, UndoKeysToWindow
from ui.widgets.annex_editor import AnnexEditor
from ui.widgets.headings import LEVELS, next_marker

TEXT_FIELDS = (
    ("organ_mark", "发文机关标志", "如：嘉祥县人民政府文件（联合行文用“；”分隔各机关）"),
    ("number", "发文字号", "如：嘉政发〔2022〕1号"),
    ("title", "标题", "如：嘉祥县人民政府关于……的通知"),
    ("recipients", "主送机关", "如：各镇（街道）人民政府（办事处），县政府各部门单位："),
    ("signature", "发文机关署名", "如：嘉祥县人民政府（联合行文用“；”分隔）"),
    ("date", "成文日期", "如：2022年2月20日"),
    ("note", "附注", "如：（此件公开发布）"),
    ("copy_to", "抄送机关", "如：县委各部门，县人大常委会办公室"),
    ("printer", "印发机关", "如：嘉祥县人民政府办公室"),
    ("print_date", "印发日期", "如：2022年2月20日"),
    ("copy_number", "份号", "需要时填写，6位数字，如：000123"),
    ("secrecy", "密级和保密期限", "需要时填写，如：秘密★1年"),
    ("urgency", "紧急程度", "需要时填写：特急 或 加急"),
    ("signer", "签发人", "上行文填写，如：张三"),
)
LINES_IN_ONE_FIELD = ("organ_mark", "signature")  # joint documents: one organ per line


LABELS = {key: label for key, label, _ in TEXT_FIELDS} | {"body": "正文", "with_seal": "加盖印章",
                                                          "form": "信函格式"}
FIELDS_TAB, BODY_TAB, ANNEX_TAB = 0, 1, 2


def _shown(key: str, value: str) -> str:
    """A joint document's organs, one per line when stored, shown in one line split by “；”."""
    return "；".join(value.split("\n")) if key in LINES_IN_ONE_FIELD else value


def _stored(key: str, text: str) -> str:
    if key in LINES_IN_ONE_FIELD:
        return "\n".join(part.strip() for part in text.replace(";", "；").split("；") if part.strip())
    return text.strip()


@dataclass(frozen=True)
class EditorState:
    """What the editor shows; `annexes` is a copy that is never edited in place."""

    fields: dict[str, str | bool]
    annexes: list[Annex]
    annex_row: int


@dataclass(frozen=True)
class Place:
    """Where in the body and the annexes the clerk is, kept when the same document is read
    again (the tab stays by itself: reading a document never changes it). Saving while
    writing the body's last paragraphs used to jump to its top."""

    body_cursor: int
    body_scroll: int
    annex: int
    row: int
    column: int


class DocumentEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = Document(number="", title="")
        self.dirty = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.undo_keys = UndoKeysToWindow(self)

        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, placeholder in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(lambda _text, k=key: self._fields_edited(k))
            self.edits[key] = edit
            form.addRow(label, edit)
        self.number_hint = QLabel()
        self.number_hint.setStyleSheet("color:#b00020")
        self.number_hint.setWordWrap(True)
        self.fix_number_button = QPushButton("改为〔〕")
        self.fix_number_button.setToolTip("把文号中的 [] 或【】改为六角括号〔〕")
        self.fix_number_button.clicked.connect(self.fix_number)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.number_hint, 1)
        hint_row.addWidget(self.fix_number_button)
        form.insertRow(2, "", hint_row)
        self.with_seal = QCheckBox("加盖印章")
        self.with_seal.toggled.connect(lambda _on: self._fields_edited("with_seal"))
        form.addRow("", self.with_seal)
        self.letter = QCheckBox("信函格式（函）：版头为发文机关名称和红色双线，首页不显示页码")
        self.letter.toggled.connect(lambda _on: self._fields_edited("form"))
        form.addRow("", self.letter)
        fields_page = QWidget()
        fields_page.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields_page)

        self.body = QPlainTextEdit()
        self.body.setStyleSheet("QPlainTextEdit{font-size:15px}")
        self.body.setPlaceholderText("正文。每段一行；标题层次依次用“一、”“（一）”“1.”“（1）”。")
        self.body.textChanged.connect(lambda: self._fields_edited("body"))
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
        self.undo_keys.watch(*self.edits.values(), self.body, self.annexes.title)
        self.reset_history()

    def set_document(self, document: Document, place: Place | None = None) -> None:
        """Edit a private copy; the caller's document changes only when saved.

        With `place` (the same document read again after a save or an import) the clerk
        stays on the annex and cell they were at; else the first annex is shown.
        """
        self.document = copy.deepcopy(document)
        for key, edit in self.edits.items():
            edit.setText(_shown(key, getattr(self.document, key)))
        self.with_seal.blockSignals(True)
        self.with_seal.setChecked(self.document.with_seal)
        self.with_seal.blockSignals(False)
        self.letter.blockSignals(True)
        self.letter.setChecked(self.document.is_letter)
        self.letter.blockSignals(False)
        self.body.blockSignals(True)
        self.body.setPlainText(self.document.body)
        self.body.blockSignals(False)
        self.annexes.set_annexes(self.document.annexes, place.annex if place else 0)
        self._refresh_hints()
        self.dirty = False
        self.reset_history()
        if place is not None:
            self._go_back_to(place)

    def place(self) -> Place:
        """Taken before the shown document is read again, handed back to `set_document`."""
        cell = self.annexes.view.currentIndex()
        return Place(self.body.textCursor().position(), self.body.verticalScrollBar().value(),
                     self.annexes.list.currentRow(), cell.row(), cell.column())

    def _go_back_to(self, place: Place) -> None:
        cursor = self.body.textCursor()
        cursor.setPosition(min(place.body_cursor, self.body.document().characterCount() - 1))
        self.body.setTextCursor(cursor)
        self.body.verticalScrollBar().setValue(place.body_scroll)
        if 0 <= place.row < self.annexes.rows.rowCount():
            self.annexes.view.setCurrentIndex(self.annexes.rows.index(place.row, place.column))

    def show_annex_row(self, annex: int, seq: str) -> None:
        """The 附件 tab at one annex, with the row of that 序号 selected and in view."""
        if not 0 <= annex < len(self.document.annexes):
            return
        self.tabs.setCurrentIndex(ANNEX_TAB)
        self.annexes.list.setCurrentRow(annex)
        rows = self.document.annexes[annex].rows
        row = next((n for n, r in enumerate(rows) if r.seq.strip() == seq.strip()), None)
        if row is not None:
            self.annexes.view.selectRow(row)
            self.annexes.view.scrollTo(self.annexes.rows.index(row, 0))
        self.annexes.view.setFocus()

    def reset_history(self) -> None:
        """The present state becomes the start of the undo history (opened or saved)."""
        self.undo_stack.clear()
        self._state = self._capture(annexes_changed=True)
        self._saved_state = self._state

    def edited_document(self) -> Document:
        for key, edit in self.edits.items():
            setattr(self.document, key, _stored(key, edit.text()))
        self.document.with_seal = self.with_seal.isChecked()
        self.document.form = FORM_LETTER if self.letter.isChecked() else FORM_DOCUMENT
        self.document.body = self.body.toPlainText()
        return self.document

    def insert_heading(self, level: int) -> None:
        cursor = self.body.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        before = self.body.toPlainText()[: cursor.position()].split("\n")
        cursor.insertText(next_marker(before, level))
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    def _fields_edited(self, key: str) -> None:
        if key == "number":
            self._fix_brackets()
        self._record(f"修改{LABELS[key]}", key, annexes_changed=False)

    def _fix_brackets(self) -> None:
        """[] or 【】 typed in the 文号 become 〔〕 at once, the cursor staying put."""
        edit = self.edits["number"]
        fixed = fix_number_brackets(edit.text())
        if fixed != edit.text():
            position = edit.cursorPosition()
            edit.setText(fixed)
            edit.setCursorPosition(position)

    def fix_number(self) -> None:
        """The 改为〔〕 button: one click for a number typed elsewhere or saved earlier."""
        self._fix_brackets()
        self._record("文号改用〔〕", "", annexes_changed=False)

    def _annexes_edited(self, label: str, merge_key: str) -> None:
        self._record(label, merge_key, annexes_changed=True)

    # Undo -------------------------------------------------------------------
    def _capture(self, annexes_changed: bool) -> EditorState:
        fields: dict[str, str | bool] = {k: e.text() for k, e in self.edits.items()}
        fields["body"] = self.body.toPlainText()
        fields["with_seal"] = self.with_seal.isChecked()
        fields["form"] = self.letter.isChecked()
        annexes = copy.deepcopy(self.document.annexes) if annexes_changed else self._state.annexes
        return EditorState(fields, annexes, self.annexes.list.currentRow())

    def _record(self, label: str, merge_key: str, annexes_changed: bool) -> None:
        before, after = self._state, self._capture(annexes_changed)
        self._state = after
        self.undo_stack.push(SnapshotCommand(label, before, after, self._restore,
                                             merge_key or None))
        self._after_change()

    def _restore(self, state: object) -> None:
        assert isinstance(state, EditorState)
        shown = self._state
        for key, edit in self.edits.items():
            if edit.text() != state.fields[key]:
                edit.setText(str(state.fields[key]))
        self.with_seal.blockSignals(True)
        self.with_seal.setChecked(bool(state.fields["with_seal"]))
        self.with_seal.blockSignals(False)
        self.letter.blockSignals(True)
        self.letter.setChecked(bool(state.fields["form"]))
        self.letter.blockSignals(False)
        if self.body.toPlainText() != state.fields["body"]:
            self.body.blockSignals(True)
            self.body.setPlainText(str(state.fields["body"]))
            self.body.blockSignals(False)
        if state.annexes is not shown.annexes:
            # Stay on the annex the clerk is looking at unless annexes came or went.
            same_count = len(state.annexes) == len(self.document.annexes)
            row = self.annexes.list.currentRow() if same_count else state.annex_row
            self.document.annexes = copy.deepcopy(state.annexes)
            self.annexes.set_annexes(self.document.annexes, row)
        self._state = state
        self._show_tab_of_change(shown, state)
        self.edited_document()
        self._after_change()

    def _show_tab_of_change(self, old: EditorState, new: EditorState) -> None:
        if old.annexes is not new.annexes:
            self.tabs.setCurrentIndex(ANNEX_TAB)
        elif old.fields["body"] != new.fields["body"]:
            self.tabs.setCurrentIndex(BODY_TAB)
        elif old.fields != new.fields:
            self.tabs.setCurrentIndex(FIELDS_TAB)

    def _after_change(self) -> None:
        """Unsaved unless back at the very state that was opened or saved."""
        self.dirty = self._state is not self._saved_state or self.document.id is None
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
        self.fix_number_button.setVisible(fix_number_brackets(number) != number)
        self.number_hint.setText("\n".join(problems))
        self.number_hint.setVisible(bool(problems))
        lines = self.document.attachment_lines()
        self.attachment_preview.setText("\n".join(lines) if lines else "（本文件没有附件）")
