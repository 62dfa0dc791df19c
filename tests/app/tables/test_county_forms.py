"""Issue 9's acceptance: forms reach county departments, returns cannot land on the wrong item.

Every test writes real forms, edits them as a department would (openpyxl, or
LibreOffice Calc re-saving the file) and reads them back into the demo database.
"""

import datetime as dt
import json
import os
import stat

import openpyxl
import pytest

from app.cli import main
from app.domain.departments import Department, Level
from app.domain.documents import Annex, AnnexRow, Document
from app.domain.sectors import is_county_body
from app.storage.errors import UserError
from app.storage.items import ItemFilter
from app.tables.exporter import export_document
from app.tables.roundtrip import apply_returned, export_for_departments, read_returned
from tests import sqlite_file

NUMBER = "嘉政发〔2021〕2号"
PAWN = "典当业特种行业许可证核发"


def forms(repo, folder, **kwargs):
    return {r.path.name.split("_")[0]: r.path
            for r in export_for_departments(repo, NUMBER, folder, **kwargs).results}


def snapshot(repo):
    """Every editable text of every annex row and item, to prove nothing else changed."""
    doc = repo.document_by_number(NUMBER)
    rows = {r.id: (r.type, r.basis, r.measures, r.remarks) for a in doc.annexes for r in a.rows}
    items = sqlite_file.rows(repo.path, "SELECT id, type, basis, measures, remarks FROM items")
    return rows, items


def claim_department(wb, department):
    """The form's hidden record of whose it is, rewritten as a careless or dishonest return might."""
    for prop in wb.custom_doc_props:
        if prop.name == "quanze_department":
            prop.value = department


def row_of(ws, name):
    return next(c.row for col in ws.iter_cols(max_col=ws.max_column) for c in col if c.value == name)


def column_of(ws, header_part):
    return next(c.column for c in ws[3] if c.value and header_part in str(c.value))


def test_every_form_goes_to_a_county_department_and_every_row_reaches_one(demo_repo, tmp_path):
    sent = export_for_departments(demo_repo, NUMBER, tmp_path)
    registry = demo_repo.departments.registry()
    identities = set()
    for result in sent.results:
        wb = openpyxl.load_workbook(result.path)
        head = wb["填写说明"]["A1"].value
        assert head.startswith("部门：县")
        dept = registry.resolve(head.removeprefix("部门："))
        assert dept is not None and is_county_body(dept)
        for ws in wb.worksheets[2:]:
            identities |= {ws.cell(r, 1).value.split("/")[0] for r in range(4, ws.max_row + 1)
                           if ws.cell(r, 1).value}
        mode = stat.S_IMODE(os.stat(result.path).st_mode)
        umask = os.umask(0)
        os.umask(umask)
        assert mode == 0o666 & ~umask
    doc = demo_repo.document_by_number(NUMBER)
    assert identities == {f"annex_row:{r.id}" for a in doc.annexes for r in a.rows}
    assert len(identities) == 36 and sent.unassigned == []


