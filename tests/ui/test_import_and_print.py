from __future__ import annotations

import pytest

from app.demo import DEMO_NOTICE
from app.pdf.fonts import resolve_fonts
from app.pdf.printing import print_document
from app.tables.exporter import export_document
from ui.dialogs.import_wizard import NEW_DOCUMENT, ImportWizard
from ui.dialogs.print_preview import PrintPreview
from ui.file_actions import document_checks

pytestmark = pytest.mark.gui


def test_import_wizard_previews_warnings_and_saves_into_a_new_document(window, tmp_path, qtbot):
    from openpyxl import load_workbook

    repo = window.repo
    source = repo.document_by_number(DEMO_NOTICE)
    path = tmp_path / "附件.xlsx"
    export_document(source, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "行政许可")
    cell.value = "行政审批"
    wb.save(path)

    wizard = ImportWizard(repo, window.settings, None, window)
    wizard.show()
    wizard.load_file(path)
    assert len(wizard.previews) == len(source.annexes)
    wizard.next()
    wizard.next()
    model = wizard.preview_page.model
    assert model.rowCount() == len(source.annexes[0].rows)
    assert list(model.marks.values()) == ["事项类型“行政审批”不在类型列表中，请核对。"]
    (row, column), _ = next(iter(model.marks.items()))
    assert model.index(row, column).data() == "行政审批"
    wizard.next()
    page = wizard.target_page
    page.document.setCurrentText(NEW_DOCUMENT)
    page.number.setText("嘉政发〔2022〕3号")
    page.title_edit.setText("导入测试")
    assert page.validatePage()
    saved = repo.document_by_number("嘉政发〔2022〕3号")
    assert [r.name for r in saved.annexes[0].rows] == [r.name for r in source.annexes[0].rows]
    wizard.reject()


def test_print_preview_pages_checks_and_printing_to_a_pdf_file(window, tmp_path, qtbot):
    from PySide6.QtPrintSupport import QPrinter

    from app.pdf.preflight import Mark

    doc = window.repo.document_by_number(DEMO_NOTICE)
    doc.annexes[0].title = "取消行政权力事项（99项）"
    result = print_document(doc, resolve_fonts(), tmp_path / "notice.pdf")
    checks = document_checks(result, doc)
    assert any(c.mark == Mark.FAIL and "99" in c.text for c in checks)
    preview = PrintPreview(window.settings, result.path, doc.number, checks, window)
    qtbot.addWidget(preview)
    assert preview.pages.count() == result.pages
    preview.page_spin.setValue(2)
    assert not preview.page_label.pixmap().isNull()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFromTo(1, 2)
    assert preview.print_to(printer) == 2
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    preview.accept()
