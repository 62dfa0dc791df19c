"""系统对口部门: which county department answers for each sector, and the 待指定 list.

Documents name departments of every level; the county can only send work to
its own. Here the clerk sets, once, which county department answers for each
sector (广电 in the 文化和旅游局, 地方金融 in the 金融服务中心 …) and settles the
texts nothing could place. Saving works every row and item out again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.sectors import SECTORS
from app.storage.changes import Changes
from app.storage.counterparts import PendingText
from app.storage.repository import Repository
from ui.errors import show_error

WORDS = {s.name: "、".join(s.words) for s in SECTORS}


def _combo(choices: list[str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.addItems(["", *choices])
    combo.setCurrentText(current)
    return combo


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class CounterpartsPanel(QWidget):
    changed = Signal(object)  # Changes: the rows and items worked out anew

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.saved: dict[str, str] = {}
        self.pending: list[PendingText] = []

        self.trial = QLineEdit()
        self.trial.setPlaceholderText("试一试：输入文件中写的部门，如 省商务厅、广电部门、市场监管、自然资源和规划部门")
        self.trial_result = QLabel()
        self.trial_result.setWordWrap(True)
        self.trial.textChanged.connect(self._try)

        self.table = _table(["系统", "本县负责部门", "文件中的写法（识别用词）"])
        add = QPushButton("新增系统…")
        add.clicked.connect(self.add_sector)
        save = QPushButton("保存对口表")
        save.clicked.connect(self.save)
        self.save_button = save
        sector_buttons = QHBoxLayout()
        sector_buttons.addWidget(add)
        sector_buttons.addStretch()
        sector_buttons.addWidget(save)
        sectors = QWidget()
        sectors_layout = QVBoxLayout(sectors)
        sectors_layout.setContentsMargins(0, 0, 0, 0)
        sectors_layout.addWidget(QLabel("每个系统由哪个本县部门负责（反馈表、报送和事项库的部门筛选都按这里对应）："))
        sectors_layout.addWidget(self.table, 1)
        sectors_layout.addLayout(sector_buttons)

        self.pending_table = _table(["文件中的写法", "系统", "指定给本县部门"])
        settle = QPushButton("指定所选")
        settle.clicked.connect(self.settle_selected)
        pending = QWidget()
        pending_layout = QVBoxLayout(pending)
        pending_layout.setContentsMargins(0, 0, 0, 0)
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        pending_layout.addWidget(self.pending_label)
        pending_layout.addWidget(self.pending_table, 1)
        pending_layout.addWidget(settle, 0, Qt.AlignmentFlag.AlignRight)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(sectors)
        splitter.addWidget(pending)
        splitter.setSizes([620, 430])
        layout = QVBoxLayout(self)
        layout.addWidget(self.trial)
        layout.addWidget(self.trial_result)
        layout.addWidget(splitter, 1)

    def reload(self) -> None:
        self.saved = self.repo.counterpart_table()
        county = self.repo.counterparts.county_departments()
        sectors = list(dict.fromkeys([*WORDS, *self.saved]))
        self.table.setRowCount(len(sectors))
        for row, sector in enumerate(sectors):
            self.table.setItem(row, 0, QTableWidgetItem(sector))
            self.table.setCellWidget(row, 1, _combo(county, self.saved.get(sector, "")))
            self.table.setItem(row, 2, QTableWidgetItem(WORDS.get(sector, sector)))
        self.pending = self.repo.pending_departments()
        self.pending_table.setRowCount(len(self.pending))
        for row, entry in enumerate(self.pending):
            self.pending_table.setItem(row, 0, QTableWidgetItem(entry.text))
            self.pending_table.setItem(row, 1, QTableWidgetItem(entry.sector or "（看不出）"))
            self.pending_table.setCellWidget(row, 2, _combo(county, ""))
        self.pending_label.setText(
            f"待指定：{len(self.pending)} 处写法还没有对应的本县部门。指定一次，以后自动对应。"
            if self.pending else "待指定：没有。文件中写到的部门都已对应到本县部门。")
        self._try()

    def table_choices(self) -> dict[str, str]:
        return {self.table.item(r, 0).text(): self.table.cellWidget(r, 1).currentText()
                for r in range(self.table.rowCount())}

    def save(self) -> None:
        changes = {k: v for k, v in self.table_choices().items() if v != self.saved.get(k, "")}
        if not changes:
            return
        try:
            moved = self.repo.set_counterparts(changes)
        except Exception as exc:
            show_error(self, exc)
            return
        count = len(moved.annex_rows) + len(moved.items)
        QMessageBox.information(self, "系统对口部门",
                                f"已保存 {len(changes)} 个系统的对口部门，{count} 个附件行和事项的牵头、配合部门随之更新。")
        self.reload()
        self.changed.emit(moved)

    def add_sector(self) -> None:
        name, ok = QInputDialog.getText(self, "新增系统", "系统名称（如 行政征用、人防）：")
        if not ok or not name.strip():
            return
        row = self.table.rowCount()
        self.table.setRowCount(row + 1)
        self.table.setItem(row, 0, QTableWidgetItem(name.strip()))
        self.table.setCellWidget(row, 1, _combo(self.repo.counterparts.county_departments(), ""))
        self.table.setItem(row, 2, QTableWidgetItem(name.strip()))
        self.table.selectRow(row)

    def settle_selected(self) -> None:
        rows = sorted({i.row() for i in self.pending_table.selectedIndexes()}) or range(
            self.pending_table.rowCount())
        answers = [(self.pending[r].text, self.pending_table.cellWidget(r, 2).currentText())
                   for r in rows]
        answers = [(text, dept) for text, dept in answers if dept]
        if not answers:
            QMessageBox.information(self, "待指定", "请先在“指定给本县部门”一栏选择部门。")
            return
        settled = Changes()
        try:
            for text, dept in answers:
                settled |= self.repo.settle_department(text, dept)
        except Exception as exc:
            show_error(self, exc)
            return
        self.reload()
        self.changed.emit(settled)

    def _try(self) -> None:
        text = self.trial.text().strip()
        if not text:
            self.trial_result.setText("")
            return
        found = self.repo.counterparts.counterparts().resolve_all(text)
        self.trial_result.setText("；".join(
            f"{r.text} → {r.county_department or '（待指定）'}：{r.how}" for r in found))
