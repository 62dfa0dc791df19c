"""The catalogue at a date and between two dates, on the demo database."""

import dataclasses
import datetime as dt
import json
import shutil
import subprocess

import openpyxl
import pytest

from app.apply import apply_document
from app.catalogue.service import catalogue_as_of, compare_between, resolve_cutoff
from app.cli import main
from app.demo import DEMO_NOTICE
from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document
from app.domain.items import PowerItem
from app.storage.errors import UserError
from app.storage.items import ItemFilter


def notice_rows(repo):
    """(annex number, row seq) → the change kind the notice gives that row."""
    doc = repo.document_by_number(DEMO_NOTICE)
    return {(n, row.seq): row.change_kind or annex.change_kind
            for n, annex in enumerate(doc.annexes, start=1) for row in annex.rows}


def test_the_day_before_the_notice_everything_it_touched_was_in_force(demo_repo):
    states = catalogue_as_of(demo_repo, "2021-02-19")
    assert len(states) == 36
    assert {s.status for s in states} == {"在用"}
    after = {s.id: s.status for s in catalogue_as_of(demo_repo, "2021年2月20日")}
    today = {r.id: r.status for r in demo_repo.items.query(ItemFilter())}
    assert after == today


def test_the_two_days_differ_by_exactly_the_notices_36_rows_with_their_kinds(demo_repo):
    comparison = compare_between(demo_repo, "2021-02-19", "2021-02-20")
    expected = notice_rows(demo_repo)
    assert len(comparison.rows) == len(expected) == 36
    got = {(r.annex_position, r.row_seq): str(r.kind) for r in comparison.rows}
    assert got == {key: str(kind) for key, kind in expected.items()}
    assert all(r.document_number == DEMO_NOTICE and r.before == "在用" for r in comparison.rows)
    assert comparison.counts() == {"取消": 28, "承接": 5, "委托实施": 2, "改为备案": 1}
    groups = {r.kind.group for r in comparison.rows}
    assert groups == {"cancelled", "taken_over", "adjusted"}


def test_right_after_a_document_is_the_same_as_the_end_of_its_day(demo_repo):
    by_doc = compare_between(demo_repo, "2021-02-19", DEMO_NOTICE)
    by_day = compare_between(demo_repo, "2021-02-19", "2021-02-20")
    assert [r.as_dict() for r in by_doc.rows] == [r.as_dict() for r in by_day.rows]
    assert compare_between(demo_repo, DEMO_NOTICE, "今天").rows == []


def test_a_later_document_and_hand_edits_show_with_their_reasons(demo_repo):
    item_id = next(r.id for r in catalogue_as_of(demo_repo, "2021-02-20")
                   if r.name == "成品油零售经营资格审批")
    later = Document(number="嘉政发〔2022〕5号", title="关于下放一批行政权力事项的通知",
                     date="2022年3月1日", annexes=[Annex(
                         title="下放行政权力事项（1项）", layout="taken_over",
                         change_kind=ChangeKind.DEVOLVE, change_level=ChangeLevel.COUNTY,
                         rows=[AnnexRow(seq="1", department="市行政审批服务局",
                                        name="成品油零售经营资格审批", type="行政许可")])])
    doc_id = demo_repo.save_document(later).id
    apply_document(demo_repo, doc_id)
    renamed = demo_repo.items.get(1)
    demo_repo.save_item(dataclasses.replace(renamed, name="对民族政策执行情况的监督检查",
                                            department="县民族宗教事务局"))
    new_id = demo_repo.save_item(PowerItem(name="农药经营许可", type="行政许可",
                                           department="县农业农村局")).id

    window = compare_between(demo_repo, DEMO_NOTICE, "嘉政发〔2022〕5号")
    (devolved,) = window.rows
    assert (devolved.item_id, str(devolved.kind), devolved.before, devolved.after) == (
        item_id, "下放", "承接", "下放")
    assert devolved.reason == "嘉政发〔2022〕5号 附件1第1项"

    today = dt.date.today().isoformat()
    edits = {(r.item_id, str(r.kind)): r for r in compare_between(
        demo_repo, "嘉政发〔2022〕5号", today).rows}
    assert set(edits) == {(1, "更名"), (1, "部门变更"), (new_id, "新增")}
    assert edits[(1, "更名")].before == "对民族政策和法律法规执行情况的监督检查"
    assert edits[(1, "部门变更")].after == "县民族宗教事务局"
    assert all(r.reason == "手工修改" and r.date == today for r in edits.values())

    past = {s.id: s for s in catalogue_as_of(demo_repo, "2022-03-01")}
    assert new_id not in past
    assert past[1].name == "对民族政策和法律法规执行情况的监督检查"
    assert past[1].department == "市、县级民族宗教事务管理部门"
    assert past[item_id].status == "下放"
    assert {s.id: s.status for s in catalogue_as_of(demo_repo, "2022-02-28")}[item_id] == "承接"


