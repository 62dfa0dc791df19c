"""Long work off the GUI thread: one job at a time, a progress dialog after ~600 ms.

Jobs receive a `JobProgress`, which is the back ends' `app.progress.Progress`
callback plus a label, so the back ends stay Qt-free and are called the same
way from the command line and from tests, and a cancelled job raises the one
`app.progress.Cancelled` whichever back end it was in. A job that needs the
database opens its own Repository (the write lock is per process, so this is
allowed) and never shares the window's connection across threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.progress import Cancelled
from app.storage.errors import UserError
from ui.errors import show_error

SHOW_AFTER_MS = 600


class JobProgress:
    """Thread-safe progress the job writes and the dialog polls."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.text = ""

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """For jobs that label their steps; raises Cancelled once the user asked to stop."""
        self.done, self.total = done, total
        if text:
            self.text = text
        if self._cancel.is_set():
            raise Cancelled

    def __call__(self, done: int, total: int) -> bool:
        """The back ends' `app.progress.Progress`: report, and return False to ask them to stop."""
        self.done, self.total = done, total
        return not self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Bridge(QObject):
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[JobProgress], Any], progress: JobProgress,
                 bridge: _Bridge) -> None:
        super().__init__()
        self.work, self.progress, self.bridge = work, progress, bridge

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except BaseException as exc:  # delivered to the GUI thread, shown there
            self.bridge.finished.emit(None, exc)
        else:
            self.bridge.finished.emit(result, None)


class JobRunner(QObject):
    """The window's one executor for long jobs.

    A cancelled job is not an error: `cancelled` carries its message for the
    window's status bar, and `on_error` (when given) still hears of it so the
    caller can reset what it showed while the job ran.
    """

    idle = Signal()
    cancelled = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.busy = False
        self._progress: JobProgress | None = None

    def run(self, title: str, work: Callable[[JobProgress], Any],
            on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None,
            quiet: bool = False) -> bool:
        """Start a job; `quiet` jobs (the start-up backup) never show a progress dialog."""
        if self.busy:
            show_error(self.window, UserError("另一项任务正在进行，请等它完成后再试。"))
            return False
        self.busy = True
        progress = self._progress = JobProgress()
        dialog = self._dialog(title, progress)
        bridge = _Bridge()
        poll = QTimer(bridge)
        poll.setInterval(100)
        poll.timeout.connect(lambda: self._update(dialog, progress))
        show = QTimer(bridge)
        show.setSingleShot(True)
        show.timeout.connect(lambda: (dialog.show(), poll.start()))

        def finished(result: Any, exc: BaseException | None) -> None:
            show.stop()
            poll.stop()
            dialog.hide()
            dialog.deleteLater()
            bridge.deleteLater()
            self.busy = False
            self._progress = None
            self.idle.emit()
            if isinstance(exc, Cancelled):
                self.cancelled.emit(exc.message)
            if exc is None:
                on_done(result)
            elif on_error is not None:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                show_error(self.window, exc)

        bridge.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
        if not quiet:
            show.start(SHOW_AFTER_MS)
        self.pool.start(_Job(work, progress, bridge))
        return True

    def cancel(self) -> None:
        """Ask the running job to stop, as the progress dialog's 取消 button does."""
        if self._progress is not None:
            self._progress.cancel()

    def _dialog(self, title: str, progress: JobProgress) -> QProgressDialog:
        dialog = QProgressDialog(title, "取消", 0, 0, self.window)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(progress.cancel)
        dialog.hide()
        return dialog

    @staticmethod
    def _update(dialog: QProgressDialog, progress: JobProgress) -> None:
        dialog.setMaximum(progress.total)
        dialog.setValue(min(progress.done, progress.total) if progress.total else 0)
        if progress.text:
            dialog.setLabelText(progress.text)
