"""The About box names the version that is installed, not a number written once by hand."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app import __version__

pytestmark = pytest.mark.gui


def test_about_names_the_installed_version(window, on_modal) -> None:
    texts: list[str] = []
    on_modal(QMessageBox, lambda box: texts.append(box.text()))
    window.show_about()
    assert texts and texts[0].startswith(f"权责清单管理 {__version__}\n")
