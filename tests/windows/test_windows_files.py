"""Files the program writes on Windows: department forms with names Windows forbids, printing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.forms import WINDOWS_DEVICES
from app.storage.repository import Repository
from app.tables.roundtrip import export_for_departments, read_returned

DEMO = "嘉政发〔2021〕2号"
# Characters Windows refuses, device names (bare, with a dot, with trailing spaces), trailing dots.
FORBIDDEN = ('市场:监管*局?', '"公安"<局>|', "CON", "con.局", "NUL .局", "COM1", "lpt9.",
             "司法局.", "财政局. .", "文化\t旅游局")


def test_department_forms_with_names_windows_forbids(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "反馈 表"
    with Repository.open(demo_db, make_backup=False) as repo:
        for department in FORBIDDEN:
            repo.departments.ensure(department)
        doc = repo.document_by_number(DEMO)
        rows = [row for annex in doc.annexes for row in annex.rows]
        for row, department in zip(rows, FORBIDDEN, strict=False):
            row.lead, row.partners, row.lead_by_hand = department, [], True
        repo.save_document(doc)
        sent = export_for_departments(repo, DEMO, out, FORBIDDEN)
        on_disk = {path.name for path in out.iterdir()}
        registry = repo.departments.registry()
        assert len(sent.results) == len(FORBIDDEN)
        for department, result in zip(FORBIDDEN, sent.results, strict=True):
            assert result.path.name in on_disk, f"{department!r} → {result.path.name}"
            assert result.path.name.split(".")[0].rstrip(" ").upper() not in WINDOWS_DEVICES
            returned = read_returned(repo, result.path)
            assert returned.department == registry.canonical_name(department)
            assert returned.matched == result.rows == 1


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory, demo_template: Path):
    from app.pdf.fonts import resolve_fonts
    from app.pdf.printing import print_document
    from ui.app import application
    from ui.dialogs.print_preview import PrintPreview
    from ui.settings import Settings

    application()
    folder = tmp_path_factory.mktemp("打印 预览")
    with Repository.open(demo_template, readonly=True) as repo:
        doc = repo.document_by_number(DEMO)
    result = print_document(doc, resolve_fonts(), folder / "通知.pdf")
    dialog = PrintPreview(Settings(), result.path, doc.number, [])
    yield dialog
    dialog.reject()


def test_print_preview_prints_to_a_pdf_file(preview, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "打印 结果.pdf"
    printer.setOutputFileName(str(out))
    printer.setFromTo(1, 3)
    assert preview.print_to(printer) == 3
    assert out.read_bytes().startswith(b"%PDF")


def test_print_dialog_printer_path_to_a_pdf_printer(preview, tmp_path: Path) -> None:
    """What print_document does after the dialog: a native printer, here one that makes PDFs."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    pdf_printers = [name for name in names if "pdf" in name.lower()]
    if not pdf_printers:
        pytest.skip("Wine 中没有 PDF 打印机：Windows 自带的 Microsoft Print to PDF 不随 Wine 提供，"
                    f"Wine 只列出 CUPS 中的打印机（本机列出：{'、'.join(names) or '无'}）")
    printer = QPrinter(QPrinterInfo.printerInfo(pdf_printers[0]),
                       QPrinter.PrinterMode.HighResolution)
    out = tmp_path / "打印机 输出.pdf"
    printer.setOutputFileName(str(out))
    printer.setFromTo(1, 2)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    assert preview.print_to(printer) == 2
    assert out.read_bytes()[:4] in (b"%PDF", b"%!PS")
