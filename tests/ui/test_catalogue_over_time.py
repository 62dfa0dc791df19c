"""The window's time point in the filter bar and the 清单变化 page, on the demo data."""

import subprocess

import openpyxl

from app.demo import DEMO_NOTICE


def test_time_point_in_the_filter_bar_shows_the_list_as_it_was(window, qtbot):
    page = window.catalogue
    page.status.setCurrentText("在用")
    page.apply_filter()
    assert page.model.rowCount() == 0
    page.as_of.setCurrentText("2021-02-19")
    page.apply_filter()
    assert page.model.rowCount() == 36
    assert "2021年2月19日的清单：共 36 个事项" in page.count_label.text()
    status_column = 4
    assert {page.model.index(r, status_column).data() for r in range(36)} == {"在用"}
    page.as_of.setCurrentText(DEMO_NOTICE)
    page.apply_filter()
    assert page.model.rowCount() == 0
    page.as_of.setCurrentText("二月十九")
    page.apply_filter()
    assert page.count_label.text().startswith("时点有误")
    page.clear_filter()
    assert page.model.rowCount() == 36 and page.model.as_of is None


def test_changes_page_compares_and_opens_an_item(window, qtbot):
    """Export and print are tested as jobs of the window in test_changes_jobs.py."""
    page = window.changes
    window.show_page(page)
    page.compare("2021-02-19", DEMO_NOTICE)
    assert page.table.rowCount() == 36
    assert "共36项变化：取消28项，承接5项，委托实施2项，改为备案1项" in page.summary.text()
    assert page.table.item(1, 2).text() == "典当业特种行业许可证核发"
    assert page.table.item(1, 7).text() == f"{DEMO_NOTICE} 附件1第2项"
    assert page.export_button.isEnabled()

    item_id = page.comparison.rows[1].item_id
    page.table.cellDoubleClicked.emit(1, 0)
    assert window.stack.currentWidget() is window.catalogue
    assert window.catalogue.current_id() == item_id


def test_changes_page_says_what_is_wrong_with_a_time_point(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    page = window.changes
    page.compare("2021-02-21", "2021-02-19")
    assert shown and "晚于终点" in shown[0]
    assert page.table.rowCount() == 0 and not page.export_button.isEnabled()


def test_publish_dialog_writes_the_whole_county_and_one_department(window, qtbot, tmp_path):
    from ui.dialogs.publish import PublishDialog, publish

    dialog = PublishDialog(window.repo, window.settings, window.jobs, window)
    assert dialog.scope.count() == 1 + 4
    saved = publish(window.repo, dialog.choice(tmp_path / "全县"))
    assert saved.suffix == ".xlsx"
    assert openpyxl.load_workbook(saved).sheetnames[0] == "目录"
    dialog.scope.setCurrentText("县市场监督管理局")
    dialog.format.setCurrentIndex(1)
    pdf = publish(window.repo, dialog.choice(tmp_path / "市场监管"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "县市场监督管理局权责清单（3项）" in "".join(text.split())


def test_code_rules_dialog_sets_a_rule_and_codes_follow_it(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.domain.items import PowerItem
    from ui.dialogs.code_rules import CodeRulesDialog

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = CodeRulesDialog(window.repo, window)
    row = next(n for n, rule in enumerate(dialog.rules) if rule.type == "行政许可")
    dialog.table.item(row, 1).setText("370829-XK")
    assert "必须有且只有一个" in dialog.table.item(row, 2).text()
    assert not dialog.save() and warnings
    dialog.table.item(row, 1).setText("370829-XK-{序号:4}")
    assert dialog.table.item(row, 2).text() == "370829-XK-0001"
    assert dialog.save()
    item_id = window.repo.save_item(PowerItem(name="公章刻制业审批", type="行政许可",
                                              department="县公安局")).id
    assert window.repo.items.get(item_id).code == "370829-XK-0001"
