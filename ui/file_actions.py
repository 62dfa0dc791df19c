"""Menu actions that turn data into files and files into data: print, export, import.

Each runs its slow part as a background job of the main window.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QStackedWidget, QWidget

from app.domain.documents import Document
from app.pdf.preflight import Check, Mark, required_checks
from app.storage.changes import EVERYTHING, Changes
from app.storage.items import ItemFilter
from app.storage.repository import Repository
from ui.worker import JobProgress

if TYPE_CHECKING:
    from app.notice_import.reader import NoticePreview
    from app.pdf.fonts import FontSet
    from app.pdf.printing import PrintResult
    from app.tables.exporter import ExportResult
    from app.word.notice import WordResult
    from ui.pages.catalogue import CataloguePage
    from ui.pages.documents import DocumentsPage
    from ui.pages.page import Page
    from ui.pages.responsibility import ResponsibilityPage
    from ui.pages.tasks import TasksPage
    from ui.settings import Settings
    from ui.worker import JobRunner



class Window(Protocol):
    """What the actions use of the main window: a protocol, so this module does not import it."""

    repo: Repository
    settings: Settings
    jobs: JobRunner
    stack: QStackedWidget
    catalogue: CataloguePage
    documents: DocumentsPage
    responsibility: ResponsibilityPage
    tasks: TasksPage

    def data_changed(self, changes: Changes, origin: Page | None = None) -> None: ...

    def show_page(self, page: Page) -> None: ...

    def leave_page(self, page: Page) -> bool: ...


# The back ends pull in ReportLab and openpyxl; they are imported when first used so
# that starting the window stays fast.


def _pdf_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="quanze-print-"))


def _safe_name(text: str) -> str:
    return "".join(c for c in text if c not in '\\/:*?"<>|\n\r\t').strip() or "未命名"


def _show_preview(window: Window, path: Path, title: str, checks: list[Check]) -> None:
    from ui.dialogs.print_preview import PrintPreview

    PrintPreview(window.settings, path, title, checks, window).exec()


# Printing -----------------------------------------------------------------------
def font_checks(substitutions: list[str]) -> list[Check]:
    """The stand-in fonts, so the clerk knows before printing (字体设置 can change them)."""
    from ui.dialogs.font_settings import chinese_faces

    return [Check(Mark.WARN, f"字体替代：{chinese_faces(line)}") for line in substitutions]


def document_checks(result: PrintResult, doc: Document) -> list[Check]:
    checks = required_checks(doc)
    checks += [Check(Mark.FAIL, str(p)) for p in result.problems]
    if not result.problems:
        rows = sum(len(a.rows) for a in doc.annexes)
        checks.append(Check(Mark.OK, f"标题、附件说明和正文中的项数与附件表格一致"
                                     f"（{len(doc.annexes)} 个附件，共 {rows} 项）。"))
    checks += font_checks(result.substitutions)
    checks.append(Check(Mark.OK, f"共 {result.pages} 页。"))
    return checks


def print_preview(window: Window, document: Document) -> None:
    from app.pdf import printing
    from app.pdf.fonts import resolve_fonts

    out = _pdf_dir() / f"{_safe_name(document.number or document.title)}.pdf"
    overrides = window.settings.font_overrides()

    def work(progress: JobProgress) -> PrintResult:
        return printing.print_document(document, resolve_fonts(overrides), out, progress=progress)

    window.jobs.run("正在排版文件…", work, lambda result: _show_preview(
        window, result.path, document.number, document_checks(result, document)))


def print_items(window: Window) -> None:
    """The catalogue as filtered on screen, as a printed list."""
    from app.pdf import printing
    from app.pdf.fonts import resolve_fonts

    item_filter = window.catalogue.current_filter()
    order, descending = window.catalogue.model.order_by, window.catalogue.model.descending
    path, title = window.repo.path, _list_title(item_filter)
    out = _pdf_dir() / f"{_safe_name(title)}.pdf"
    overrides = window.settings.font_overrides()

    def work(progress: JobProgress) -> tuple[int, list[str]]:
        fonts = resolve_fonts(overrides)
        with Repository.open(path, readonly=True) as repo:
            rows = repo.items.query(item_filter, order, descending)
        return printing.print_item_list(title, rows, fonts, out, progress), fonts.substitutions()

    def done(result: tuple[int, list[str]]) -> None:
        pages, substitutions = result
        count = window.catalogue.model.rowCount()
        _show_preview(window, out, title, [Check(Mark.OK, f"共 {count} 个事项，{pages} 页。"),
                                           *font_checks(substitutions)])

    window.jobs.run("正在排版事项清单…", work, done)


def font_settings(window: Window) -> None:
    from ui.dialogs.font_settings import FontSettings

    FontSettings(window.settings, window).exec()


def print_page_list(window: Window) -> None:
    """Responsibility list or task division, whichever page is showing."""
    from app.pdf import printing
    from app.pdf.fonts import resolve_fonts

    page = window.stack.currentWidget()
    overrides = window.settings.font_overrides()
    if page is window.responsibility and window.responsibility.current is not None:
        rlist = window.responsibility.current
        title = f"{rlist.department}责任清单"

        def draw(fonts: FontSet, progress: JobProgress) -> int:
            return printing.print_responsibility(rlist, fonts, out, progress)
    elif page is window.tasks and window.tasks.current is not None:
        division = window.tasks.current
        title = division.title

        def draw(fonts: FontSet, progress: JobProgress) -> int:
            return printing.print_tasks(division, fonts, out, progress)
    else:
        print_items(window)
        return
    out = _pdf_dir() / f"{_safe_name(title)}.pdf"

    def work(progress: JobProgress) -> tuple[int, list[str]]:
        fonts = resolve_fonts(overrides)
        return draw(fonts, progress), fonts.substitutions()

    window.jobs.run("正在排版…", work, lambda result: _show_preview(
        window, out, title, [Check(Mark.OK, f"共 {result[0]} 页。"), *font_checks(result[1])]))


def _list_title(item_filter: ItemFilter) -> str:
    parts = [item_filter.department, item_filter.type, item_filter.status]
    label = "".join(p for p in parts if p)
    return f"{label}行政权力事项清单" if label else "行政权力事项清单"


# Export -------------------------------------------------------------------------
def _ask_save(parent: QWidget, title: str, name: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name),
                                            "Excel 工作簿 (*.xlsx)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def _exported(window: Window, result: ExportResult) -> None:
    lines = [f"已导出 {result.rows} 行到：", str(result.path)]
    if result.warnings:
        lines += ["", "请注意：", *result.warnings[:15]]
    QMessageBox.information(window, "导出完成", "\n".join(lines))


def export_document(window: Window, document: Document) -> None:
    from app.tables import exporter

    path = _ask_save(window, "导出附件表格", f"{_safe_name(document.number)}附件.xlsx")
    if path is None:
        return
    window.jobs.run("正在导出…", lambda p: exporter.export_document(document, path, p),
                    lambda result: _exported(window, result))


def export_word(window: Window, document: Document) -> None:
    """The notice as a .docx the clerk keeps editing in Word or WPS."""
    from app.word.notice import write_docx

    chosen, _ = QFileDialog.getSaveFileName(
        window, "导出 Word 文档", str(Path.home() / f"{_safe_name(document.number)}.docx"),
        "Word 文档 (*.docx)")
    if not chosen:
        return
    path = Path(chosen) if chosen.lower().endswith(".docx") else Path(chosen).with_suffix(".docx")

    def done(result: WordResult) -> None:
        QMessageBox.information(window, "导出完成",
                                f"已导出 Word 文档（{result.annexes} 个附件）：\n{result.path}\n\n"
                                "可在 Word 或 WPS 中继续修改；页码、附件表头在每页自动生成。")

    window.jobs.run("正在导出 Word…", lambda p: write_docx(document, path, progress=p), done)


def export_items(window: Window) -> None:
    from app.tables import exporter

    item_filter = window.catalogue.current_filter()
    order, descending = window.catalogue.model.order_by, window.catalogue.model.descending
    title = _list_title(item_filter)
    path = _ask_save(window, "导出事项库", f"{title}.xlsx")
    if path is None:
        return
    db_path = window.repo.path

    def work(progress: JobProgress) -> ExportResult:
        with Repository.open(db_path, readonly=True) as repo:
            ids = repo.items.query_ids(item_filter, order, descending)
            items = repo.items.get_many(ids)
        return exporter.export_items(items, path, title, progress)

    window.jobs.run("正在导出事项库…", work, lambda result: _exported(window, result))


# Import and department round trips ----------------------------------------------
def import_workbook(window: Window) -> None:
    from ui.dialogs.import_wizard import ImportWizard

    if not window.leave_page(window.documents):  # the import then opens the document it filled
        return
    open_doc = window.documents.editor.document
    wizard = ImportWizard(window.repo, window.settings, window.jobs, window,
                          open_number=open_doc.number if open_doc.id is not None else "")
    if wizard.exec():
        window.documents.reload(select_id=wizard.saved_document_id)
        window.data_changed(EVERYTHING, window.documents)
        window.show_page(window.documents)
        window.documents.show_imported(wizard.imported)


def import_notice(window: Window) -> None:
    """从 Word/PDF 导入: read a whole notice, preview it, create the document on 导入."""
    from app.notice_import.reader import read_notice, save_notice
    from app.storage.errors import NotFoundError, UserError
    from ui.dialogs.notice_import import NoticeImportDialog
    from ui.errors import show_error

    chosen, _ = QFileDialog.getOpenFileName(window, "从 Word/PDF 导入文件", str(Path.home()),
                                            "Word 文档或 PDF (*.docx *.pdf);;所有文件 (*)")
    if not chosen:
        return
    db_path = window.repo.path

    def work(progress: JobProgress) -> NoticePreview:
        with Repository.open(db_path, readonly=True, make_backup=False) as repo:
            return read_notice(Path(chosen), repo, progress=progress)

    def review(preview: NoticePreview) -> None:
        try:
            window.repo.documents.id_for_number(preview.document.number)
            exists = True
        except NotFoundError:
            exists = False
        dialog = NoticeImportDialog(window.settings, preview, exists, window)
        if not dialog.exec() or not window.leave_page(window.documents):
            return
        try:
            document_id = save_notice(window.repo, preview, dialog.replace.isChecked())
        except UserError as exc:
            show_error(window, exc)
            return
        window.documents.reload(select_id=document_id)
        window.data_changed(EVERYTHING, window.documents)
        window.show_page(window.documents)

    window.jobs.run("正在读取文件…", work, review)


def _ask_due(window: Window, from_body: str) -> str | None:
    """The report-back date: the notice body's, which the clerk may change or clear."""
    from app.domain.forms import parse_due

    note = "（取自通知正文）" if from_body else "（通知正文中没有写，可留空）"
    while True:
        text, ok = QInputDialog.getText(window, "报送期限",
                                        f"各部门交回反馈表的期限{note}，如 2021-02-21：",
                                        text=from_body)
        if not ok:
            return None
        if not text.strip():
            return ""
        try:
            return parse_due(text)
        except ValueError:
            QMessageBox.warning(window, "报送期限", f"“{text}”不是日期，请写成 2021-02-21 或 2021年2月21日。")