def test_report_back_requests_due_dates_and_status(demo_db, tmp_path, capsys):
    out = tmp_path / "forms"
    assert main(["roundtrip", "export", "--db", str(demo_db), "--document", NUMBER,
                 "--out", str(out), "--department", "县公安局", "--department", "县商务局"]) == 0
    capsys.readouterr()
    assert main(["roundtrip", "status", "--db", str(demo_db), "--document", NUMBER,
                 "--today", "2021-02-21", "--json"]) == 0
    status = {r["department"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(status) == {"县公安局", "县商务局"}
    assert status["县商务局"]["rows"] == 3 and status["县商务局"]["due"] == "2021-02-21"
    assert status["县商务局"]["state"] == "未到期"
    path = out / "县商务局_嘉政发〔2021〕2号_反馈表.xlsx"
    assert main(["roundtrip", "import", str(path), "--db", str(demo_db), "--accept-all"]) == 0
    capsys.readouterr()
    assert main(["roundtrip", "status", "--db", str(demo_db), "--document", NUMBER,
                 "--today", "2021-02-22", "--json", "--xlsx", str(tmp_path / "催报.xlsx"),
                 "--pdf", str(tmp_path / "催报.pdf")]) == 0
    lines = capsys.readouterr().out
    status = {r["department"]: r for r in json.loads(lines[lines.index("["):])}
    assert status["县公安局"]["state"] == "逾期未报"
    assert status["县商务局"]["state"] == "已报送"
    assert status["县商务局"]["received"] == dt.date.today().isoformat()
    chase = openpyxl.load_workbook(tmp_path / "催报.xlsx")["催报名单"]
    cells = [c.value for row in chase.iter_rows() for c in row]
    assert "县公安局" in cells and "县商务局" not in cells and "逾期未报" in cells
    assert (tmp_path / "催报.pdf").read_bytes().startswith(b"%PDF")


def test_due_date_given_on_the_command_line_wins(demo_db, tmp_path, capsys):
    assert main(["roundtrip", "export", "--db", str(demo_db), "--document", NUMBER,
                 "--out", str(tmp_path), "--due", "2021年3月5日"]) == 0
    assert "报送期限 2021-03-05" in capsys.readouterr().out
    wb = openpyxl.load_workbook(tmp_path / "县公安局_嘉政发〔2021〕2号_反馈表.xlsx")
    assert "请于2021年3月5日前报送" in wb["填写说明"]["A7"].value


def test_identity_changed_to_another_forms_row_is_refused(demo_repo, tmp_path):
    paths = forms(demo_repo, tmp_path)
    police = openpyxl.load_workbook(paths["县公安局"])["附件1"]
    stolen = police.cell(row_of(police, PAWN), 1).value
    wb = openpyxl.load_workbook(paths["县商务局"])
    ws = wb["附件5"]
    r = row_of(ws, "成品油零售经营资格审批")
    ws.cell(r, 1).value = stolen
    ws.cell(r, column_of(ws, "监管措施")).value = "改写的措施"
    wb["附件2"]["G5"] = "正当修改"
    wb.save(paths["县商务局"])
    before = snapshot(demo_repo)
    returned = read_returned(demo_repo, paths["县商务局"])
    assert [str(w) for w in returned.refused] == [
        f"附件5第{r}行：（成品油零售经营资格审批）的行标识被改动过，或是从其他部门的表中复制来的，这一行未导入"]
    assert [(c.field, c.new) for c in returned.changes] == [("remarks", "正当修改")]
    apply_returned(demo_repo, [returned])
    rows, _ = snapshot(demo_repo)
    changed = {k for k in rows if rows[k] != before[0][k]}
    assert len(changed) == 1
    pawn = demo_repo.items.get(demo_repo.items.query_ids(ItemFilter(search=PAWN))[0])
    assert pawn.measures != "改写的措施"


def test_rows_sorted_away_from_the_hidden_column_are_refused(demo_repo, tmp_path):
    path = forms(demo_repo, tmp_path)["县农业农村局"]
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    first, second = 4, 5
    for col in range(2, ws.max_column + 1):  # sort B:G only, the hidden A stays put
        a, b = ws.cell(first, col).value, ws.cell(second, col).value
        ws.cell(first, col).value, ws.cell(second, col).value = b, a
    ws.cell(first, column_of(ws, "监管措施")).value = "排序后写的措施"
    wb.save(path)
    before = snapshot(demo_repo)
    returned = read_returned(demo_repo, path)
    refused = [str(w) for w in returned.refused]
    assert len(refused) == 2 and all("对不上" in m for m in refused)
    assert {w.row for w in returned.refused} == {first, second}
    assert all(c.where.split("第")[1] not in ("4行", "5行") for c in returned.changes)
    apply_returned(demo_repo, [returned])
    assert snapshot(demo_repo) == before


def test_an_added_row_for_another_departments_item_is_refused(demo_repo, tmp_path):
    paths = forms(demo_repo, tmp_path)
    wb = openpyxl.load_workbook(paths["县商务局"])
    ws = wb["附件2"]
    ws.insert_rows(6)
    for col, value in enumerate(["", "2", "县级公安部门", PAWN, "行政许可", "抢来的措施", ""],
                                start=1):
        ws.cell(6, col).value = value or None
    wb.save(paths["县商务局"])
    before = snapshot(demo_repo)
    returned = read_returned(demo_repo, paths["县商务局"])
    assert [str(w) for w in returned.refused] == [
        f"附件2第6行：（{PAWN}）是发出后新增的行，不是发给本部门核对的事项，这一行未导入"]
    apply_returned(demo_repo, [returned])
    assert snapshot(demo_repo) == before


def test_a_deleted_row_is_reported_and_left_alone(demo_repo, tmp_path):
    path = forms(demo_repo, tmp_path)["县自然资源和规划局"]
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    ws.delete_rows(5)
    wb.save(path)
    returned = read_returned(demo_repo, path)
    assert any("找不到" in str(w) and "第4项" in str(w) for w in returned.warnings)
    assert not returned.changes and not returned.refused


def test_a_form_claiming_another_department_changes_nothing(demo_repo, tmp_path):
    paths = forms(demo_repo, tmp_path)
    wb = openpyxl.load_workbook(paths["县商务局"])
    claim_department(wb, "县公安局")
    wb["附件2"]["G4"] = "冒名修改"
    wb.save(paths["县商务局"])
    before = snapshot(demo_repo)
    returned = read_returned(demo_repo, paths["县商务局"])
    assert returned.whole_form_refused and "县公安局" in str(returned.refused[0])
    apply_returned(demo_repo, [returned])
    assert snapshot(demo_repo) == before
    assert not any(r.received_date for r in demo_repo.lists.report_backs_for(NUMBER))


def test_a_form_naming_its_department_by_alias_or_another_spelling_is_read(demo_repo, tmp_path):
    dept = demo_repo.departments.registry().resolve("县商务局")
    dept.aliases.append("嘉祥县商务局")
    demo_repo.departments.save(dept)
    paths = forms(demo_repo, tmp_path)
    wb = openpyxl.load_workbook(paths["县商务局"])
    claim_department(wb, " 县　商务局 ")
    wb["填写说明"]["A1"] = "部门：嘉祥县商务局"
    wb["附件2"]["G4"] = "核对后修改"
    wb.save(paths["县商务局"])
    returned = read_returned(demo_repo, paths["县商务局"])
    assert not returned.whole_form_refused and not returned.refused
    assert [c.new for c in returned.changes] == ["核对后修改"]


def test_a_partner_may_not_change_the_leads_text(demo_repo, tmp_path):
    path = forms(demo_repo, tmp_path)["县金融服务中心"]
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1（配合）"]
    ws.cell(row_of(ws, PAWN), column_of(ws, "监管措施")).value = "配合部门改的"
    wb.save(path)
    returned = read_returned(demo_repo, path)
    assert not returned.changes and "配合部门的修改不能导入" in str(returned.refused[0])


def test_a_second_return_asks_before_replacing(demo_repo, tmp_path):
    path = forms(demo_repo, tmp_path)["县公安局"]
    apply_returned(demo_repo, [read_returned(demo_repo, path)], today="2021-02-19")
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    ws.cell(row_of(ws, PAWN), column_of(ws, "备注")).value = "第二次报送"
    wb.save(path)
    again = read_returned(demo_repo, path)
    assert again.received_before == "2021-02-19"
    with pytest.raises(UserError, match="已经报送过"):
        apply_returned(demo_repo, [again])
    assert apply_returned(demo_repo, [again], today="2021-02-20", replace=True) == 1
    report = next(r for r in demo_repo.lists.report_backs_for(NUMBER) if r.department == "县公安局")
    assert report.received_date == "2021-02-20"


def test_libreoffice_resaved_form_goes_through_and_tampering_is_still_caught(
        demo_repo, tmp_path, xl):
    paths = forms(demo_repo, tmp_path / "forms")
    wb = openpyxl.load_workbook(paths["县商务局"])
    ws = wb["附件2"]
    ws["G4"] = "用 LibreOffice 填的"
    ws["A5"] = openpyxl.load_workbook(paths["县公安局"])["附件1"]["A4"].value
    wb.save(paths["县商务局"])
    resaved = xl.convert(paths["县商务局"], "xlsx", tmp_path)
    returned = read_returned(demo_repo, resaved)
    assert returned.department == "县商务局"
    assert [(c.field, c.new) for c in returned.changes] == [("remarks", "用 LibreOffice 填的")]
    assert [w.row for w in returned.refused] == [5]
    before = snapshot(demo_repo)
    apply_returned(demo_repo, [returned])
    rows, _ = snapshot(demo_repo)
    assert sum(rows[k] != before[0][k] for k in rows) == 1


def test_formula_like_titles_are_text_everywhere(demo_repo, tmp_path):
    doc = demo_repo.document_by_number(NUMBER)
    doc.annexes[0].title = "=HYPERLINK(\"http://x\",\"取消\")（18项）"
    demo_repo.save_document(doc)
    doc = demo_repo.document_by_number(NUMBER)
    export_document(doc, tmp_path / "all.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "all.xlsx")["附件1"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    path = forms(demo_repo, tmp_path)["县公安局"]
    title = openpyxl.load_workbook(path)["附件1"]["B2"]
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK")


def test_form_file_names_are_unique_short_and_not_hidden(demo_repo, tmp_path):
    for old, new in (("县公安局", "县公安局/交警"), ("县金融服务中心", "县公安局:交警"),
                     ("县商务局", "县" + "商务" * 50 + "局"), ("县民族宗教事务局", ".县民宗局")):
        dept = demo_repo.departments.registry().resolve(old)
        demo_repo.save_department(Department(name=new, level=Level.COUNTY, aliases=[],
                                             id=dept.id, sector=dept.sector))
    results = export_for_departments(demo_repo, NUMBER, tmp_path).results
    names = [r.path.name for r in results]
    assert len(names) == len(set(names)) == 12
    assert {"县公安局_交警_嘉政发〔2021〕2号_反馈表.xlsx",
            "县公安局_交警_嘉政发〔2021〕2号（2）_反馈表.xlsx"} <= set(names)
    assert all(len(n.encode()) <= 200 and not n.startswith(".") for n in names)
    assert len(list(tmp_path.glob("*.xlsx"))) == 12
    heads = {openpyxl.load_workbook(r.path)["填写说明"]["A1"].value for r in results}
    assert "部门：县" + "商务" * 50 + "局" in heads


def test_unassigned_rows_are_named_not_lost(demo_repo, tmp_path):
    doc = Document(number="测试〔2021〕9号", title="测试", body="请于2021年5月1日前报送。",
                   annexes=[Annex(title="取消行政权力事项（2项）", layout="cancel", rows=[
                       AnnexRow(seq="1", department="县级有关部门", name="甲事项"),
                       AnnexRow(seq="2", department="县级公安部门", name="乙事项")])])
    demo_repo.save_document(doc)
    sent = export_for_departments(demo_repo, doc.number, tmp_path)
    assert [r.path.name for r in sent.results] == ["县公安局_测试〔2021〕9号_反馈表.xlsx"]
    assert sent.due_date == "2021-05-01"
    assert len(sent.unassigned) == 1 and "甲事项" in sent.unassigned[0]


def test_a_form_resaved_as_xls_is_still_recognised_by_its_instructions_sheet(
        demo_repo, tmp_path, xl):
    path = forms(demo_repo, tmp_path / "forms")["县商务局"]
    wb = openpyxl.load_workbook(path)
    wb["附件2"]["G4"] = "存成了 xls"
    wb.save(path)
    old = xl.convert(path, "xls", tmp_path)
    returned = read_returned(demo_repo, old)
    assert returned.department == "县商务局" and not returned.refused
    assert [(c.field, c.new) for c in returned.changes] == [("remarks", "存成了 xls")]


def test_rows_sorted_whole_with_their_hidden_cells_go_through(demo_repo, tmp_path, capsys):
    path = forms(demo_repo, tmp_path, departments=["县级公安部门", "农业农村部门"])["县农业农村局"]
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    for col in range(1, ws.max_column + 1):  # a proper sort moves the hidden column too
        a, b = ws.cell(4, col).value, ws.cell(5, col).value
        ws.cell(4, col).value, ws.cell(5, col).value = b, a
    ws.cell(4, column_of(ws, "备注")).value = "排序后填写"
    wb.save(path)
    returned = read_returned(demo_repo, path)
    assert not returned.refused
    (change,) = returned.changes
    apply_returned(demo_repo, [returned])
    doc = demo_repo.document_by_number(NUMBER)
    row = next(r for r in doc.annexes[0].rows if f"annex_row:{r.id}" == change.identity)
    assert row.seq == "15" and row.remarks == "排序后填写"


def test_a_form_without_its_token_is_not_guessed(demo_repo, tmp_path):
    from app.tables.errors import FileImportError

    path = forms(demo_repo, tmp_path)["县商务局"]
    wb = openpyxl.load_workbook(path)
    wb.custom_doc_props.props = [p for p in wb.custom_doc_props.props if p.name != "quanze_form"]
    wb["填写说明"]["A3"] = "反馈表编号："
    wb["附件2"]["G4"] = "无编号的修改"
    wb.save(path)
    with pytest.raises(FileImportError, match="找不到这份反馈表的登记"):
        read_returned(demo_repo, path)


def test_instructions_sheet_naming_another_department_refuses_the_form(demo_repo, tmp_path):
    path = forms(demo_repo, tmp_path)["县商务局"]
    wb = openpyxl.load_workbook(path)
    wb["填写说明"]["A1"] = "部门：县公安局"
    wb["附件2"]["G4"] = "冒名修改"
    wb.save(path)
    returned = read_returned(demo_repo, path)
    assert returned.whole_form_refused and not returned.changes
