"""`python -m ui.screenshots OUTDIR [--db PATH]`: one PNG per main screen, on the demo data.

The real window, offscreen, so what the PNGs show is what a clerk sees.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.demo import load_demo
from app.storage.repository import Repository

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PASTED = ("序号\t原实施部门\t事项名称及权限\t事项类型\t取消依据\t加强事中事后监管措施\t备注\n"
          "1\t县公安局\t公章刻制业审批\t行政许可\t《国务院关于深化“证照分离”改革的决定》\t"
          "\"取消审批后，县公安局要通过以下措施加强监管：\n1.实行告知性备案。\n"
          "2.开展“双随机、一公开”监管。\"\t\n"
          "2\t县交通运输局\t道路货运站（场）经营许可\t行政许可\t国发〔2021〕7号\t"
          "\"1.加强信用监管。\n2.依法查处违法违规行为。\"\t\n")


REVIEW_DEPARTMENT = "县公安局"
APPLY_ROWS = (
    ("省农业农村厅", "出口国家重点保护的农业野生植物或进出口中国参加的国际公约限制进出口的农业野生植物审批",
     ""),
    ("县级公安部门", "典当业特种行业许可证核发", "省级调整事项"),
    ("市行政审批服务局", "成品油零售经营资格审批", "市级取消事项"),
    ("县新设服务中心", "农村集体经济组织成员资格确认", ""),
)
# County items still in use, and a city list naming them (and others) its own way.
MATCH_ITEMS = (
    ("县公安局", "典当业特种行业许可证核发", "行政许可"),
    ("县行政审批服务局", "城市供水经营许可证核发", "行政许可"),
    ("县农业农村局", "肥料登记审批——复混肥登记审批", "行政许可"),
    ("县商务局", "成品油批发、仓储经营许可初审", "行政许可"),
    ("县自然资源和规划局", "林木种子质量检验机构资质考核", "行政许可"),
    ("县行政审批服务局", "职业卫生技术服务机构丙级资质认可", "行政许可"),
)
MATCH_ROWS = (
    ("市公安局", "典当业的特种行业许可证核发"),
    ("市行政审批服务局", "城市供水经营许可证核发（含变更）"),
    ("市农业农村局", "复混肥登记审批"),
    ("市商务局", "成品油批发和仓储经营许可初审"),
    ("市自然资源和规划局", "林木种子生产经营许可证核发"),
    ("市行政审批服务局", "职业卫生技术服务机构乙级资质认可"),
    ("市商务局", "原油销售、仓储经营许可初审"),
)


def write_match_example(repo: Repository, folder: Path) -> Path:
    """Adds MATCH_ITEMS to the catalogue and writes the city's list as a workbook."""
    import openpyxl

    from app.domain.items import PowerItem

    for department, name, type_ in MATCH_ITEMS:
        repo.save_item(PowerItem(name=name, type=type_, department=department))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "市级取消事项"
    sheet.append(["济宁市2021年第一批取消行政权力事项目录"])
    sheet.append(["编号", "权力事项名称", "实施机关", "权力类型"])
    for n, (department, name) in enumerate(MATCH_ROWS, start=1):
        sheet.append([n, name, department, "行政许可"])
    path = folder / "济宁市取消事项目录.xlsx"
    book.save(path)
    return path


def _matching_review(window: MainWindow, work: Path) -> None:
    """上级清单对照 with one row decided and the cursor on a near name."""
    from app.matching.upper_list import match_file

    page = window.matching
    page.show_report(match_file(write_match_example(window.repo, work), window.repo))
    window.show_page(page)
    page.select_row(0)
    page.take_candidate(0)
    page.select_row(5)


def _catalogue_over_time(window: MainWindow, app: QApplication, folder: Path) -> list[Path]:
    """清单变化 between the day before the notice and right after it; the law registry."""
    from app.demo import DEMO_NOTICE

    page = window.changes
    page.fill_choices()
    page.compare("2021-02-19", DEMO_NOTICE)
    window.show_page(page)
    _settle(app)
    shots = [_save(window, folder, "清单变化-两个时点比较")]
    laws = window.laws
    laws.reload()
    row = next(n for n, law in enumerate(laws.laws) if law.title == "山东省测绘管理条例")
    laws.table.selectRow(row)
    window.show_page(laws)
    _settle(app)
    shots.append(_save(window, folder, "法规库-引用事项"))
    laws.tabs.setCurrentIndex(1)
    _settle(app)
    shots.append(_save(window, folder, "法规库-依据需核对按部门"))
    return shots