def department_export(window: Window) -> None:
    from app.domain.forms import due_from_body
    from app.tables import roundtrip

    numbers = [s.number for s in window.repo.documents.summaries() if s.row_count]
    if not numbers:
        QMessageBox.information(window, "导出给部门核对", "还没有带附件表格的文件。")
        return
    current = window.documents.editor.document.number
    number, ok = QInputDialog.getItem(window, "导出给部门核对",
                                      "选择文件（每个部门生成一个工作簿；序号、部门和事项名称锁定，"
                                      "部门只能修改表中其余各列，如事项类型、监管措施和备注）：",
                                      numbers, numbers.index(current) if current in numbers else 0,
                                      False)
    if not ok:
        return
    folder = QFileDialog.getExistingDirectory(window, "选择保存工作簿的文件夹", str(Path.home()))
    if not folder:
        return
    due = _ask_due(window, due_from_body(window.repo.document_by_number(number).body))
    if due is None:
        return
    db_path = window.repo.path

    def work(progress: JobProgress) -> roundtrip.SentForms:
        with Repository.open(db_path, make_backup=False) as repo:
            return roundtrip.export_for_departments(repo, number, folder, due=due,
                                                    progress=progress)

    def done(sent: roundtrip.SentForms) -> None:
        due = f"报送期限：{sent.due_date}。" if sent.due_date else "通知正文中没有报送期限。"
        missing = ("\n\n以下事项还没有对应的本县部门，未导出：\n" + "\n".join(sent.unassigned[:10])
                   if sent.unassigned else "")
        QMessageBox.information(window, "导出完成", f"已为 {len(sent.results)} 个本县部门生成反馈表，"
                                f"保存在：\n{folder}\n{due}{missing}")
        window.data_changed(Changes(lists=True))

    window.jobs.run("正在为各部门生成工作簿…", work, done)


