"""County departments in storage: migration, lead/partners, the sector table, 待指定, filters."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.departments import Department, Level
from app.domain.items import PowerItem
from app.storage.errors import UserError
from app.storage.items import ItemFilter
from app.storage.repository import Repository
from tests import sqlite_file

FIXTURE = Path(__file__).parents[2] / "fixtures" / "schema_v1.sqlite"
WRITTEN = ("SELECT items.id, items.name, items.type, d.name, items.basis, items.measures, "
           "items.remarks, items.status FROM items JOIN departments d ON d.id = items.department_id "
           "ORDER BY items.id")


def names(repo: Repository, **filters: str) -> set[str]:
    return {r.name for r in repo.items.query(ItemFilter(**filters))}


def test_old_file_migrates_after_a_backup_and_keeps_every_written_text(tmp_path, data_dir):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    before = sqlite_file.rows(path, WRITTEN)
    rows_before = sqlite_file.rows(path, "SELECT * FROM annex_rows ORDER BY id")
    with Repository.open(path) as repo:
        after = sqlite_file.rows(path, WRITTEN)
        rows_after = sqlite_file.rows(path, "SELECT * FROM annex_rows ORDER BY id")
        police = repo.items.get(next(r[0] for r in after if r[1] == "典当业特种行业许可证核发"))
        pending = {p.sector for p in repo.pending_departments()}
        assert repo.check() == []
    backups = list((data_dir / "backups").glob("*.sqlite"))
    assert backups, "a backup must be made before migrating"
    assert after == before
    assert [r[:len(rows_before[0])] for r in rows_after] == rows_before
    assert police.department == "县级公安部门"
    assert police.lead == "县公安局"
    # The old registry has no county 地方金融 department: it waits on the 待指定 list.
    assert "地方金融" in pending


def test_settling_a_pending_sector_is_remembered_and_applied(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    with Repository.open(path) as repo:
        repo.save_department(Department(name="县金融服务中心", level=Level.COUNTY,
                                        sector="地方金融"))
        pending = next(p for p in repo.pending_departments() if p.sector == "地方金融")
        changed = repo.settle_department(pending.text, "县金融服务中心")
        assert changed.departments
        assert {repo.items.get(i).name for i in changed.items} >= {"典当业特种行业许可证核发"}
        assert "地方金融" not in {p.sector for p in repo.pending_departments()}
        assert "典当业特种行业许可证核发" in names(repo, department="县金融服务中心")
    with Repository.open(path) as repo:
        assert repo.counterpart_table()["地方金融"] == "县金融服务中心"
        assert repo.resolve_department("地方金融监管部门").county_department == "县金融服务中心"


def test_settling_a_text_with_no_sector(demo_repo):
    item_id = demo_repo.save_item(_item("县级有关部门")).id
    assert demo_repo.items.get(item_id).lead == ""
    assert "县级有关部门" in {p.text for p in demo_repo.pending_departments()}
    demo_repo.settle_department("县级有关部门", "县政府办公室")
    assert demo_repo.items.get(item_id).lead == "县政府办公室"
    assert "县级有关部门" not in {p.text for p in demo_repo.pending_departments()}
    assert "已指定" in demo_repo.resolve_department("县级有关部门").how


def _item(department: str, measures: str = "") -> PowerItem:
    return PowerItem(name="测试事项", type="行政许可", department=department, measures=measures)


def test_only_county_bodies_can_answer_for_a_sector(demo_repo):
    with pytest.raises(UserError, match="不是本县的部门"):
        demo_repo.set_counterparts({"公安": "县级公安部门"})
    with pytest.raises(UserError, match="部门登记表中没有"):
        demo_repo.set_counterparts({"公安": "县交警大队"})


def test_changing_the_sector_table_moves_automatic_rows_but_not_the_clerks(demo_repo):
    demo_repo.save_department(Department(name="县融媒体中心", level=Level.COUNTY))
    by_hand = demo_repo.items.get(demo_repo.items.query(ItemFilter(search="节目套数"))[0].id)
    by_hand.lead, by_hand.partners, by_hand.lead_by_hand = "县文化和旅游局", [], True
    demo_repo.save_item(by_hand)
    changed = demo_repo.set_counterparts({"广播电视": "县融媒体中心"})
    assert by_hand.id not in changed.items
    assert {demo_repo.items.get(i).lead for i in changed.items} == {"县融媒体中心"}
    assert names(demo_repo, department="县融媒体中心") == {
        "设区的市、县级地方新闻单位的信息网络传播视听节目许可证核发和其他机构的信息网络传播视听节目许可证初审"
        "——①设区的市、县级地方新闻单位的信息网络传播视听节目许可证核发；②本行政区域内其他机构的信息网络传播视听节目许可证初审"}
    assert demo_repo.items.get(by_hand.id).lead == "县文化和旅游局"
    annex = demo_repo.document_by_number("嘉政发〔2021〕2号").annexes[3]
    assert [r.lead for r in annex.rows[1:]] == ["县融媒体中心", "县融媒体中心"]
    assert changed.annex_rows == {r.id for r in annex.rows[1:]}


def test_annex_rows_carry_lead_and_partners(demo_repo):
    doc = demo_repo.document_by_number("嘉政发〔2021〕2号")
    pawn = doc.annexes[0].rows[1]
    assert (pawn.department, pawn.lead, pawn.partners) == (
        "县级公安部门", "县公安局", ["县金融服务中心"])
    seed = doc.annexes[1].rows[1]
    assert (seed.lead, seed.partners) == ("县市场监督管理局", ["县自然资源和规划局"])
    every = [r for a in doc.annexes for r in a.rows]
    assert len(every) == 36 and all(r.lead.startswith("县") for r in every)


def test_filter_by_county_department_lead_or_partner(demo_repo):
    police = names(demo_repo, department="县公安局")
    assert police == {"典当业特种行业许可证核发"}
    farming = names(demo_repo, department="县农业农村局")
    assert "乡村兽医登记" in farming
    assert len([n for n in farming if "生猪定点屠宰" in n]) == 4
    assert "成品油批发、仓储经营许可初审" in names(demo_repo, department="县商务局")
    assert "典当业特种行业许可证核发" in names(demo_repo, department="县金融服务中心")
    # The text as written stays findable, by department and by search.
    assert "典当业特种行业许可证核发" in names(demo_repo, department="县级公安部门")
    assert "典当业特种行业许可证核发" in names(demo_repo, search="县级公安")


def test_a_department_that_answers_for_items_cannot_be_deleted(demo_repo):
    police = demo_repo.departments.registry().resolve("县公安局")
    with pytest.raises(UserError, match="牵头或配合"):
        demo_repo.delete_department(police.id)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quanze", *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def test_items_command_by_county_department(demo_db):
    result = _cli("items", "--db", str(demo_db), "--department", "县公安局", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(r["name"], r["department"], r["lead"], r["partners"]) for r in found] == [
        ("典当业特种行业许可证核发", "县级公安部门", "县公安局", ["县金融服务中心"])]
    result = _cli("items", "--db", str(demo_db), "--department", "县农业农村局", "--json")
    farming = [r["name"] for r in json.loads(result.stdout)]
    assert "乡村兽医登记" in farming and sum("生猪定点屠宰" in n for n in farming) == 4
    result = _cli("items", "--db", str(demo_db), "--department", "县商务局")
    assert "成品油批发、仓储经营许可初审" in result.stdout
    assert "县商务局（牵头）" in result.stdout
