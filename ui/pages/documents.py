"""文件: the list of documents and the editor of the chosen one."""

from __future__ import annotations

import copy
from collections.abc import Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.apply import ApplyResult, apply_plan, plan_apply
from app.domain.documents import Annex, Document, fix_number_brackets, parse_date
from app.storage.changes import EVERYTHING, Changes
from app.storage.repository import Repository
from ui.dialogs.apply_confirm import ApplyConfirm
from ui.dialogs.base import confirm_discard
from ui.errors import show_error
from ui.pages.page import Page
from ui.settings import Settings
from ui.widgets.document_editor import DocumentEditor, Place
from ui.widgets.spaced_lines import SpacedLines


class DocumentsPage(Page):
    page_title = "文件"
    can_save = True
    can_create = True
    changed = Signal(object)  # Changes: what saving, applying or deleting here changed
    show_items = Signal(str)  # a document number: show the items it touched
    print_requested = Signal(object)
    export_requested = Signal(object)
    word_requested = Signal(object)

    def __init__(self, repo: Repository, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.list = QListWidget()
        # One line each for number, title and date: a wrapped title had its last line cut
        # off. A long title is shortened with “…” and shown whole in the tooltip.
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        self.list.setItemDelegate(SpacedLines(self.list))
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._selected)
        self._shown_row = -1
        new_button = QPushButton("新建文件")
        copy_button = QPushButton("复制为新文件")
        copy_button.setToolTip("以所选文件为底稿新建（如下一年度的通知），附件表格留空")
        delete_button = QPushButton("删除文件")
        new_button.clicked.connect(lambda: self.new_record())
        copy_button.clicked.connect(self.copy_document)
        delete_button.clicked.connect(self.delete_document)
        left_buttons = QHBoxLayout()
        for button in (new_button, copy_button, delete_button):
            left_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list)
        left_layout.addLayout(left_buttons)

        self.editor = DocumentEditor()
        self.editor.changed.connect(self._update_title)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size:15px; font-weight:bold")
        self.heading.setWordWrap(True)
        actions = QHBoxLayout()
        for label, slot in (("保存（Ctrl+S）", self.save), ("应用到事项库", self.apply),
                            ("打印预览", self.print_current),
                            ("导出 Excel", lambda: self._request(self.export_requested)),
                            ("导出 Word", lambda: self._request(self.word_requested))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        self.save_note = QLabel()
        self.save_note.setWordWrap(True)
        self.save_note.hide()
        right_layout.addWidget(self.save_note)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.editor)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([280, 1100])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.reload()

    @property
    def undo_stack(self) -> QUndoStack:
        return self.editor.undo_stack

    @property
    def dirty(self) -> bool:
        return self.editor.dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self.editor.dirty = value

    def refresh_departments(self) -> None:
        """The annex table explains department names through the current registry."""
        self.editor.annexes.rows.item_types = self.repo.lists.item_types()
        self.editor.annexes.rows.set_registry(self.repo.departments.registry(),
                                              self.repo.counterparts.counterparts())

    def refresh(self, changes: Changes) -> None:
        """Another page or an import changed the file: the open document is read again where
        the clerk was, unless it holds unsaved edits (they stay)."""
        if changes.departments:
            self.refresh_departments()
        if changes.documents or changes.annex_rows:
            self._list_documents()
            self._read_again()

    def _list_documents(self) -> None:
        """List the documents again, the open one marked (none if it is new or gone)."""
        self.summaries = self.repo.documents.summaries()
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.summaries:
            item = QListWidgetItem(f"{s.number}\n{s.title}\n{s.date}　附件 {s.annex_count} 个，"
                                   f"共 {s.row_count} 行")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(f"{s.number}\n{s.title}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._shown_row = self._row_of(self.editor.document.id)
        self._mark_shown()

    def _row_of(self, document_id: int | None) -> int:
        return next((n for n, s in enumerate(self.summaries)
                     if document_id is not None and s.id == document_id), -1)

    def _mark_shown(self) -> None:
        """The list shows the open document as chosen without reporting it as a new choice."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(self._shown_row)
        self.list.blockSignals(False)

    def reload(self, select_id: int | None = None) -> None:
        """List the documents again and open the one with `select_id` (else the first) as the
        file holds it; unsaved edits are asked about first."""
        self.refresh_departments()
        self._list_documents()
        row = self._row_of(select_id)
        if self.summaries:
            self._open(max(row, 0))
        else:
            self.editor.set_document(Document(number="", title=""))

    def open_document(self, document_id: int) -> None:
        row = self._row_of(document_id)
        if row >= 0:
            self.list.setCurrentRow(row)

    def _selected(self, row: int) -> None:
        if row >= 0 and row != self._shown_row:
            self._open(row)

    def _open(self, row: int) -> None:
        """Show the document of list row `row`; the one already open keeps the clerk's place.

        Declining to drop unsaved edits keeps them, and the list goes back to their document.
        """
        if self.editor.dirty and not confirm_discard(self, "文件的修改"):
            self._mark_shown()
            return
        document = self.repo.documents.get(self.summaries[row].id)
        same = document.id == self.editor.document.id
        if not same:
            self.save_note.hide()
        self._show(row, document, self.editor.place() if same else None)

    def _show(self, row: int, document: Document, place: Place | None) -> None:
        self._shown_row = row
        self._mark_shown()
        self.editor.set_document(document, place)
        self._update_title()

    def _read_again(self) -> None:
        """The open document as the file now holds it, where the clerk was; unsaved edits stay,
        and an unchanged document is left alone (its undo history too)."""
        if self.editor.dirty or self._shown_row < 0:
            return
        document = self.repo.documents.get(self.summaries[self._shown_row].id)
        if document != self.editor.document:
            self._show(self._shown_row, document, self.editor.place())

    def holds_edits_of(self, numbers: Collection[str]) -> bool:
        """Whether unsaved edits are open for a stored document with one of these 文号: an action
        about to write into it must have them saved or dropped first, or saving them later
        would write over what the action wrote."""
        return (self.editor.dirty and self._shown_row >= 0
                and self.summaries[self._shown_row].number in numbers)

    def _update_title(self) -> None:
        doc = self.editor.document
        mark = "（未保存）" if self.editor.dirty else ""
        self.heading.setText(f"{doc.number or '新文件'}　{doc.title}{mark}")

    def new_record(self, template: Document | None = None) -> None:
        if self.editor.dirty and not confirm_discard(self, "文件的修改"):
            return
        self.list.clearSelection()
        self._shown_row = -1
        self.editor.set_document(template or Document(number="", title=""))
        self.editor.dirty = True
        self.editor.tabs.setCurrentIndex(0)
        self.editor.edits["organ_mark"].setFocus()
        self._update_title()

    def copy_document(self) -> None:
        source = copy.deepcopy(self.editor.edited_document())
        source.id = None
        source.number = ""
        source.date = ""
        source.print_date = ""
        for annex in source.annexes:
            annex.id = None
            annex.rows = []
            annex.title = annex.base_title()
        self.new_record(source)

    def save(self) -> bool:
        """Save; a 文号 with [] or 【】 is saved with 〔〕, and an empty 成文日期 is pointed out."""
        number = self.editor.edits["number"].text()
        if fix_number_brackets(number) != number:
            self.editor.fix_number()
        doc = self.editor.edited_document()
        try:
            saved = self.repo.save_document(doc)
        except Exception as exc:
            show_error(self, exc)
            return False
        self.editor.dirty = False
        self.reload(select_id=saved.id)
        self._saved_note(doc, fixed=fix_number_brackets(number) != number)
        self.changed.emit(saved)
        return True

    def discard(self) -> None:
        self.editor.dirty = False
        self.reload(select_id=self.editor.document.id)

    def show_imported(self, annexes: list[Annex]) -> None:
        """After the import wizard: the 附件 tab at the first imported annex, and what came in."""
        ids = [a.id for a in annexes]
        positions = [n for n, a in enumerate(self.editor.document.annexes, start=1) if a.id in ids]
        if not positions:
            return
        self.editor.show_annex_row(positions[0] - 1, "")
        rows = sum(len(a.rows) for a in annexes)
        where = "、".join(f"附件{n}" for n in positions)
        self.tell(f"已导入 {rows} 行到{where}。", ok=True)

    def tell(self, text: str, ok: bool) -> None:
        """A note under the heading that stays until another document is opened."""
        self.save_note.setText(text)
        self.save_note.setStyleSheet("color:#1b7a2f" if ok else "color:#b00020")
        self.save_note.show()

    def _saved_note(self, doc: Document, fixed: bool) -> None:
        notes = []
        if fixed:
            notes.append(f"文号中的括号已改为〔〕：{doc.number}。")
        if not doc.date.strip():
            notes.append("成文日期还没有填写：打印前检查不会通过，应用到事项库时事项的状态日期会留空。")
        elif parse_date(doc.date) is None:
            notes.append(f"成文日期“{doc.date}”不是“2021年2月20日”的写法：应用时状态日期会留空。")
        self.tell("已保存。" + "".join(notes), ok=not notes)

    def apply(self) -> None:
        """Show what applying would change, and write it only when the clerk confirms."""
        if self.editor.dirty and not self.save():
            return
        doc = self.editor.document
        if doc.id is None:
            return
        try:
            plan = plan_apply(self.repo, doc.id)
        except Exception as exc:
            show_error(self, exc)
            return
        if not ApplyConfirm(self.settings, plan, self).exec():
            return
        try:
            result = apply_plan(self.repo, plan)
        except Exception as exc:
            show_error(self, exc)
            return
        self.changed.emit(EVERYTHING)
        self._read_again()
        self._report_applied(doc.number, result)

    def _report_applied(self, number: str, result: ApplyResult) -> None:
        lines = [f"已改变 {result.status_changed} 个事项的状态；更新事项 {result.matched} 个，"
                 f"新增事项 {result.created} 个，此前已应用 {result.unchanged} 行。"]
        if result.warnings:
            lines += ["", "请注意：", *result.warnings[:20]]
        box = QMessageBox(QMessageBox.Icon.Information, "应用到事项库", "\n".join(lines),
                          QMessageBox.StandardButton.Close, self)
        box.button(QMessageBox.StandardButton.Close).setText("关闭")
        show = box.addButton("查看这些事项", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(show)
        box.exec()
        if box.clickedButton() is show:
            self.show_items.emit(number)

    def print_current(self) -> None:
        self._request(self.print_requested)

    def _request(self, signal: Signal) -> None:
        if self.editor.dirty and not self.save():
            return
        if self.editor.document.id is not None:
            signal.emit(self.editor.document)

    def delete_document(self) -> None:
        doc = self.editor.document
        if doc.id is None:
            return
        if QMessageBox.question(self, "删除文件", f"确定删除文件“{doc.number}”及其全部附件吗？") \
                != QMessageBox.StandardButton.Yes:
            return
        changes = self.repo.delete_document(doc.id)
        self.editor.dirty = False
        self.reload(select_id=self._neighbour())
        self.changed.emit(changes)

    def _neighbour(self) -> int | None:
        """The document listed after the open one, else before it: shown once it is deleted."""
        row = self._shown_row
        rest = self.summaries[row + 1:row + 2] or self.summaries[max(row - 1, 0):row]
        return rest[0].id if rest else None
