"""One typed registry for preferences and window state, stored as INI in the data folder.

Keeping it in the per-user data folder (not the Windows registry) means a
portable copy carries its settings and tests stay isolated through
QUANZE_DATA_DIR.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from app import paths

VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any


LAST_DATABASE = Setting("preferences/last_database", "")
HIDDEN_COLUMNS = Setting("state/catalogue_hidden_columns", "6,7")
FONT_FILES = Setting("preferences/font_files", "{}")


class Settings:
    def __init__(self) -> None:
        self.qsettings = QSettings(str(paths.data_dir() / "settings.ini"),
                                   QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        """Versioned upgrades: an older file is brought forward, never discarded."""
        version = int(self.qsettings.value("meta/version", 0) or 0)
        if version < VERSION:
            self.qsettings.setValue("meta/version", VERSION)

    def get(self, setting: Setting) -> Any:
        value = self.qsettings.value(setting.key, setting.default)
        return type(setting.default)(value) if value is not None else setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self.qsettings.setValue(setting.key, value)

    def font_overrides(self) -> dict[str, str]:
        """Font files the clerk chose per role (app.pdf.fonts.ROLES), passed to every print."""
        try:
            chosen = json.loads(self.get(FONT_FILES))
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in chosen.items() if v} if isinstance(chosen, dict) else {}

    def set_font_overrides(self, chosen: dict[str, str]) -> None:
        self.set(FONT_FILES, json.dumps({k: v for k, v in chosen.items() if v},
                                        ensure_ascii=False))

    # Window state -----------------------------------------------------------
    def save_geometry(self, name: str, widget: QWidget) -> None:
        self.qsettings.setValue(f"geometry/{name}", widget.saveGeometry())

    def restore_geometry(self, name: str, widget: QWidget) -> bool:
        value = self.qsettings.value(f"geometry/{name}")
        return isinstance(value, QByteArray) and widget.restoreGeometry(value)

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self.qsettings.setValue(f"splitter/{name}", splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> None:
        value = self.qsettings.value(f"splitter/{name}")
        if isinstance(value, QByteArray):
            splitter.restoreState(value)

    def save_header(self, name: str, header: QHeaderView) -> None:
        self.qsettings.setValue(f"header/{name}", header.saveState())

    def restore_header(self, name: str, header: QHeaderView) -> None:
        value = self.qsettings.value(f"header/{name}")
        if isinstance(value, QByteArray):
            header.restoreState(value)

    def sync(self) -> None:
        self.qsettings.sync()
