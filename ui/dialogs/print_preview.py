"""Print preview: the pages as they will print, the pre-print checks, print or save as PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.pdf.preflight import Check, Mark
from ui.dialogs.base import BaseDialog
from ui.settings import Settings
from ui.widgets.pdf_pages import PdfPages

ZOOMS = (("适合宽度", 0), ("50%", 50), ("75%", 75), ("100%", 100), ("125%", 125),
         ("150%", 150), ("200%", 200))
SCREEN_DPI = 96
MARK_COLOURS = {Mark.OK: QColor("#1b7a2f"), Mark.WARN: QColor("#8a4b00"),
                Mark.FAIL: QColor("#b00020")}


def _verdict(checks: list[Check]) -> str:
    if any(c.mark == Mark.FAIL for c in checks):
        return "有问题（✘），请先核对再打印。"
    if any(c.mark == Mark.WARN for c in checks):
        return "可以打印，但有需要注意的地方（⚠）。"
    return "全部通过。"


class PrintPreview(BaseDialog):
    name = "print_preview"

    def __init__(self, settings: Settings, pdf_path: Path, title: str,
                 checks: list[Check], parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.pdf_path = pdf_path
        self.pages = PdfPages(pdf_path)
        self.setWindowTitle(f"打印预览 — {title}")
        self.failures = [c.text for c in checks if c.mark == Mark.FAIL]
        self.resize(1100, 860)

        self.checks = QListWidget()
        self.checks.setMaximumHeight(110)
        self.checks.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.checks.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for check in checks:
            item = QListWidgetItem(str(check))
            item.setForeground(MARK_COLOURS[check.mark])
            self.checks.addItem(item)
        self.check_label = QLabel("打印前检查：" + _verdict(checks))
        colour = "#b00020" if self.failures else "#8a4b00" if any(
            c.mark == Mark.WARN for c in checks) else "#1b7a2f"
        self.check_label.setStyleSheet(f"font-weight:bold; color:{colour}")
        self.saved_note = QLabel()
        self.saved_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_note.hide()

        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, max(1, self.pages.count()))
        self.page_spin.valueChanged.connect(self.show_page)
        self.zoom = QComboBox()
        for label, value in ZOOMS:
            self.zoom.addItem(label, value)
        self.zoom.setCurrentIndex(0)
        self.zoom.currentIndexChanged.connect(lambda _: self.show_page(self.page_spin.value()))
        bar = QHBoxLayout()
        previous = QPushButton("上一页")
        following = QPushButton("下一页")
        previous.clicked.connect(lambda: self.page_spin.setValue(self.page_spin.value() - 1))
        following.clicked.connect(lambda: self.page_spin.setValue(self.page_spin.value() + 1))
        self.print_button = QPushButton("打印…")
        self.print_button.setDefault(True)
        save_button = QPushButton("另存为 PDF…")
        close_button = QPushButton("关闭")
        self.print_button.clicked.connect(self.print_document)
        save_button.clicked.connect(self.save_pdf)
        close_button.clicked.connect(self.accept)
        bar.addWidget(previous)
        bar.addWidget(QLabel("第"))
        bar.addWidget(self.page_spin)
        bar.addWidget(QLabel(f"页，共 {self.pages.count()} 页"))
        bar.addWidget(following)
        bar.addSpacing(20)
        bar.addWidget(QLabel("缩放"))
        bar.addWidget(self.zoom)
        bar.addStretch()
        bar.addWidget(self.print_button)
        bar.addWidget(save_button)
        bar.addWidget(close_button)

        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea{background:#808080}")
        layout = QVBoxLayout(self)
        layout.addWidget(self.check_label)
        layout.addWidget(self.checks)
        layout.addLayout(bar)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.scroll, 1)
        self.restore_state()
        self.show_page(1)

    def show_page(self, number: int) -> None:
        index = number - 1
        if not 0 <= index < self.pages.count():
            return
        percent = self.zoom.currentData()
        if percent:
            dpi = SCREEN_DPI * percent / 100
        else:
            width_pt, _ = self.pages.size_points(index)
            dpi = max(30.0, (self.scroll.viewport().width() - 30) / width_pt * 72)
        ratio = self.devicePixelRatioF()
        image = self.pages.image(index, dpi * ratio)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(pixmap)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.zoom.currentData() == 0:
            self.show_page(self.page_spin.value())

    def print_document(self) -> None:
        if self.failures and not self._print_anyway():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.pages.count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Each page rendered at the printer's resolution, fitted to its page; returns count."""
        first, last = printer.fromPage() or 1, printer.toPage() or self.pages.count()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "无法打印", "打印机没有准备好。请检查打印机后再试。")
            return 0
        printed = 0
        try:
            dpi = min(printer.resolution(), 300)
            for index in range(first - 1, min(last, self.pages.count())):
                if printed:
                    printer.newPage()
                image = self.pages.image(index, dpi)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
                printed += 1
        finally:
            painter.end()
        return printed

    def _print_anyway(self) -> bool:
        """A notice with a ✘ goes to the printer only when the clerk says so."""
        box = QMessageBox(QMessageBox.Icon.Warning, "打印前检查有问题",
                          f"打印前检查发现 {len(self.failures)} 个问题：\n\n"
                          + "\n".join(self.failures[:10]) + "\n\n仍要打印吗？",
                          parent=self)
        anyway = box.addButton("仍要打印", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("返回修改", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is anyway

    def save_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", str(Path.home() / (
            self.pdf_path.name)), "PDF 文件 (*.pdf)")
        if not name:
            return
        target = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            QMessageBox.warning(self, "无法保存", f"PDF 没有保存到：\n{target}\n\n{exc}")
            return
        self.saved_note.setText(f"已另存为：{target}")
        self.saved_note.setStyleSheet("color:#1b7a2f")
        self.saved_note.show()

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)
