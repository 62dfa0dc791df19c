"""部门: the department registry with aliases and sectors, and the county's sector table.

Edits to the shown department are undoable until saved (snapshots of its four
fields on `undo_stack`); choosing or saving a department starts a fresh history.
The second tab holds the sector → county department table and the 待指定 list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.departments import Department, Level
from app.domain.sectors import SECTOR_NAMES
from app.storage.changes import Changes, Saved
from app.storage.repository import Repository
from ui.pages.record_page import RecordPage
from ui.undo import SnapshotCommand, UndoKeysToWindow
from ui.widgets.counterparts import CounterpartsPanel


class DepartmentsPage(RecordPage[Department]):
    page_title = "部门"
    what = "部门的修改"
    opens_first = False
    undo_stack: QUndoStack

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(repo, parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["部门名称", "层级", "系统", "别名（简称）", "事项数"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.use_chooser(self.table)

        self.name = QLineEdit()
        self.level = QComboBox()
        self.level.addItems([str(level) for level in Level])
        self.sector = QComboBox()
        self.sector.setEditable(True)
        self.sector.addItems(["", *SECTOR_NAMES])
        self.sector.setToolTip("部门所属的系统（如 公安、农业农村）：上级部门和泛称按系统对应到本县部门")
        self.aliases = QPlainTextEdit()
        self.aliases.setPlaceholderText("每行一个别名，如：\n县公安局\n县级公安部门")
        self.usage = QLabel()
        self.usage.setStyleSheet("color:#666")
        form = QFormLayout()
        form.addRow("部门名称", self.name)
        form.addRow("层级", self.level)
        form.addRow("系统", self.sector)
        form.addRow("别名", self.aliases)
        form.addRow("", self.usage)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("保存部门")
        self.new_button = QPushButton("新增部门")
        self.delete_button = QPushButton("删除部门")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new_record)
        self.delete_button.clicked.connect(self.delete)
        self.name.textChanged.connect(lambda: self._edited("name", "修改部门名称"))
        self.level.currentTextChanged.connect(lambda: self._edited("", "修改层级"))
        self.sector.currentTextChanged.connect(lambda: self._edited("", "修改系统"))
        self.aliases.textChanged.connect(lambda: self._edited("aliases", "修改别名"))
        self.undo_keys = UndoKeysToWindow(self)
        self.undo_keys.watch(self.name, self.aliases)
        self._state = self._saved_state = self._capture()

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        note = QLabel("别名用于导入和筛选：文件里写成别名的部门会归到这里。")
        note.setWordWrap(True)
        editor_layout.addWidget(note)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        editor_layout.addStretch()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(editor)
        self.splitter.setSizes([650, 400])
        self.counterparts = CounterpartsPanel(repo)
        self.counterparts.changed.connect(self._counterparts_changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, "部门登记")
        self.tabs.addTab(self.counterparts, "系统对口部门")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.reload()

    def load(self) -> list[Department]:
        return self.repo.departments.all()

    def fill(self, records: list[Department]) -> None:
        """The registry with each department's item count, and the sector table beside it."""
        counts = self.repo.items.count_by_department()
        self.table.setRowCount(len(records))
        for row, dept in enumerate(records):
            values = (dept.name, str(dept.level), dept.sector, "、".join(dept.aliases),
                      str(counts.get(dept.id, 0)))
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 4:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.counterparts.reload()
        pending = len(self.counterparts.pending)
        self.tabs.setTabText(1, f"系统对口部门（待指定 {pending}）" if pending else "系统对口部门")

    def refresh(self, changes: Changes) -> None:
        """Item counts follow added, removed and moved items; names follow the registry."""
        if changes.item_set or changes.departments:
            self.refill()

    def _counterparts_changed(self, changes: Changes) -> None:
        self.refill()
        self.changed.emit(changes)

    def show_record(self, dept: Department) -> None:
        self._show_fields((dept.name, str(dept.level), dept.sector, "\n".join(dept.aliases)))
        self._reset_history()
        used = 0
        if dept.id is not None:
            used = len(self.repo.items.ids_for_department(dept.id))
        self.usage.setText(f"该部门有 {used} 个事项。" if dept.id else "新部门，尚未保存。")

    def _reset_history(self) -> None:
        self.dirty = False
        self.undo_stack.clear()
        self._state = self._saved_state = self._capture()

    def _show_fields(self, state: tuple[str, str, str, str]) -> None:
        widgets = (self.name, self.level, self.sector, self.aliases)
        for widget in widgets:
            widget.blockSignals(True)
        name, level, sector, aliases = state
        self.name.setText(name)
        self.level.setCurrentText(level)
        self.sector.setCurrentText(sector)
        if self.aliases.toPlainText() != aliases:
            self.aliases.setPlainText(aliases)
        for widget in widgets:
            widget.blockSignals(False)

    def _capture(self) -> tuple[str, str, str, str]:
        return (self.name.text(), self.level.currentText(), self.sector.currentText(),
                self.aliases.toPlainText())

    def _edited(self, key: str, label: str) -> None:
        before, self._state = self._state, self._capture()
        self.undo_stack.push(SnapshotCommand(label, before, self._state, self._restore, key))
        self.dirty = True

    def _restore(self, state: object) -> None:
        assert isinstance(state, tuple)
        self._show_fields(state)
        self._state = state
        self.dirty = state != self._saved_state

    def blank(self) -> Department:
        return Department(name="")

    def started_new(self) -> None:
        self.name.setFocus()

    def write(self, record: Department) -> Saved:
        return self.repo.save_department(record)

    def edited_record(self) -> Department:
        base = self.current or Department(name="")
        aliases = [a.strip() for a in self.aliases.toPlainText().splitlines() if a.strip()]
        return Department(name=self.name.text().strip(), level=Level(self.level.currentText()),
                          aliases=aliases, id=base.id, sector=self.sector.currentText().strip())

    def _cannot_delete(self, names: list[str]) -> None:
        """Which items still name the department: they must move before it can go."""
        assert self.current is not None
        shown = "\n".join(f"{n}. {name}" for n, name in enumerate(names[:15], start=1))
        more = f"\n……共 {len(names)} 个" if len(names) > 15 else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "不能删除部门",
                          f"部门“{self.current.name}”下还有 {len(names)} 个事项，不能删除。\n"
                          f"请先在“事项库”中把这些事项改到其他部门：\n\n{shown}{more}",
                          QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText("知道了")
        if more:
            box.setDetailedText("\n".join(names))
        box.exec()

    def delete(self) -> None:
        if self.current is None or self.current.id is None:
            return
        used = self.repo.items.names_in_department(self.current.id)
        if used:
            self._cannot_delete(used)
            return
        box = QMessageBox(QMessageBox.Icon.Question, "删除部门",
                          f"确定删除部门“{self.current.name}”吗？", parent=self)
        delete = box.addButton("确定删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not delete:
            return
        self.delete_shown(self.repo.delete_department)
