"""任务分工: the task division table, and which departments have reported back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.tasks import ReportBack, Task, TaskDivision
from app.storage.changes import Changes, Saved
from app.storage.repository import Repository
from ui.errors import show_error
from ui.models.record_table import Field, RecordTableModel, record_view, selected_rows
from ui.pages.record_page import RecordPage

TASK_FIELDS = [Field("seq", "序号", 50), Field("task", "重点任务", 520),
               Field("lead", "牵头单位", 160), Field("partners", "配合单位", 200),
               Field("deadline", "完成时限", 110), Field("progress", "进展情况", 160)]


def report_state(report: ReportBack, today: dt.date) -> str:
    if report.received_date:
        return "已报送"
    try:
        late = report.is_late(today)
    except ValueError:
        return "日期有误"
    return "逾期未报" if late else "未到期"


STATE_COLOURS = {"已报送": "#1b7a2f", "逾期未报": "#b00020", "未到期": "#555555",
                 "日期有误": "#b00020"}


class TasksPage(RecordPage[TaskDivision]):
    page_title = "任务分工"
    what = "任务分工的修改"

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(repo, parent)
        self.today = dt.date.today()

        self.choice = QComboBox()
        self.use_chooser(self.choice)
        self.title = QLineEdit()
        self.source = QLineEdit()
        self.title.textEdited.connect(self._edited)
        self.source.textEdited.connect(self._edited)
        self.tasks = RecordTableModel(TASK_FIELDS)
        self.tasks.edited.connect(self._edited)
        self.task_view = record_view(self.tasks)
        task_buttons = QHBoxLayout()
        for label, slot in (("新增任务分工表", self.new_record), ("添加任务", self.add_task),
                            ("删除任务", self.remove_tasks), ("保存", self.save)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            task_buttons.addWidget(button)
        task_buttons.addStretch()
        form = QFormLayout()
        form.addRow("任务分工表", self.choice)
        form.addRow("标题", self.title)
        form.addRow("来源文件", self.source)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(form)
        top_layout.addWidget(self.task_view)
        top_layout.addLayout(task_buttons)

        state = Field("state", "状态", 90, editable=False,
                      get=lambda r: report_state(r, self.today),
                      colour=lambda r: STATE_COLOURS[report_state(r, self.today)])
        self.reports = RecordTableModel([
            Field("department", "部门", 200), Field("subject", "报送事项", 330),
            Field("document_number", "依据文件", 160), Field("due_date", "截止日期", 110),
            Field("received_date", "收到日期", 110), state])
        self.reports.edited.connect(self._save_reports)
        self.report_view = record_view(self.reports)
        self.summary = QLabel()
        report_buttons = QHBoxLayout()
        for label, slot in (("标记已收到", self.mark_received), ("新增报送要求", self.add_report)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            report_buttons.addWidget(button)
        report_buttons.addWidget(self.summary)
        report_buttons.addStretch()
        reports_box = QGroupBox("报送情况（日期格式 2021-02-21；修改后自动保存）")
        box_layout = QVBoxLayout(reports_box)
        box_layout.addWidget(self.report_view)
        box_layout.addLayout(report_buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(reports_box)
        self.splitter.setSizes([450, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.reload()

    # Task divisions ---------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """The report-backs are listed again too: saving a division is when they may differ."""
        super().reload(select_id)
        self.reload_reports()

    def refresh(self, changes: Changes) -> None:
        """Exporting forms to departments and reading their returns record report-backs."""
        if changes.lists:
            self.reload_reports()

    def load(self) -> list[TaskDivision]:
        return self.repo.lists.task_divisions()

    def fill(self, records: list[TaskDivision]) -> None:
        self.choice.clear()
        self.choice.addItems([d.title for d in records])

    def show_record(self, division: TaskDivision) -> None:
        self.title.setText(division.title)
        self.source.setText(division.source_number)
        self.tasks.set_records(division.tasks)

    def _edited(self) -> None:
        self.dirty = True

    def blank(self) -> TaskDivision:
        return TaskDivision(title="新的重点任务分工表")

    def started_new(self) -> None:
        """The suggested title is selected for typing over; leaving asks first."""
        self.dirty = True
        self.title.setFocus()
        self.title.selectAll()

    def add_task(self) -> None:
        seq = str(len(self.tasks.records) + 1)
        self.tasks.insert_records(len(self.tasks.records), [Task(seq=seq, task="", lead="")])
        self.task_view.edit(self.tasks.index(len(self.tasks.records) - 1, 1))

    def remove_tasks(self) -> None:
        self.tasks.remove_rows(selected_rows(self.task_view))

    def edited_record(self) -> TaskDivision | None:
        if self.current is None:
            return None
        self.current.title = self.title.text().strip()
        self.current.source_number = self.source.text().strip()
        self.current.tasks = self.tasks.records
        return self.current

    def write(self, record: TaskDivision) -> Saved:
        return self.repo.save_task_division(record)

    # Report-backs -----------------------------------------------------------
    def reload_reports(self) -> None:
        reports = self.repo.lists.report_backs()
        self.reports.set_records(reports)
        states = [report_state(r, self.today) for r in reports]
        self.summary.setText(f"共 {len(reports)} 项：已报送 {states.count('已报送')}，"
                             f"逾期未报 {states.count('逾期未报')}，未到期 {states.count('未到期')}")

    def _save_reports(self) -> None:
        try:
            for report in self.reports.records:
                self.repo.save_report_back(report)
        except Exception as exc:
            show_error(self, exc)
        self.reload_reports()

    def mark_received(self) -> None:
        rows = selected_rows(self.report_view)
        for row in rows:
            report = self.reports.records[row]
            if not report.received_date:
                report.received_date = self.today.isoformat()
                self.repo.save_report_back(report)
        self.reload_reports()

    def add_report(self) -> None:
        source = self.current.source_number if self.current else ""
        self.repo.save_report_back(ReportBack(department="（请填写部门）", subject="贯彻落实情况",
                                              due_date="", document_number=source))
        self.reload_reports()
        self.report_view.edit(self.reports.index(len(self.reports.records) - 1, 0))
