"""The law registry on the demo: the repeals the notice cites, marking, flags and the report."""

import dataclasses
import json
import subprocess

import openpyxl

from app.cli import main
from app.laws.registry import LawStatus
from app.laws.service import laws, mark, report
from app.storage.items import ItemFilter

SURVEYING = "《山东省测绘管理条例》"


def citing(repo, title):
    return {r.id for r in repo.items.query(ItemFilter())
            if title in repo.items.get(r.id).basis}


def test_demo_carries_the_repeals_and_amendments_its_notice_cites(demo_repo):
    registry = {law.display: law for law in laws(demo_repo).all()}
    assert registry[SURVEYING].status is LawStatus.REPEALED
    assert registry[SURVEYING].repealed == "2019-11-29"
    assert registry["《山东省生猪屠宰管理办法》"].repealed == "2019-12-16"
    assert registry["《山东省民族工作条例》"].status is LawStatus.AMENDED
    assert registry["《国务院关于取消和下放一批行政许可事项的决定》"].number == "国发〔2020〕13号"
    assert registry["《山东省测绘地理信息条例》"].status is LawStatus.IN_FORCE
    assert registry[SURVEYING].citing == 7


def test_marking_a_law_flags_exactly_the_items_whose_basis_cites_it(demo_repo):
    mark(demo_repo, SURVEYING, LawStatus.IN_FORCE)
    repealed = set(demo_repo.items.query_ids(ItemFilter(basis_flag="依据已废止")))
    assert not repealed & citing(demo_repo, SURVEYING)

    law, flagged = mark(demo_repo, "山东省测绘管理条例", LawStatus.REPEALED, "2019年11月29日",
                        "山东省第十三届人民代表大会常务委员会第十五次会议")
    assert law.repealed == "2019-11-29" and law.changed_by.endswith("第十五次会议")
    expected = citing(demo_repo, SURVEYING)
    assert len(expected) == 7
    assert {f.item_id for f in flagged} == expected
    assert {f.flag for f in flagged} == {"依据已废止，需核对"}
    now = set(demo_repo.items.query_ids(ItemFilter(basis_flag="依据已废止")))
    assert now - repealed == expected
    assert demo_repo.items.query_ids(ItemFilter(basis_flag="需核对", type="行政许可")) == [
        r.id for r in demo_repo.items.query(ItemFilter(type="行政许可", basis_flag="需核对"))]


def test_report_lists_flagged_items_under_their_county_department(demo_repo):
    grouped = report(demo_repo)
    surveying = [f for items in grouped.values() for f in items if f.law == SURVEYING]
    assert len(surveying) == 7
    assert {f.county_department for f in surveying} == {"县自然资源和规划局"}
    assert {f.item_id for f in grouped["县自然资源和规划局"]} == {f.item_id for f in surveying}
    assert {f.law for f in grouped["县农业农村局"]} == {"《山东省生猪屠宰管理办法》"}


def test_editing_a_basis_updates_its_citations(demo_repo):
    item = demo_repo.items.get(2)
    demo_repo.save_item(dataclasses.replace(item, basis="原设定依据为原《山东省测绘管理条例》第十条。"))
    assert 2 in {f.item_id for f in laws(demo_repo).flagged()}
    demo_repo.save_item(dataclasses.replace(item, basis="《中华人民共和国行政许可法》第十二条"))
    assert 2 not in {f.item_id for f in laws(demo_repo).flagged()}
    assert laws(demo_repo).find("中华人民共和国行政许可法").citing == 1


def test_cli_marks_lists_and_reports(demo_db, tmp_path, capsys):
    db = ["--db", str(demo_db)]
    assert main(["laws", "mark", SURVEYING, "--as", "in-force", *db]) == 0
    assert main(["items", "--basis-flag", "依据已废止", *db]) == 0
    assert capsys.readouterr().out.strip().endswith("共 4 项")
    assert main(["laws", "mark", SURVEYING, "--as", "repealed", "--date", "2019-11-29", *db]) == 0
    assert "引用它的 7 个事项" in capsys.readouterr().out
    assert main(["laws", "list", "--json", *db]) == 0
    listed = {law["title"]: law for law in json.loads(capsys.readouterr().out)}
    assert listed["山东省测绘管理条例"]["status"] == "已废止"

    xlsx, pdf = tmp_path / "核对.xlsx", tmp_path / "核对.pdf"
    assert main(["laws", "report", "--out", str(xlsx), *db]) == 0
    assert "已导出" in capsys.readouterr().out
    assert main(["laws", "report", "--out", str(pdf), "--json", *db]) == 0
    grouped = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert len(grouped["县自然资源和规划局"]) == 7
    wb = openpyxl.load_workbook(xlsx)
    assert "县自然资源和规划局" in wb.sheetnames
    assert wb["县自然资源和规划局"]["A1"].value.startswith("县自然资源和规划局依据已废止或修订需核对的事项（7项）")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "县自然资源和规划局依据已废止或修订需核对的事项（7项）" in text
    assert main(["laws", "mark", "《没有的条例》", "--as", "repealed", *db]) == 1
    assert "法规库中没有" in capsys.readouterr().err
