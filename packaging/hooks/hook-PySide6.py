# Replaces PyInstaller's hook of the same name: same collection, minus the DLLs
# the program does not use (the 20 MB software OpenGL; see packaging/qt_policy.py).
from PyInstaller.utils.hooks import check_requirement
from PyInstaller.utils.hooks.qt import ensure_single_qt_bindings_package, pyside6_library_info
from qt_policy import extra_binary_kept

ensure_single_qt_bindings_package("PySide6")

if pyside6_library_info.version is not None:
    hiddenimports = ["shiboken6", "inspect"]
    if check_requirement("PySide6 >= 6.4.0"):
        hiddenimports += ["PySide6.support.deprecated"]
    binaries = [b for b in pyside6_library_info.collect_extra_binaries() if extra_binary_kept(*b)]
