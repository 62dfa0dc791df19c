"""The annex table: a real clipboard paste, and the original table's merged cells."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.demo import DEMO_NOTICE
from app.domain.departments import Department, Level
from tests.ui.clerk import column_of, confirm_apply, edit_cell
from ui.models.annex import MERGED_BACKGROUND, MERGED_TIP

pytestmark = pytest.mark.gui

# What Excel puts on the clipboard for three columns of two rows: tabs between
# cells, CRLF between rows, a cell holding line breaks quoted with "" doubled inside.
EXCEL_COPY = ('事项名称及权限\t原实施部门\t加强事中事后监管措施\r\n'
              '公章刻制业审批\t嘉祥县公安局\t"取消审批后，要通过以下措施加强监管：\r\n'
              '1.实行""告知性""备案。\r\n2.开展双随机抽查。"\r\n'
              '典当业特种行业许可证核发\t县级公安部门\t加强日常检查。\r\n')


def test_ctrl_v_pastes_excel_rows_and_names_the_department_through_its_alias(
        window, qtbot, on_modal):
    repo = window.repo
    police = repo.departments.registry().resolve("县级公安部门")
    window.data_changed(repo.save_department(Department(
        name=police.name, level=Level(police.level), aliases=[*police.aliases, "嘉祥县公安局"],
        id=police.id)))
    page = window.documents
    window.show_page(page)
    page.new_record()
    editor = page.editor
    editor.edits["number"].setText("嘉政发〔2022〕9号")
    editor.tabs.setCurrentIndex(2)
    editor.annexes.add_annex()
    view = editor.annexes.view
    QGuiApplication.clipboard().setText(EXCEL_COPY)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    rows = editor.annexes.current.rows
    assert [(r.name, r.department) for r in rows] == [
        ("公章刻制业审批", "嘉祥县公安局"), ("典当业特种行业许可证核发", "县级公安部门")]
    assert rows[0].measures == ("取消审批后，要通过以下措施加强监管：\n"
                                "1.实行\"告知性\"备案。\n2.开展双随机抽查。")
    model = editor.annexes.rows
    dept = model.index(0, column_of(model, "department"))
    assert dept.data(Qt.ItemDataRole.ToolTipRole) == (
        "“嘉祥县公安局”是“县级公安部门”的别名，事项将记在“县级公安部门”下。")
    assert dept.data(Qt.ItemDataRole.BackgroundRole) is None
    assert view.rowHeight(0) > view.rowHeight(1)

    confirm_apply(on_modal)
    page.apply()
    window.catalogue.search.setText("公章刻制业审批")
    window.catalogue.apply_filter()
    assert window.catalogue.model.index(0, 2).data() == "县级公安部门"


def test_merged_cells_show_as_same_as_above_and_edit_as_one(window, qtbot):
    page = window.documents
    window.show_page(page)
    editor = page.editor
    editor.tabs.setCurrentIndex(2)
    annexes = editor.annexes
    annexes.list.setCurrentRow(1)
    model = annexes.rows
    measures = column_of(model, "measures")
    head, merged = 5, 6
    assert model.records[merged].merged_with_above == ["measures"]
    cell = model.index(merged, measures)
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == MERGED_TIP
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == MERGED_BACKGROUND
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#8c8c8c"
    assert model.index(head, measures).data(Qt.ItemDataRole.ToolTipRole) is None

    edit_cell(qtbot, annexes.view, merged, measures, "1.加强信用监管。\n2.开展联合检查。")
    assert [model.records[r].measures for r in (head, merged)] == [
        "1.加强信用监管。\n2.开展联合检查。"] * 2
    assert model.records[merged].merged_with_above == ["measures"]
    assert page.save()
    saved = window.repo.document_by_number(DEMO_NOTICE).annexes[1].rows
    assert saved[head].measures == saved[merged].measures == "1.加强信用监管。\n2.开展联合检查。"
    assert saved[merged].merged_with_above == ["measures"]

    annexes.list.setCurrentRow(1)
    annexes.set_merged(merged, measures, False)
    edit_cell(qtbot, annexes.view, merged, measures, "加强日常检查。")
    assert model.records[head].measures == "1.加强信用监管。\n2.开展联合检查。"
    assert model.index(merged, measures).data(Qt.ItemDataRole.ToolTipRole) is None
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert model.records[merged].merged_with_above == ["measures"]

    annexes.view.selectRow(head)
    annexes.remove_rows()
    assert model.records[head].merged_with_above == [], "the block's first row went"
    window.undo_action.trigger()
    assert model.records[merged].merged_with_above == ["measures"]
    assert not page.dirty