def department_import(window: Window) -> None:
    from app.tables import roundtrip
    from ui.dialogs.review_changes import ReviewChanges

    names, _ = QFileDialog.getOpenFileNames(window, "选择各部门交回的工作簿", str(Path.home()),
                                            "Excel 工作簿 (*.xlsx *.xls)")
    if not names:
        return
    db_path = window.repo.path

    def work(progress: JobProgress) -> list[roundtrip.ReturnedWorkbook]:
        with Repository.open(db_path, make_backup=False) as repo:
            return [roundtrip.read_returned(repo, name, progress=progress) for name in names]

    def review(returned: list[roundtrip.ReturnedWorkbook]) -> None:
        dialog = ReviewChanges(window.settings, returned, window)
        if not dialog.exec():
            return
        numbers = {w.document_number for w in returned}
        if window.documents.holds_edits_of(numbers) and not window.leave_page(window.documents):
            return
        again = [w for w in returned if w.received_before and not w.whole_form_refused]
        if again:
            names = "、".join(f"{w.department}（{w.received_before}已报送）" for w in again)
            answer = QMessageBox.question(window, "再次报送", f"{names}之前已经交回过反馈表。"
                                          "是否以这次交回的内容为准，替换之前的报送？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            applied = roundtrip.apply_returned(window.repo, returned, replace=bool(again))
        except Exception as exc:
            from ui.errors import show_error

            show_error(window, exc)
            return
        QMessageBox.information(window, "导入完成", f"已采纳 {applied} 处修改，并登记了部门报送情况。")
        window.data_changed(EVERYTHING)

    window.jobs.run("正在读取部门反馈…", work, review)


def report_status(window: Window) -> None:
    """The status of every department's form for a document, with the 催报名单 exports."""
    from ui.dialogs.report_status import ReportStatus

    numbers = [s.number for s in window.repo.documents.summaries() if s.row_count]
    current = window.documents.editor.document.number
    ReportStatus(window.settings, window.repo, numbers, current, parent=window).exec()
