"""Which Qt plugins and translations go into the build.

PyInstaller's Qt hooks collect every plugin of each type a module may use
(eglfs, VNC, the virtual keyboard, PDF thumbnails, TLS back ends...), and each
of those drags in more Qt libraries. The program is a widgets application
that never goes online, so the hooks in packaging/hooks pass their results
through `keep` before PyInstaller looks for the libraries they link to.
"""

from __future__ import annotations

import os

# Plugin folder -> plugin files kept, named without "lib" and extension as Qt
# names them on both systems (qxcb: libqxcb.so; qwindows: qwindows.dll).
# A folder that is not listed is dropped entirely.
PLUGINS: dict[str, frozenset[str]] = {
    # qwindows: the Windows desktop; qxcb and qwayland: Kylin/UOS desktops;
    # qoffscreen: --self-test and the tests.
    "platforms": frozenset({"qwindows", "qxcb", "qwayland", "qoffscreen"}),
    # Native file dialogs through xdg-desktop-portal; gtk3 would pull in GTK itself.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # ibus also serves fcitx5, the usual Chinese input method on Kylin/UOS.
    "platforminputcontexts": frozenset({"ibusplatforminputcontextplugin",
                                        "composeplatforminputcontextplugin"}),
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle"}),
    "imageformats": frozenset({"qico", "qjpeg", "qsvg"}),
    "iconengines": frozenset({"qsvgicon"}),
    "printsupport": frozenset({"cupsprintersupport", "windowsprintersupport"}),
    "xcbglintegrations": frozenset({"qxcb-glx-integration", "qxcb-egl-integration"}),
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"bradient", "adwaita"}),
    "wayland-graphics-integration-client": frozenset({"shm-emulation-server",
                                                      "qt-plugin-wayland-egl"}),
}

# Windows DLLs PySide6 ships beside Qt: the software OpenGL renderer only
# matters to Qt Quick and OpenGL widgets, which the program has none of.
EXTRA_DROPPED = frozenset({"opengl32sw.dll"})

# Qt's own dialogs (buttons of message boxes, file dialogs) in Chinese.
TRANSLATIONS = frozenset({"qt_zh_CN.qm", "qtbase_zh_CN.qm"})


def plugin_name(filename: str) -> str:
    return os.path.basename(filename).split(".")[0].lower().removeprefix("lib")


def plugin_kept(source: str, destination: str) -> bool:
    """Whether a (source file, destination folder) pair from a Qt hook is one we ship."""
    parts = destination.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    folder = "/".join(parts[parts.index("plugins") + 1:])
    return plugin_name(source) in PLUGINS.get(folder, frozenset())


def translation_kept(source: str, destination: str) -> bool:
    if not destination.replace("\\", "/").endswith("translations"):
        return True
    return os.path.basename(source) in TRANSLATIONS


def extra_binary_kept(source: str, _destination: str) -> bool:
    return os.path.basename(source).lower() not in EXTRA_DROPPED


def keep(result: tuple[list, list, list]) -> tuple[list, list, list]:
    """Filters the (hiddenimports, binaries, datas) triple of a PyInstaller Qt hook."""
    hiddenimports, binaries, datas = result
    return (list(hiddenimports),
            [b for b in binaries if plugin_kept(*b)],
            [d for d in datas if translation_kept(*d)])

