"""Responsibility lists, task divisions, report-backs, measure templates and item types."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from app.domain.measures import MeasureTemplate
from app.domain.responsibility import (
    Boundary,
    BoundaryPart,
    Duty,
    PublicService,
    ResponsibilityList,
    SupervisionRegime,
)
from app.domain.tasks import ReportBack, Task, TaskDivision
from app.storage.audit import Auditor
from app.storage.errors import UserError
from app.storage.sqlite import Database

FORM_SUBJECT = "部门反馈表"


def responsibility_from_dict(data: dict[str, Any]) -> ResponsibilityList:
    return ResponsibilityList(
        department=data["department"],
        year=data.get("year", ""),
        duties=[Duty(**d) for d in data.get("duties", [])],
        boundaries=[
            Boundary(matter=b["matter"], parts=[BoundaryPart(**p) for p in b.get("parts", [])],
                     basis=b.get("basis", ""), example=b.get("example", ""))
            for b in data.get("boundaries", [])
        ],
        regimes=[SupervisionRegime(**r) for r in data.get("regimes", [])],
        public_services=[PublicService(**p) for p in data.get("public_services", [])],
        accountability=data.get("accountability", ""),
        notes=data.get("notes", ""),
        id=data.get("id"),
    )


class ListStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = Auditor(db)

    # Item types -------------------------------------------------------------
    def item_types(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT name FROM item_types ORDER BY position").fetchall()]

    def set_item_types(self, names: list[str]) -> None:
        clean = [n.strip() for n in names if n.strip()]
        if len(set(clean)) != len(clean):
            raise UserError("事项类型有重复，请删除重复的类型。")
        old = self.item_types()
        self.db.execute("DELETE FROM item_types")
        for position, name in enumerate(clean):
            self.db.execute("INSERT INTO item_types(name, position) VALUES (?, ?)",
                            [name, position])
        if old != clean:
            self.audit.log("修改", "item_types", None, "name", old, clean)

    # Measure templates ------------------------------------------------------
    def templates(self) -> list[MeasureTemplate]:
        return [MeasureTemplate(title=r[1], text=r[2], id=r[0]) for r in self.db.execute(
            "SELECT id, title, text FROM measure_templates ORDER BY id").fetchall()]

    def save_template(self, template: MeasureTemplate) -> int:
        values = {"title": template.title.strip(), "text": template.text.strip()}
        if not values["title"] or not values["text"]:
            raise UserError("模板的标题和内容都不能为空。")
        template.id = self.audit.save("measure_templates", template.id, values)
        return template.id

    def delete_template(self, template_id: int) -> None:
        self.audit.delete("measure_templates", template_id)

    # Responsibility lists ---------------------------------------------------
    def responsibility_lists(self) -> list[ResponsibilityList]:
        rows = self.db.execute("SELECT id, data FROM responsibility_lists ORDER BY id").fetchall()
        return [responsibility_from_dict({**json.loads(r[1]), "id": r[0]}) for r in rows]

    def save_responsibility_list(self, rlist: ResponsibilityList) -> int:
        data = asdict(rlist)
        data.pop("id")
        values = {"department": rlist.department, "year": rlist.year,
                  "data": json.dumps(data, ensure_ascii=False)}
        rlist.id = self.audit.save("responsibility_lists", rlist.id, values)
        return rlist.id

    # Task divisions ---------------------------------------------------------
    def task_divisions(self) -> list[TaskDivision]:
        divisions = []
        for d in self.db.execute(
                "SELECT id, title, source_number FROM task_divisions ORDER BY id").fetchall():
            tasks = [Task(seq=t[1], task=t[2], lead=t[3], partners=t[4], deadline=t[5],
                          progress=t[6], id=t[0]) for t in self.db.execute(
                "SELECT id, seq, task, lead, partners, deadline, progress FROM tasks "
                "WHERE division_id = ? ORDER BY position", [d[0]]).fetchall()]
            divisions.append(TaskDivision(title=d[1], source_number=d[2], tasks=tasks, id=d[0]))
        return divisions

    def save_task_division(self, division: TaskDivision) -> int:
        values = {"title": division.title, "source_number": division.source_number}
        division.id = self.audit.save("task_divisions", division.id, values)
        self.audit.delete_missing("tasks", "division_id", division.id,
                                  {t.id for t in division.tasks})
        for position, task in enumerate(division.tasks, start=1):
            task_values = {"division_id": division.id, "position": position, "seq": task.seq,
                           "task": task.task, "lead": task.lead, "partners": task.partners,
                           "deadline": task.deadline, "progress": task.progress}
            task.id = self.audit.save("tasks", task.id, task_values)
        return division.id

    # Report-backs -----------------------------------------------------------
    def report_backs(self) -> list[ReportBack]:
        return [ReportBack(department=r[1], subject=r[2], due_date=r[3], received_date=r[4],
                           document_number=r[5], id=r[0], sent_date=r[6], row_count=r[7])
                for r in self.db.execute(
            "SELECT id, department, subject, due_date, received_date, document_number, "
            "sent_date, row_count FROM report_backs ORDER BY due_date, id").fetchall()]

    def save_report_back(self, report: ReportBack) -> int:
        values = {"department": report.department, "subject": report.subject,
                  "due_date": report.due_date, "received_date": report.received_date,
                  "document_number": report.document_number, "sent_date": report.sent_date,
                  "row_count": report.row_count}
        report.id = self.audit.save("report_backs", report.id, values)
        return report.id

    def report_backs_for(self, document_number: str, subject: str = FORM_SUBJECT
                         ) -> list[ReportBack]:
        return [r for r in self.report_backs()
                if r.document_number == document_number and r.subject == subject]

    def request_report_back(self, department: str, document_number: str, due_date: str,
                            sent_date: str, row_count: int) -> int:
        """Record that a form went out; one entry per department and document, kept on resend."""
        row = self._form_entry(department, document_number)
        values = {"department": department, "document_number": document_number,
                  "due_date": due_date, "sent_date": sent_date, "row_count": row_count}
        if row is None:
            return self.audit.insert("report_backs", {**values, "subject": FORM_SUBJECT},
                                     "发出反馈表")
        self.audit.update("report_backs", row, values, "发出反馈表")
        return row

    def _form_entry(self, department: str, document_number: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM report_backs WHERE department = ? AND document_number = ? "
            "AND subject = ?", [department, document_number, FORM_SUBJECT]).fetchone()
        return row[0] if row else None

    def mark_received(self, department: str, document_number: str, date: str) -> int:
        """Record that a department's form came back; creates the entry if none was sent."""
        row = self._form_entry(department, document_number)
        if row is None:
            return self.save_report_back(ReportBack(
                department=department, subject=FORM_SUBJECT, due_date="", received_date=date,
                document_number=document_number))
        self.audit.update("report_backs", row, {"received_date": date}, "收到反馈表")
        return row
