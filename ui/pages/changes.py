"""清单变化: what changed in the catalogue between two dates or two documents, and why.

The clerk picks two moments (a date, or a document meaning "right after it"),
reads the changes with the document behind each one, and saves them as the
annex tables of the next notice or prints them as a table.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.catalogue.annexes import export_comparison, print_comparison
from app.catalogue.compare import Comparison
from app.catalogue.service import compare_between, draft_notice
from app.catalogue.timeline import chinese_date
from app.pdf.fonts import resolve_fonts
from app.storage.changes import Changes
from app.storage.repository import Repository
from ui.errors import show_error
from ui.pages.page import Page
from ui.settings import Settings
from ui.worker import JobProgress, JobRunner

HEADERS = ("变化类型", "实施部门", "事项名称", "事项类型", "变化前", "变化后", "日期", "依据文件")
WHEN_TIP = "日期（如 2021-02-19 或 2021年2月19日，指当天结束时）或文号（指该文件应用之后）"


class ChangesPage(Page):
    page_title = "清单变化"
    open_item = Signal(int)

    def __init__(self, repo: Repository, settings: Settings, jobs: JobRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.jobs = jobs
        self.comparison: Comparison | None = None
        self.start = self._when_combo("起点")
        self.end = self._when_combo("今天")
        self.compare_button = QPushButton("比较")
        self.export_button = QPushButton("导出为附件表格（Excel）…")
        self.print_button = QPushButton("生成对照表 PDF…")
        self.summary = QLabel("选择两个时点（日期或文号），然后点“比较”。")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((76, 190, 0, 90, 70, 70, 110, 220)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.cellDoubleClicked.connect(self._open_row)

        self.compare_button.clicked.connect(self.run_compare)
        self.export_button.clicked.connect(self.ask_export)
        self.print_button.clicked.connect(self.ask_print)
        bar = QHBoxLayout()
        for label, widget in (("起点", self.start), ("终点", self.end)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget, 1)
        for button in (self.compare_button, self.export_button, self.print_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.fill_choices()
        self._update_buttons()

    def _when_combo(self, placeholder: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.lineEdit().setPlaceholderText(placeholder)
        combo.setToolTip(WHEN_TIP)
        combo.setMinimumWidth(200)
        return combo

    def refresh(self, changes: Changes) -> None:
        """The time points offered are the documents'."""
        if changes.documents:
            self.fill_choices()

    def fill_choices(self) -> None:
        numbers = [s.number for s in self.repo.documents.summaries()]
        for combo in (self.start, self.end):
            current = combo.currentText()
            combo.clear()
            combo.addItems(["", *numbers])
            combo.setCurrentText(current)

    def compare(self, start: str, end: str) -> None:
        self.start.setCurrentText(start)
        self.end.setCurrentText(end)
        self.run_compare()

    def run_compare(self) -> None:
        try:
            self.comparison = compare_between(self.repo, self.start.currentText(),
                                              self.end.currentText())
        except Exception as exc:
            show_error(self, exc)
            return
        self._show(self.comparison)

    def _show(self, comparison: Comparison) -> None:
        self.summary.setText(f"{comparison.start.label}至{comparison.end.label}："
                             f"{comparison.summary()}。双击一行可在事项库中查看该事项。")
        self.table.setRowCount(len(comparison.rows))
        for n, row in enumerate(comparison.rows):
            values = (str(row.kind), row.department, row.name, row.type, row.before, row.after,
                      chinese_date(row.date), row.reason)
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if column in (2, 4, 5) else row.document_title)
                self.table.setItem(n, column, cell)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_rows = bool(self.comparison and self.comparison.rows)
        self.export_button.setEnabled(has_rows)
        self.print_button.setEnabled(has_rows)

    def _open_row(self, row: int, _column: int) -> None:
        if self.comparison is not None:
            self.open_item.emit(self.comparison.rows[row].item_id)

    # Output -----------------------------------------------------------------
    def export_to(self, path: Path) -> None:
        """Write the annex workbook as a job of the window: reading each item's basis and
        writing thousands of rows takes a while, and the clerk may stop it."""
        assert self.comparison is not None
        comparison, db_path = self.comparison, self.repo.path

        def work(progress: JobProgress) -> Path:
            with Repository.open(db_path, readonly=True) as repo:
                draft = draft_notice(repo, comparison)
            return export_comparison(comparison, draft, path, progress).path

        self.jobs.run("正在导出附件表格…", work, lambda saved: QMessageBox.information(
            self, "导出完成", f"已按正式附件格式导出到：\n{saved}"))

    def print_to(self, path: Path) -> None:
        """Lay out the change table as a job of the window, with progress and 取消."""
        assert self.comparison is not None
        comparison, fonts = self.comparison, self.settings.font_overrides()

        def work(progress: JobProgress) -> int:
            return print_comparison(comparison, resolve_fonts(fonts), path, progress)

        self.jobs.run("正在生成对照表 PDF…", work, lambda pages: QMessageBox.information(
            self, "已生成 PDF", f"共 {pages} 页：\n{path}"))

    def _ask(self, title: str, suffix: str, kind: str) -> Path | None:
        assert self.comparison is not None
        name = f"{self.comparison.start.label}至{self.comparison.end.label}事项变化{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), kind)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def ask_export(self) -> None:
        path = self._ask("导出为附件表格", ".xlsx", "Excel 工作簿 (*.xlsx)")
        if path is not None:
            self.export_to(path)

    def ask_print(self) -> None:
        path = self._ask("生成对照表 PDF", ".pdf", "PDF 文件 (*.pdf)")
        if path is not None:
            self.print_to(path)