def test_as_of_filters_status_as_it_was_then(demo_repo):
    cancelled_then = catalogue_as_of(demo_repo, "2021-02-19", ItemFilter(status="取消"))
    assert cancelled_then == []
    penalties = catalogue_as_of(demo_repo, "2021-02-19",
                                ItemFilter(type="行政处罚", status="在用"))
    assert len(penalties) == 14


@pytest.mark.parametrize(("start", "end", "message"), [
    ("2021-02-21", "2021-02-19", "晚于终点"),
    ("二月", "今天", "既不是日期"),
    ("鲁政发〔2020〕6号", "今天", "还没有应用"),
    ("嘉政发〔2099〕1号", "今天", "没有文号"),
    ("2021-02-30", "今天", "既不是日期"),
])
def test_bad_points_in_time_are_plain_messages(demo_repo, start, end, message):
    with pytest.raises(UserError, match=message):
        compare_between(demo_repo, start, end)


def test_cutoff_forms(demo_repo):
    assert resolve_cutoff(demo_repo, "2021/2/19").date == "2021-02-19"
    assert resolve_cutoff(demo_repo, "20210219").label == "2021年2月19日"
    assert resolve_cutoff(demo_repo, DEMO_NOTICE).label == f"{DEMO_NOTICE}之后"


def test_cli_items_as_of_and_compare(demo_db, tmp_path, capsys):
    assert main(["items", "--db", str(demo_db), "--as-of", "2021-02-19", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 36 and {i["status"] for i in items} == {"在用"}
    assert main(["items", "--db", str(demo_db), "--as-of", "2021-02-19"]) == 0
    assert capsys.readouterr().out.strip().endswith("共 36 项")

    assert main(["compare", "--db", str(demo_db), "--from", "2021-02-19", "--to", "2021-02-20",
                 "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert len(answer["changes"]) == 36
    assert answer["counts"] == {"取消": 28, "承接": 5, "委托实施": 2, "改为备案": 1}

    out = tmp_path / "变化.xlsx"
    assert main(["compare", "--db", str(demo_db), "--from", "2021-02-19", "--to", DEMO_NOTICE,
                 "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["附件1", "附件2", "附件3", "附件4", "附件5", "变化明细"]
    titles = [wb[f"附件{n}"]["A2"].value for n in range(1, 6)]
    assert titles == ["取消行政权力事项（18项）", "省级取消后需市县加强监管的事项（7项）",
                      "市级取消后需市县加强监管的事项（4项）", "省级承接后需市县加强监管的事项（3项）",
                      "市级承接后需市县加强监管的事项（4项）"]
    sheet = wb["附件1"]
    names = [sheet.cell(r, 3).value for r in range(4, sheet.max_row + 1)]
    assert names[1] == "典当业特种行业许可证核发" and len(names) == 18
    assert sheet.cell(21, 7).value == "改为备案"
    assert wb["变化明细"].max_row == 2 + 36


def test_cli_compare_prints_a_pdf_table(demo_db, tmp_path, capsys):
    out = tmp_path / "变化.pdf"
    assert main(["compare", "--db", str(demo_db), "--from", "2021-02-19", "--to", "2021-02-20",
                 "--out", str(out)]) == 0
    assert "已生成 PDF" in capsys.readouterr().out
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) 未安装")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    joined = "".join(text.split())
    assert "行政权力事项变化对照表（36项）" in joined and "典当业特种行业许可证核发" in joined
    assert joined.count("嘉政发〔2021〕2号") == 36
    assert main(["compare", "--db", str(demo_db), "--from", "2021-02-21",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有变化" in capsys.readouterr().err
