"""The bundled demo data set: shape, counts and text fidelity of data/demo/*.json."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from app.domain.departments import Department, DepartmentRegistry, Level
from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document
from app.domain.measures import MeasureTemplate
from app.domain.responsibility import (
    Boundary,
    BoundaryPart,
    Duty,
    PublicService,
    ResponsibilityList,
    SupervisionRegime,
)
from app.domain.sectors import SECTOR_NAMES, is_county_body
from app.domain.tasks import ReportBack, Task, TaskDivision

DEMO = Path(__file__).parents[2] / "data" / "demo"

FILES = (
    "jiazheng-2021-2.json",
    "luzhengfa-2020-6.json",
    "luzhengfa-2020-6-tasks.json",
    "linyi-responsibility.json",
    "departments.json",
    "counterparts.json",
    "report_backs.json",
    "templates.json",
)


def load(name: str):
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


def field_names(cls) -> set[str]:
    """Fields a demo file writes; the program works out the rest (ids, county departments)."""
    derived = {AnnexRow: {"lead", "partners", "lead_by_hand"},
               ReportBack: {"sent_date", "row_count"}}.get(cls, set())
    return {f.name for f in dataclasses.fields(cls) if f.name != "id"} - {"item_id"} - derived


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def notice():
    return load("jiazheng-2021-2.json")


@pytest.fixture(scope="module")
def registry():
    departments = [
        Department(name=d["name"], level=Level(d["level"]), aliases=d["aliases"], sector=d["sector"])
        for d in load("departments.json")
    ]
    return DepartmentRegistry(departments)


def test_all_files_are_utf8_json_without_ascii_escapes():
    for name in FILES:
        text = (DEMO / name).read_text(encoding="utf-8")
        json.loads(text)
        assert "\\u" not in text, name


@pytest.mark.parametrize("name", FILES)
def test_no_extraction_artefacts(name):
    for text in strings(load(name)):
        assert "[bookmark" not in text
        assert "<p>" not in text and "</p>" not in text
        assert text.strip() != "\u3000", repr(text)
        assert all(line == line.rstrip() for line in text.split("\n")), repr(text)


# ---- 嘉政发〔2021〕2号


def test_notice_maps_onto_document(notice):
    assert set(notice) == field_names(Document)
    for annex in notice["annexes"]:
        assert set(annex) == field_names(Annex)
        for row in annex["rows"]:
            assert set(row) == field_names(AnnexRow)
    doc = Document(**{**notice, "annexes": []})
    assert doc.number == "嘉政发〔2021〕2号"
    assert doc.title == "嘉祥县人民政府关于2021年第一批削减县级行政权力事项等事宜的通知"
    assert doc.date == "2021年2月20日"
    assert len(doc.body_paragraphs()) == 3


def test_annex_row_counts(notice):
    assert [len(a["rows"]) for a in notice["annexes"]] == [18, 7, 4, 3, 4]
    for annex in notice["annexes"]:
        assert Annex(title=annex["title"], layout=annex["layout"]).stated_count() == len(
            annex["rows"]
        )
        assert [r["seq"] for r in annex["rows"]] == [
            str(n) for n in range(1, len(annex["rows"]) + 1)
        ]


def test_fourteen_penalties(notice):
    types = [r["type"] for a in notice["annexes"] for r in a["rows"]]
    assert types.count("行政处罚") == 14


def test_annex_layouts_and_changes(notice):
    annexes = notice["annexes"]
    assert [a["layout"] for a in annexes] == [
        "cancel",
        "cancelled_above",
        "cancelled_above",
        "taken_over",
        "taken_over",
    ]
    assert [a["change_kind"] for a in annexes] == ["取消", "取消", "取消", "承接", "承接"]
    assert [a["change_level"] for a in annexes] == ["县级", "省级", "市级", "省级", "市级"]
    for annex in annexes:
        for row in annex["rows"]:
            ChangeKind(row["change_kind"])
            assert ChangeLevel(row["change_level"]).value == annex["change_level"]
            if annex["layout"] != "cancel":
                assert row["basis"] == ""
    assert annexes[0]["rows"][17]["change_kind"] == "改为备案"
    entrusted = [r for a in annexes for r in a["rows"] if r["change_kind"] == "委托实施"]
    assert [r["remarks"] for r in entrusted] == ["受省市场监管局委托实施"] * 2


def test_every_row_department_resolves(notice, registry):
    for annex in notice["annexes"]:
        for row in annex["rows"]:
            assert "\n" not in row["department"]
            assert registry.resolve(squeeze(row["department"])) is not None, row["department"]


def test_merged_measures_cell(notice):
    rows = notice["annexes"][1]["rows"]
    assert rows[6]["name"] == "原油销售、仓储经营许可初审"
    assert rows[6]["measures"] == rows[5]["measures"]
    assert rows[6]["merged_with_above"] == ["measures"]
    merged = [r for a in notice["annexes"] for r in a["rows"] if r["merged_with_above"]]
    assert len(merged) == 1


def test_measures_text_fidelity(notice):
    a1, a2 = notice["annexes"][0]["rows"], notice["annexes"][1]["rows"]
    assert a1[1]["measures"] == (
        "取消许可后，公安机关和地方金融监管部门要通过以下措施加强监管：\n"
        "1. 根据省公安厅、省地方金融监管局推送信息，"
        "及时将典当行及分支机构纳入监管范围，依法实施监管。\n"
        "2. 通过“双随机、一公开”监管等方式，加强对典当行的治安管理，及时化解风险隐患，"
        "发现违法犯罪活动依法查处。"
    )
    assert a1[0]["measures"] == "" and a1[0]["remarks"] == ""
    assert a2[3]["measures"].split("\n")[1].startswith("1．加强对测绘资质单位")
    assert a2[5]["measures"].endswith("有针对性地加强监管执法。")
    assert a2[1]["department"] == "省自然资源厅"


# ---- 鲁政发〔2020〕6号 and its task division


def test_provincial_document():
    doc = load("luzhengfa-2020-6.json")
    assert set(doc) == field_names(Document)
    assert doc["number"] == "鲁政发〔2020〕6号"
    assert doc["annexes"] == []
    body = doc["body"]
    assert "思想和党的十九大" in body
    assert "(" not in body and ")" not in body
    assert "充分发挥监管资源的综合效益。建立健全" in body
    paragraphs = body.split("\n")
    assert "一、总体要求" in paragraphs
    assert sum(1 for p in paragraphs if re.match(r"^（[一二三四五六七八九十]+）", p)) == 16
    assert doc["copy_to"].endswith("省工商联。")


def test_sixteen_tasks(registry):
    division = load("luzhengfa-2020-6-tasks.json")
    assert set(division) == field_names(TaskDivision)
    tasks = division["tasks"]
    assert len(tasks) == 16
    assert [t["seq"] for t in tasks] == [str(n) for n in range(1, 17)]
    assert tasks[0]["task"].startswith("明确监管职责。加强审批与监管衔接")
    for task in tasks:
        assert set(task) == field_names(Task)
        assert task["lead"] and task["deadline"]
        for unit in re.split(r"[、，]", task["lead"] + "，" + task["partners"]):
            if unit:
                assert registry.resolve(unit) is not None, unit


# ---- Linyi responsibility list


@pytest.fixture(scope="module")
def linyi():
    return load("linyi-responsibility.json")


def test_linyi_maps_onto_dataclasses(linyi):
    assert set(linyi) == field_names(ResponsibilityList)
    for duty in linyi["duties"]:
        assert set(duty) == field_names(Duty)
    for boundary in linyi["boundaries"]:
        assert set(boundary) == field_names(Boundary)
        for part in boundary["parts"]:
            assert set(part) == field_names(BoundaryPart)
    for regime in linyi["regimes"]:
        assert set(regime) == field_names(SupervisionRegime)
    for service in linyi["public_services"]:
        assert set(service) == field_names(PublicService)


def test_eight_duties(linyi):
    duties = linyi["duties"]
    assert len(duties) == 8
    assert len(duties[2]["tasks"]) == 10
    assert duties[2]["tasks"][-1] == "㉑组织实施缺陷产品质量召回制度。"
    assert len(duties[6]["tasks"]) == 4
    for duty in duties:
        assert duty["tasks"] and duty["accountability"]
        assert duty["accountability"].split("\n")[-1].endswith("依法应追责的其他情形。")
    assert linyi["notes"].startswith("注：")


def test_boundaries(linyi, registry):
    matters = [b["matter"] for b in linyi["boundaries"]]
    assert matters == [
        "食品相关产品监管",
        "烟花爆竹安全监管",
        "危险化学品安全管理",
        "物业监管工作",
        "电动汽车及充电设施管理",
    ]
    fireworks = linyi["boundaries"][1]
    assert "生产企业的产品进行了抽样抽检" in fireworks["example"]
    assert len(fireworks["example"].split("\n")) == 4
    for boundary in linyi["boundaries"]:
        for part in boundary["parts"]:
            if part["department"]:
                assert registry.resolve(part["department"]) is not None, part["department"]


def test_regimes(linyi):
    regimes = linyi["regimes"]
    assert len(regimes) == 10
    complete = [r for r in regimes if all(value for _, value in SupervisionRegime(**r).parts())]
    assert len(complete) >= 3
    assert regimes[0]["title"] == "工业产品生产许可的监督检查"
    assert all(all(value for _, value in SupervisionRegime(**r).parts()) for r in regimes[:3])
    assert "对获证企业开展抽样检查、检验；" in regimes[0]["method"]


def test_public_services_and_accountability(linyi):
    services = linyi["public_services"]
    assert len(services) == 5
    assert services[0]["phone"] == "0539-2656029"
    paragraphs = linyi["accountability"].split("\n")
    assert paragraphs[1] == "一、行政机关"
    assert paragraphs[-1].startswith("建立信息共享机制。")


# ---- departments, report-backs, templates


def test_departments_are_unique_and_levelled(registry):
    departments = load("departments.json")
    assert 40 <= len(departments) <= 100
    keys = [squeeze(name) for d in departments for name in [d["name"], *d["aliases"]]]
    assert len(keys) == len(set(keys))
    for d in departments:
        assert set(d) == field_names(Department)
        Level(d["level"])
    for written, canonical in [
        ("市住建局", "市住房城乡建设局"),
        ("市审批服务局", "市行政审批服务局"),
        ("市卫健委", "市卫生健康委员会"),
        ("省自然\n资源厅", "省自然资源厅"),
        ("省工信厅", "省工业和信息化厅"),
        ("县审批服务局", "县行政审批服务局"),
    ]:
        assert registry.canonical_name(written) == canonical


def test_report_backs(registry):
    reports = load("report_backs.json")
    assert len(reports) >= 8
    received = [r for r in reports if r["received_date"]]
    assert 2 <= len(received) <= 3
    for report in reports:
        assert set(report) == field_names(ReportBack)
        assert report["due_date"] == "2021-02-21"
        assert report["document_number"] == "嘉政发〔2021〕2号"
        assert registry.resolve(report["department"]) is not None


def test_templates(notice):
    templates = load("templates.json")
    assert 6 <= len(templates) <= 10
    for template in templates:
        assert set(template) == field_names(MeasureTemplate)
    measures = "\n".join(r["measures"] for a in notice["annexes"] for r in a["rows"])
    by_title = {t["title"]: t["text"] for t in templates}
    for title in ("双随机、一公开监管", "信用监管", "纳入日常行业监管"):
        assert by_title[title] in measures


def test_counterpart_table_is_complete_and_names_county_bodies(registry):
    table = load("counterparts.json")
    assert {c["sector"] for c in table} == set(SECTOR_NAMES)
    for entry in table:
        dept = registry.resolve(entry["department"])
        assert dept is not None and is_county_body(dept), entry
    for d in load("departments.json"):
        assert d["sector"] in (*SECTOR_NAMES, ""), d
