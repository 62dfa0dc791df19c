"""上级清单对照: the clerk goes through an upper-level list row by row and confirms.

Keyboard first, because a list has hundreds of rows: ↑↓ move between rows,
Enter takes the highlighted candidate (the first by default), 1–5 take that
candidate, N says the county has no such item, F finds any other county item
by name, Backspace withdraws a decision.
Each decision is saved (and audited) at once and the cursor moves on to the
next row needing review; the list is read and ranked off the GUI thread, with
progress.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.matching.decisions import Choice, Decision
from app.matching.draft import draft_notice
from app.matching.ranking import EXACT, Candidate
from app.matching.upper_list import MatchedRow, MatchReport, match_file
from app.storage.repository import Repository
from ui.dialogs.choose_item import ChooseItemDialog
from ui.errors import show_error
from ui.models.matching import MatchRowsModel, status_of
from ui.pages.page import Page
from ui.worker import JobProgress, JobRunner

CANDIDATE_HEADERS = ("键", "本县事项", "实施部门", "得分", "理由")
HINT = ("↑↓ 选行　Enter 采纳选中的候选　1–5 采纳第几个候选　N 本县无此事项　"
        "F 选择其他事项　Backspace 撤销确认")
SHOWN = 5
ROW_WIDTHS = {0: 56, 2: 190, 4: 150}
FILE_FILTER = "表格或通知 (*.xlsx *.xlsm *.xls *.docx *.pdf)"


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if tip:
        cell.setToolTip(tip)
    return cell


def _setup(table: QTableView) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)


class MatchingPage(Page):
    page_title = "上级清单对照"
    document_created = Signal(int)

    def __init__(self, repo: Repository, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.jobs = jobs
        self.report: MatchReport | None = None
        self.last_draft = ""
        self.open_button = QPushButton("打开上级清单…")
        self.open_button.clicked.connect(self.choose_file)
        self.draft_button = QPushButton("生成通知草稿…")
        self.draft_button.clicked.connect(self.make_draft)
        self.draft_button.setEnabled(False)
        self.other_button = QPushButton("选择其他事项…")
        self.other_button.clicked.connect(self.choose_other)
        self.summary = QLabel("打开省、市下发的事项清单（Excel 或 Word 表格），逐行核对本县对应的事项。")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.summary, 1)
        top.addWidget(self.other_button)
        top.addWidget(self.draft_button)
        self.model = MatchRowsModel()
        self.rows = QTableView()
        self.rows.setModel(self.model)
        _setup(self.rows)
        self.rows.setWordWrap(False)  # one line a row: thousands of rows show at once
        self.rows.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_candidates(current.row()))
        self.candidates = QTableWidget(0, len(CANDIDATE_HEADERS))
        self.candidates.setHorizontalHeaderLabels(list(CANDIDATE_HEADERS))
        _setup(self.candidates)
        self.candidates.cellDoubleClicked.connect(lambda row, _c: self.take_candidate(row))
        header = self.candidates.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # Fixed widths for the list: measuring thousands of rows' contents would stall the window.
        header = self.rows.horizontalHeader()
        for column, width in ROW_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.rows.installEventFilter(self)
        self.candidates.installEventFilter(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.rows)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        self.row_title = QLabel()
        self.row_title.setWordWrap(True)
        below_layout.addWidget(self.row_title)
        below_layout.addWidget(self.candidates)
        hint = QLabel(HINT)
        hint.setStyleSheet("color:#555")
        below_layout.addWidget(hint)
        splitter.addWidget(below)
        splitter.setSizes([520, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # Reading the list -----------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择上级下发的事项清单", str(Path.home()),
                                              FILE_FILTER)
        if name:
            self.open_list(Path(name))

    def open_list(self, path: Path, sheet: str = "") -> bool:
        """Read and rank in the background; the page fills when it is done."""
        db_path = self.repo.path

        def work(progress: JobProgress) -> MatchReport:
            progress.report(0, 0, f"正在读取并对照“{path.name}”…")
            with Repository.open(db_path, readonly=True) as repo:
                return match_file(path, repo, sheet, progress)

        return self.jobs.run(f"正在对照“{path.name}”…", work, self.show_report)

    def show_report(self, report: MatchReport) -> None:
        self.report = report
        self.model.show(report)
        self.draft_button.setEnabled(bool(report.rows))
        self._update_summary()
        if report.rows:
            first = next((n for n, r in enumerate(report.rows) if r.needs_review), 0)
            self.select_row(first)
        self.rows.setFocus()

    def select_row(self, n: int) -> None:
        self.rows.setCurrentIndex(self.model.index(n, 1))

    def current(self) -> int:
        return self.rows.currentIndex().row()

    def _update_summary(self) -> None:
        assert self.report is not None
        rows = self.report.rows
        waiting = sum(r.needs_review for r in rows)
        decided = sum(r.decision is not None for r in rows)
        sure = len(rows) - waiting - decided
        self.summary.setText(f"{self.report.path.name}：共 {len(rows)} 行，有把握 {sure} 行，"
                             f"已确认 {decided} 行，待核对 {waiting} 行。")

    def _show_candidates(self, n: int) -> None:
        self.candidates.setRowCount(0)
        if self.report is None or not 0 <= n < len(self.report.rows):
            return
        row = self.report.rows[n]
        self.row_title.setText(f"第 {row.upper.row.seq or n + 1} 行：{row.upper.row.name}"
                               f"（{row.upper.row.department or '部门未写'}）— {status_of(row)}")
        shown = row.ranking.candidates[:SHOWN]
        self.candidates.setRowCount(len(shown))
        match = row.ranking.match
        chosen = match.item_id if match and match.confident else None
        for k, candidate in enumerate(shown):
            mark = "✔ " if candidate.item_id == chosen else ""
            for column, text in enumerate((f"{mark}{k + 1}", candidate.name, candidate.department,
                                           f"{candidate.score:.0f}", candidate.why)):
                self.candidates.setItem(k, column, _item(text, candidate.why))
        QTimer.singleShot(0, self.candidates.resizeRowsToContents)  # once the columns have widths
        if shown:
            self.candidates.setCurrentCell(0, 1)

    # Decisions ------------------------------------------------------------------
    def current_row(self) -> MatchedRow | None:
        n = self.current()
        if self.report is None or not 0 <= n < len(self.report.rows):
            return None
        return self.report.rows[n]

    def take_candidate(self, k: int) -> None:
        row = self.current_row()
        if row is None or not 0 <= k < min(SHOWN, len(row.ranking.candidates)):
            return
        candidate = row.ranking.candidates[k]
        self._decide(row, Decision(row.upper.key, Choice.ITEM, candidate.item_id,
                                   row.upper.row.name, row.upper.row.department))

    def choose_other(self) -> None:
        """The right item is not among the candidates: the clerk finds it by name."""
        row = self.current_row()
        if row is None:
            return
        dialog = ChooseItemDialog(self.repo, row.upper.row.name, self)
        if dialog.exec() and dialog.chosen is not None:
            self.take_item(row, dialog.chosen.id, dialog.chosen.name, dialog.chosen.department)

    def take_item(self, row: MatchedRow, item_id: int, name: str, department: str) -> None:
        candidate = Candidate(item_id, name, department, EXACT, "经办人选定")
        self._decide(row, Decision(row.upper.key, Choice.ITEM, item_id, row.upper.row.name,
                                   row.upper.row.department), candidate)

    def none_here(self) -> None:
        row = self.current_row()
        if row is not None:
            self._decide(row, Decision(row.upper.key, Choice.NONE, None, row.upper.row.name,
                                       row.upper.row.department))

    def withdraw(self) -> None:
        row = self.current_row()
        if row is None or row.decision is None or self.report is None:
            return
        try:
            self.repo.clear_match_decision(self.report.list_key, row.upper.key)
        except Exception as exc:
            show_error(self, exc)
            return
        row.decide(None)
        self._refresh_current(advance=False)

    def _decide(self, row: MatchedRow, decision: Decision,
                chosen: Candidate | None = None) -> None:
        assert self.report is not None
        try:
            self.repo.save_match_decision(self.report.list_key, decision)
        except Exception as exc:
            show_error(self, exc)
            return
        row.decide(decision, chosen)
        self._refresh_current(advance=True)

    def _refresh_current(self, advance: bool) -> None:
        n = self.current()
        self.model.changed(n)
        self._update_summary()
        if advance and self.report is not None and n + 1 < len(self.report.rows):
            self.select_row(self._next_to_review(n))
        else:
            self._show_candidates(n)
        self.rows.setFocus()

    def _next_to_review(self, n: int) -> int:
        """After a decision: the next row that needs the clerk, else simply the next row.

        In a list of hundreds of sure rows, the clerk's keys go where the work is.
        """
        assert self.report is not None
        rows = self.report.rows
        return next((k for k in range(n + 1, len(rows)) if rows[k].needs_review), n + 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.take_candidate(max(self.candidates.currentRow(), 0))
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.take_candidate(key - Qt.Key.Key_1)
        elif key == Qt.Key.Key_N:
            self.none_here()
        elif key == Qt.Key.Key_F:
            self.choose_other()
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.withdraw()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.candidates.hasFocus():
            return False
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self.select_row(min(max(self.current() + step, 0), self.model.rowCount() - 1))
        elif key == Qt.Key.Key_Tab:
            self.candidates.setFocus()
        else:
            return False
        return True

    # The draft ------------------------------------------------------------------
    def make_draft(self) -> None:
        if self.report is None:
            return
        number, ok = QInputDialog.getText(self, "生成通知草稿", "新文件的发文字号：")
        if ok and number.strip():
            self.create_draft(number.strip())

    def create_draft(self, number: str) -> int | None:
        assert self.report is not None
        try:
            draft = draft_notice(self.report, self.repo, number)
            document_id = self.repo.save_document(draft.document).id
        except Exception as exc:
            show_error(self, exc)
            return None
        self.last_draft = f"已新建通知草稿“{number}”，附件：" + "、".join(
            a.title for a in draft.document.annexes) + "。"
        if draft.waiting:
            self.last_draft += f"还有 {len(draft.waiting)} 行待核对，未写入草稿；确认后可重新生成。"
        self.document_created.emit(document_id)
        return document_id
