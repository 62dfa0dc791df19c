"""从 Word/PDF 导入: what a notice file would become, shown before anything is written.

The elements (organ mark, 文号, title … 印发日期) and every body paragraph in
one table, each annex's rows in a tab of its own; an element that was not
found and a row the reader has a doubt about are shown in red, and the
reader's warnings above them. Nothing is saved unless the clerk presses 导入.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import AnnexRow
from app.notice_import.reader import NoticePreview
from app.tables.importer import ImportPreview
from ui.dialogs.base import BaseDialog, ok_cancel_buttons
from ui.models.record_table import Field, RecordTableModel
from ui.settings import Settings

WARNING_COLOUR = "#b00020"
REQUIRED = ("发文字号", "标题", "成文日期")
ROW_FIELDS = (("seq", "序号", 50), ("department", "实施部门", 140), ("name", "事项名称", 240),
              ("type", "事项类型", 90), ("basis", "依据", 220), ("measures", "监管措施", 320),
              ("remarks", "备注", 90))


@dataclass
class Element:
    label: str
    value: str
    required: bool = False

    @property
    def missing(self) -> bool:
        return self.required and not self.value


def elements(preview: NoticePreview) -> list[Element]:
    doc = preview.document
    found = [Element("发文机关标志", doc.organ_mark), Element("发文字号", doc.number, True),
             Element("标题", doc.title, True), Element("主送机关", doc.recipients)]
    found += [Element(f"正文第{n}段", text) for n, text in enumerate(doc.body_paragraphs(), 1)]
    found += [Element(f"附件说明{n}", annex.title) for n, annex in enumerate(doc.annexes, 1)]
    found += [Element("发文机关署名", doc.signature, True), Element("成文日期", doc.date, True),
              Element("附注", doc.note), Element("抄送", doc.copy_to),
              Element("印发机关", doc.printer), Element("印发日期", doc.print_date)]
    return found


def doubtful_rows(annex: ImportPreview) -> set[int]:
    """Indexes of the rows a warning names (warnings carry the file's own row numbers)."""
    where = {source: n for n, source in enumerate(annex.source_rows)}
    return {where[w.row] for w in annex.warnings if w.row in where}


class NoticeImportDialog(BaseDialog):
    name = "notice_import"

    def __init__(self, settings: Settings, preview: NoticePreview, exists: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.preview = preview
        doc = preview.document
        self.setWindowTitle(f"从 Word/PDF 导入：{preview.path.name}")
        layout = QVBoxLayout(self)
        summary = QLabel(f"文号：{doc.number or '（未找到）'}　标题：{doc.title or '（未找到）'}　"
                         f"正文 {len(doc.body_paragraphs())} 段，附件 {len(doc.annexes)} 个，"
                         f"共 {sum(len(a.rows) for a in doc.annexes)} 行。核对无误后按“导入”。")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(f"background:#fff4e5; color:{WARNING_COLOUR}; padding:6px")
        lines = [f"⚠ {w}" for w in preview.warnings]
        self.warnings.setText("\n".join(lines[:20]) + (f"\n……另有 {len(lines) - 20} 条" if len(lines) > 20 else ""))
        self.warnings.setVisible(bool(lines))
        layout.addWidget(self.warnings)
        self.tabs = QTabWidget()
        self.element_model = RecordTableModel(
            [Field("label", "要素", 110, editable=False,
                   colour=lambda e: WARNING_COLOUR if e.missing else None),
             Field("value", "读到的内容", 700, editable=False,
                   get=lambda e: e.value or "（未找到）",
                   colour=lambda e: WARNING_COLOUR if e.missing else None)],
            elements(preview))
        self.tabs.addTab(self._view(self.element_model, [110, 700]), "要素和正文")
        self.row_models: list[RecordTableModel] = []
        for number, (annex, read) in enumerate(zip(doc.annexes, preview.annexes, strict=True), 1):
            doubtful = doubtful_rows(read)
            model = RecordTableModel(
                [Field(key, header, width, editable=False,
                       colour=self._row_colour(doubtful, annex.rows))
                 for key, header, width in ROW_FIELDS], annex.rows)
            self.row_models.append(model)
            self.tabs.addTab(self._view(model, [w for _, _, w in ROW_FIELDS]),
                             f"附件{number}（{len(annex.rows)}行）")
        layout.addWidget(self.tabs, 1)
        self.replace = QCheckBox(f"数据库中已有文号“{doc.number}”的文件：用读到的内容替换它")
        self.replace.setVisible(exists)
        layout.addWidget(self.replace)
        buttons = ok_cancel_buttons(self, "导入")
        layout.addWidget(buttons)
        self.resize(1100, 720)
        self.restore_state()

    @staticmethod
    def _row_colour(doubtful: set[int], rows: list[AnnexRow]):
        index = {id(row): n for n, row in enumerate(rows)}
        return lambda row: WARNING_COLOUR if index.get(id(row)) in doubtful else None

    @staticmethod
    def _view(model: RecordTableModel, widths: list[int]) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setWordWrap(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for column, width in enumerate(widths):
            view.setColumnWidth(column, width)
        view.horizontalHeader().setStretchLastSection(True)
        return view
