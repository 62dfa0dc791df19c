import pytest

from app.domain.departments import Department
from app.domain.items import PowerItem
from app.storage.errors import UserError
from app.storage.items import ItemFilter
from tests import sqlite_file


def test_an_edit_writes_one_audit_entry_per_changed_field(demo_repo):
    (row,) = demo_repo.items.query(ItemFilter(search="乡村兽医登记"))
    item = demo_repo.items.get(row.id)
    old_measures = item.measures
    item.measures = old_measures + "\n4. 加强培训。"
    item.remarks = "已核对"
    demo_repo.save_item(item)
    entries = demo_repo.audit_entries("items", row.id)
    latest = {e.field: e for e in entries if e.action == "修改"}
    assert set(latest) == {"measures", "remarks"}
    assert latest["measures"].old_value == old_measures
    assert latest["measures"].new_value.endswith("4. 加强培训。")
    assert latest["remarks"].old_value == "改为备案"


def test_invalid_item_is_refused_and_nothing_is_written(empty_repo):
    before = sqlite_file.value(empty_repo.path, "SELECT count(*) FROM audit_log")
    with pytest.raises(UserError, match="事项类型"):
        empty_repo.save_item(PowerItem(name="甲", type="不存在的类型", department="县某局"))
    assert empty_repo.items.count(ItemFilter()) == 0
    assert sqlite_file.value(empty_repo.path, "SELECT count(*) FROM audit_log") == before


def test_a_failing_action_rolls_back_completely(demo_repo):
    doc = demo_repo.document_by_number("嘉政发〔2021〕2号")
    doc.title = "改过的标题"
    doc.annexes[0].rows[0].name = "改过的名称"
    doc.annexes[1].layout = None  # NOT NULL column: the save fails part-way through
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        demo_repo.save_document(doc)
    again = demo_repo.document_by_number("嘉政发〔2021〕2号")
    assert again.title != "改过的标题"
    assert again.annexes[0].rows[0].name != "改过的名称"


def test_department_alias_clash_is_refused(demo_repo):
    with pytest.raises(UserError, match="市住建局"):
        demo_repo.save_department(Department(name="某新局", aliases=["市住建局"]))


def test_new_alias_is_searchable_at_once(demo_repo):
    dept = demo_repo.departments.registry().resolve("县级公安部门")
    dept.aliases.append("县公安")
    demo_repo.save_department(dept)
    assert [r.name for r in demo_repo.items.query(ItemFilter(search="县公安"))] == [
        "典当业特种行业许可证核发"]


def test_get_many_reads_items_in_order_a_few_hundred_per_query(demo_repo):
    from app.storage.items import ItemFilter

    ids = list(reversed(demo_repo.items.query_ids(ItemFilter())))
    statements: list[str] = []
    # Counting the statements needs the repository's own connection; no other can see them.
    demo_repo._db.conn.set_trace_callback(statements.append)
    try:
        many = demo_repo.items.get_many([*ids, 999_999])
    finally:
        demo_repo._db.conn.set_trace_callback(None)
    assert [item.id for item in many] == ids
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 3
    assert many == [demo_repo.items.get(i) for i in ids]


def test_query_sorts_descending_as_the_catalogue_does(demo_repo):
    from app.storage.items import ItemFilter

    up = [r.id for r in demo_repo.items.query(ItemFilter(), "name")]
    down = [r.id for r in demo_repo.items.query(ItemFilter(), "name", descending=True)]
    assert down == up[::-1] and len(up) > 10


def test_department_counts_and_item_ids_match_the_file(demo_repo):
    counts = demo_repo.items.count_by_department()
    expected = dict(sqlite_file.rows(demo_repo.path, "SELECT department_id, count(*) FROM items "
                                     "WHERE department_id IS NOT NULL GROUP BY department_id"))
    assert counts == expected and sum(counts.values()) >= 30
    busiest = max(counts, key=counts.__getitem__)
    ids = demo_repo.items.ids_for_department(busiest)
    assert len(ids) == counts[busiest] and ids == sorted(ids)
    assert {demo_repo.items.get(i).department for i in ids} == {
        next(d.name for d in demo_repo.departments.all() if d.id == busiest)}


def test_data_version_changes_when_this_or_another_connection_writes(demo_repo):
    before = demo_repo.data_version()
    assert demo_repo.data_version() == before
    item = demo_repo.items.get(demo_repo.items.query_ids(ItemFilter())[0])
    item.remarks = "改过"
    demo_repo.save_item(item)
    mine = demo_repo.data_version()
    assert mine != before
    sqlite_file.run(demo_repo.path, "UPDATE items SET remarks = '别处改过' WHERE id = 1")
    assert demo_repo.data_version() != mine
