"""The real window on a private copy of the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import app as app_module
from ui.app import open_window, prepare
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qapp, qtbot, demo_db: Path) -> Iterator[MainWindow]:
    """Closed here rather than by qtbot, which would close it before the unsaved-edit flags
    are cleared and so block on the 尚未保存 question."""
    prepare(qapp)
    win = open_window(demo_db, Settings())
    win.show()
    qtbot.waitExposed(win)
    yield win
    for page in win.pages:
        page.dirty = False
    win.close()
    if win in app_module._windows:
        app_module._windows.remove(win)
    win.repo.close()
    win.deleteLater()


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


@pytest.fixture
def on_modal(qtbot):
    """Handle a dialog the window opens with exec(): `on_modal(kind, handle)`.

    exec() runs its own event loop and returns only when the dialog closes, so
    the test cannot continue until then; a timer inside that loop finds the
    dialog and lets `handle` drive it like a clerk would. A dialog left open by
    a failing handler is closed, so a broken test fails instead of hanging.
    The handler runs inside exec(): assert on what it saw after exec() returns.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    timers: list[QTimer] = []
    errors: list[BaseException] = []

    def arm(kind: type, handle) -> list:
        seen: list = []
        timer = QTimer()
        timer.setInterval(20)

        def check() -> None:
            widget = QApplication.activeModalWidget()
            if not isinstance(widget, kind) or widget in seen:
                return
            seen.append(widget)
            timer.stop()
            try:
                handle(widget)
            except BaseException as exc:
                errors.append(exc)
            finally:
                if widget.isVisible():
                    widget.done(0)
                # A window manager gives the focus back to the window below; offscreen
                # Qt has none, and keyboard shortcuts need an active window.
                if widget.parentWidget() is not None:
                    widget.parentWidget().window().activateWindow()

        timer.timeout.connect(check)
        timer.start()
        timers.append(timer)
        return seen

    yield arm
    for timer in timers:
        timer.stop()
    if errors:
        raise errors[0]
