"""Which Qt plugins and translations the build ships, on Windows and on Linux."""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest

from app import __version__


@pytest.mark.parametrize(("source", "destination"), [
    ("C:/py/PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms"),
    ("C:/py/PySide6/plugins/platforms/qoffscreen.dll", "PySide6/plugins/platforms"),
    ("C:/py/PySide6/plugins/styles/qmodernwindowsstyle.dll", "PySide6/plugins/styles"),
    ("C:/py/PySide6/plugins/imageformats/qico.dll", "PySide6/plugins/imageformats"),
    ("/py/PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms"),
    ("/py/PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/platforms"),
    ("/py/PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
     "PySide6/Qt/plugins/platforminputcontexts"),
    ("/py/PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
     "PySide6/Qt/plugins/wayland-shell-integration"),
    ("/py/PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib"),
])
def test_plugins_the_program_needs_are_kept(qt_policy: ModuleType, source: str, destination: str) -> None:
    assert qt_policy.plugin_kept(source, destination)


@pytest.mark.parametrize(("source", "destination"), [
    ("C:/py/PySide6/plugins/platforms/qdirect2d.dll", "PySide6/plugins/platforms"),
    ("C:/py/PySide6/plugins/tls/qschannelbackend.dll", "PySide6/plugins/tls"),
    ("/py/PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms"),
    ("/py/PySide6/Qt/plugins/platforms/libqvnc.so", "PySide6/Qt/plugins/platforms"),
    ("/py/PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/Qt/plugins/imageformats"),
    ("/py/PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/platformthemes"),
    ("/py/PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
     "PySide6/Qt/plugins/platforminputcontexts"),
    ("/py/PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
     "PySide6/Qt/plugins/egldeviceintegrations"),
    ("/py/PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", "PySide6/Qt/plugins/generic"),
])
def test_plugins_the_program_does_not_use_are_dropped(qt_policy: ModuleType, source: str,
                                                     destination: str) -> None:
    assert not qt_policy.plugin_kept(source, destination)


def test_only_chinese_qt_translations_are_kept(qt_policy: ModuleType) -> None:
    kept = [name for name in ("qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_de.qm", "qtbase_zh_TW.qm",
                              "designer_zh_CN.qm")
            if qt_policy.translation_kept(f"/qt/translations/{name}", "PySide6/Qt/translations")]
    assert kept == ["qtbase_zh_CN.qm", "qt_zh_CN.qm"]


def test_kept_linux_plugins_exist_in_the_installed_pyside6(qt_policy: ModuleType) -> None:
    """A misspelt name would silently drop a plugin the desktop needs."""
    pyside6 = pytest.importorskip("PySide6")
    plugins = Path(pyside6.__file__).parent / "Qt" / "plugins"
    if not plugins.is_dir():
        pytest.skip("PySide6 of this system keeps its plugins elsewhere (not a PyPI wheel on Linux)")
    for name in ("platforms/libqxcb.so", "platforms/libqwayland.so",
                 "platforms/libqoffscreen.so",
                 "platforminputcontexts/libibusplatforminputcontextplugin.so",
                 "wayland-shell-integration/libxdg-shell.so",
                 "xcbglintegrations/libqxcb-glx-integration.so"):
        path = plugins / name
        assert path.exists(), name
        assert qt_policy.plugin_kept(str(path), f"PySide6/Qt/plugins/{path.parent.name}"), name


def test_windows_version_resource_carries_the_package_version(windows_version: ModuleType) -> None:
    text = windows_version.render(__version__, "quanze", "权责清单管理")
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    numbers = tuple(int(n) for n in __version__.split(".")[:3])
    assert f"filevers={(*numbers, 0)!r}" in text
    assert "StringStruct('ProductName', '权责清单管理')" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert "StringStruct('OriginalFilename', 'quanze.exe')" in text


@pytest.mark.parametrize(("version", "expected"), [
    ("0.1.0", (0, 1, 0, 0)), ("2.0rc1", (2, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)),
    ("3.1+local", (3, 1, 0, 0)),
])
def test_windows_version_has_four_numbers(windows_version: ModuleType, version: str,
                                          expected: tuple[int, ...]) -> None:
    assert windows_version.version_tuple(version) == expected


def test_software_opengl_is_left_out_on_windows(qt_policy: ModuleType) -> None:
    assert not qt_policy.extra_binary_kept("C:/py/PySide6/opengl32sw.dll", "PySide6")
    assert qt_policy.extra_binary_kept("C:/py/PySide6/icuuc73.dll", "PySide6")
