"""A CJK font for every screen, even on a machine (or offscreen Qt) without one.

The bundled font in resources/fonts is registered and added as a fallback
family after the system's UI font, so Latin text keeps the native look and
Chinese never shows as empty boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import paths

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
PREFERRED = ("Microsoft YaHei", "Microsoft YaHei UI", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "SimSun", "AR PL UMing CN")


def bundled_font_files() -> list[Path]:
    folder = paths.resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def register_cjk_fonts() -> list[str]:
    """Families registered from the bundle; idempotent across QApplication restarts."""
    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            # Qt on Windows fails on a font path the ANSI code page cannot spell (Chinese
            # folder names on an English Windows, rare characters outside GBK on a Chinese one).
            font_id = QFontDatabase.addApplicationFontFromData(path.read_bytes())
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                         if f not in families]
    return families


def cjk_family(bundled: list[str]) -> str | None:
    available = set(QFontDatabase.families())
    simplified = [f for f in bundled if f.endswith(" CN") or "SC" in f]
    for family in (*PREFERRED, *simplified, *bundled):
        if family in available:
            return family
    han = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return han[0] if han else None


def install_fonts(app: QApplication) -> str | None:
    family = cjk_family(register_cjk_fonts())
    if family is None:
        return None
    font = QFont(app.font())
    families = [f for f in font.families() if f != family]
    font.setFamilies([*families, family] if families else [family])
    app.setFont(font)
    return family
