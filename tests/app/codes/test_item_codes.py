"""Item codes: rules per type, generated for new items, unique, searchable."""

import dataclasses

import pytest

from app.cli import main
from app.codes.rules import CodeRule, looks_like_code
from app.codes.service import set_rule
from app.domain.items import PowerItem
from app.storage.errors import UserError
from app.storage.items import ItemFilter


def test_rule_formats_and_reads_back_numbers():
    rule = CodeRule("行政许可", "370829-{类型码}-{年}-{序号:4}")
    assert rule.check() is None
    assert rule.format(7, year=2021) == "370829-XK-2021-0007"
    assert rule.number_in("370829-XK-2021-0012", year=2021) == 12
    assert rule.number_in("370829-CF-2021-0012", year=2021) is None
    assert rule.next_code(["370829-XK-2021-0012", "other"], year=2021) == "370829-XK-2021-0013"
    assert "必须有且只有一个" in CodeRule("行政许可", "370829-XK").check()
    assert "不认识" in CodeRule("行政许可", "{区划}-{序号}").check()
    assert looks_like_code("XK-0003") and not looks_like_code("许可") and not looks_like_code("XK")


def test_demo_items_got_codes_in_the_order_they_were_entered(demo_repo):
    rows = demo_repo.items.query(ItemFilter(type="行政处罚"))
    assert [r.code for r in rows][:3] == ["CF-0001", "CF-0002", "CF-0003"]
    codes = [r.code for r in demo_repo.items.query(ItemFilter())]
    assert all(codes) and len(set(codes)) == len(codes)


def test_new_items_follow_the_types_rule_and_codes_stay_unique(demo_repo):
    set_rule(demo_repo, "行政许可", "370829-XK-{序号:4}")
    first = demo_repo.save_item(PowerItem(name="公章刻制业审批", type="行政许可", department="县公安局")).id
    second = demo_repo.save_item(PowerItem(name="农药经营许可", type="行政许可", department="县农业农村局")).id
    assert demo_repo.items.get(first).code == "370829-XK-0001"
    assert demo_repo.items.get(second).code == "370829-XK-0002"
    typed = demo_repo.save_item(PowerItem(name="种子生产经营许可", type="行政许可",
                                          department="县农业农村局", code="370829-XK-0010")).id
    assert demo_repo.items.get(typed).code == "370829-XK-0010"
    assert demo_repo.items.get(demo_repo.save_item(PowerItem(
        name="兽药经营许可", type="行政许可", department="县农业农村局")).id).code == "370829-XK-0011"
    with pytest.raises(UserError, match="已被事项“公章刻制业审批”"):
        demo_repo.save_item(dataclasses.replace(demo_repo.items.get(second), code="370829-XK-0001"))
    assert demo_repo.items.get(second).code == "370829-XK-0002"


def test_codes_are_searchable_whole_or_by_their_start(demo_repo):
    (row,) = demo_repo.items.query(ItemFilter(search="XK-0003"))
    assert row.name == "乡村兽医登记"
    assert len(demo_repo.items.query(ItemFilter(search="CF-00"))) == 14
    assert len(demo_repo.items.query(ItemFilter(search="CF-00 测绘"))) == 7


def test_cli_rules_assign_and_check(demo_db, capsys):
    db = ["--db", str(demo_db)]
    assert main(["codes", "rule", "行政处罚", "370829-CF-{序号:5}", *db]) == 0
    assert "370829-CF-00001" in capsys.readouterr().out
    assert main(["codes", "rules", *db]) == 0
    assert "370829-CF-{序号:5}" in capsys.readouterr().out
    assert main(["codes", "rule", "行政处罚", "370829-CF", *db]) == 1
    assert "必须有且只有一个" in capsys.readouterr().err
    assert main(["codes", "check", *db]) == 0
    assert main(["codes", "assign", *db]) == 0
    assert "共为 0 个事项生成编码" in capsys.readouterr().out
