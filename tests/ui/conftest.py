"""The real window on a private copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.app import open_window, prepare
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qapp, qtbot, demo_db: Path) -> Iterator[MainWindow]:
    prepare(qapp)
    win = open_window(demo_db, Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for page in win.pages:
        page.dirty = False
    win.repo.close()


@pytest.fixture
def type_text():
    return _type_text


def _type_text(widget, text: str) -> None:
    """Type as a clerk does with a Chinese input method: the IME commits the text.

    (QTest's key clicks only know ASCII keys.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
