# Replaces PyInstaller's hook of the same name: same collection, minus the Qt
# plugins and translations the program does not use (see packaging/qt_policy.py).
from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_policy import keep

hiddenimports, binaries, datas = keep(add_qt6_dependencies(__file__))
