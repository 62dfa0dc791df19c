"""The sector resolver on the demo county's registry and table, and on texts from the notice."""

import json
from pathlib import Path

import pytest

from app.domain.departments import Department, DepartmentRegistry, Level
from app.domain.sectors import Counterparts, lead_sentence, sectors_in

DEMO = Path(__file__).parents[3] / "data" / "demo"


@pytest.fixture(scope="module")
def county() -> Counterparts:
    departments = [Department(name=d["name"], level=Level(d["level"]), aliases=d["aliases"],
                              sector=d["sector"])
                   for d in json.loads((DEMO / "departments.json").read_text(encoding="utf-8"))]
    table = {c["sector"]: c["department"]
             for c in json.loads((DEMO / "counterparts.json").read_text(encoding="utf-8"))}
    return Counterparts(DepartmentRegistry(departments), table)


@pytest.mark.parametrize(("text", "county_department", "sector"), [
    ("省商务厅", "县商务局", "商务"),
    ("市住建局", "县住房和城乡建设局", "住房城乡建设"),
    ("市、县级农业农村部门", "县农业农村局", "农业农村"),
    ("县级公安部门", "县公安局", "公安"),
    ("公安机关", "县公安局", "公安"),
    ("广电部门", "县文化和旅游局", "广播电视"),
    ("省自然\n资源厅", "县自然资源和规划局", "自然资源和规划"),
    ("县审批服务局", "县行政审批服务局", "行政审批"),
    ("地方金融监管部门", "县金融服务中心", "地方金融"),
    ("知识产权管理部门", "县市场监督管理局", "知识产权"),
])
def test_any_department_text_resolves_to_the_county_department_of_its_sector(
        county, text, county_department, sector):
    found = county.resolve(text)
    assert (found.county_department, found.sector) == (county_department, sector)
    assert found.how


def test_the_resolution_says_how(county):
    assert county.resolve("县公安局").how == "本县部门"
    assert "省商务厅" in county.resolve("省商务厅").how
    assert "“广电”属广播电视系统" in county.resolve("广电部门").how


def test_a_phrase_naming_two_sectors_gives_two_departments(county):
    found = county.resolve_all("市场监管、自然资源和规划部门")
    assert [r.county_department for r in found] == ["县市场监督管理局", "县自然资源和规划局"]


def test_unknown_text_is_unresolved_with_a_reason(county):
    found = county.resolve("县级有关部门")
    assert not found.resolved and "待指定" in found.how
    missing = Counterparts(county.registry, {}).resolve("公安机关")
    assert not missing.resolved and missing.sector == "公安" and "尚未指定" in missing.how


def test_settled_answer_wins(county):
    settled = Counterparts(county.registry, county.table, {"县级有关部门": "县政府办公室"})
    assert settled.resolve("县级有关部门").county_department == "县政府办公室"


def test_people_s_government_is_not_civil_affairs():
    assert sectors_in("嘉祥县人民政府") == []
    assert sectors_in("住房城乡建设（城市管理）主管部门") == [("住房城乡建设", "住房城乡建设")]


@pytest.mark.parametrize(("measures", "phrase"), [
    ("取消许可后，公安机关和地方金融监管部门要通过以下措施加强监管：\n1. 根据…",
     "公安机关和地方金融监管部门"),
    ("取消许可后，商务部门要会同有关部门通过以下措施加强监管：\n1．商务部门…", "商务部门"),
    ("市场监管部门和自然资源部门要通过以下措施加强监管：", "市场监管部门和自然资源部门"),
    ("取消许可后，应急管理部门要通过以下措施加强监管：", "应急管理部门"),
    ("1. 纳入日常行业监管。", ""),
    ("", ""),
])
def test_lead_sentence(measures, phrase):
    assert lead_sentence(measures) == phrase


def test_county_text_leads_and_the_measures_add_partners(county):
    found = county.responsible(
        "县级公安部门", "取消许可后，公安机关和地方金融监管部门要通过以下措施加强监管：\n1. 依法监管。")
    assert (found.lead, found.partners) == ("县公安局", ["县金融服务中心"])


def test_upper_level_body_the_measures_name_who_acts(county):
    found = county.responsible(
        "省自然资源厅", "取消许可后，市场监管部门和自然资源部门要通过以下措施加强监管：\n1. …")
    assert (found.lead, found.partners) == ("县市场监督管理局", ["县自然资源和规划局"])
    found = county.responsible("市行政审批服务局", "取消许可后，卫生健康部门要通过以下措施加强监管：")
    assert (found.lead, found.partners) == ("县卫生健康局", [])


def test_no_measures_the_written_department_leads(county):
    found = county.responsible("省商务厅", "")
    assert (found.lead, found.partners, found.unresolved) == ("县商务局", [], [])
