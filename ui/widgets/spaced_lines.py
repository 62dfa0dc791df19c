"""List items of several lines (文号, 标题, 日期) with room between the lines.

Qt draws a multi-line item's lines touching each other, which makes a
wrapped title hard to read; this delegate spaces them like a paragraph.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

LINE_SPACING = 1.35
PADDING = 4

AnyIndex = QModelIndex | QPersistentModelIndex


class SpacedLines(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, spacing: float = LINE_SPACING) -> None:
        super().__init__(parent)
        self.spacing = spacing

    def line_step(self, option: QStyleOptionViewItem) -> int:
        return round(option.fontMetrics.height() * self.spacing)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")
        return QSize(size.width(), self.line_step(option) * len(lines) + 2 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        lines = opt.text.split("\n")
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        step, height = self.line_step(opt), opt.fontMetrics.height()
        left, width = opt.rect.left() + PADDING, opt.rect.width() - 2 * PADDING
        top = opt.rect.top() + PADDING + (step - height) // 2
        for n, line in enumerate(lines):
            text = opt.fontMetrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(left, top + n * step, width, height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()
