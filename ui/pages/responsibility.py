"""责任清单: a department's duties, boundaries, supervision regimes and public services."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.responsibility import (
    Boundary,
    BoundaryPart,
    Duty,
    PublicService,
    ResponsibilityList,
    SupervisionRegime,
)
from app.storage.changes import Saved
from app.storage.repository import Repository
from ui.models.record_table import Field, RecordTableModel, record_view, selected_rows
from ui.pages.record_page import RecordPage


def _set_tasks(duty: Duty, text: str) -> None:
    duty.tasks = [line.strip() for line in text.splitlines() if line.strip()]


def _set_parts(boundary: Boundary, text: str, attribute: str) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    while len(boundary.parts) < len(lines):
        boundary.parts.append(BoundaryPart(department="", division=""))
    for part, line in zip(boundary.parts, lines, strict=False):
        setattr(part, attribute, line)
    boundary.parts = [p for p in boundary.parts if p.department or p.division]


SECTIONS: list[tuple[str, str, list[Field], type]] = [
    ("duties", "主要职责", [
        Field("seq", "序号", 50), Field("duty", "主要职责", 220),
        Field("tasks", "具体责任事项（每行一项）", 420, get=lambda d: "\n".join(d.tasks),
              set=_set_tasks),
        Field("accountability", "追责依据及追责情形", 380)], Duty),
    ("boundaries", "职责边界", [
        Field("matter", "管理事项", 160),
        Field("departments", "相关部门（每行一个）", 160,
              get=lambda b: "\n".join(p.department for p in b.parts),
              set=lambda b, t: _set_parts(b, t, "department")),
        Field("division", "职责分工（与部门逐行对应）", 420,
              get=lambda b: "\n".join(p.division for p in b.parts),
              set=lambda b, t: _set_parts(b, t, "division")),
        Field("basis", "相关依据", 260), Field("example", "事例", 200)], Boundary),
    ("regimes", "事中事后监管制度", [
        Field("title", "制度名称", 200), Field("subject", "监督检查对象", 180),
        Field("content", "监督检查内容", 220), Field("method", "监督检查方式", 180),
        Field("measures", "监督检查措施", 180), Field("procedure", "监督检查程序", 180),
        Field("handling", "监督检查处理", 180)], SupervisionRegime),
    ("public_services", "公共服务事项", [
        Field("seq", "序号", 50), Field("service", "服务事项", 220),
        Field("content", "主要内容", 420), Field("office", "承办机构", 160),
        Field("phone", "联系电话", 120)], PublicService),
]
BLANK = {Duty: lambda: Duty(seq="", duty=""), Boundary: lambda: Boundary(matter=""),
         SupervisionRegime: lambda: SupervisionRegime(title=""),
         PublicService: lambda: PublicService(seq="", service="", content="", office="",
                                              phone="")}


class ResponsibilityPage(RecordPage[ResponsibilityList]):
    page_title = "责任清单"
    what = "责任清单的修改"

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(repo, parent)
        self.choice = QComboBox()
        self.use_chooser(self.choice)
        self.department = QLineEdit()
        self.year = QLineEdit()
        for edit in (self.department, self.year):
            edit.textEdited.connect(self._edited)
        form = QFormLayout()
        form.addRow("责任清单", self.choice)
        form.addRow("部门", self.department)
        form.addRow("年度", self.year)

        self.tabs = QTabWidget()
        self.models: dict[str, RecordTableModel] = {}
        self.views = {}
        for key, label, fields, _kind in SECTIONS:
            model = RecordTableModel(fields)
            model.edited.connect(self._edited)
            self.models[key] = model
            self.views[key] = record_view(model)
            self.tabs.addTab(self.views[key], label)
        self.accountability = QPlainTextEdit()
        self.notes = QPlainTextEdit()
        for edit in (self.accountability, self.notes):
            edit.textChanged.connect(self._edited)
        self.tabs.addTab(self.accountability, "责任追究机制")
        self.tabs.addTab(self.notes, "说明")

        buttons = QHBoxLayout()
        for label, slot in (("新增责任清单", self.new_record), ("添加一行", self.add_row),
                            ("删除所选行", self.remove_rows), ("保存", self.save)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.reload()

    def load(self) -> list[ResponsibilityList]:
        return self.repo.lists.responsibility_lists()

    def fill(self, records: list[ResponsibilityList]) -> None:
        self.choice.clear()
        self.choice.addItems([f"{r.department}（{r.year}）" if r.year else r.department
                              for r in records])

    def show_record(self, rlist: ResponsibilityList) -> None:
        self.department.setText(rlist.department)
        self.year.setText(rlist.year)
        for key, model in self.models.items():
            model.set_records(getattr(rlist, key))
        for edit, text in ((self.accountability, rlist.accountability), (self.notes, rlist.notes)):
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)

    def _edited(self) -> None:
        self.dirty = True

    def _section(self) -> tuple[str, type] | None:
        index = self.tabs.currentIndex()
        if index >= len(SECTIONS):
            return None
        return SECTIONS[index][0], SECTIONS[index][3]

    def add_row(self) -> None:
        section = self._section()
        if section is not None:
            model = self.models[section[0]]
            model.insert_records(len(model.records), [BLANK[section[1]]()])

    def remove_rows(self) -> None:
        section = self._section()
        if section is not None:
            self.models[section[0]].remove_rows(selected_rows(self.views[section[0]]))

    def blank(self) -> ResponsibilityList:
        return ResponsibilityList(department="（请填写部门）")

    def started_new(self) -> None:
        """The placeholder department would be saved as it is: leaving asks first."""
        self.dirty = True

    def edited_record(self) -> ResponsibilityList | None:
        """The table models edit the list's sections in place; the text boxes are read here."""
        if self.current is None:
            return None
        self.current.department = self.department.text().strip()
        self.current.year = self.year.text().strip()
        self.current.accountability = self.accountability.toPlainText()
        self.current.notes = self.notes.toPlainText()
        return self.current

    def write(self, record: ResponsibilityList) -> Saved:
        return self.repo.save_responsibility_list(record)
