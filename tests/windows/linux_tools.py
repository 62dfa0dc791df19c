"""pytest plugin for the Windows stage: a test that runs a Linux tool (poppler's pdftotext, pdffonts,
pdftoppm; LibreOffice's soffice) is reported as skipped on Windows, naming the tool, instead of failing
with FileNotFoundError; and Qt's warnings about the Windows test machine itself are ignored.
packaging/windows/build_windows.py loads it with -p tests.windows.linux_tools;
on Linux it is never loaded, so there a missing tool still fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

LINUX_TOOLS = frozenset({"pdftotext", "pdffonts", "pdftoppm", "pdfinfo", "soffice", "libreoffice"})
# Qt messages of the Windows test machine, not of the program, let through the strict
# qt_log_level_fail of pyproject.toml here only. Qt's font database looks for a fonts folder
# beside its own libraries, which the PySide6 wheel does not ship (the fonts are the system's).
WINDOWS_QT_NOISE = ("QFontDatabase: Cannot find font directory",)


def pytest_configure(config: pytest.Config) -> None:
    for pattern in WINDOWS_QT_NOISE:
        config.addinivalue_line("qt_log_ignore", pattern)


def _program(args: object) -> str:
    first = args.split()[0] if isinstance(args, str) and args else (
        args[0] if isinstance(args, list | tuple) and args else "")
    return os.path.basename(str(first)).lower().removesuffix(".exe")


def missing_tool(excinfo: pytest.ExceptionInfo[BaseException]) -> str | None:
    """The Linux tool a FileNotFoundError came from, found in subprocess's frames."""
    if not isinstance(excinfo.value, FileNotFoundError):
        return None
    for entry in excinfo.traceback:
        name = _program(entry.frame.f_locals.get("args"))
        if name in LINUX_TOOLS:
            return name
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if not report.failed or call.excinfo is None:
        return
    tool = missing_tool(call.excinfo)
    if tool is not None:
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0,
                           f"Skipped: {tool} 是 Linux 工具（poppler-utils / LibreOffice），Windows 上没有")
