"""The one facade the CLI and the window use to read and change data.

Every public method that changes data is one user action and runs as one
transaction, audit entries included: it all lands or none of it does. It
returns what it changed (`Changes`, `Saved` with the record's id) so the
window refreshes only that.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.domain.departments import Department
from app.domain.documents import Document
from app.domain.items import PowerItem
from app.domain.measures import MeasureTemplate
from app.domain.responsibility import ResponsibilityList
from app.domain.sectors import Resolution
from app.domain.tasks import ReportBack, TaskDivision
from app.matching.decisions import Decision
from app.storage.audit import AuditEntry, Auditor
from app.storage.changes import Changes, Saved
from app.storage.codes import CodeStore
from app.storage.column_mappings import UserLayoutStore
from app.storage.counterparts import CounterpartStore, PendingText
from app.storage.database import OpenDatabase, integrity_problems, open_database
from app.storage.departments import DepartmentStore
from app.storage.documents import DocumentStore
from app.storage.errors import UserError
from app.storage.forms import FormStore
from app.storage.history import HistoryStore
from app.storage.items import ItemStore
from app.storage.laws import LawStore
from app.storage.match_decisions import MatchDecisionStore
from app.storage.responsibility_tasks import ListStore
from app.storage.sqlite import Database


class Repository:
    def __init__(self, opened: OpenDatabase) -> None:
        self.opened = opened
        self._db: Database = opened.db
        self.departments = DepartmentStore(self._db)
        self.counterparts = CounterpartStore(self._db, self.departments)
        self.items = ItemStore(self._db, self.departments, self.counterparts)
        self.documents = DocumentStore(self._db, self.counterparts)
        self.lists = ListStore(self._db)
        self.match_decisions = MatchDecisionStore(self._db)
        self.forms = FormStore(self._db)
        self.audit = Auditor(self._db)
        self.codes = CodeStore(self._db)
        self.laws = LawStore(self._db)
        self.history = HistoryStore(self._db)
        self.layouts = UserLayoutStore(self._db)
        if opened.writable:
            with self.transaction():
                self.counterparts.refresh(everything=False)

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, make_backup: bool = True) -> Repository:
        return cls(open_database(path, readonly=readonly, make_backup=make_backup))

    @property
    def path(self) -> Path:
        return self.opened.path

    def close(self) -> None:
        self.opened.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> tuple[int, int]:
        """A key that changes whenever this or another connection changed the file: for caches."""
        other = self._db.execute("PRAGMA data_version").fetchone()[0]
        return other, self._db.conn.total_changes

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._db.atomic():
            yield

    # Items ------------------------------------------------------------------
    def validate_item(self, item: PowerItem) -> list[str]:
        problems = []
        if not item.name.strip():
            problems.append("事项名称不能为空。")
        if not item.department.strip():
            problems.append("实施部门不能为空。")
        if item.type not in self.lists.item_types():
            problems.append(f"事项类型“{item.type}”不在类型列表中。")
        if item.lead_by_hand:
            county = set(self.counterparts.county_departments())
            for name in [item.lead, *item.partners]:
                if name not in county:
                    problems.append(f"“{name}”不是登记的本县部门，不能作为牵头或配合部门。")
        return problems

    def save_item(self, item: PowerItem) -> Saved:
        """Save; a new item, or one moved to another department, changes lists and counts."""
        problems = self.validate_item(item)
        if problems:
            raise UserError("".join(problems))
        before = None if item.id is None else self.items.department_id(item.id)
        new_department = self.departments.registry().resolve(item.department) is None
        with self.transaction():
            department_id = self.departments.ensure(item.department)
            item_id = self.items.save(item, department_id)
        return Saved(id=item_id, items=frozenset([item_id]),
                     item_set=before != department_id, departments=new_department)

    def delete_item(self, item_id: int) -> Changes:
        with self.transaction():
            self.items.delete(item_id)
        return Changes(items=frozenset([item_id]), item_set=True)

    # Departments ------------------------------------------------------------
    def save_department(self, dept: Department) -> Saved:
        """Save; rows and items are worked out again only when what resolves names changed.

        The changed items are the department's own (its name shows in their rows)
        and those whose lead or partners were worked out anew.
        """
        before = next((d for d in self.departments.all() if d.id == dept.id), None)
        reworked = Changes()
        with self.transaction():
            dept_id = self.departments.save(dept)
            if before is None or _resolving(before) != _resolving(dept):
                reworked = self.counterparts.refresh(everything=True)
        own = frozenset(self.items.ids_for_department(dept_id))
        return Saved(id=dept_id, departments=True, items=own | reworked.items,
                     annex_rows=reworked.annex_rows)

    def delete_department(self, department_id: int) -> Changes:
        with self.transaction():
            self.departments.delete(department_id)
        return Changes(departments=True)

    # Sectors and county counterparts ------------------------------------------
    def resolve_department(self, text: str) -> Resolution:
        """The county department a department text means, and how that was decided."""
        return self.counterparts.counterparts().resolve(text)

    def counterpart_table(self) -> dict[str, str]:
        """sector → county department name, as the clerk set it."""
        return self.counterparts.table()

    def set_counterparts(self, table: dict[str, str]) -> Changes:
        """Replace entries of the sector table ('' removes one) and work rows and items out again.

        The changes name the rows and items whose lead or partners changed.
        """
        with self.transaction():
            for sector, department in table.items():
                self.counterparts.set_counterpart(sector, department)
            return self.counterparts.refresh(everything=True) | Changes(departments=True)

    def pending_departments(self) -> list[PendingText]:
        """The 待指定 list: department texts no county department answers for yet."""
        return self.counterparts.pending()

    def settle_department(self, text: str, department: str) -> Changes:
        """Answer one 待指定 text once; the answer is remembered and applied everywhere."""
        with self.transaction():
            self.counterparts.settle(text, department)
            return self.counterparts.refresh(everything=True) | Changes(departments=True)

    # Documents --------------------------------------------------------------
    def save_document(self, doc: Document) -> Saved:
        with self.transaction():
            return Saved(id=self.documents.save(doc), documents=True)

    def delete_document(self, document_id: int) -> Changes:
        """Delete; the items' histories lose the events it made, so item lists are queried again."""
        with self.transaction():
            self.documents.delete(document_id)
        return Changes(documents=True, item_set=True)

    def document_by_number(self, number: str) -> Document:
        return self.documents.get(self.documents.id_for_number(number))

    # Decisions on upper-level lists ---------------------------------------------
    def save_match_decision(self, list_key: str, decision: Decision) -> int:
        with self.transaction():
            return self.match_decisions.save(list_key, decision)

    def clear_match_decision(self, list_key: str, row_key: str) -> None:
        with self.transaction():
            self.match_decisions.clear(list_key, row_key)

    # Lists ------------------------------------------------------------------
    def save_template(self, template: MeasureTemplate) -> Saved:
        with self.transaction():
            return Saved(id=self.lists.save_template(template), lists=True)

    def delete_template(self, template_id: int) -> Changes:
        with self.transaction():
            self.lists.delete_template(template_id)
        return Changes(lists=True)

    def set_item_types(self, names: list[str]) -> None:
        with self.transaction():
            self.lists.set_item_types(names)

    def save_responsibility_list(self, rlist: ResponsibilityList) -> Saved:
        with self.transaction():
            return Saved(id=self.lists.save_responsibility_list(rlist), lists=True)

    def save_task_division(self, division: TaskDivision) -> Saved:
        with self.transaction():
            return Saved(id=self.lists.save_task_division(division), lists=True)

    def save_report_back(self, report: ReportBack) -> Saved:
        with self.transaction():
            return Saved(id=self.lists.save_report_back(report), lists=True)

    # Whole file -------------------------------------------------------------
    def audit_entries(self, table: str | None = None, row_id: int | None = None,
                      limit: int = 500) -> list[AuditEntry]:
        return self.audit.entries(table, row_id, limit)

    def counts(self) -> dict[str, int]:
        tables = {"items": "事项", "documents": "文件", "departments": "部门",
                  "responsibility_lists": "责任清单", "tasks": "任务"}
        return {label: self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table, label in tables.items()}

    def check(self) -> list[str]:
        return integrity_problems(self._db, self.path)

    def rebuild_search_index(self) -> None:
        """Rebuild the search index from the items (what `quanze check --repair` does)."""
        with self.transaction():
            self.items.rebuild_index()


def _resolving(dept: Department) -> tuple[object, ...]:
    """What of a department decides which texts it answers for."""
    return dept.name, tuple(dept.aliases), str(dept.level), dept.sector
