"""A department's returned workbook: review each change, accept some, and record the return."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QPushButton

from app.demo import DEMO_NOTICE
from app.domain.forms import form_file_name
from app.tables.roundtrip import export_for_departments
from ui.dialogs.review_changes import ReviewChanges

pytestmark = pytest.mark.gui

DEPARTMENT = "县公安局"
ITEM = "典当业特种行业许可证核发"
NEW_MEASURES = "取消许可后，公安机关要通过以下措施加强监管：\n1.纳入日常检查。\n2.开展双随机抽查。"


def answer_as_the_department(path) -> None:
    """What the department does: change a measure and a remark in its workbook, save it."""
    wb = load_workbook(path)
    ws = wb["附件1"]
    cells = [c for row in ws.iter_rows() for c in row]
    header = next(c.row for c in cells if c.value == "备注")
    column = {str(c.value).replace("\n", ""): c.column for c in ws[header] if c.value}
    row = next(c.row for c in cells if c.value == ITEM)
    measures = next(v for k, v in column.items() if "监管措施" in k)
    ws.cell(row, measures).value = NEW_MEASURES
    ws.cell(row, column["备注"]).value = "已核对，无需调整"
    wb.save(path)


def test_review_rejects_one_change_applies_the_other_and_marks_the_return(
        window, tmp_path, qtbot, monkeypatch, on_modal):
    repo = window.repo
    before = next(r for r in repo.document_by_number(DEMO_NOTICE).annexes[0].rows
                  if r.name == ITEM)
    export_for_departments(repo, DEMO_NOTICE, tmp_path, [DEPARTMENT])
    returned = tmp_path / form_file_name(DEPARTMENT, DEMO_NOTICE, set())
    answer_as_the_department(returned)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(returned)], ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    reviewed: list[list[tuple[str, str, str]]] = []

    def review(dialog: ReviewChanges) -> None:
        model = dialog.model
        rows = [tuple(model.index(r, c).data() for c in (0, 2, 4))
                for r in range(model.rowCount())]
        reviewed.append(rows)
        remark = next(r for r in range(model.rowCount()) if model.records[r].field == "remarks")
        dialog.view.selectRow(remark)
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "不采纳所选").click()
        assert model.index(remark, 0).data() == "不采纳"
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(ReviewChanges, review)
    window.dept_import_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=15000)

    assert sorted(reviewed[0]) == sorted([("采纳", "事中事后监管措施", NEW_MEASURES),
                                          ("采纳", "备注", "已核对，无需调整")])
    assert told == ["已采纳 1 处修改，并登记了部门报送情况。"]
    after = next(r for r in repo.document_by_number(DEMO_NOTICE).annexes[0].rows
                 if r.name == ITEM)
    assert after.measures == NEW_MEASURES
    assert after.remarks == before.remarks
    log = {(e.field, e.new_value) for e in repo.audit_entries("annex_rows", before.id)}
    assert ("measures", NEW_MEASURES) in log
    assert not any(field == "remarks" for field, _ in log)
    today = dt.date.today().isoformat()
    reports = window.tasks.reports.records
    mine = [r for r in reports if r.department == DEPARTMENT and r.document_number == DEMO_NOTICE
            and r.subject == "部门反馈表"]
    assert [r.received_date for r in mine] == [today]
