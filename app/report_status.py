"""Who has sent back the forms of a document: the 报送情况 the clerk chases by phone.

One function shared by `quanze roundtrip status`, the window's status view and
the 催报名单 exports, so all of them always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from app.domain.forms import ReportState, report_state
from app.storage.repository import Repository

STATUS_HEADERS = ("部门", "事项数", "发出日期", "报送期限", "报送日期", "状态")


@dataclass(frozen=True)
class StatusRow:
    department: str
    rows: int
    sent: str
    due: str
    received: str
    state: ReportState

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "state": str(self.state)}

    def cells(self) -> list[str]:
        return [self.department, str(self.rows) if self.rows else "", self.sent, self.due,
                self.received, str(self.state)]


_ORDER = {ReportState.LATE: 0, ReportState.NOT_DUE: 1, ReportState.RECEIVED: 2}


def document_status(repo: Repository, document_number: str,
                    today: dt.date | None = None) -> list[StatusRow]:
    """Every department asked to report on the document: late first, then not yet due, then in."""
    number = repo.document_by_number(document_number).number
    today = today or dt.date.today()
    rows = [StatusRow(r.department, r.row_count, r.sent_date, r.due_date, r.received_date,
                      report_state(r.received_date, r.due_date, today))
            for r in repo.lists.report_backs_for(number)]
    return sorted(rows, key=lambda r: (_ORDER[r.state], r.due, r.department))


def chase_list(rows: list[StatusRow]) -> list[StatusRow]:
    """催报名单: the departments that have not reported yet."""
    return [r for r in rows if r.state != ReportState.RECEIVED]
