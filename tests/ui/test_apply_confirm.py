"""应用到事项库 changes only what the notice says, after the clerk has seen and confirmed it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.storage.items import ItemFilter
from tests.ui.clerk import button
from ui.dialogs.apply_confirm import ApplyConfirm

pytestmark = pytest.mark.gui

TAKEN_OVER = "出口国家重点保护的农业野生植物或进出口中国参加的国际公约限制进出口的农业野生植物审批"
PASTE = (f"1\t省农业农村厅\t{TAKEN_OVER}\t行政许可\t\t加强监管。\t\r\n"
         "2\t县级公安部门\t典当业特种行业许可证核发\t行政许可\t\t\t省级调整事项\r\n"
         "3\t县新设服务中心\t全新的审批事项\t行政许可\t\t\t\r\n")


def _status(repo, name: str) -> str:
    (row,) = repo.items.query(ItemFilter(search=name))
    return row.status


def test_an_unspecified_change_kind_changes_no_status_and_the_clerk_confirms_first(
        window, qtbot, on_modal, type_text):
    repo = window.repo
    assert (_status(repo, TAKEN_OVER), _status(repo, "典当业特种行业许可证核发")) == ("承接", "取消")
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    type_text(editor.edits["number"], "嘉政发〔2022〕7号")
    type_text(editor.edits["date"], "2022年6月1日")
    editor.tabs.setCurrentIndex(2)
    annexes = editor.annexes
    annexes.add_annex()
    annexes.kind.setCurrentText("（不指定）")
    assert annexes.paste_text(PASTE) == 3

    seen: dict[str, object] = {}

    def confirm(dialog: ApplyConfirm) -> None:
        seen["rows"] = [[dialog.cell(r, c) for c in (1, 3, 4)]
                        for r in range(dialog.table.rowCount())]
        seen["reasons"] = [dialog.cell(r, 5) for r in range(dialog.table.rowCount())]
        seen["departments"] = dialog.departments.text()
        seen["written"] = repo.departments.registry().resolve("县新设服务中心")
        button(dialog, "确定应用").click()

    def view_items(box: QMessageBox) -> None:
        seen["result"] = box.text()
        button(box, "查看这些事项").click()

    on_modal(ApplyConfirm, confirm)
    on_modal(QMessageBox, view_items)
    button(page, "应用到事项库").click()

    assert seen["rows"] == [[TAKEN_OVER, "承接", "不变"],
                            ["典当业特种行业许可证核发", "取消", "调整"],
                            ["全新的审批事项", "（新建事项）", "在用"]]
    assert "状态不变" in seen["reasons"][0]
    assert "备注“省级调整事项”" in seen["reasons"][1]
    assert "县新设服务中心" in seen["departments"]
    assert seen["written"] is None, "nothing may be written before the clerk confirms"
    assert "已改变 1 个事项的状态" in seen["result"]
    assert _status(repo, TAKEN_OVER) == "承接"
    assert _status(repo, "典当业特种行业许可证核发") == "调整"
    assert _status(repo, "全新的审批事项") == "在用"

    catalogue = window.catalogue
    assert window.stack.currentWidget() is catalogue
    assert catalogue.document.currentText() == "嘉政发〔2022〕7号"
    names = {catalogue.model.index(r, 1).data() for r in range(catalogue.model.rowCount())}
    assert names == {TAKEN_OVER, "典当业特种行业许可证核发", "全新的审批事项"}


def test_cancelling_the_confirmation_writes_nothing(window, on_modal, type_text):
    repo = window.repo
    page = window.documents
    window.show_page(page)
    page.new_record()
    type_text(page.editor.edits["number"], "嘉政发〔2022〕8号")
    type_text(page.editor.edits["date"], "2022年6月1日")
    page.editor.annexes.add_annex()
    page.editor.annexes.paste_text(PASTE)
    on_modal(ApplyConfirm, lambda dialog: dialog.reject())
    page.apply()
    assert _status(repo, "典当业特种行业许可证核发") == "取消"
    assert repo.departments.registry().resolve("县新设服务中心") is None
    assert not repo.items.query(ItemFilter(search="全新的审批事项"))