def _dialogs(window: MainWindow, work: Path) -> list[tuple[str, QWidget, QSize]]:
    """The import preview, print preview, font settings and a department's answers to review."""
    from app.demo import DEMO_NOTICE
    from app.pdf import printing
    from app.pdf.fonts import resolve_fonts
    from app.tables import exporter, roundtrip
    from ui.dialogs.font_settings import FontSettings
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.print_preview import PrintPreview
    from ui.dialogs.review_changes import ReviewChanges
    from ui.file_actions import document_checks

    doc = window.repo.document_by_number(DEMO_NOTICE)
    xlsx = work / "附件.xlsx"
    exporter.export_document(doc, xlsx)
    _spoil_one_type(xlsx)
    wizard = ImportWizard(window.repo, window.settings, None, window)
    wizard.resize(1200, 800)
    wizard.show()
    wizard.load_file(xlsx)
    wizard.next()
    wizard.next()
    result = printing.print_document(doc, resolve_fonts(window.settings.font_overrides()),
                                   work / "notice.pdf")
    preview = PrintPreview(window.settings, result.path, doc.number,
                           document_checks(result, doc), window)
    preview.page_spin.setValue(2)
    fonts = FontSettings(window.settings, window)
    sent = roundtrip.export_for_departments(window.repo, DEMO_NOTICE, work, [REVIEW_DEPARTMENT])
    returned = sent.results[0].path
    _answer_as_department(returned)
    review = ReviewChanges(window.settings, [roundtrip.read_returned(window.repo, returned)],
                           window)
    review.model.records[-1].accepted = False
    large = QSize(1200, 800)
    return [("10-导入预览", wizard, large), ("11-打印预览", preview, large),
            ("12-字体设置", fonts, fonts.size()), ("13-核对部门反馈", review, QSize(1200, 560)),
            *_checks_before_writing(window, work), *_report_status(window, work),
            *_notice_import(window, work)]


def _notice_import(window: MainWindow, work: Path) -> list[tuple[str, QWidget, QSize]]:
    """从 Word/PDF 导入's preview of a notice whose 文号 and one row need the clerk's eye."""
    from dataclasses import replace

    from app.demo import DEMO_NOTICE
    from app.notice_import.reader import read_notice
    from app.word.notice import write_docx
    from ui.dialogs.notice_import import NoticeImportDialog

    doc = replace(window.repo.document_by_number(DEMO_NOTICE), number="嘉政发[2021]2号")
    doc.annexes[0].rows[2].type = "行政处理"
    path = write_docx(doc, work / "嘉政发2021-2.docx").path
    dialog = NoticeImportDialog(window.settings, read_notice(path, window.repo), True, window)
    dialog.tabs.setCurrentIndex(1)
    return [("从Word导入-预览", dialog, QSize(1200, 760))]


def _checks_before_writing(window: MainWindow, work: Path) -> list[tuple[str, QWidget, QSize]]:
    """应用到事项库's confirmation and the pre-print check of an unfinished notice."""
    from app.apply import plan_apply
    from app.domain.documents import Annex, AnnexRow, Document
    from app.pdf import printing
    from app.pdf.fonts import resolve_fonts
    from ui.dialogs.apply_confirm import ApplyConfirm
    from ui.dialogs.print_preview import PrintPreview
    from ui.file_actions import document_checks

    rows = [AnnexRow(seq=str(n), department=d, name=name, type="行政许可", remarks=remarks)
            for n, (d, name, remarks) in enumerate(APPLY_ROWS, start=1)]
    doc = Document(number="嘉政发〔2022〕7号", title="嘉祥县人民政府关于加强事中事后监管的通知",
                   date="2022年6月1日", annexes=[Annex(title="加强事中事后监管的事项（4项）",
                                                      layout="taken_over", rows=rows)])
    confirm = ApplyConfirm(window.settings, plan_apply(window.repo, window.repo.save_document(doc).id),
                           window)
    unfinished = Document(number="嘉政发〔2022〕8号", title="嘉祥县人民政府关于取消行政权力事项的通知",
                          note="")
    result = printing.print_document(unfinished, resolve_fonts(window.settings.font_overrides()),
                                      work / "unfinished.pdf")
    preview = PrintPreview(window.settings, result.path, unfinished.number,
                           document_checks(result, unfinished), window)
    return [("应用到事项库前核对", confirm, QSize(1200, 560)),
            ("打印前检查-要素不全", preview, QSize(1200, 800))]


