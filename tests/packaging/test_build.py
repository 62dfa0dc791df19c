"""The PyInstaller build, made from packaging/quanze.spec and run from a copy with nothing else around.

About 20–60 seconds on two cores (a cold PyInstaller cache is the slow
case), so it runs in CI; QUANZE_BUILD_TEST=0 skips it when iterating on other
parts. Needs PyInstaller (`pip install -e .[build]`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from app import __version__
from app.cli import COMMANDS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("QUANZE_BUILD_TEST") == "0",
                       reason="QUANZE_BUILD_TEST=0: PyInstaller build skipped"),
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the test runs the Linux build; Windows builds are checked by hand"),
]

SIZE_BUDGET_MB = 260
NOT_SHIPPED = ("numpy", "pandas", "pytest", "_pytest", "pypdf",
               "tkinter", "PyQt5", "PyQt6")
NOT_SHIPPED_QT = ("libQt6Qml", "libQt6Quick", "libQt6Pdf", "libQt6VirtualKeyboard",
                  "libQt6EglFSDeviceIntegration", "libQt6OpenGLWidgets")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_script: ModuleType) -> Iterator[Path]:
    """The one-folder build, copied away from where it was built."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e .[build])")
    root = tmp_path_factory.mktemp("build")
    result = build_script.build(root / "dist", root / "work")
    build_script.report(result)
    copy = tmp_path_factory.mktemp("elsewhere") / "权责清单管理"
    shutil.copytree(result.folder, copy, symlinks=True)
    shutil.rmtree(root)
    yield copy


def clean_env(home: Path, fonts: Path) -> dict[str, str]:
    """No QUANZE_DATA_DIR, no Python, an empty home and no system fonts: only what the folder holds."""
    fonts.mkdir(exist_ok=True)
    (fonts / "fonts.conf").write_text(
        '<?xml version="1.0"?><fontconfig><cachedir>' + str(fonts / "cache") +
        "</cachedir></fontconfig>", encoding="utf-8")
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "FONTCONFIG_FILE": str(fonts / "fonts.conf")}


def run(program: Path, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(program), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


def test_every_command_is_in_the_build(built: Path, tmp_path: Path) -> None:
    """The CLI imports a command's module only when it is chosen (app.cli.COMMANDS), which
    PyInstaller cannot see: each one must be bundled all the same."""
    env = clean_env(tmp_path, tmp_path / "fonts")
    for command in COMMANDS:
        result = run(built / "quanze-cli", command, "--help", env=env, cwd=tmp_path)
        assert result.returncode == 0, f"{command}: {result.stderr}"


def test_built_program_passes_its_self_test(built: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home, tmp_path / "fonts")
    version = run(built / "quanze-cli", "--version", env=env, cwd=tmp_path)
    assert version.stdout.strip() == f"权责清单管理 {__version__}"

    result = run(built / "quanze-cli", "--self-test", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("[通过]") == 4
    assert f"打包程序：{built}" in result.stdout
    assert "随程序附带字体 1 个" in result.stdout
    assert "自检通过" in result.stdout
    assert list(home.iterdir()) == []


def test_portable_marker_keeps_the_data_beside_the_program(built: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home, tmp_path / "fonts")
    (built / "portable.txt").write_text("便携", encoding="utf-8")
    try:
        result = run(built / "quanze-cli", "init", "--demo", env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (built / "数据" / "quanze.sqlite").exists()
        assert (built / "数据" / "logs" / "quanze.log").exists()
        assert list(home.iterdir()) == []
    finally:
        (built / "portable.txt").unlink()
        shutil.rmtree(built / "数据")


def test_build_holds_only_what_the_program_uses(built: Path, build_script: ModuleType,
                                                qt_policy: ModuleType) -> None:
    internal = built / "_internal"
    assert (built / "quanze").is_file() and (built / "quanze-cli").is_file()
    assert (built / "install.sh").is_file()
    assert (internal / "app" / "resources" / "fonts" / "uming.ttc").is_file()
    assert (internal / "app" / "resources" / "icons" / "quanze.png").is_file()
    assert (internal / "app" / "data" / "demo" / "jiazheng-2021-2.json").is_file()
    names = {p.name for p in internal.rglob("*")}
    assert not [n for n in NOT_SHIPPED if n in names]
    assert not [n for n in names if n.startswith(NOT_SHIPPED_QT)]
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in plugins.rglob("*.so"):
        folder = plugin.parent.relative_to(plugins).as_posix()
        assert qt_policy.plugin_kept(str(plugin), f"PySide6/Qt/plugins/{folder}"), plugin
    assert {p.name for p in (plugins / "platforms").iterdir()} >= {"libqxcb.so", "libqoffscreen.so"}
    size, _count = build_script.folder_size(built)
    assert size / 1e6 < SIZE_BUDGET_MB
