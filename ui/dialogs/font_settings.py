"""字体设置: which font prints each face the standard names, and the clerk's own choice.

GB/T 9704 asks for five faces; an office PC often lacks some. The dialog shows,
for each, what this PC will print with (the official font, a stand-in, or the
bundled one) and lets the clerk point at a .ttf/.ttc file instead, e.g. a copy
of 仿宋_GB2312 from the office's shared drive. The choices are saved in the
settings and passed to every print.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pdf.fonts import OFFICIAL, ROLES, FontChoice, resolve_fonts
from app.storage.errors import UserError
from ui.dialogs.base import BaseDialog, ok_cancel_buttons
from ui.settings import Settings

OK_COLOUR, STAND_IN_COLOUR, ERROR_COLOUR = "#1b7a2f", "#a35200", "#b00020"
# The bundled and common Linux stand-ins carry Latin family names; clerks know them as these.
LATIN_FACES = re.compile(r"AR PL U(Ming|Kai)(?: (?:CN|TW|HK|TW MBE))?")
CHINESE_FACES = {"Ming": "文鼎明体", "Kai": "文鼎楷体"}


def chinese_faces(text: str) -> str:
    """`仿宋_GB2312 → AR PL UMing（程序自带）` as `仿宋_GB2312 → 文鼎明体（程序自带）`."""
    return LATIN_FACES.sub(lambda m: CHINESE_FACES[m.group(1)], text)


def describe(choice: FontChoice) -> tuple[str, str]:
    """The 本机使用 text for a role, and its colour."""
    if choice.official:
        where = "指定的文件" if choice.overridden else "本机已安装"
        return f"{chinese_faces(choice.face_name)}（{where}）", OK_COLOUR
    if choice.bundled:
        source = "程序自带"
    elif choice.overridden:
        source = "指定的文件"
    else:
        source = "本机替代字体"
    bold = "，加粗" if choice.embolden else ""
    return f"{chinese_faces(choice.face_name)}（{source}{bold}）", STAND_IN_COLOUR


class FontSettings(BaseDialog):
    name = "font_settings"

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.setWindowTitle("字体设置")
        self.resize(940, 330)
        self.chosen = settings.font_overrides()
        self.used: dict[str, QLabel] = {}
        self.paths: dict[str, QLineEdit] = {}

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for column, header in enumerate(("公文字体", "本机打印时使用", "指定字体文件")):
            label = QLabel(header)
            label.setStyleSheet("font-weight:bold")
            grid.addWidget(label, 0, column)
        for row, role in enumerate(ROLES, start=1):
            grid.addWidget(QLabel(OFFICIAL[role].name), row, 0)
            used = QLabel()
            used.setWordWrap(True)
            used.setMinimumWidth(230)
            self.used[role] = used
            grid.addWidget(used, row, 1)
            path = QLineEdit()
            path.setReadOnly(True)
            path.setPlaceholderText("（自动查找）")
            path.setMinimumWidth(300)
            self.paths[role] = path
            grid.addWidget(path, row, 2)
            choose = QPushButton("选择文件…")
            choose.setObjectName(f"choose_{role}")
            choose.clicked.connect(lambda _=False, r=role: self.choose_file(r))
            grid.addWidget(choose, row, 3)
            clear = QPushButton("恢复自动")
            clear.setObjectName(f"clear_{role}")
            clear.clicked.connect(lambda _=False, r=role: self.set_file(r, ""))
            grid.addWidget(clear, row, 4)
        grid.setColumnStretch(2, 1)

        note = QLabel("发文须使用上述规定字体。本机没有的字体会用替代字体打印，打印预览的“打印前检查”中会列出。"
                      "如单位有规定字体的文件（.ttf 或 .ttc），可在这里逐个指定，以后每次打印都使用它。")
        note.setWordWrap(True)
        note.setStyleSheet("color:#555")
        buttons = ok_cancel_buttons(self, "保存")
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addStretch()
        layout.addWidget(buttons)
        for role in ROLES:
            self._show(role)
        self.restore_state()

    def choose_file(self, role: str) -> None:
        start = self.chosen.get(role) or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, f"为“{OFFICIAL[role].name}”选择字体文件", start, "TrueType 字体 (*.ttf *.ttc)")
        if name:
            self.set_file(role, name)

    def set_file(self, role: str, file: str) -> None:
        if file:
            self.chosen[role] = file
        else:
            self.chosen.pop(role, None)
        self.dirty = self.chosen != self.settings.font_overrides()
        self._show(role)

    def _show(self, role: str) -> None:
        file = self.chosen.get(role, "")
        self.paths[role].setText(file)
        try:
            choice = resolve_fonts({role: file} if file else None)[role]
        except UserError as exc:
            text, colour, where = exc.message, ERROR_COLOUR, file
        else:
            (text, colour), where = describe(choice), str(choice.path)
        self.used[role].setText(text)
        self.used[role].setStyleSheet(f"color:{colour}")
        self.used[role].setToolTip(where)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            all(self.used[r].styleSheet() != f"color:{ERROR_COLOUR}" for r in self.used))

    def accept(self) -> None:
        self.settings.set_font_overrides(self.chosen)
        self.dirty = False
        super().accept()
