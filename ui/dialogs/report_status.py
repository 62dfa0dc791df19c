"""反馈表报送情况: which county departments have sent their forms back, and a 催报名单.

The rows come from app/report_status.py, the same function `quanze roundtrip
status` prints, so the window and the command line always agree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
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

from app.domain.forms import ReportState
from app.pdf.chase_list import print_chase_list
from app.pdf.fonts import resolve_fonts
from app.report_status import STATUS_HEADERS, StatusRow, chase_list, document_status
from app.storage.repository import Repository
from app.tables.chase_list import export_chase_list
from ui.dialogs.base import BaseDialog
from ui.errors import show_error
from ui.settings import Settings

COLOURS = {ReportState.LATE: "#b00020", ReportState.NOT_DUE: "#8a6d00",
           ReportState.RECEIVED: "#1b7a2f"}


class ReportStatus(BaseDialog):
    name = "report_status"

    def __init__(self, settings: Settings, repo: Repository, numbers: list[str],
                 current: str = "", today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.setWindowTitle("反馈表报送情况")
        self.resize(900, 560)
        self.repo = repo
        self.today = today or dt.date.today()
        self.rows: list[StatusRow] = []
        self.document = QComboBox()
        self.document.addItems(numbers)
        if current in numbers:
            self.document.setCurrentText(current)
        self.document.currentTextChanged.connect(self.reload)
        self.summary = QLabel()
        self.table = QTableWidget(0, len(STATUS_HEADERS))
        self.table.setHorizontalHeaderLabels(list(STATUS_HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel("文件："))
        top.addWidget(self.document, 1)
        buttons = QHBoxLayout()
        self.xlsx_button = QPushButton("导出催报名单（Excel）…")
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button = QPushButton("导出催报名单（PDF，可打印）…")
        self.pdf_button.clicked.connect(self.export_pdf)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.restore_state()
        self.reload()

    def reload(self) -> None:
        number = self.document.currentText()
        self.rows = document_status(self.repo, number, self.today) if number else []
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row.cells()):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == len(STATUS_HEADERS) - 1:
                    cell.setForeground(QColor(COLOURS[row.state]))
                self.table.setItem(r, c, cell)
        counts = {state: sum(r.state == state for r in self.rows) for state in ReportState}
        self.summary.setText(
            f"共 {len(self.rows)} 个部门（按 {self.today.isoformat()} 计）：" + "，".join(
                f"{state} {n}" for state, n in counts.items()) if self.rows
            else "这份文件还没有发出反馈表。请先用“文件 → 导出给部门核对…”发出。")
        pending = bool(chase_list(self.rows))
        self.xlsx_button.setEnabled(pending)
        self.pdf_button.setEnabled(pending)

    def _title(self) -> str:
        return f"{self.document.currentText()}反馈表催报名单"

    def _target(self, suffix: str, kind: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "导出催报名单",
                                              str(Path.home() / f"{self._title()}{suffix}"), kind)
        return Path(name) if name else None

    def export_xlsx(self) -> None:
        path = self._target(".xlsx", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        try:
            export_chase_list(self._title(), chase_list(self.rows), path)
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, "导出完成", f"已导出催报名单：\n{path}")

    def export_pdf(self) -> None:
        path = self._target(".pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return
        try:
            fonts = resolve_fonts(self.settings.font_overrides())
            pages = print_chase_list(self._title(), chase_list(self.rows), fonts, path)
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, "导出完成", f"已导出催报名单（{pages} 页）：\n{path}")
