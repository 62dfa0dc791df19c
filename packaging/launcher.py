"""Entry point of the built program: quanze (window) and quanze-cli (console) both start here."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence

from quanze.main import main, run

TITLE = "权责清单管理"


def use_bundled_input_method() -> None:
    """Chinese input on Kylin/UOS: the bundled Qt has no fcitx plugin, but fcitx5 also speaks ibus."""
    if sys.platform.startswith("linux") and "fcitx" in os.environ.get("QT_IM_MODULE", "").lower():
        os.environ["QT_IM_MODULE"] = "ibus"


def run_capturing(argv: Sequence[str] | None, notify: Callable[[str], None]) -> int:
    """quanze.exe has no console on Windows: what the program prints when it fails (a locked
    database, a wrong option) would vanish, so it is collected and handed to `notify`."""
    output = io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = output
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout, sys.stderr = saved
    text = output.getvalue().strip()
    if code and text:
        notify(text[-3000:])
    return code


def message_box(text: str) -> None:
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, text, TITLE, 0x10)  # MB_ICONERROR


if __name__ == "__main__":
    use_bundled_input_method()
    if sys.platform == "win32" and sys.stderr is None:
        sys.exit(run_capturing(None, message_box))
    sys.exit(run())
