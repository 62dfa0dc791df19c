"""字体设置: the faces on this PC, a chosen file per face, and that choice in every print."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QPushButton

from app.pdf.fonts import FANGSONG, OFFICIAL, ROLES, bundled_font, resolve_fonts
from ui.dialogs.font_settings import FontSettings, chinese_faces, describe
from ui.dialogs.print_preview import PrintPreview

pytestmark = pytest.mark.gui


def test_font_settings_list_the_faces_and_a_chosen_file_reaches_the_print(
        window, qtbot, monkeypatch, on_modal):
    bundled = str(bundled_font())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (bundled, ""))
    shown: dict[str, str] = {}

    def choose(dialog: FontSettings) -> None:
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {OFFICIAL[role].name for role in ROLES} <= labels
        shown.update({role: dialog.used[role].text() for role in ROLES})
        dialog.findChild(QPushButton, f"choose_{FANGSONG}").click()
        shown["chosen"] = dialog.used[FANGSONG].text()
        assert dialog.paths[FANGSONG].text() == bundled
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_modal(FontSettings, choose)
    window.font_action.trigger()
    automatic = resolve_fonts()
    assert shown == {**{role: describe(automatic[role])[0] for role in ROLES},
                     "chosen": describe(resolve_fonts({FANGSONG: bundled})[FANGSONG])[0]}
    assert shown["chosen"].endswith("（指定的文件）")
    assert window.settings.font_overrides() == {FANGSONG: bundled}

    checks: list[str] = []

    def read_checks(preview: PrintPreview) -> None:
        checks.extend(preview.checks.item(n).text() for n in range(preview.checks.count()))
        preview.accept()

    on_modal(PrintPreview, read_checks)
    window.show_page(window.documents)
    window.print_action.trigger()
    qtbot.waitUntil(lambda: bool(checks), timeout=15000)
    chosen_line = next(line for line in resolve_fonts({FANGSONG: bundled}).substitutions()
                       if line.startswith(OFFICIAL[FANGSONG].name))
    assert f"⚠ 字体替代：{chinese_faces(chosen_line)}" in checks
    assert chosen_line.endswith("（指定的字体文件）")


def test_a_file_that_is_not_a_font_is_named_and_cannot_be_saved(window, tmp_path, qtbot):
    fake = tmp_path / "仿宋.ttf"
    fake.write_text("不是字体")
    dialog = FontSettings(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.set_file(FANGSONG, str(fake))
    assert "不是 TrueType 字体文件" in dialog.used[FANGSONG].text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.findChild(QPushButton, f"clear_{FANGSONG}").click()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not dialog.dirty
