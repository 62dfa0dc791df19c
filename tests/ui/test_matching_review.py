"""上级清单对照 driven from the keyboard, on the demo database plus county items in use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.matching.decisions import Choice
from ui.dialogs.choose_item import ChooseItemDialog
from ui.screenshots import MATCH_ROWS, write_match_example

pytestmark = pytest.mark.gui


def open_example(window, qtbot, tmp_path):
    page = window.matching
    window.show_page(page)
    path = write_match_example(window.repo, tmp_path)
    assert page.open_list(path)
    qtbot.waitUntil(lambda: page.report is not None and not window.jobs.busy, timeout=20000)
    return page, path


def names(page):
    return [r.upper.row.name for r in page.report.rows]


def status(page, n):
    return page.model.data(page.model.index(n, 4))


def test_list_is_read_in_the_background_and_shown_with_candidates(window, qtbot, tmp_path):
    page, _ = open_example(window, qtbot, tmp_path)
    assert names(page) == [name for _, name in MATCH_ROWS]
    statuses = [status(page, n) for n in range(page.model.rowCount())]
    assert statuses[:4] == ["有把握"] * 4 and statuses[4:] == ["待核对"] * 3
    assert page.current() == 4  # the first row that needs the clerk
    assert page.candidates.item(0, 1).text() == "林木种子质量检验机构资质考核"
    assert "相近" in page.candidates.item(0, 4).text()
    assert "待核对 3 行" in page.summary.text()


def test_keys_decide_rows_and_decisions_survive_reading_the_list_again(window, qtbot,
                                                                         tmp_path):
    page, path = open_example(window, qtbot, tmp_path)
    qtbot.keyClick(page.rows, Qt.Key.Key_N)                  # row 5: none in the county
    assert page.current() == 5
    qtbot.keyClick(page.rows, Qt.Key.Key_Down)
    qtbot.keyClick(page.rows, Qt.Key.Key_Up)
    qtbot.keyClick(page.rows, Qt.Key.Key_1)                  # row 6: its first candidate
    qtbot.keyClick(page.rows, Qt.Key.Key_Return)             # row 7: Enter takes the first
    rows = page.report.rows
    assert rows[4].decision.choice == Choice.NONE
    assert rows[5].item_id == rows[5].ranking.candidates[0].item_id
    assert rows[6].decision.choice == Choice.ITEM
    assert status(page, 4) == "已确认：本县无此事项"
    page.select_row(6)
    qtbot.keyClick(page.rows, Qt.Key.Key_Backspace)          # withdraw the last one
    assert rows[6].decision is None and status(page, 6) == "待核对"
    saved = window.repo.match_decisions.for_list(page.report.list_key)
    assert len(saved) == 2
    assert any(e.action == "撤销对照" for e in window.repo.audit_entries("match_decisions"))

    page.report = None
    assert page.open_list(path)
    qtbot.waitUntil(lambda: page.report is not None and not window.jobs.busy, timeout=20000)
    assert [status(page, n) for n in (4, 5, 6)] == \
        ["已确认：本县无此事项", "已确认", "待核对"]


def test_draft_from_the_review_opens_in_the_documents_page(window, qtbot, tmp_path):
    page, _ = open_example(window, qtbot, tmp_path)
    page.select_row(4)
    qtbot.keyClick(page.rows, Qt.Key.Key_N)
    document_id = page.create_draft("嘉政发〔2021〕9号")
    assert document_id is not None
    assert window.stack.currentWidget() is window.documents
    doc = window.repo.documents.get(document_id)
    assert [a.title for a in doc.annexes] == ["取消行政权力事项（4项）",
                                             "市级取消后需市县加强监管的事项（1项）"]
    assert "还有 2 行待核对" in page.last_draft
    assert doc.annexes[1].rows[0].lead == "县自然资源和规划局"


def test_f_finds_an_item_that_is_not_among_the_candidates(window, qtbot, tmp_path, on_modal,
                                                          type_text):
    page, _ = open_example(window, qtbot, tmp_path)
    page.select_row(4)                                      # 林木种子生产经营许可证核发

    def choose(dialog: ChooseItemDialog) -> None:
        dialog.search.clear()
        type_text(dialog.search, "典当")
        assert dialog.list.count() >= 1
        qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
        dialog.list.setCurrentRow(0)
        dialog.accept()

    on_modal(ChooseItemDialog, choose)
    qtbot.keyClick(page.rows, Qt.Key.Key_F)
    row = page.report.rows[4]
    assert row.decision.choice == Choice.ITEM
    assert "典当" in row.ranking.match.name and row.ranking.candidates[0].why == "经办人选定"
    assert status(page, 4) == "已确认"


def test_after_a_decision_the_cursor_goes_to_the_next_row_needing_review(window, qtbot,
                                                                           tmp_path):
    page, _ = open_example(window, qtbot, tmp_path)
    page.select_row(0)
    qtbot.keyClick(page.rows, Qt.Key.Key_Return)   # a sure row confirmed
    assert page.report.rows[0].decision is not None
    assert page.current() == 4                      # rows 1–3 are sure: skipped
