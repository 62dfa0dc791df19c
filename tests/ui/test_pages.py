"""The pages in the real window: one flow for choosing records, refreshing only what changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.storage.repository import Repository
from tests import sqlite_file
from ui.models.catalogue import COLUMNS
from ui.pages.page import Page

POLICE_ITEM = "典当业特种行业许可证核发"  # the demo's one item of 县级公安部门
SURVEYING = "《山东省测绘管理条例》"


def _button(page, label: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text() == label)


def _answer(button: QMessageBox.StandardButton, asked: list[str] | None = None):
    def click(box: QMessageBox) -> None:
        if asked is not None:
            asked.append(box.text())
        box.button(button).click()
    return click


def test_renaming_a_department_repaints_its_rows_without_reloading_the_catalogue(
        window, qtbot, type_text):
    catalogue = window.catalogue
    item_id = next(r.id for r in window.repo.items.query(window.catalogue.model.filter)
                   if r.name == POLICE_ITEM)
    catalogue.select_item(item_id)
    resets: list[int] = []
    repainted: list[tuple[int, int]] = []
    catalogue.model.modelReset.connect(lambda: resets.append(1))
    catalogue.model.dataChanged.connect(
        lambda top, bottom, *_roles: repainted.append((top.row(), bottom.row())))

    page = window.departments
    window.show_page(page)
    page.table.selectRow(next(n for n, d in enumerate(page.records) if d.name == "县级公安部门"))
    page.name.selectAll()
    type_text(page.name, "县级公安机关")
    qtbot.mouseClick(_button(page, "保存部门"), Qt.MouseButton.LeftButton)
    assert not page.dirty and page.current.name == "县级公安机关"

    assert resets == []
    row = catalogue.model.row_of(item_id)
    assert any(top <= row <= bottom for top, bottom in repainted)
    assert catalogue.model.data(catalogue.model.index(row, 2)) == "县级公安机关"
    assert catalogue.current_id() == item_id
    with Repository.open(window.repo.path, readonly=True, make_backup=False) as other:
        assert other.items.get(item_id).department == "县级公安机关"


def test_staying_with_unsaved_edits_keeps_the_list_on_the_record_being_edited(
        window, qtbot, on_modal, type_text):
    page = window.templates
    window.show_page(page)
    first, second = page.records[0], page.records[1]
    assert page.list.currentRow() == 0 and page.title.text() == first.title
    type_text(page.text, "（补充）")
    assert page.dirty

    asked: list[str] = []
    on_modal(QMessageBox, _answer(QMessageBox.StandardButton.Cancel, asked))
    page.list.setCurrentRow(1)
    assert asked == ["模板的修改还没有保存。确定要放弃这些修改吗？"]
    assert page.list.currentRow() == 0
    assert page.title.text() == first.title and page.text.toPlainText() == "（补充）" + first.text
    assert page.dirty

    on_modal(QMessageBox, _answer(QMessageBox.StandardButton.Discard))
    page.list.setCurrentRow(1)
    assert page.list.currentRow() == 1
    assert (page.title.text(), page.text.toPlainText()) == (second.title, second.text)
    assert not page.dirty


def test_discarding_when_leaving_a_page_shows_the_same_record_as_saved(
        window, qtbot, on_modal, type_text):
    page = window.templates
    window.show_page(page)
    page.list.setCurrentRow(2)
    chosen = page.records[2]
    type_text(page.text, "（未保存的补充）")
    on_modal(QMessageBox, _answer(QMessageBox.StandardButton.Discard))
    window.show_page(window.catalogue)
    assert window.current_page() is window.catalogue
    assert not page.dirty
    assert page.list.currentRow() == 2
    assert (page.title.text(), page.text.toPlainText()) == (chosen.title, chosen.text)


def test_new_and_save_do_what_each_page_offers(window):
    assert all(isinstance(page, Page) for page in window.pages)
    assert [window.nav.item(n).text() for n in range(window.nav.count())] == [
        page.page_title for page in window.pages]
    for page in window.pages:
        window.show_page(page)
        assert window.new_action.isEnabled() == page.can_create
        assert window.save_action.isEnabled() == page.can_save
    window.show_page(window.laws)
    window.new_record()
    window.save_page()
    assert window.current_page() is window.laws


def test_a_new_department_can_be_chosen_in_the_catalogue_filter_at_once(window, qtbot, type_text):
    page = window.departments
    window.show_page(page)
    qtbot.mouseClick(_button(page, "新增部门"), Qt.MouseButton.LeftButton)
    type_text(page.name, "县数据和政务服务局")
    page.aliases.setPlainText("县数据局")
    qtbot.mouseClick(_button(page, "保存部门"), Qt.MouseButton.LeftButton)
    combo = window.catalogue.department
    names = [combo.itemText(n) for n in range(combo.count())]
    assert names[0] == "" and {"县数据和政务服务局", "县数据局"} <= set(names)
    assert combo.currentText() == ""
    assert "县数据局" in combo.completer().model().stringList()


def test_marking_a_law_reloads_the_catalogue_only_when_it_filters_on_basis_flags(window):
    laws, catalogue = window.laws, window.catalogue
    window.show_page(laws)
    laws.select_law(next(law.id for law in laws.laws if law.display == SURVEYING))
    resets: list[int] = []
    catalogue.model.modelReset.connect(lambda: resets.append(1))
    laws.mark_current(laws.current_law().status.REPEALED, "2019年11月29日")
    assert resets == []

    catalogue.basis_flag.setCurrentText("依据已废止")
    flagged = catalogue.model.rowCount()
    resets.clear()
    laws.mark_current(laws.current_law().status.IN_FORCE)
    assert resets == [1]
    assert catalogue.model.rowCount() == flagged - 7


def test_codes_given_in_the_rules_dialog_show_at_once_even_if_it_is_cancelled(
        window, on_modal, monkeypatch):
    from ui.dialogs.code_rules import CodeRulesDialog

    catalogue = window.catalogue
    item_id = catalogue.model.item_id(0)
    sqlite_file.run(window.repo.path, f"UPDATE items SET code = '' WHERE id = {item_id}")
    catalogue.model.refresh_items([item_id])
    code_column = next(n for n, (key, _label) in enumerate(COLUMNS) if key == "code")
    assert catalogue.model.data(catalogue.model.index(0, code_column)) == ""
    resets: list[int] = []
    catalogue.model.modelReset.connect(lambda: resets.append(1))
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)

    def give_codes_then_cancel(dialog: CodeRulesDialog) -> None:
        dialog.assign_button.click()
        dialog.reject()

    on_modal(CodeRulesDialog, give_codes_then_cancel)
    window.edit_code_rules()
    given = window.repo.items.get(item_id).code
    assert given
    assert catalogue.model.data(catalogue.model.index(0, code_column)) == given
    assert resets == []
