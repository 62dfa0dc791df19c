"""责任清单 page in the real window: choose a list, edit it, save, and read it back from the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.storage.repository import Repository


def _button(page, label: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text() == label)


def test_new_list_edited_saved_and_read_back(window, qtbot, type_text) -> None:
    page = window.responsibility
    window.nav.setCurrentRow(window.pages.index(page))
    assert window.stack.currentWidget() is page
    demo_department = page.records[0].department
    qtbot.mouseClick(_button(page, "新增责任清单"), Qt.MouseButton.LeftButton)
    page.department.clear()
    type_text(page.department, "嘉祥县市场监督管理局")
    type_text(page.year, "2021")
    page.tabs.setCurrentIndex(0)
    qtbot.mouseClick(_button(page, "添加一行"), Qt.MouseButton.LeftButton)
    duties = page.models["duties"]
    columns = {f.key: n for n, f in enumerate(duties.fields)}
    assert duties.setData(duties.index(0, columns["duty"]), "负责食品安全监督管理")
    assert duties.setData(duties.index(0, columns["tasks"]), "①组织抽检\n②查处违法行为")
    type_text(page.accountability, "依法应追责的其他情形。")
    assert page.dirty
    qtbot.mouseClick(_button(page, "保存"), Qt.MouseButton.LeftButton)
    assert not page.dirty
    assert page.choice.count() == 2
    assert page.choice.currentText() == "嘉祥县市场监督管理局（2021）"

    page.choice.setCurrentIndex(next(n for n, r in enumerate(page.records)
                                     if r.department == demo_department))
    assert page.department.text() == demo_department
    page.choice.setCurrentIndex(next(n for n, r in enumerate(page.records)
                                     if r.department == "嘉祥县市场监督管理局"))
    assert page.models["duties"].records[0].tasks == ["①组织抽检", "②查处违法行为"]

    with Repository.open(window.repo.path, readonly=True, make_backup=False) as other:
        saved = {r.department: r for r in other.lists.responsibility_lists()}
    assert set(saved) == {demo_department, "嘉祥县市场监督管理局"}
    new = saved["嘉祥县市场监督管理局"]
    assert new.year == "2021"
    assert [(d.duty, d.tasks) for d in new.duties] == [
        ("负责食品安全监督管理", ["①组织抽检", "②查处违法行为"])]
    assert new.accountability == "依法应追责的其他情形。"


def test_edit_of_an_existing_duty_is_saved(window, qtbot) -> None:
    page = window.responsibility
    window.nav.setCurrentRow(window.pages.index(page))
    before = page.records[0]
    before_id, before_duties = before.id, [d.duty for d in before.duties]
    duties = page.models["duties"]
    column = next(n for n, f in enumerate(duties.fields) if f.key == "duty")
    assert duties.setData(duties.index(1, column), "负责质量管理和标准化工作")
    qtbot.mouseClick(_button(page, "保存"), Qt.MouseButton.LeftButton)
    with Repository.open(window.repo.path, readonly=True, make_backup=False) as other:
        (after,) = other.lists.responsibility_lists()
    assert after.id == before_id
    assert [d.duty for d in after.duties] == [
        "负责质量管理和标准化工作" if n == 1 else duty for n, duty in enumerate(before_duties)]
    assert before_duties[1] != "负责质量管理和标准化工作"
