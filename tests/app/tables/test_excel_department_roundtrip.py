import openpyxl
import pytest

from app.tables.roundtrip import (
    apply_returned,
    export_department_items,
    export_for_departments,
    read_returned,
)

NUMBER = "嘉政发〔2021〕2号"


def exported(repo, tmp_path, department):
    (result,) = export_for_departments(repo, NUMBER, tmp_path, [department])
    return result.path


def test_one_workbook_per_department_with_locked_keys(demo_repo, tmp_path):
    results = export_for_departments(demo_repo, NUMBER, tmp_path)
    names = {r.path.name for r in results}
    assert "省商务厅_嘉政发〔2021〕2号_反馈表.xlsx" in names
    assert sum(r.rows for r in results) == 36
    wb = openpyxl.load_workbook(tmp_path / "市行政审批服务局_嘉政发〔2021〕2号_反馈表.xlsx")
    assert wb.sheetnames == ["填写说明", "事项类型表", "附件3", "附件5"]
    assert "部门：市行政审批服务局" in [c.value for c in wb["填写说明"]["A"]]
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


def edit(path, changes):
    wb = openpyxl.load_workbook(path)
    for sheet, ref, value in changes:
        wb[sheet][ref] = value
    wb.save(path)


def test_returned_changes_are_listed_accepted_and_audited(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "省商务厅")
    edit(path, [("附件2", "G4", "已衔接"), ("附件2", "E5", "其他行政权力")])
    returned = read_returned(demo_repo, path)
    assert (returned.department, returned.document_number, returned.matched) == (
        "省商务厅", NUMBER, 2)
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
    report = next(r for r in demo_repo.lists.report_backs() if r.department == "省商务厅")
    assert report.received_date == "2021-02-20" and report.document_number == NUMBER


def test_edited_measures_follow_into_the_merged_row(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "省商务厅")
    edit(path, [("附件2", "F4", "新的监管措施：\n1. 第一条\n2. 第二条")])
    returned = read_returned(demo_repo, path)
    assert len(returned.changes) == 1
    apply_returned(demo_repo, [returned])
    rows = demo_repo.document_by_number(NUMBER).annexes[1].rows
    assert rows[5].measures == rows[6].measures == "新的监管措施：\n1. 第一条\n2. 第二条"


def test_rows_match_by_name_when_the_identity_column_is_gone(demo_repo, tmp_path):
    path = exported(demo_repo, tmp_path, "省自然资源厅")
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
    assert returned.matched == 3 and not returned.warnings
    (change,) = returned.changes
    assert change.field == "remarks" and change.new == "已核对"
    apply_returned(demo_repo, [returned])
    doc = demo_repo.document_by_number(NUMBER)
    row = next(r for r in doc.annexes[1].rows if f"annex_row:{r.id}" == change.identity)
    assert row.remarks == "已核对" and row.department == "省自然资源厅"


def test_a_failed_apply_writes_nothing(demo_repo, tmp_path):
    first = read_returned(demo_repo, exported(demo_repo, tmp_path, "省商务厅"))
    path = exported(demo_repo, tmp_path, "省广播电视局")
    edit(path, [("附件4", "G4", "改了")])
    second = read_returned(demo_repo, path)
    first.changes = [*second.changes]
    first.changes[0].identity = "annex_row:999999"
    with pytest.raises(Exception, match="已被删除"):
        apply_returned(demo_repo, [second, first])
    doc = demo_repo.document_by_number(NUMBER)
    assert all(r.remarks != "改了" for r in doc.annexes[3].rows)
    assert all(not r.received_date for r in demo_repo.lists.report_backs()
               if r.department in ("省商务厅", "省广播电视局"))


def test_catalogue_items_round_trip(demo_repo, tmp_path):
    result = export_department_items(demo_repo, "市行政审批服务局", tmp_path)
    wb = openpyxl.load_workbook(result.path)
    ws = wb["事项"]
    assert ws["A3"].value.startswith("item:")
    header = [c.value for c in ws[2]]
    col = header.index("备注") + 1
    ws.cell(3, col, "目录备注")
    wb.save(result.path)
    returned = read_returned(demo_repo, result.path)
    assert returned.document_number == "" and [c.new for c in returned.changes] == ["目录备注"]
    apply_returned(demo_repo, [returned])
    item_id = int(returned.changes[0].identity.split(":")[1])
    assert demo_repo.items.get(item_id).remarks == "目录备注"
