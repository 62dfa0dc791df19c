"""Task division (重点任务分工) and report-back tracking (报送情况)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Task:
    seq: str
    task: str
    lead: str
    partners: str = ""
    deadline: str = ""
    progress: str = ""
    id: int | None = None


@dataclass
class TaskDivision:
    """A 重点任务分工表, usually the annex of one policy document."""

    title: str
    source_number: str = ""
    tasks: list[Task] = field(default_factory=list)
    id: int | None = None


@dataclass
class ReportBack:
    """Which department owes what by when, and whether it has come in."""

    department: str
    subject: str
    due_date: str
    received_date: str = ""
    document_number: str = ""
    id: int | None = None
    sent_date: str = ""
    row_count: int = 0

    def is_late(self, today: dt.date) -> bool:
        if self.received_date or not self.due_date:
            return False
        return dt.date.fromisoformat(self.due_date) < today
