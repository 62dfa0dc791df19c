"""法规库: the laws items cite, marking one repealed or amended, and the items that now need review.

Citations are read from every item's basis as it is saved; the clerk only
records what happened to a law, and every item citing it is flagged at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.laws.publish import export_report, print_report
from app.laws.registry import FlaggedItem, Law, LawStatus
from app.laws.service import laws, mark, report
from app.pdf.fonts import resolve_fonts
from app.storage.changes import Changes
from app.storage.repository import Repository
from ui.dialogs.base import ok_cancel_buttons
from ui.errors import show_error
from ui.pages.page import Page
from ui.settings import Settings

LAW_HEADERS = ("状态", "法律法规", "文号", "制定机关", "修订日期", "废止日期", "改变它的文件或会议",
               "引用事项", "事项依据中的提示")
FLAGGED_HEADERS = ("县级部门 / 事项", "状态", "所引法律法规", "条款", "核对提示")
STATUS_COLOURS = {LawStatus.REPEALED: QColor("#f8d7da"), LawStatus.AMENDED: QColor("#fff3cd")}


class MarkDialog(QDialog):
    """The date and the document behind a repeal or an amendment."""

    def __init__(self, law: Law, status: LawStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"标记为{status}")
        verb = "废止" if status is LawStatus.REPEALED else "修订"
        self.date = QLineEdit(law.repealed if status is LawStatus.REPEALED else law.amended)
        self.date.setPlaceholderText("如 2019-11-29 或 2019年11月29日")
        self.changed_by = QLineEdit(law.changed_by)
        self.changed_by.setPlaceholderText(f"{verb}它的文件或会议")
        form = QFormLayout(self)
        form.addRow(QLabel(f"{law.display}{'（' + law.hint + '）' if law.hint else ''}"))
        form.addRow(f"{verb}日期", self.date)
        form.addRow(f"{verb}依据", self.changed_by)
        form.addRow(ok_cancel_buttons(self, f"标记为{status}"))
        self.resize(560, 160)


def _cell(text: str, tip: str = "") -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    cell.setToolTip(tip or text)
    return cell


class LawsPage(Page):
    page_title = "法规库"
    open_item = Signal(int)
    changed = Signal(object)  # Changes: the items citing a law whose status was marked

    def __init__(self, repo: Repository, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.laws: list[Law] = []
        self._laws_stale = False
        self.table = QTableWidget(0, len(LAW_HEADERS))
        self.table.setHorizontalHeaderLabels(list(LAW_HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((64, 0, 130, 190, 90, 90, 260, 70, 220)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._show_citing)

        self.repeal_button = QPushButton("标记为已废止…")
        self.amend_button = QPushButton("标记为已修订…")
        self.in_force_button = QPushButton("恢复为现行")
        self.export_button = QPushButton("导出核对清单（Excel）…")
        self.print_button = QPushButton("生成核对清单 PDF…")
        self.repeal_button.clicked.connect(lambda: self.ask_mark(LawStatus.REPEALED))
        self.amend_button.clicked.connect(lambda: self.ask_mark(LawStatus.AMENDED))
        self.in_force_button.clicked.connect(lambda: self.mark_current(LawStatus.IN_FORCE))
        self.export_button.clicked.connect(self.ask_export)
        self.print_button.clicked.connect(self.ask_print)
        bar = QHBoxLayout()
        for button in (self.repeal_button, self.amend_button, self.in_force_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.print_button)

        self.citing = QTableWidget(0, 4)
        self.citing.setHorizontalHeaderLabels(["事项名称", "实施部门", "县级部门", "状态"])
        self.citing.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.citing.verticalHeader().hide()
        self.citing.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.citing.cellDoubleClicked.connect(
            lambda row, _c: self.open_item.emit(self.citing.item(row, 0).data(
                Qt.ItemDataRole.UserRole)))
        self.review = QTreeWidget()
        self.review.setHeaderLabels(list(FLAGGED_HEADERS))
        for column, width in enumerate((470, 60, 300, 110)):
            self.review.setColumnWidth(column, width)
        self.review.itemDoubleClicked.connect(self._open_flagged)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.citing, "引用所选法规的事项")
        self.tabs.addTab(self.review, "依据需核对的事项（按县级部门）")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.tabs)
        splitter.setSizes([380, 420])
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(splitter)
        self.reload()

    # Showing ------------------------------------------------------------------
    def refresh(self, changes: Changes) -> None:
        """Items cite laws: the table is read again now if shown, else when next shown."""
        if changes.item_set or changes.items:
            self._laws_stale = True
            if self.isVisible():
                self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self._laws_stale = False
        self.laws = laws(self.repo).all()
        self.table.setRowCount(len(self.laws))
        for row, law in enumerate(self.laws):
            values = (str(law.status), law.display, law.number, law.issuer, law.amended,
                      law.repealed, law.changed_by, str(law.citing), law.hint)
            for column, text in enumerate(values):
                cell = _cell(text, law.note if column == 1 and law.note else "")
                colour = STATUS_COLOURS.get(law.status)
                if colour is not None:
                    cell.setBackground(QBrush(colour))
                self.table.setItem(row, column, cell)
        if select_id is not None:
            self.select_law(select_id)
        self._review_stale = True
        if self.isVisible():
            self._show_review()

    def showEvent(self, event: QShowEvent) -> None:
        """The review list is built when the page is first seen, not at start-up: at
        100,000 items it holds tens of thousands of rows and delayed the window by seconds."""
        if self._laws_stale:
            self.reload()
        if self._review_stale:
            self._show_review()
        super().showEvent(event)

    def select_law(self, law_id: int) -> None:
        row = next((n for n, law in enumerate(self.laws) if law.id == law_id), None)
        if row is not None:
            self.table.selectRow(row)

    def current_law(self) -> Law | None:
        rows = self.table.selectionModel().selectedRows()
        return self.laws[rows[0].row()] if rows else None

    def _show_citing(self) -> None:
        law = self.current_law()
        ids = laws(self.repo).citing_items(law.id) if law and law.id else []
        self.citing.setRowCount(len(ids))
        for row, item_id in enumerate(ids):
            item = self.repo.items.get(item_id)
            name = _cell(item.name)
            name.setData(Qt.ItemDataRole.UserRole, item_id)
            self.citing.setItem(row, 0, name)
            for column, text in enumerate((item.department, item.lead, str(item.status)), 1):
                self.citing.setItem(row, column, _cell(text))
        enabled = law is not None
        for button in (self.repeal_button, self.amend_button, self.in_force_button):
            button.setEnabled(enabled)

    def _show_review(self) -> None:
        self._review_stale = False
        grouped = report(self.repo)
        self.review.clear()
        for department, items in grouped.items():
            top = QTreeWidgetItem([f"{department}（{len(items)}项）"])
            for flagged in items:
                child = QTreeWidgetItem([flagged.name, flagged.status, flagged.law,
                                         flagged.articles, flagged.flag])
                child.setData(0, Qt.ItemDataRole.UserRole, flagged.item_id)
                top.addChild(child)
            self.review.addTopLevelItem(top)
            top.setExpanded(True)
        total = sum(len(v) for v in grouped.values())
        changed = sum(1 for law in self.laws if law.status is not LawStatus.IN_FORCE)
        self.summary.setText(f"法规库共 {len(self.laws)} 部，其中已废止或已修订 {changed} 部；"
                             f"依据需核对的事项 {total} 项，涉及 {len(grouped)} 个县级部门。")
        self.export_button.setEnabled(bool(total))
        self.print_button.setEnabled(bool(total))

    def _open_flagged(self, item: QTreeWidgetItem, _column: int) -> None:
        item_id = item.data(0, Qt.ItemDataRole.UserRole)
        if item_id is not None:
            self.open_item.emit(item_id)

    # Marking ------------------------------------------------------------------
    def ask_mark(self, status: LawStatus) -> None:
        law = self.current_law()
        if law is None:
            return
        dialog = MarkDialog(law, status, self)
        if dialog.exec():
            self.mark_current(status, dialog.date.text(), dialog.changed_by.text())

    def mark_current(self, status: LawStatus, date: str = "", changed_by: str = "") -> None:
        law = self.current_law()
        if law is None:
            return
        try:
            marked, flagged = mark(self.repo, law.key, status, date, changed_by)
        except Exception as exc:
            show_error(self, exc)
            return
        self.reload(select_id=marked.id)
        self.tabs.setCurrentIndex(1 if flagged else 0)
        assert marked.id is not None
        self.changed.emit(Changes(items=frozenset(laws(self.repo).citing_items(marked.id))))

    # Output -------------------------------------------------------------------
    def grouped(self) -> dict[str, list[FlaggedItem]]:
        return report(self.repo)

    def _ask(self, title: str, suffix: str, kind: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, str(Path.home() / f"依据需核对的事项{suffix}"), kind)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def ask_export(self) -> None:
        path = self._ask("导出核对清单", ".xlsx", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        try:
            export_report(self.grouped(), path)
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, "导出完成", f"每个县级部门一张表，已导出到：\n{path}")

    def ask_print(self) -> None:
        path = self._ask("生成核对清单 PDF", ".pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return
        try:
            pages = print_report(self.grouped(), resolve_fonts(self.settings.font_overrides()),
                                 path)
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, "已生成 PDF", f"共 {pages} 页：\n{path}")