def _report_status(window: MainWindow, work: Path) -> list[tuple[str, QWidget, QSize]]:
    """反馈表报送情况 a day after the due date: forms sent, two returned, the rest late."""
    import datetime as dt

    from app.demo import DEMO_NOTICE
    from app.tables import roundtrip
    from ui.dialogs.report_status import ReportStatus

    sent = roundtrip.export_for_departments(window.repo, DEMO_NOTICE, work / "status",
                                            today="2021-02-20")
    for result, day in zip(sent.results[:2], ("2021-02-19", "2021-02-21"), strict=True):
        roundtrip.apply_returned(window.repo, [roundtrip.read_returned(window.repo, result.path)],
                                 today=day)
    dialog = ReportStatus(window.settings, window.repo, [DEMO_NOTICE], DEMO_NOTICE,
                          dt.date(2021, 2, 22), window)
    return [("反馈表报送情况", dialog, QSize(900, 560))]


def _spoil_one_type(path: Path) -> None:
    """A type outside the list, so the preview shows how a warning is highlighted."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "行政许可":
                cell.value = "行政审批"
                wb.save(path)
                return


def _answer_as_department(path: Path) -> None:
    """A department's typical answer: one measure reworded, one remark added."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["附件1"]
    cells = [c for row in ws.iter_rows() for c in row]
    header = next(c.row for c in cells if c.value == "备注")
    columns = {str(c.value).replace("\n", ""): c.column for c in ws[header] if c.value}
    row = header + 1
    measures = next(column for name, column in columns.items() if "监管措施" in name)
    ws.cell(row, measures).value = ("取消许可后，公安机关要通过以下措施加强监管：\n"
                                    "1.将典当行纳入日常治安检查。\n2.开展“双随机、一公开”抽查。")
    ws.cell(row, columns["备注"]).value = "已核对"
    wb.save(path)


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


def take(folder: Path, db_path: Path) -> list[Path]:
    from ui.app import application, open_window, prepare
    from ui.settings import Settings

    app = application()
    prepare(app)
    # A failed run must print its traceback and end, not wait on a crash dialog nobody sees.
    sys.excepthook = sys.__excepthook__
    window = open_window(db_path, Settings())
    window.resize(1440, 900)
    window.show()
    _settle(app)
    shots = []

    catalogue = window.catalogue
    catalogue.table.selectRow(1)
    _settle(app)
    shots.append(_save(window, folder, "1-事项库"))

    window.show_page(window.documents)
    _settle(app)
    shots.append(_save(window, folder, "2-文件要素"))
    window.documents.editor.tabs.setCurrentIndex(1)
    _settle(app)
    shots.append(_save(window, folder, "3-正文"))
    editor = window.documents.editor
    editor.tabs.setCurrentIndex(2)
    editor.annexes.list.setCurrentRow(1)
    _settle(app)
    editor.annexes.view.scrollTo(editor.annexes.rows.index(5, 0),
                                 QAbstractItemView.ScrollHint.PositionAtTop)
    _settle(app)
    shots.append(_save(window, folder, "4-附件"))

    window.documents.new_record()
    editor.tabs.setCurrentIndex(2)
    editor.annexes.add_annex()
    editor.annexes.paste_text(PASTED)
    _settle(app)
    shots.append(_save(window, folder, "5-新文件粘贴附件"))
    editor.dirty = False
    window.documents.reload()

    for page, name in ((window.departments, "6-部门"), (window.responsibility, "7-责任清单"),
                       (window.tasks, "8-任务分工"), (window.templates, "9-监管措施模板")):
        window.show_page(page)
        _settle(app)
        shots.append(_save(window, folder, name))
    window.show_page(window.departments)
    window.departments.tabs.setCurrentIndex(1)
    window.departments.counterparts.trial.setText("市场监管、自然资源和规划部门")
    _settle(app)
    shots.append(_save(window, folder, "部门-系统对口部门"))
    window.departments.tabs.setCurrentIndex(0)

    work = Path(tempfile.mkdtemp(prefix="quanze-shot-"))
    for name, dialog, size in _dialogs(window, work):
        dialog.resize(size)
        dialog.show()
        _settle(app)
        shots.append(_save(dialog, folder, name))
        dialog.close()
    _matching_review(window, work)
    _settle(app)
    shots.append(_save(window, folder, "上级清单对照-逐行核对"))
    shots += _catalogue_over_time(window, app, folder)
    window.close()
    window.repo.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="保存各主要界面的截图。")
    parser.add_argument("outdir", help="截图保存到的文件夹")
    parser.add_argument("--db", help="数据库文件（默认在临时文件夹中新建示例数据库）")
    args = parser.parse_args(argv)
    folder = Path(args.outdir)
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="quanze-shots-"))
    os.environ.setdefault("QUANZE_DATA_DIR", str(work / "userdata"))
    if args.db:
        db_path = Path(args.db)
    else:
        db_path = work / "demo.sqlite"
        with Repository.open(db_path) as repo:
            load_demo(repo)
    for path in take(folder, db_path):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
