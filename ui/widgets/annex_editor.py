"""The annexes of a document: add, remove, reorder, choose a layout, edit and paste rows.

Every change is announced with `changed(label, merge_key)`: the label names the
step for 撤销/重做, and edits sharing a merge key (typing one title) are one step.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.clipboard import annex_rows, parse_table
from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel
from app.domain.layouts import ANNEX_LAYOUT_IDS, builtin_layout
from app.domain.row_checks import check_rows
from app.domain.row_checks import summary as paste_summary
from ui.models.annex import AnnexRowsModel
from ui.models.record_table import Field, record_view, selected_rows

NONE = "（不指定）"


def row_fields(layout_id: str) -> list[Field]:
    layout = builtin_layout(layout_id)
    return [Field(c.key, c.header.replace("\n", ""), max(50, int(c.width * 9)))
            for c in layout.columns]


class AnnexEditor(QWidget):
    changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.annexes: list[Annex] = []
        self.current: Annex | None = None
        self._rows_label = ""

        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget::item{padding:1px 2px}")
        self.list.currentRowChanged.connect(self._selected)
        list_buttons = QHBoxLayout()
        for label, slot in (("添加附件", self.add_annex), ("删除附件", self.remove_annex),
                            ("上移", lambda: self.move_annex(-1)),
                            ("下移", lambda: self.move_annex(1))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            list_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left.setFixedWidth(420)
        self.list.setMaximumHeight(110)
        left_layout.addWidget(QLabel("附件（按顺序编号）"))
        left_layout.addWidget(self.list)
        left_layout.addLayout(list_buttons)

        self.title = QLineEdit()
        self.title.textEdited.connect(self._title_edited)
        self.layout_combo = QComboBox()
        for layout_id in ANNEX_LAYOUT_IDS:
            self.layout_combo.addItem(builtin_layout(layout_id).name, layout_id)
        self.layout_combo.currentIndexChanged.connect(self._layout_chosen)
        self.kind = QComboBox()
        self.kind.addItems([NONE, *[str(k) for k in ChangeKind]])
        self.level = QComboBox()
        self.level.addItems([NONE, *[str(v) for v in ChangeLevel]])
        for combo in (self.kind, self.level):
            # Wide enough for （不指定） and 委托实施 with the arrow, whatever the style.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance(NONE) + 48)
        self.kind.currentTextChanged.connect(self._kind_chosen)
        self.level.currentTextChanged.connect(self._kind_chosen)
        self.count_note = QLabel()
        self.count_note.setWordWrap(True)
        self.fix_title = QPushButton("按实际行数改标题")
        self.fix_title.clicked.connect(self.update_title_count)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_note, 1)
        count_row.addWidget(self.fix_title)
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind)
        kinds.addWidget(QLabel("作出调整的层级"))
        kinds.addWidget(self.level)
        kinds.addStretch()
        form = QFormLayout()
        form.addRow("附件标题", self.title)
        form.addRow("表格样式", self.layout_combo)
        form.addRow("调整类别", kinds)
        form.addRow("", count_row)

        self.rows = AnnexRowsModel(row_fields(ANNEX_LAYOUT_IDS[0]))
        self.rows.edited.connect(self._rows_edited)
        self.view = record_view(self.rows, fit=True)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.view)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._cell_menu)
        row_buttons = QHBoxLayout()
        for label, slot in (("添加行", self.add_row), ("删除所选行", self.remove_rows),
                            ("上移", lambda: self.move_row(-1)), ("下移", lambda: self.move_row(1)),
                            ("从 Excel/WPS/Word 粘贴（Ctrl+V）", self.paste)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            row_buttons.addWidget(button)
        row_buttons.addStretch()
        self.paste_note = QLabel()
        self.paste_note.setWordWrap(True)
        self.undo_paste_button = QPushButton("撤销粘贴")
        self.undo_paste_button.clicked.connect(self.undo_paste)
        self.paste_bar = QWidget()
        paste_bar = QHBoxLayout(self.paste_bar)
        paste_bar.setContentsMargins(0, 0, 0, 0)
        paste_bar.addWidget(self.paste_note, 1)
        paste_bar.addWidget(self.undo_paste_button)
        self.paste_bar.hide()
        self._pasted: list[AnnexRow] = []
        hint = QLabel("在 Excel、WPS 或 Word 中选中表格行并复制，然后点“粘贴”。"
                      "带表头复制时按表头对应各列，否则按本表的列顺序。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#666")

        # The annex list and its fields sit above the table, so the table (the
        # clerk's real work) gets the whole width for its seven columns.
        self.right = QWidget()
        self.right.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(left)
        top.addSpacing(12)
        top.addWidget(self.right, 1)
        self.table_area = QWidget()
        table_layout = QVBoxLayout(self.table_area)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.paste_bar)
        table_layout.addWidget(self.view, 1)
        table_layout.addLayout(row_buttons)
        table_layout.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table_area, 1)

    # Annex list -------------------------------------------------------------
    def set_annexes(self, annexes: list[Annex], select: int = 0) -> None:
        self.annexes = annexes
        self._fill_list(min(max(select, 0), len(annexes) - 1))

    def _fill_list(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([f"附件{n}  {a.title}" for n, a in enumerate(self.annexes, 1)])
        self.list.blockSignals(False)
        self.right.setEnabled(bool(self.annexes))
        self.table_area.setEnabled(bool(self.annexes))
        if select >= 0:
            self.list.setCurrentRow(select)
        else:
            self.current = None
            self.rows.set_records([])
            self.title.clear()

    def _selected(self, row: int) -> None:
        if not 0 <= row < len(self.annexes):
            return
        self._pasted = []
        self.paste_bar.hide()
        annex = self.annexes[row]
        self.current = annex
        for widget in (self.title, self.layout_combo, self.kind, self.level):
            widget.blockSignals(True)
        self.title.setText(annex.title)
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(annex.layout)))
        self.kind.setCurrentText(str(annex.change_kind) if annex.change_kind else NONE)
        self.level.setCurrentText(str(annex.change_level) if annex.change_level else NONE)
        for widget in (self.title, self.layout_combo, self.kind, self.level):
            widget.blockSignals(False)
        layout_id = annex.layout if annex.layout in ANNEX_LAYOUT_IDS else ANNEX_LAYOUT_IDS[0]
        self.rows.set_records(annex.rows, row_fields(layout_id))
        self._update_count()

    def add_annex(self) -> None:
        self.annexes.append(Annex(title="取消行政权力事项", layout=ANNEX_LAYOUT_IDS[0],
                                  change_kind=ChangeKind.CANCEL, change_level=ChangeLevel.COUNTY))
        self._fill_list(len(self.annexes) - 1)
        self.title.setFocus()
        self.title.selectAll()
        self.changed.emit("添加附件", "")

    def remove_annex(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.annexes):
            del self.annexes[row]
            self._fill_list(min(row, len(self.annexes) - 1))
            self.changed.emit("删除附件", "")

    def move_annex(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.annexes) and 0 <= target < len(self.annexes):
            self.annexes[row], self.annexes[target] = self.annexes[target], self.annexes[row]
            self._fill_list(target)
            self.changed.emit("移动附件", "")

    # Annex fields -----------------------------------------------------------
    def _title_edited(self, text: str, label: str = "修改附件标题") -> None:
        if self.current is not None:
            row = self.list.currentRow()
            self.current.title = text
            self.list.item(row).setText(f"附件{row + 1}  {text}")
            self._update_count()
            self.changed.emit(label, f"annex-title-{row}" if label == "修改附件标题" else "")

    def _layout_chosen(self) -> None:
        if self.current is not None:
            self.current.layout = self.layout_combo.currentData()
            self.rows.set_records(self.current.rows, row_fields(self.current.layout))
            self.changed.emit("更改表格样式", "")

    def _kind_chosen(self) -> None:
        if self.current is None:
            return
        kind, level = self.kind.currentText(), self.level.currentText()
        self.current.change_kind = None if kind == NONE else ChangeKind(kind)
        self.current.change_level = None if level == NONE else ChangeLevel(level)
        self.changed.emit("更改调整类别", "")

    def _update_count(self) -> None:
        annex = self.current
        if annex is None:
            return
        stated, actual = annex.stated_count(), len(annex.rows)
        if stated is None:
            self.count_note.setText(f"共 {actual} 行。标题中没有写项数（如“（{actual}项）”）。")
            self.count_note.setStyleSheet("color:#666")
        elif stated != actual:
            self.count_note.setText(f"标题写的是 {stated} 项，表格实际有 {actual} 行，请核对。")
            self.count_note.setStyleSheet("color:#b00020; font-weight:bold")
        else:
            self.count_note.setText(f"共 {actual} 行，与标题一致。")
            self.count_note.setStyleSheet("color:#1b7a2f")
        self.fix_title.setEnabled(stated != actual)

    def update_title_count(self) -> None:
        if self.current is not None:
            self.title.setText(self.current.counted_title())
            self._title_edited(self.title.text(), "按实际行数改标题")

    # Rows -------------------------------------------------------------------
    def _rows_edited(self) -> None:
        label, self._rows_label = self._rows_label or "修改表格内容", ""
        if self.rows.problems:
            self.rows.recheck()
        if self.paste_bar.isVisible():
            self._show_paste_note()
        self._update_count()
        self.changed.emit(label, "")

    def _labelled(self, label: str) -> None:
        """Names the next row change for 撤销/重做 (the model's signal carries no label)."""
        self._rows_label = label

    def _insert_position(self) -> int:
        rows = selected_rows(self.view)
        return rows[-1] + 1 if rows else len(self.rows.records)

    def add_row(self) -> None:
        if self.current is None:
            return
        position = self._insert_position()
        self._labelled("添加行")
        self.rows.insert_records(position, [AnnexRow(seq=str(position + 1))])
        self.view.edit(self.rows.index(position, 1))

    def remove_rows(self) -> None:
        self._labelled("删除行")
        self.rows.remove_rows(selected_rows(self.view))
        self._rows_label = ""

    def move_row(self, step: int) -> None:
        rows = selected_rows(self.view)
        if len(rows) == 1:
            self._labelled("移动行")
            target = self.rows.move_row(rows[0], step)
            self._rows_label = ""
            self.view.selectRow(target)

    def paste(self) -> int:
        """Rows from the clipboard, inserted after the selection; returns how many."""
        if self.current is None:
            return 0
        text = QGuiApplication.clipboard().text()
        return self.paste_text(text)

    def paste_text(self, text: str) -> int:
        """Insert the rows and check them cell by cell, with 撤销粘贴 at hand."""
        if self.current is None:
            return 0
        rows = annex_rows(parse_table(text), builtin_layout(self.current.layout))
        self._labelled(f"粘贴 {len(rows)} 行")
        self.rows.flag(rows)
        self._pasted = rows
        self.paste_bar.show()
        self.rows.insert_records(self._insert_position(), rows)
        self._rows_label = ""
        self.view.resizeRowsToContents()
        self._show_paste_note()
        return len(rows)

    def _show_paste_note(self) -> None:
        pasted = {id(r) for r in self._pasted}
        present = [n for n, r in enumerate(self.rows.records) if id(r) in pasted]
        problems = check_rows([self.rows.records[n] for n in present], self.rows.item_types,
                              self.rows.counterparts)
        self.paste_note.setText(paste_summary(len(present), problems))
        serious = any(p.serious for p in problems)
        self.paste_note.setStyleSheet("color:#b00020; font-weight:bold" if serious
                                      else "color:#8a4b00" if problems else "color:#1b7a2f")
        self.undo_paste_button.setEnabled(bool(present))

    def undo_paste(self) -> None:
        """Take the rows of the last paste out again (itself a step 撤销 can undo)."""
        pasted = {id(r) for r in self._pasted}
        rows = [n for n, r in enumerate(self.rows.records) if id(r) in pasted]
        self._pasted = []
        self.paste_bar.hide()
        if rows:
            self._labelled("撤销粘贴")
            self.rows.remove_rows(rows)
            self._rows_label = ""

    def _cell_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        row, column = index.row(), index.column()
        merged = self.rows.is_merged(row, column)
        menu = QMenu(self.view)
        action = QAction("取消同上（本行单独填写）" if merged else "与上一行合并（同上）", menu)
        action.setEnabled(merged or row > 0)
        action.triggered.connect(lambda: self.set_merged(row, column, not merged))
        menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def set_merged(self, row: int, column: int, merged: bool) -> None:
        self._labelled("合并单元格" if merged else "取消合并单元格")
        self.rows.set_merged(row, column, merged)
        self._rows_label = ""
