"""One cleaning of department names: the registry, the database and the forms agree on it."""

from __future__ import annotations

from app.domain.departments import Department, DepartmentRegistry, clean_department_name
from app.storage.repository import Repository

NAME = "县市场监督管理局（知识产权局）"
SPELLINGS = [NAME, " 县市场监督管理局 (知识产权局) ", "县市场监督管理局\n（知识产权局）",
             "县市场监督管理局\u3000（知识产权局）", "县市场监督管理局(知识产权局)"]


def test_every_spelling_cleans_to_the_official_form() -> None:
    assert {clean_department_name(s) for s in SPELLINGS} == {NAME}
    assert clean_department_name("ＸＸ县 数据局") == "XX县数据局"


def test_the_registry_resolves_every_spelling_and_names_unknown_ones_the_same_way() -> None:
    registry = DepartmentRegistry([Department(NAME)])
    assert {registry.canonical_name(s) for s in SPELLINGS} == {NAME}
    unknown = ["县新设局(筹)", "县新设局（筹）", " 县 新设局 （筹）"]
    assert {registry.canonical_name(s) for s in unknown} == {"县新设局（筹）"}
    assert registry.same("县新设局(筹)", "县新设局（筹）")
    assert not registry.same("县新设局(筹)", NAME)


def test_the_database_keeps_the_clean_name_and_finds_it_by_any_spelling(
        empty_repo: Repository) -> None:
    first = empty_repo.departments.ensure(" 县新设局 (筹)")
    assert empty_repo.departments.get(first).name == "县新设局（筹）"
    assert empty_repo.departments.ensure("县新设局（筹）") == first
    dept = Department("县 数据局", aliases=["县数据局", "县大数据局 ", "县大数据局"])
    empty_repo.departments.save(dept)
    assert (dept.name, dept.aliases) == ("县数据局", ["县大数据局"])
