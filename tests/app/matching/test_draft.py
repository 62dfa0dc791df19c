import openpyxl
import pypdf

from app.cli import main
from app.domain.documents import ChangeKind, ChangeLevel
from app.matching.decisions import Choice, Decision
from app.matching.draft import draft_notice
from app.matching.upper_list import match_file
from app.pdf import printing
from app.pdf.count_check import check_counts
from app.pdf.fonts import resolve_fonts
from app.storage.repository import Repository
from app.tables.exporter import export_document
from app.tables.importer import preview_all

from .conftest import COUNTY_ITEMS

NUMBER = "嘉政发〔2021〕9号"
NOT_HERE = ("林木种子生产经营许可证核发", "烟花爆竹零售经营许可证核发")


def decide_not_here(repo, report):
    for row in report.rows:
        if row.upper.row.name in NOT_HERE:
            repo.save_match_decision(report.list_key, Decision(
                row.upper.key, Choice.NONE, None, row.upper.row.name, row.upper.row.department))


def test_draft_puts_county_items_and_supervision_duties_in_their_annexes(county, city_list):
    path, ids = county
    with Repository.open(path, make_backup=False) as repo:
        decide_not_here(repo, match_file(city_list, repo))
        draft = draft_notice(match_file(city_list, repo), repo, NUMBER, "2021年3月1日")
    doc = draft.document
    assert [a.title for a in doc.annexes] == ["取消行政权力事项（9项）",
                                             "市级取消后需市县加强监管的事项（2项）"]
    cancel, duty = doc.annexes
    assert cancel.layout == "cancel" and duty.layout == "cancelled_above"
    assert "肥料登记审批——复混肥登记审批" in [r.name for r in cancel.rows]
    assert {r.department for r in cancel.rows} <= {d for d, _, _ in COUNTY_ITEMS}
    assert all(r.item_id in ids.values() for r in cancel.rows)
    assert [r.name for r in duty.rows] == list(NOT_HERE)
    assert duty.change_level == ChangeLevel.CITY and duty.change_kind == ChangeKind.CANCEL
    seeds = duty.rows[0]
    assert seeds.department == "市自然资源和规划局"
    assert seeds.measures.startswith("取消许可后，自然资源和规划部门要通过以下措施加强监管：\n1. ")
    assert "双随机、一公开" in seeds.measures and "信用监管" in seeds.measures
    assert sorted(r.upper.row.name for r in draft.waiting) == sorted([
        "原油销售、仓储经营许可初审", "职业卫生技术服务机构乙级资质认可", "对建设单位参与拆迁活动的处罚"])
    assert "县政府决定取消9项行政权力" in doc.body and "对市级取消的2项行政许可" in doc.body
    assert doc.attachment_lines() == ["附件：1.取消行政权力事项（9项）",
                                      "2.市级取消后需市县加强监管的事项（2项）"]
    assert check_counts(doc) == []


def test_saved_draft_answers_by_county_department_prints_and_exports(county, city_list,
                                                                      tmp_path):
    path, _ = county
    with Repository.open(path, make_backup=False) as repo:
        decide_not_here(repo, match_file(city_list, repo))
        draft = draft_notice(match_file(city_list, repo), repo, NUMBER, "2021年3月1日")
        repo.save_document(draft.document)
        doc = repo.document_by_number(NUMBER)
        assert doc.annexes[1].rows[0].lead == "县自然资源和规划局"
        assert doc.annexes[1].rows[1].lead == ""  # no county 应急 department: 待指定
        result = printing.print_document(doc, resolve_fonts(), tmp_path / "draft.pdf")
        exported = export_document(doc, tmp_path / "draft.xlsx")
        previews = preview_all(exported.path, repo)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(result.path).pages)
    assert "取消行政权力事项" in text.replace("\n", "") and not result.problems
    assert [len(p.rows) for p in previews] == [9, 2]
    assert openpyxl.load_workbook(exported.path).sheetnames == ["附件1", "附件2"]


def test_cli_makes_the_draft(county, city_list, capsys):
    path, _ = county
    assert main(["match", str(city_list), "--db", str(path), "--draft", NUMBER]) == 0
    out = capsys.readouterr().out
    assert f"已新建通知草稿“{NUMBER}”" in out and "尚未确认" in out
    with Repository.open(path, make_backup=False) as repo:
        doc = repo.document_by_number(NUMBER)
    assert [a.title for a in doc.annexes] == ["取消行政权力事项（9项）"]
