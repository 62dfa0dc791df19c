"""The search index keeps no copy of the text and follows every write through triggers."""

import shutil
from pathlib import Path

from app.cli import main
from app.domain.items import PowerItem
from app.storage.items import ItemFilter
from app.storage.repository import Repository
from tests import sqlite_file

FIXTURE = Path(__file__).parents[2] / "fixtures" / "schema_v1.sqlite"


def found(repo, term):
    return {r.id for r in repo.items.query(ItemFilter(search=term))}


def test_index_stores_no_copy_of_the_text(demo_repo):
    tables = {r[0] for r in sqlite_file.rows(demo_repo.path, "SELECT name FROM sqlite_master")}
    assert not {"items_search_content", "items_chars_content"} & tables
    assert {"items_search_data", "items_chars_data", "items_search_source"} <= tables
    assert demo_repo.check() == []


def test_new_changed_and_deleted_items_are_found_as_they_now_are(demo_repo):
    with demo_repo.transaction():
        dept_id = demo_repo.departments.registry().resolve("县公安局").id
        item_id = demo_repo.items.save(PowerItem(name="烟花爆竹零售经营许可", type="行政许可",
                                                 department="县公安局", measures="加强巡查"),
                                       dept_id)
    assert item_id in found(demo_repo, "烟花爆竹") and item_id in found(demo_repo, "巡查")
    item = demo_repo.items.get(item_id)
    item.name, item.measures = "烟花爆竹批发许可", "双随机抽查"
    with demo_repo.transaction():
        demo_repo.items.save(item, dept_id)
    assert item_id in found(demo_repo, "批发") and item_id not in found(demo_repo, "零售")
    assert item_id not in found(demo_repo, "巡查") and item_id in found(demo_repo, "抽查")
    demo_repo.delete_item(item_id)
    assert found(demo_repo, "烟花爆竹") == set()
    assert demo_repo.check() == []


def test_renaming_a_department_reindexes_its_items(demo_repo):
    dept = demo_repo.departments.registry().resolve("市行政审批服务局")
    before = found(demo_repo, "市行政审批服务局")
    assert len(before) == 6
    dept.name, dept.aliases = "市数据和政务服务局", ["政务大厅"]
    demo_repo.save_department(dept)
    assert found(demo_repo, "政务大厅") == before == found(demo_repo, "市数据和政务服务局")
    assert found(demo_repo, "市行政审批服务局") == set()
    assert demo_repo.check() == []


def test_check_finds_a_stale_index_and_repair_rebuilds_it(demo_db, capsys):
    with Repository.open(demo_db, make_backup=False) as repo:
        item_id = next(iter(found(repo, "许可")))
        # what a tool without the triggers would leave behind
        sqlite_file.run(demo_db, "DROP TRIGGER items_search_bu", "DROP TRIGGER items_search_au",
                        f"UPDATE items SET name = '改过的名称' WHERE id = {item_id}")
        problems = repo.check()
    assert problems and "检索索引" in problems[0]
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "检索索引" in capsys.readouterr().out
    assert main(["check", "--db", str(demo_db), "--repair"]) == 0
    assert "已重建" in capsys.readouterr().out
    with Repository.open(demo_db, readonly=True) as repo:
        assert repo.check() == []
        assert item_id in found(repo, "改过的名称")


def test_first_schema_file_is_upgraded_and_shrinks(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    with Repository.open(path) as repo:
        assert len(found(repo, "许可")) == 16
        free = sqlite_file.value(path, "PRAGMA freelist_count")
        assert free * 5 <= sqlite_file.value(path, "PRAGMA page_count")
        assert repo.check() == []


def test_items_json_is_streamed_in_the_same_shape(demo_db, capsys):
    import json

    assert main(["items", "--db", str(demo_db), "--search", "许可", "--json"]) == 0
    text = capsys.readouterr().out
    rows = json.loads(text)
    assert len(rows) == 16 and text == json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    assert main(["items", "--db", str(demo_db), "--search", "没有这个词", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_finds_an_emptied_character_index(demo_db, capsys):
    """The characters' index is checked and rebuilt too, not only the bigrams'."""
    sqlite_file.run(demo_db, "INSERT INTO items_chars(items_chars) VALUES ('delete-all')")
    with Repository.open(demo_db, readonly=True) as repo:
        assert found(repo, "猪") == set()
        assert repo.check()
    assert main(["check", "--db", str(demo_db), "--repair"]) == 0
    assert "已重建" in capsys.readouterr().out
    with Repository.open(demo_db, readonly=True) as repo:
        assert repo.check() == []
        assert len(found(repo, "猪")) == 4
