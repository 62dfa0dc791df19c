import pytest

from app.matching.normalise import differences, key_of, without_prefix
from app.matching.subitems import split_name


@pytest.mark.parametrize(("theirs", "ours", "rule"), [
    ("对民族政策执行情况监督检查", "对民族政策执行情况的监督检查", "“的”"),
    ("成品油批发和仓储经营许可初审", "成品油批发、仓储经营许可初审", "“和、及、与、顿号”"),
    ("成品油批发及仓储经营许可初审", "成品油批发与仓储经营许可初审", "“和、及、与、顿号”"),
    ("航空摄影或遥感的审批", "航空摄影或者遥感的审批", "“或、或者”"),
    ("生猪定点屠宰厂(场)的处罚", "生猪定点屠宰厂（场）的处罚", "全半角"),
    ("擅自交付施工行政处罚", "对擅自交付施工的处罚", "“对…的处罚”与“…行政处罚”"),
    ("城市供水经营许可证核发（含变更）", "城市供水经营许可证核发", "后缀"),
    ("城市供水经营许可证核发(延续)", "城市供水经营许可证核发", "后缀"),
])
def test_variants_meet_and_say_which_rule(theirs, ours, rule):
    assert key_of(theirs) == key_of(ours)
    assert rule in differences(theirs, ours)


def test_only_needed_rules_are_named():
    a = "编制、出版、展示或登载未出版的地图"
    b = "编制、出版、展示或者登载未出版的地图"
    assert differences(a, b) == ["“或、或者”"]


@pytest.mark.parametrize(("a", "b"), [
    ("林木种子生产经营许可证核发", "林木种子质量检验机构资质考核"),
    ("职业卫生技术服务机构乙级资质认可", "职业卫生技术服务机构丙级资质认可"),
    ("原油销售、仓储经营许可初审", "成品油批发、仓储经营许可初审"),
])
def test_different_items_keep_different_keys(a, b):
    assert key_of(a) != key_of(b)


def test_place_and_level_prefixes_come_off_but_words_stay():
    assert without_prefix("济宁市任城区城市供水经营许可证核发") == ("城市供水经营许可证核发",
                                                                 "济宁市任城区")
    assert without_prefix("市级乡村兽医登记") == ("乡村兽医登记", "市级")
    assert without_prefix("城市供水经营许可证核发") is None
    assert without_prefix("市场监管局检查") is None


def test_sub_items_split_on_the_dash_and_circled_numbers():
    split = split_name("肥料登记审批——①复混肥登记审批；②掺混肥登记审批")
    assert split.parent == "肥料登记审批"
    assert split.parts == ("复混肥登记审批", "掺混肥登记审批")
    assert split_name("乡村兽医登记").parts == ()
