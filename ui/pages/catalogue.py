"""事项库: the filter bar, the lazy table of all items and the detail pane."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.catalogue.service import resolve_cutoff, states_as_of
from app.catalogue.timeline import ItemState
from app.domain.items import ItemStatus, PowerItem
from app.laws.registry import FLAG_CHOICES
from app.storage.changes import Changes
from app.storage.errors import UserError
from app.storage.items import ItemFilter
from app.storage.repository import Repository
from ui.dialogs.item_editor import ItemEditor, department_combo, fill_departments
from ui.dialogs.item_view import ItemView
from ui.models.catalogue import COLUMNS, ItemTableModel
from ui.pages.page import Page
from ui.settings import HIDDEN_COLUMNS, Settings
from ui.widgets.item_detail import ItemDetail

DEBOUNCE_MS = 250
ALL = "全部"


class CataloguePage(Page):
    page_title = "事项库"
    can_create = True
    undo_stack: QUndoStack
    open_document = Signal(int, int, str)
    save_item = Signal(object, object)  # old item or None, new item
    delete_item = Signal(object)

    def __init__(self, repo: Repository, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.model = ItemTableModel(repo)

        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：事项名称、部门、依据、监管措施中的文字（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.department = department_combo(repo, "")
        self.department.lineEdit().setPlaceholderText("全部部门（可输入简称）")
        self.department.setMinimumWidth(200)
        self.type = QComboBox()
        self.status = QComboBox()
        self.document = QComboBox()
        self.document.setEditable(True)
        self.document.lineEdit().setPlaceholderText("全部文件")
        self.document.setMinimumWidth(170)
        self.basis_flag = QComboBox()
        self.basis_flag.addItems([ALL, *FLAG_CHOICES])
        self.basis_flag.setToolTip("依据所引法律法规已废止或已修订、需要核对的事项（在“法规库”中标记）")
        self.as_of = QComboBox()
        self.as_of.setEditable(True)
        self.as_of.lineEdit().setPlaceholderText("今天")
        self.as_of.setToolTip("查看过去某一时点的事项清单：输入日期（如 2021-02-19 或 2021年2月19日，"
                              "指当天结束时）或选择文号（指该文件应用之后）；留空为今天。")
        self.as_of.setMinimumWidth(150)
        self.reset_button = QPushButton("清除条件")
        self.count_label = QLabel()
        self.as_of_label = ""
        # Rebuilding the past takes seconds on 100,000 items: once per time point and data version.
        self._as_of_cache: tuple[tuple[str, int, int], dict[int, ItemState]] | None = None
        self.fill_choices()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self.timer.start)
        self.department.currentTextChanged.connect(self.timer.start)
        self.document.currentTextChanged.connect(self.timer.start)
        self.as_of.currentTextChanged.connect(self.timer.start)
        self.type.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.basis_flag.currentIndexChanged.connect(self.apply_filter)
        self.reset_button.clicked.connect(self.clear_filter)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for label, widget in (("部门", self.department), ("类型", self.type),
                              ("状态", self.status), ("依据", self.basis_flag),
                              ("文件", self.document),
                              ("时点", self.as_of)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget, 1)
        bar.addWidget(self.reset_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.choose_columns)
        header.setStretchLastSection(True)
        for column, width in enumerate((56, 300, 160, 84, 60, 96, 90, 110, 120)):
            self.table.setColumnWidth(column, width)
        # Tab leaves the table (it does not walk its cells); Enter reads, double-click edits.
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(lambda _: self.edit_current())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._after_reset)

        self.detail = ItemDetail()
        self.detail.open_document.connect(self.open_document)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.count_label)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        for keys, step in (("F6", 1), ("Shift+F6", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.cycle_focus(step))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter)
        self._restore_state()
        self._update_count()

    # Filter -----------------------------------------------------------------
    def fill_choices(self) -> None:
        for combo, values in ((self.type, self.repo.lists.item_types()),
                              (self.status, [str(s) for s in ItemStatus])):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ALL, *values])
            combo.setCurrentText(current or ALL)
            combo.blockSignals(False)
        current = self.document.currentText()
        self.document.blockSignals(True)
        self.document.clear()
        numbers = [s.number for s in self.repo.documents.summaries()]
        self.document.addItems(["", *numbers])
        self.document.setCurrentText(current)
        self.document.blockSignals(False)
        current = self.as_of.currentText()
        self.as_of.blockSignals(True)
        self.as_of.clear()
        self.as_of.addItems(["", *numbers])
        self.as_of.setCurrentText(current)
        self.as_of.blockSignals(False)

    def current_filter(self) -> ItemFilter:
        def choice(combo: QComboBox) -> str:
            return "" if combo.currentText() == ALL else combo.currentText()

        return ItemFilter(search=self.search.text().strip(),
                          department=self.department.currentText().strip(),
                          type=choice(self.type), status=choice(self.status),
                          document=self.document.currentText().strip(),
                          basis_flag=choice(self.basis_flag))

    def apply_filter(self) -> None:
        self.timer.stop()
        selected = self.current_id()
        try:
            states = self._states_as_of()
        except UserError as exc:
            self.count_label.setText(f"时点有误：{exc.message}")
            return
        self.model.set_filter(self.current_filter(), states)
        if selected is not None:
            self.select_item(selected)

    def _states_as_of(self) -> dict[int, ItemState] | None:
        text = self.as_of.currentText().strip()
        if not text:
            self.as_of_label = ""
            return None
        version = (text, self.repo.data_version())
        if self._as_of_cache is None or self._as_of_cache[0] != version:
            cutoff = resolve_cutoff(self.repo, text)
            self.as_of_label = cutoff.label
            self._as_of_cache = (version, states_as_of(self.repo, cutoff))
        return self._as_of_cache[1]

    def clear_filter(self) -> None:
        for edit in (self.search, self.department.lineEdit(), self.document.lineEdit(),
                     self.as_of.lineEdit()):
            edit.clear()
        self.type.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.basis_flag.setCurrentIndex(0)
        self.apply_filter()

    def show_document_items(self, number: str) -> None:
        """Only the items a document touched: every other condition cleared."""
        for edit in (self.search, self.department.lineEdit()):
            edit.clear()
        self.type.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.document.setCurrentText(number)
        self.apply_filter()
        self.table.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _after_reset(self) -> None:
        self._update_count()
        if self.current_id() is None:
            self.detail.show_nothing()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        note = "" if self.model.filter.is_empty() else "（已按条件筛选）"
        when = f"{self.as_of_label}的清单：" if self.model.as_of is not None else ""
        self.count_label.setText(f"{when}共 {shown} 个事项{note}")

    # Keyboard ---------------------------------------------------------------
    def cycle_focus(self, step: int) -> None:
        """F6: filter bar → table → detail pane (Shift+F6 backwards)."""
        areas: list[QWidget] = [self.search, self.table, self.detail]
        focused = QApplication.focusWidget()
        current = next((n for n, area in enumerate(areas)
                        if focused is area or (focused is not None and area.isAncestorOf(focused))),
                       0 if self.filter_bar_has(focused) else -1)
        target = areas[(current + step) % len(areas)]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if target is self.search:
            self.search.selectAll()

    def filter_bar_has(self, widget: QWidget | None) -> bool:
        bar = (self.search, self.department, self.type, self.status, self.basis_flag,
               self.document, self.as_of, self.reset_button)
        return widget is not None and any(w is widget or w.isAncestorOf(widget) for w in bar)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._table_key(event)
        return super().eventFilter(watched, event)

    def _table_key(self, event: QKeyEvent) -> bool:
        key, control = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.view_current()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.current_id() is None \
                and self.model.rowCount():
            self.table.selectRow(0)
            self.table.scrollToTop()
            return True
        if control and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.focusNextPrevChild(key == Qt.Key.Key_Tab)
            return True
        return False

    # Selection and detail ---------------------------------------------------
    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_id(rows[0].row()) if rows else None

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            self.detail.show_nothing()
            return
        self.detail.show_item(self.repo.items.get(item_id), self.repo.items.timeline(item_id))

    def refresh(self, changes: Changes) -> None:
        """Query the list again only when which items it holds, or their order, may differ
        (items added or removed, department names or basis flags filtered or sorted on);
        otherwise read back just the changed rows. The selected item stays selected."""
        if changes.documents:
            self.fill_choices()
        if changes.departments:
            fill_departments(self.department, self.repo, "")
        by_department = bool(self.model.filter.department) or self.model.order_by in (
            "department", "lead")
        selected = self.current_id()
        if (changes.item_set or (changes.departments and by_department)
                or (changes.items and self.model.filter.basis_flag)):
            self.model.reload()
            if selected is not None:
                self.select_item(selected)
        elif changes.items:
            self.model.refresh_items(changes.items)
            if selected in changes.items:
                self.show_detail()
        self._update_count()

    # Editing ----------------------------------------------------------------
    def new_record(self) -> None:
        types = self.repo.lists.item_types()
        item = PowerItem(name="", type=types[0] if types else "",
                         department=self.department.currentText().strip())
        editor = ItemEditor(self.repo, self.settings, item, self)
        if editor.exec():
            self.save_item.emit(None, editor.item())

    def view_current(self) -> None:
        """Enter: the item to read; F2 there opens the editor."""
        item_id = self.current_id()
        if item_id is None:
            return
        view = ItemView(self.settings, self.repo.items.get(item_id),
                        self.repo.items.timeline(item_id), self)
        link: list[tuple[int, int, str]] = []
        view.detail.open_document.connect(lambda *target: (link.append(target), view.accept()))
        accepted = view.exec()
        if link:
            self.open_document.emit(*link[0])
        elif accepted and view.wants_edit:
            self.edit_current()

    def edit_current(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            return
        old = self.repo.items.get(item_id)
        editor = ItemEditor(self.repo, self.settings, old, self)
        if editor.exec():
            new = editor.item()
            if new != old:
                self.save_item.emit(old, new)

    def delete_current(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            return
        item = self.repo.items.get(item_id)
        answer = QMessageBox.question(
            self, "删除事项", f"确定删除事项“{item.name}”吗？\n删除后可用“编辑 → 撤销”恢复。")
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_item.emit(item)

    # Columns and state ------------------------------------------------------
    def choose_columns(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column, (_key, label) in enumerate(COLUMNS):
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != 1)
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    def _restore_state(self) -> None:
        self.settings.restore_header("catalogue", self.table.horizontalHeader())
        self.settings.restore_splitter("catalogue", self.splitter)
        hidden = self.settings.get(HIDDEN_COLUMNS)
        if not self.settings.qsettings.contains("header/catalogue"):
            for column in (int(c) for c in hidden.split(",") if c):
                self.table.setColumnHidden(column, True)
            self.splitter.setSizes([700, 450])
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self) -> None:
        self.settings.save_header("catalogue", self.table.horizontalHeader())
        self.settings.save_splitter("catalogue", self.splitter)
