import openpyxl
import pytest

from app.tables.roundtrip import (
    apply_returned,
    export_for_departments,
    read_returned,
)

NUMBER = "嘉政发〔2021〕2号"


def exported(repo, tmp_path, department):
    (result,) = export_for_departments(repo, NUMBER, tmp_path, [department]).results
    return result.path


def test_one_workbook_per_county_department_with_locked_keys(demo_repo, tmp_path):
    sent = export_for_departments(demo_repo, NUMBER, tmp_path)
    names = {r.path.name for r in sent.results}
    assert "县商务局_嘉政发〔2021〕2号_反馈表.xlsx" in names
    assert sent.unassigned == []
    wb = openpyxl.load_workbook(tmp_path / "县住房和城乡建设局_嘉政发〔2021〕2号_反馈表.xlsx")
    assert wb.sheetnames == ["填写说明", "事项类型表", "附件1", "附件1（配合）", "附件3"]
    assert wb["填写说明"]["A1"].value == "部门：县住房和城乡建设局"
    assert wb["事项类型表"].sheet_state == "hidden"
    ws = wb["附件3"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["A"].hidden and ws["A4"].value.startswith("annex_row:")
    header = [c.value for c in ws[3]]
    assert header[:4] == ["行标识", "序号", "原实施\n部门", "事项名称及\n权限"]
    locked = {h: ws.cell(4, i + 1).protection.locked for i, h in enumerate(header)}
    assert locked["事项名称及\n权限"] and locked["序号"] and locked["行标识"]
    assert not locked["事项类型"] and not locked["市县加强事中事后监管措施"] and not locked["备注"]
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and "事项类型表" in dv.formula1 and str(dv.sqref) == "E4:E6"
    partner = wb["附件1（配合）"]
    assert "配合" in partner["B2"].value
    assert all(c.protection.locked for c in partner[4]) and not partner.data_validations.dataValidation


def edit(path, changes):
    wb = openpyxl.load_workbook(path)
    for sheet, ref, value in changes:
        wb[sheet][ref] = value
    wb.save(path)


def test_returned_changes_are_listed_accepted_and_audited(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "县商务局")
    edit(path, [("附件2", "G4", "已衔接"), ("附件2", "E5", "其他行政权力")])
    returned = read_returned(demo_repo, path)
    assert (returned.department, returned.document_number, returned.matched) == (
        "县商务局", NUMBER, 3)
    assert not returned.refused
    changes = {(c.field, c.new) for c in returned.changes}
    assert changes == {("remarks", "已衔接"), ("type", "其他行政权力")}
    rejected = next(c for c in returned.changes if c.field == "type")
    rejected.accepted = False
    assert apply_returned(demo_repo, [returned], today="2021-02-20") == 1
    doc = demo_repo.document_by_number(NUMBER)
    rows = doc.annexes[1].rows
    assert rows[5].remarks == "已衔接" and rows[6].type == "行政许可"
    audit = demo_repo.audit_entries("annex_rows", rows[5].id)
    assert any(e.field == "remarks" and e.new_value == "已衔接" for e in audit)
    report = next(r for r in demo_repo.lists.report_backs_for(NUMBER) if r.department == "县商务局")
    assert report.received_date == "2021-02-20" and report.due_date == "2021-02-21"


def test_every_row_a_merged_cell_covers_is_listed(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "县商务局")
    edit(path, [("附件2", "F4", "新的监管措施：\n1. 第一条\n2. 第二条")])
    returned = read_returned(demo_repo, path)
    assert [c.where.split("（")[0] for c in returned.changes] == ["附件2第4行", "附件2第5行"]
    apply_returned(demo_repo, [returned])
    rows = demo_repo.document_by_number(NUMBER).annexes[1].rows
    assert rows[5].measures == rows[6].measures == "新的监管措施：\n1. 第一条\n2. 第二条"
    assert rows[6].merged_with_above == ["measures"]


def test_rejecting_the_covered_row_unmerges_it(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "县商务局")
    edit(path, [("附件2", "F4", "只改第一行：\n1. 第一条")])
    returned = read_returned(demo_repo, path)
    returned.changes[1].accepted = False
    apply_returned(demo_repo, [returned])
    rows = demo_repo.document_by_number(NUMBER).annexes[1].rows
    assert rows[5].measures == "只改第一行：\n1. 第一条"
    assert rows[6].measures.startswith("取消许可后，商务部门") and rows[6].merged_with_above == []


def test_rows_match_by_name_when_the_identity_column_is_gone(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "县自然资源和规划局")
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    ws.protection.sheet = False
    ws.delete_cols(1)
    first, second = [[c.value for c in ws[r]] for r in (4, 5)]
    for col, (a, b) in enumerate(zip(first, second, strict=True), start=1):
        ws.cell(4, col, b)  # the department also re-sorted two rows
        ws.cell(5, col, a)
    ws["F5"] = "已核对"
    wb.save(path)
    returned = read_returned(demo_repo, path)
    assert returned.matched == 9 and not returned.refused
    (change,) = returned.changes
    assert change.field == "remarks" and change.new == "已核对"
    apply_returned(demo_repo, [returned])
    doc = demo_repo.document_by_number(NUMBER)
    row = next(r for r in doc.annexes[1].rows if f"annex_row:{r.id}" == change.identity)
    assert row.remarks == "已核对" and row.department == "省自然资源厅"


def test_a_failed_apply_writes_nothing(demo_repo, tmp_path):
    first = read_returned(demo_repo, exported(demo_repo, tmp_path, "县商务局"))
    path = exported(demo_repo, tmp_path, "县文化和旅游局")
    edit(path, [("附件4", "G4", "改了")])
    second = read_returned(demo_repo, path)
    first.changes = [*second.changes]
    first.changes[0].identity = "annex_row:999999"
    with pytest.raises(Exception, match="已被删除"):
        apply_returned(demo_repo, [second, first])
    doc = demo_repo.document_by_number(NUMBER)
    assert all(r.remarks != "改了" for r in doc.annexes[3].rows)
    assert all(not r.received_date for r in demo_repo.lists.report_backs_for(NUMBER)
               if r.department in ("县商务局", "县文化和旅游局"))
