"""Import wizard: file → sheet and layout (detected, or mapped once by hand) → preview
with warnings at their cells → into which document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.documents import ROW_FIELDS, Annex, Document
from app.domain.layouts import BUILTIN_LAYOUTS, FIELD_LABELS, Layout
from app.domain.text import clean_cell, compact, fold
from app.progress import Cancelled
from app.storage.repository import Repository
from app.tables.importer import ImportPreview, preview_all, preview_file, save_into_document
from app.tables.reader import read_grids
from ui.dialogs.base import ok_cancel_buttons
from ui.errors import show_error
from ui.models.record_table import Field, RecordTableModel, record_view
from ui.settings import Settings
from ui.worker import JobProgress, JobRunner

AUTO = "auto"
NEW_DOCUMENT = "（新建一份文件）"


class PreviewModel(RecordTableModel):
    """Preview rows, with each warning's cell highlighted and explained on hover."""

    def __init__(self) -> None:
        super().__init__([])
        self.marks: dict[tuple[int, int], str] = {}
        self.row_marks: dict[int, str] = {}

    def show(self, preview: ImportPreview) -> None:
        keys = [c for c in preview.layout.columns if c.key in ROW_FIELDS]
        fields = [Field(c.key, c.header.replace("\n", ""), max(60, int(c.width * 8)),
                        editable=False) for c in keys]
        by_header = {fold(f.header): n for n, f in enumerate(fields)}
        position = {line: n for n, line in enumerate(preview.source_rows)}
        self.marks, self.row_marks = {}, {}
        for warning in preview.warnings:
            row = position.get(warning.row) if warning.row else None
            if row is None:
                continue
            column = by_header.get(fold(warning.column))
            if column is None:
                self.row_marks[row] = warning.message
            else:
                self.marks[(row, column)] = warning.message
        self.set_records(preview.rows, fields)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.BackgroundRole,
                                        Qt.ItemDataRole.ToolTipRole):
            message = self.marks.get((index.row(), index.column()))
            message = message or self.row_marks.get(index.row())
            if message:
                return QBrush(QColor("#ffe08a")) if role == Qt.ItemDataRole.BackgroundRole \
                    else message
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return super().headerData(section, orientation, role)


class MappingDialog(QDialog):
    """Which field each column of an unfamiliar header holds; saved for files like it."""

    def __init__(self, headers: list[str], detected: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置列对应关系")
        self.headers = headers
        self.name = QLineEdit("自定义格式")
        self.base = QComboBox()
        for layout in BUILTIN_LAYOUTS[:3]:
            self.base.addItem(layout.name, layout.id)
        self.base.setCurrentIndex(max(0, self.base.findData(detected)))
        form = QFormLayout()
        form.addRow("格式名称", self.name)
        form.addRow("打印时按哪种表格样式", self.base)
        self.combos: list[QComboBox] = []
        for header in headers:
            combo = QComboBox()
            combo.addItem("（不导入）", "")
            for key in ROW_FIELDS:
                combo.addItem(FIELD_LABELS[key], key)
            guess = next((lay.column(k) for lay in BUILTIN_LAYOUTS[:3] for k in ROW_FIELDS
                          if lay.column(k) and lay.column(k).matches(header)), None)
            if guess is not None:
                combo.setCurrentIndex(combo.findData(guess.key))
            self.combos.append(combo)
            # A header cell wrapped in the file (`序\n号`) is one name here.
            form.addRow(f"“{compact(header) or '（空表头）'}”列", combo)
        buttons = ok_cancel_buttons(self, "保存并使用")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("以后遇到表头相同的文件，会自动使用这里的设置。"))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def fields(self) -> list[str]:
        return [combo.currentData() for combo in self.combos]


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("第一步：选择文件")
        self.setSubTitle("支持 Excel（.xlsx、.xls）、WPS 表格和 Word（.docx）中的附件表格。")
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        browse = QPushButton("选择文件…")
        browse.clicked.connect(self.browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch()

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择要导入的文件", str(Path.home()),
                                              "表格文件 (*.xlsx *.xls *.docx)")
        if name:
            self.owner.load_file(Path(name))

    def isComplete(self) -> bool:
        return bool(self.owner.previews)


class LayoutPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("第二步：工作表和表格格式")
        self.sheet = QComboBox()
        self.layout_choice = QComboBox()
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        mapping = QPushButton("手动设置列对应关系…")
        mapping.clicked.connect(wizard.map_by_hand)
        form = QFormLayout(self)
        form.addRow("工作表", self.sheet)
        form.addRow("表格格式", self.layout_choice)
        form.addRow("", self.detected)
        form.addRow("", mapping)
        self.sheet.currentIndexChanged.connect(wizard.sheet_chosen)
        self.layout_choice.activated.connect(wizard.layout_chosen)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setTitle("第三步：核对预览")
        self.setSubTitle("黄色的格子有问题，鼠标停在上面可看说明。此时还没有写入任何数据。")
        self.model = PreviewModel()
        self.view = record_view(self.model, fit=True)
        self.warnings = QListWidget()
        self.warnings.setMaximumHeight(90)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel("提示与警告："))
        layout.addWidget(self.warnings)


class TargetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("第四步：放入哪份文件")
        self.document = QComboBox()
        self.number = QLineEdit()
        self.number.setPlaceholderText("如：嘉政发〔2022〕1号")
        self.title_edit = QLineEdit()
        self.annex = QSpinBox()
        self.annex.setRange(0, 50)
        self.annex.setSpecialValueText("添加为新附件")
        form = QFormLayout(self)
        form.addRow("文件", self.document)
        form.addRow("新文件的文号", self.number)
        form.addRow("新文件的标题", self.title_edit)
        form.addRow("替换第几个附件", self.annex)
        self.document.currentTextChanged.connect(self._document_chosen)

    def initializePage(self) -> None:
        """The document open in the editor is the likely target, so it comes chosen."""
        numbers = [s.number for s in self.owner.repo.documents.summaries()]
        self.document.clear()
        self.document.addItems([NEW_DOCUMENT, *numbers])
        if self.owner.open_number in numbers:
            self.document.setCurrentText(self.owner.open_number)

    def _document_chosen(self, text: str) -> None:
        new = text == NEW_DOCUMENT
        self.number.setEnabled(new)
        self.title_edit.setEnabled(new)

    def validatePage(self) -> bool:
        return self.owner.save()


