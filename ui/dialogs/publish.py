"""权责清单公布: the whole county's list or one department's, saved as Excel or PDF."""

from __future__ import annotations

import datetime as dt
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
from app.publish.output import export_published, print_published
from app.publish.published import build
from app.storage.repository import Repository
from ui.dialogs.base import ok_cancel_buttons
from ui.errors import show_error
from ui.settings import Settings

WHOLE = "全县（按部门分组）"
FORMATS = {"Excel 工作簿（.xlsx）": ".xlsx", "PDF（封面、目录、各部门表格）": ".pdf"}


class PublishDialog(QDialog):
    def __init__(self, repo: Repository, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.setWindowTitle("生成权责清单（公布）")
        self.scope = QComboBox()
        self.scope.addItems([WHOLE, *[d.department for d in build(repo).departments]])
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

    def write(self, path: Path) -> Path:
        """Build the chosen list and save it; returns where it went."""
        department = "" if self.scope.currentText() == WHOLE else self.scope.currentText()
        date = self.date.text().strip() or chinese_date(dt.date.today().isoformat())
        published = build(self.repo, self.county.text().strip() or "嘉祥县", date, department)
        suffix = FORMATS[self.format.currentText()]
        path = path if path.suffix.lower() == suffix else path.with_suffix(suffix)
        if suffix == ".pdf":
            print_published(published, resolve_fonts(self.settings.font_overrides()), path)
        else:
            export_published(published, path)
        return path

    def accept(self) -> None:
        suffix = FORMATS[self.format.currentText()]
        scope = self.scope.currentText()
        name = f"{self.county.text().strip()}权责清单" if scope == WHOLE else f"{scope}权责清单"
        chosen, _ = QFileDialog.getSaveFileName(self, "保存权责清单", str(Path.home() / (name + suffix)),
                                                f"*{suffix}")
        if not chosen:
            return
        try:
            saved = self.write(Path(chosen))
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, "已生成", f"权责清单已保存到：\n{saved}")
        super().accept()
