import pytest

from app.storage.items import ItemFilter
from app.storage.search_index import index_columns, match_expressions


def test_index_holds_every_bigram_and_each_character_once():
    assert index_columns("典当业，许可，典") == ("典当 当业 许可", "业 典 可 当 许")
    assert match_expressions(["许可证核发"]) == ('"许可 可证 证核 核发"', "")
    assert match_expressions(["许", "典当业"]) == ('"典当 当业"', '"许"')
    assert match_expressions(["“，”"]) == ("", "")


@pytest.mark.parametrize("term", ["许可", "公安", "典当业特种行业许可证", "双随机"])
def test_search_finds_substrings_anywhere(demo_repo, term):
    rows = demo_repo.items.query(ItemFilter(search=term))
    assert rows
    for row in rows:
        item = demo_repo.items.get(row.id)
        dept = demo_repo.departments.registry().resolve(item.department)
        haystack = "".join([item.name, item.basis, item.measures, *dept.all_names()])
        assert term in haystack


def test_search_matches_exactly_the_items_containing_the_term(demo_repo):
    expected = {r.id for r in demo_repo.items.query(ItemFilter())
                if "许可" in demo_repo.items.get(r.id).name + demo_repo.items.get(r.id).basis
                + demo_repo.items.get(r.id).measures + r.department}
    found = {r.id for r in demo_repo.items.query(ItemFilter(search="许可"))}
    assert found == expected


def test_single_character_search(demo_repo):
    found = demo_repo.items.query(ItemFilter(search="猪"))
    assert len(found) == 4
    assert all("猪" in demo_repo.items.get(r.id).name for r in found)


def test_department_filter_accepts_aliases_and_parts(demo_repo):
    by_alias = demo_repo.items.query(ItemFilter(department="市住建局"))
    by_name = demo_repo.items.query(ItemFilter(department="市住房城乡建设局"))
    assert by_alias == by_name and len(by_alias) == 1
    police = demo_repo.items.query(ItemFilter(department="公安"))
    assert [r.name for r in police] == ["典当业特种行业许可证核发"]


def test_search_through_an_alias_of_the_department(demo_repo):
    found = demo_repo.items.query(ItemFilter(search="市住建局"))
    assert [r.department for r in found] == ["市住房城乡建设局"]


def test_filters_combine(demo_repo):
    rows = demo_repo.items.query(ItemFilter(type="行政许可", status="承接"))
    assert rows and all(r.type == "行政许可" and r.status == "承接" for r in rows)
    by_doc = demo_repo.items.query(ItemFilter(document="嘉政发〔2021〕2号"))
    assert len(by_doc) == 36
    assert demo_repo.items.query(ItemFilter(document="嘉政发〔2099〕1号")) == []
