"""Where things live on disk.

The user's database is never written into the install folder: a PyInstaller
build may sit in Program Files, which is read-only for clerks. Portable mode
(a marker file beside the executable) is the one exception, for USB sticks.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Quanze"
PORTABLE_MARKER = "portable.txt"
DATA_DIR_ENV = "QUANZE_DATA_DIR"


def install_dir() -> Path:
    """The folder holding the program (the PyInstaller bundle or the source tree)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return install_dir()


def is_portable() -> bool:
    return (executable_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """Per-user data folder; overridable for tests and for portable use."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    elif is_portable():
        path = executable_dir() / "数据"
    else:
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "quanze.sqlite"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def shipped_dir(name: str) -> Path:
    """A folder the program ships beside its code: `resources` (fonts, icons) or `data` (demo set).

    The source tree keeps them at the top level, next to `app/`; a wheel (setup.py's build
    step) and the PyInstaller build put them inside the `app` package, found through
    importlib.resources. ReportLab and Qt need real file paths, which each of these provides
    (the program is never imported from a zip).
    """
    packaged = Path(str(resources.files("app"))) / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def resources_dir() -> Path:
    return shipped_dir("resources")


def shipped_data_dir() -> Path:
    return shipped_dir("data")


def normal_permissions(path: Path) -> None:
    """Read/write as the user's umask allows: temporary files are created private (0600),
    and an exported file must open for whoever the clerk shares the folder with."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def write_beside(path: Path, write: Callable[[Path], object]) -> None:
    """Write `path` through a temporary file in its own folder, then rename it into place.

    A failed or cancelled write never leaves half a file or replaces an older
    good one, and the rename never crosses drives: a file written in the
    system's temporary folder cannot be renamed onto D:\\ or a USB stick.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        normal_permissions(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
