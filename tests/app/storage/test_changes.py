"""Saving calls say what they changed: the window refreshes only that."""

import dataclasses

from app.domain.items import PowerItem
from app.storage.changes import Changes
from app.storage.items import ItemFilter
from app.storage.repository import Repository


def test_renaming_a_department_names_its_items_and_nothing_wholesale(demo_repo: Repository):
    police = demo_repo.departments.registry().resolve("县级公安部门")
    own = set(demo_repo.items.ids_for_department(police.id))
    assert own
    saved = demo_repo.save_department(dataclasses.replace(police, name="县级公安机关"))
    assert saved.id == police.id
    assert saved.departments and not saved.item_set and not saved.documents
    assert own <= saved.items
    assert {demo_repo.items.get(i).department for i in own} == {"县级公安机关"}


def test_an_item_edit_names_the_item_and_a_move_changes_the_lists(demo_repo: Repository):
    item = demo_repo.items.get(demo_repo.items.query(ItemFilter(department="县级公安部门"))[0].id)
    item.remarks = "已核对"
    edited = demo_repo.save_item(item)
    assert (edited.id, edited.items, edited.item_set, edited.departments) == (
        item.id, {item.id}, False, False)
    item.department = "县农业农村局"
    assert demo_repo.save_item(item).item_set
    item.department = "县新设部门"
    moved = demo_repo.save_item(item)
    assert moved.item_set and moved.departments
    added = demo_repo.save_item(PowerItem(name="测试事项", type="行政许可", department="县公安局"))
    assert added.item_set and added.items == {added.id}
    assert demo_repo.delete_item(added.id) == Changes(items=frozenset([added.id]), item_set=True)


def test_changes_of_several_calls_add_up():
    merged = Changes(items=frozenset([1])) | Changes(items=frozenset([2]), documents=True)
    assert merged == Changes(items=frozenset([1, 2]), documents=True)