class ImportWizard(QWizard):
    def __init__(self, repo: Repository, settings: Settings, jobs: JobRunner | None,
                 parent: QWidget | None = None, open_number: str = "") -> None:
        super().__init__(parent)
        self.open_number = open_number
        self.imported: list[Annex] = []
        self.repo = repo
        self.settings = settings
        self.jobs = jobs
        self.path: Path | None = None
        self.previews: list[ImportPreview] = []
        self.saved_document_id: int | None = None
        self.setWindowTitle("导入 Excel / Word 表格")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步 >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< 上一步")
        self.setButtonText(QWizard.WizardButton.FinishButton, "导入")
        self.setButtonText(QWizard.WizardButton.CancelButton, "取消")
        self.file_page = FilePage(self)
        self.layout_page = LayoutPage(self)
        self.preview_page = PreviewPage(self)
        self.target_page = TargetPage(self)
        for page in (self.file_page, self.layout_page, self.preview_page, self.target_page):
            self.addPage(page)
        self.resize(1100, 760)
        settings.restore_geometry("import_wizard", self)

    # Loading ----------------------------------------------------------------
    def load_file(self, path: Path) -> None:
        self.path = path
        self.file_page.path.setText(str(path))
        self.file_page.status.setText("正在读取…")
        repo_path = self.repo.path

        def work(progress: JobProgress) -> list[ImportPreview]:
            with Repository.open(repo_path, make_backup=False) as repo:
                return preview_all(path, repo, progress=progress)

        if self.jobs is None:
            try:
                self._loaded(work(JobProgress()))
            except Exception as exc:
                self._failed(exc)
        else:
            self.jobs.run("正在读取文件…", work, self._loaded, self._failed)

    def _loaded(self, previews: list[ImportPreview]) -> None:
        self.previews = previews
        self.file_page.status.setText(
            f"找到 {len(previews)} 个表格：" + "、".join(f"{p.sheet}（{len(p.rows)}行）"
                                                    for p in previews))
        self.file_page.completeChanged.emit()
        page = self.layout_page
        page.sheet.blockSignals(True)
        page.sheet.clear()
        page.sheet.addItems([p.sheet for p in previews])
        page.sheet.blockSignals(False)
        self.sheet_chosen(0)

    def _failed(self, exc: BaseException) -> None:
        """A file that cannot be read is explained in a dialog; a cancelled read only here."""
        self.previews = []
        self.file_page.completeChanged.emit()
        if isinstance(exc, Cancelled):
            self.file_page.status.setText(exc.message)
            return
        self.file_page.status.setText("无法读取这个文件。")
        show_error(self, exc)

    @property
    def preview(self) -> ImportPreview:
        return self.previews[max(0, self.layout_page.sheet.currentIndex())]

    def _layouts(self) -> list[Layout]:
        return [*BUILTIN_LAYOUTS, *self.repo.layouts.all()]

    def sheet_chosen(self, _index: int) -> None:
        if not self.previews:
            return
        preview = self.preview
        combo = self.layout_page.layout_choice
        combo.clear()
        combo.addItem(f"自动识别（{preview.layout.name}）", AUTO)
        for layout in self._layouts():
            combo.addItem(layout.name, layout.id)
        self._describe(preview)

    def _describe(self, preview: ImportPreview) -> None:
        self.layout_page.detected.setText(
            f"表头在第 {preview.header_row} 行，按“{preview.layout.name}”读取，"
            f"共 {len(preview.rows)} 行，{len(preview.warnings)} 条提示。"
            + (f"\n表格标题：{preview.title}" if preview.title else ""))
        page = self.preview_page
        page.model.show(preview)
        page.summary.setText(f"{preview.sheet}：{preview.title or preview.layout.name}，"
                             f"共 {len(preview.rows)} 行")
        page.warnings.clear()
        page.warnings.addItems([str(w) for w in preview.warnings] or ["没有发现问题。"])

    def layout_chosen(self, _index: int) -> None:
        layout_id = self.layout_page.layout_choice.currentData()
        self._repreview(layout_id)

    def _repreview(self, layout_id: str) -> None:
        assert self.path is not None
        index = self.layout_page.sheet.currentIndex()
        try:
            self.previews[index] = preview_file(self.path, self.repo, layout_id,
                                                self.preview.sheet)
        except Exception as exc:
            show_error(self, exc)
            return
        self._describe(self.previews[index])

    def map_by_hand(self) -> None:
        if self.path is None or not self.previews:
            return
        grid = next(g for g in read_grids(self.path) if g.sheet == self.preview.sheet)
        headers = [clean_cell(c) for c in grid.rows[self.preview.header_row - 1]]
        dialog = MappingDialog(headers, self.preview.base_layout, self)
        if not dialog.exec():
            return
        try:
            with self.repo.transaction():
                layout = self.repo.layouts.save(
                    dialog.name.text(), headers, dialog.fields(), dialog.base.currentData())
        except Exception as exc:
            show_error(self, exc)
            return
        self.sheet_chosen(self.layout_page.sheet.currentIndex())
        combo = self.layout_page.layout_choice
        combo.setCurrentIndex(combo.findData(layout.id))
        self._repreview(layout.id)

    # Saving -----------------------------------------------------------------
    def save(self) -> bool:
        page = self.target_page
        number = page.document.currentText()
        try:
            with self.repo.transaction():
                if number == NEW_DOCUMENT:
                    number = page.number.text().strip()
                    self.repo.save_document(Document(number=number,
                                                     title=page.title_edit.text().strip()))
                annexes = save_into_document(self.repo, number, [self.preview],
                                             page.annex.value() or None)
        except Exception as exc:
            show_error(self, exc)
            return False
        self.saved_document_id = self.repo.documents.id_for_number(number)
        self.imported = annexes
        return True

    def done(self, result: int) -> None:
        self.settings.save_geometry("import_wizard", self)
        super().done(result)
