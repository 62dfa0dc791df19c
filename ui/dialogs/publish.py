"""权责清单公布: the whole county's list or one department's, saved as Excel or PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.catalogue.timeline import chinese_date
from app.pdf.fonts import resolve_fonts
from app.progress import Cancelled, Progress
from app.publish.output import export_published, print_published
from app.publish.published import build, department_names
from app.storage.repository import Repository
from ui.dialogs.base import ok_cancel_buttons
from ui.errors import show_error
from ui.settings import Settings
from ui.worker import JobProgress, JobRunner

WHOLE = "全县（按部门分组）"
FORMATS = {"Excel 工作簿（.xlsx）": ".xlsx", "PDF（封面、目录、各部门表格）": ".pdf"}


@dataclass(frozen=True)
class Choice:
    """What the clerk chose, read on the GUI thread so the job needs no widget."""

    path: Path
    county: str
    date: str
    department: str
    fonts: dict[str, str]


def publish(repo: Repository, choice: Choice, progress: Progress | None = None) -> Path:
    """Build the chosen list and save it where the clerk said; returns that path."""
    published = build(repo, choice.county, choice.date, choice.department)
    if choice.path.suffix == ".pdf":
        print_published(published, resolve_fonts(choice.fonts), choice.path, progress)
    else:
        export_published(published, choice.path, progress)
    return choice.path


class PublishDialog(QDialog):
    """A whole county's list takes a while to lay out: it is written as a job of the window."""

    def __init__(self, repo: Repository, settings: Settings, jobs: JobRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.jobs = jobs
        self.setWindowTitle("生成权责清单（公布）")
        self.scope = QComboBox()
        self.scope.addItems([WHOLE, *department_names(repo)])
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.county = QLineEdit("嘉祥县")
        self.date = QLineEdit()
        self.date.setPlaceholderText("封面日期，如 2021年3月1日（默认今天）")
        form = QFormLayout(self)
        form.addRow("范围", self.scope)
        form.addRow("格式", self.format)
        form.addRow("县名", self.county)
        form.addRow("日期", self.date)
        form.addRow(ok_cancel_buttons(self, "生成…"))
        self.resize(520, 200)

    def choice(self, path: Path) -> Choice:
        """The form's values, with the file name given the chosen format's suffix."""
        suffix = FORMATS[self.format.currentText()]
        return Choice(path=path if path.suffix.lower() == suffix else path.with_suffix(suffix),
                      county=self.county.text().strip() or "嘉祥县",
                      date=self.date.text().strip() or chinese_date(dt.date.today().isoformat()),
                      department="" if self.scope.currentText() == WHOLE
                      else self.scope.currentText(),
                      fonts=self.settings.font_overrides())

    def accept(self) -> None:
        suffix = FORMATS[self.format.currentText()]
        scope = self.scope.currentText()
        name = f"{self.county.text().strip()}权责清单" if scope == WHOLE else f"{scope}权责清单"
        chosen, _ = QFileDialog.getSaveFileName(self, "保存权责清单", str(Path.home() / (name + suffix)),
                                                f"*{suffix}")
        if not chosen:
            return
        choice = self.choice(Path(chosen))
        db_path = self.repo.path

        def work(progress: JobProgress) -> Path:
            with Repository.open(db_path, readonly=True) as repo:
                return publish(repo, choice, progress)

        self.jobs.run("正在生成权责清单…", work, self._written, self._failed)

    def _written(self, saved: Path) -> None:
        QMessageBox.information(self, "已生成", f"权责清单已保存到：\n{saved}")
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        """A cancel is told in the window's status bar; the dialog stays open to try again."""
        if not isinstance(exc, Cancelled):
            show_error(self, exc)
