"""The window side of issue 9: sector table, 待指定 list, filters, detail pane, status view."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.cli import main
from app.demo import DEMO_NOTICE
from app.domain.departments import Department, Level
from app.domain.items import PowerItem
from app.report_status import document_status
from app.storage.items import ItemFilter
from app.tables.roundtrip import apply_returned, export_for_departments, read_returned
from tests import sqlite_file
from ui.dialogs.report_status import ReportStatus

pytestmark = pytest.mark.gui

PAWN = "典当业特种行业许可证核发"


def test_catalogue_filter_by_county_department_and_detail_shows_both(window):
    page = window.catalogue
    page.department.setCurrentText("县公安局")
    page.apply_filter()
    assert [page.model.index(n, 1).data() for n in range(page.model.rowCount())] == [PAWN]
    assert page.model.index(0, 2).data() == "县级公安部门"
    assert page.model.index(0, 9).data() == "县公安局"
    page.table.selectRow(0)
    text = page.detail.toPlainText()
    assert "实施部门（原文）" in text and "县级公安部门" in text
    assert "本县牵头部门" in text and "县公安局" in text and "县金融服务中心" in text


def test_sector_table_moves_rows_to_the_chosen_county_department(window, monkeypatch):
    repo = window.repo
    repo.save_department(Department(name="县融媒体中心", level=Level.COUNTY, sector="广播电视"))
    page = window.departments
    page.reload()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    panel = page.counterparts
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "广播电视")
    assert panel.table.cellWidget(row, 1).currentText() == "县文化和旅游局"
    panel.table.cellWidget(row, 1).setCurrentText("县融媒体中心")
    panel.save()
    assert told and "已保存 1 个系统" in told[0]
    assert repo.counterpart_table()["广播电视"] == "县融媒体中心"
    window.catalogue.department.setCurrentText("县融媒体中心")
    window.catalogue.apply_filter()
    assert window.catalogue.model.rowCount() == 2


def test_pending_text_is_settled_once_in_the_window(window, monkeypatch):
    repo = window.repo
    item_id = repo.save_item(PowerItem(name="测试事项", type="行政许可", department="县级有关部门")).id
    page = window.departments
    page.reload()
    assert "待指定 1" in page.tabs.tabText(1)
    panel = page.counterparts
    assert panel.pending_table.item(0, 0).text() == "县级有关部门"
    panel.pending_table.cellWidget(0, 2).setCurrentText("县政府办公室")
    panel.pending_table.selectRow(0)
    panel.settle_selected()
    assert repo.items.get(item_id).lead == "县政府办公室"
    assert page.tabs.tabText(1) == "系统对口部门"
    panel.trial.setText("县级有关部门")
    assert "已指定" in panel.trial_result.text()
    panel.trial.setText("市场监管、自然资源和规划部门")
    assert "县市场监督管理局" in panel.trial_result.text()
    assert "县自然资源和规划局" in panel.trial_result.text()


def test_status_view_agrees_with_the_command_line(window, qtbot, tmp_path, monkeypatch, capsys):
    repo = window.repo
    sent = export_for_departments(repo, DEMO_NOTICE, tmp_path / "forms")
    police = next(r.path for r in sent.results if r.path.name.startswith("县公安局"))
    apply_returned(repo, [read_returned(repo, police)], today="2021-02-20")
    today = dt.date(2021, 2, 22)
    dialog = ReportStatus(window.settings, repo, [DEMO_NOTICE], DEMO_NOTICE, today, window)
    shown = [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
             for r in range(dialog.table.rowCount())]
    assert shown == [row.cells() for row in document_status(repo, DEMO_NOTICE, today)]
    assert len(shown) == 12
    assert shown[-1][:2] == ["县公安局", "1"] and shown[-1][-1] == "已报送"
    assert "逾期未报 11" in dialog.summary.text()
    sqlite_file.run(repo.path, "PRAGMA wal_checkpoint(PASSIVE)")
    assert main(["roundtrip", "status", "--db", str(repo.path), "--document", DEMO_NOTICE,
                 "--today", "2021-02-22"]) == 0
    printed = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:-1]]
    assert printed == shown
    target = tmp_path / "催报名单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    dialog.export_xlsx()
    cells = [c.value for row in openpyxl.load_workbook(target)["催报名单"].iter_rows() for c in row]
    assert "县商务局" in cells and "县公安局" not in cells
    pdf = tmp_path / "催报名单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    dialog.export_pdf()
    assert pdf.read_bytes().startswith(b"%PDF")
    dialog.done(0)


def test_item_editor_sets_county_departments_by_hand_and_they_stay(window):
    from ui.dialogs.item_editor import AUTOMATIC, ItemEditor

    repo = window.repo
    item_id = repo.items.query_ids(ItemFilter(search=PAWN))[0]
    editor = ItemEditor(repo, window.settings, repo.items.get(item_id), window)
    assert editor.lead_combo.currentText() == AUTOMATIC
    assert "自动对应：本县由县公安局牵头，县金融服务中心配合" in editor.department_hint.text()
    assert not editor.partners_edit.isEnabled()
    editor.lead_combo.setCurrentText("县商务局")
    editor.partners_edit.setText("县公安局、县交警大队")
    assert "“县交警大队”不是登记的本县部门" in editor.problems.text()
    editor.partners_edit.setText("县公安局")
    repo.save_item(editor.item())
    editor.dirty = False
    editor.done(0)
    saved = repo.items.get(item_id)
    assert (saved.lead, saved.partners, saved.lead_by_hand) == ("县商务局", ["县公安局"], True)
    repo.set_counterparts({"公安": "县司法局"})
    assert repo.items.get(item_id).lead == "县商务局"
    again = ItemEditor(repo, window.settings, repo.items.get(item_id), window)
    assert again.lead_combo.currentText() == "县商务局"
    again.lead_combo.setCurrentIndex(0)
    repo.save_item(again.item())
    again.dirty = False
    again.done(0)
    assert repo.items.get(item_id).lead == "县司法局"


def test_exporting_forms_from_the_window_asks_the_due_date(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (DEMO_NOTICE, True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))

    def due(_parent, _title, label, text=""):
        asked.append(text)
        return "2021年3月1日", True

    monkeypatch.setattr(QInputDialog, "getText", due)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.dept_export_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert asked == ["2021-02-21"]
    assert "已为 12 个本县部门生成反馈表" in told[0] and "报送期限：2021-03-01" in told[0]
    reports = window.repo.lists.report_backs_for(DEMO_NOTICE)
    assert len(reports) == 12 and {r.due_date for r in reports} == {"2021-03-01"}
    assert len(list(tmp_path.glob("县*_反馈表.xlsx"))) == 12
    assert {r.id for r in reports} <= {r.id for r in window.tasks.reports.records}


def test_annex_editor_department_tooltip_names_the_county_departments(window):
    from PySide6.QtCore import Qt

    page = window.documents
    window.show_page(page)
    editor = page.editor
    editor.tabs.setCurrentIndex(2)
    editor.annexes.list.setCurrentRow(0)
    model = editor.annexes.rows
    column = next(n for n, f in enumerate(model.fields) if f.key == "department")
    row = next(n for n, r in enumerate(model.records) if r.name == PAWN)
    tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("本县牵头：县公安局；配合：县金融服务中心")
