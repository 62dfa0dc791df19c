import json

import docx
import pytest

from app.cli import main
from app.demo import DEMO_NOTICE
from app.domain.documents import ChangeLevel
from app.domain.items import PowerItem
from app.matching.draft import draft_notice
from app.matching.upper_list import match_file
from app.pdf import printing
from app.pdf.fonts import resolve_fonts
from app.storage.errors import UserError
from app.tables.exporter import export_document
from app.word.notice import write_docx

from .conftest import CITY_ROWS, write_city_list


def test_every_variant_finds_the_county_item_first_and_confidently(county, county_repo,
                                                                   city_list):
    _, ids = county
    report = match_file(city_list, county_repo)
    assert [r.upper.row.name for r in report.rows] == [name for _, name, _ in CITY_ROWS]
    for row, (_, name, meant) in zip(report.rows, CITY_ROWS, strict=True):
        if meant is None:
            continue
        assert row.ranking.candidates[0].item_id == ids[meant], name
        assert row.ranking.match is not None and row.ranking.match.confident, name


def test_items_the_county_lacks_are_never_confident(county, county_repo, city_list):
    report = match_file(city_list, county_repo)
    for row, (_, name, meant) in zip(report.rows, CITY_ROWS, strict=True):
        if meant is None:
            assert row.ranking.match is None or not row.ranking.match.confident, name


def test_near_names_are_offered_with_a_reason_but_not_matched(county, county_repo, city_list):
    _, ids = county
    report = match_file(city_list, county_repo)
    seeds = next(r for r in report.rows if r.upper.row.name == "林木种子生产经营许可证核发")
    assert not (seeds.ranking.match and seeds.ranking.match.confident)
    assert seeds.ranking.candidates[0].item_id == ids["林木种子质量检验机构资质考核"]
    assert "开头“林木种子”相同" in seeds.ranking.candidates[0].why
    grade = next(r for r in report.rows if r.upper.row.name == "职业卫生技术服务机构乙级资质认可")
    first = grade.ranking.candidates[0]
    assert first.item_id == ids["职业卫生技术服务机构丙级资质认可"]
    assert "相近" in first.why and not grade.ranking.match.confident


def test_reasons_name_the_variation(county, county_repo, city_list):
    report = match_file(city_list, county_repo)
    why = {r.upper.row.name: r.ranking.candidates[0].why for r in report.rows}
    assert "顿号" in why["成品油批发和仓储经营许可初审"]
    assert "处罚" in why["未经批准擅自以测绘为目的进行航空摄影或者遥感行政处罚"]
    assert "后缀" in why["城市供水经营许可证核发（含变更）"]
    assert "济宁市" in why["济宁市污水处理企业经营许可"]
    assert "子项" in why["复混肥登记审批"]
    assert "农业农村" in why["复混肥登记审批"]


def test_cli_json_has_exactly_the_agreed_shape(county, city_list, capsys):
    path, ids = county
    assert main(["match", str(city_list), "--db", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["rows"] and len(data["rows"]) == len(CITY_ROWS)
    row = data["rows"][2]
    assert list(row) == ["seq", "name", "department", "match", "candidates"]
    assert row["seq"] == "3" and row["department"] == "市商务局"
    assert list(row["match"]) == ["item_id", "name", "score", "confident"]
    assert row["match"]["item_id"] == ids["成品油批发、仓储经营许可初审"]
    assert list(row["candidates"][0]) == ["item_id", "name", "department", "score", "why"]
    assert data["rows"][-1]["match"] is None


def test_cli_text_says_what_needs_checking(county, city_list, capsys):
    path, _ = county
    assert main(["match", str(city_list), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "需人工核对" in out and "本县无对应事项" in out


def test_a_word_table_list_matches_the_same_way(county, county_repo, tmp_path):
    _, ids = county
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("市级取消事项")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "实施部门", "事项名称", "事项类型"],
                          strict=True):
        cell.text = text
    for n, (department, name, _) in enumerate(CITY_ROWS[:6], start=1):
        for cell, text in zip(table.add_row().cells, [str(n), department, name, "行政许可"],
                              strict=True):
            cell.text = text
    path = tmp_path / "市级取消事项.docx"
    document.save(path)
    report = match_file(path, county_repo)
    assert [r.ranking.candidates[0].item_id for r in report.rows] == \
        [ids[meant] for _, _, meant in CITY_ROWS[:6]]


def test_the_demo_notice_exported_matches_the_items_it_made(demo_repo, tmp_path):
    demo_doc = demo_repo.document_by_number(DEMO_NOTICE)
    path = tmp_path / "notice.xlsx"
    export_document(demo_doc, path)
    report = match_file(path, demo_repo)
    applied = [r.item_id for a in demo_doc.annexes for r in a.rows]
    assert len(report.rows) == len(applied) == 36
    assert [r.ranking.candidates[0].item_id for r in report.rows] == applied
    assert all(r.ranking.candidates[0].why.startswith("名称相同") for r in report.rows)


def test_a_sheet_that_is_not_there_is_named(county_repo, city_list):
    with pytest.raises(UserError, match="没有这张"):
        match_file(city_list, county_repo, sheet="没有这张")


def test_a_row_with_parts_finds_each_part_the_county_lists_apart(county_repo, tmp_path):
    ids = [county_repo.save_item(PowerItem(name=name, type="行政许可", department="县农业农村局")).id
           for name in ("掺混肥登记审批", "有机肥登记审批")]
    path = write_city_list(tmp_path / "省级取消.xlsx", [
        ("省农业农村厅", "肥料登记审批——①掺混肥登记审批；②有机肥登记审批", None),
        ("省农业农村厅", "肥料登记审批——①掺混肥登记审批；②生物肥登记审批", None)])
    report = match_file(path, county_repo)
    both, half = report.rows
    assert both.ranking.match.confident and both.item_ids == ids
    assert [c.item_id for c in both.ranking.candidates[:2]] == ids
    assert "子项①" in both.ranking.candidates[0].why
    assert not half.ranking.parts and half.ranking.candidates[0].item_id == ids[0]
    cancel = draft_notice(report, county_repo, "嘉政发〔2021〕9号").document.annexes[0]
    assert [r.item_id for r in cancel.rows] == ids


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_whole_notice_matches_every_annex_row(demo_repo, tmp_path, kind):
    demo_doc = demo_repo.document_by_number(DEMO_NOTICE)
    path = tmp_path / f"notice.{kind}"
    if kind == "docx":
        write_docx(demo_doc, path)
    else:
        printing.print_document(demo_doc, resolve_fonts(), path)
    report = match_file(path, demo_repo)
    applied = [r.item_id for a in demo_doc.annexes for r in a.rows]
    assert [r.ranking.candidates[0].item_id for r in report.rows] == applied
    titles = list(dict.fromkeys(r.upper.title for r in report.rows))
    assert titles == [a.title for a in demo_doc.annexes]
    assert report.rows[20].upper.change_level == ChangeLevel.PROVINCE
