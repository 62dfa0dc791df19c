"""The Windows stage's inputs, checked on Linux: the pinned Windows wheels cover the program's
dependencies, and the stand-in official font the Windows tests place in C:\\Windows\\Fonts is
found by its family name."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from app.pdf.fonts import FANGSONG, bundled_font, read_faces, resolve_fonts
from tests.windows.conftest import renamed_font

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "packaging" / "windows" / "requirements.txt"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    lines = [line.strip() for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()]
    pairs = [line.split("==") for line in lines if line and not line.startswith("#")]
    assert all(len(pair) == 2 for pair in pairs), "every Windows wheel is pinned with =="
    return {canonical(name): version for name, version in pairs}


def test_windows_wheels_cover_the_programs_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {canonical(re.split(r"[<>=!~ ;\[]", spec)[0]) for spec in project["dependencies"]}
    missing = needed - set(pins())
    assert not missing, f"add the Windows wheels to {REQUIREMENTS.name}: {sorted(missing)}"


def test_windows_qt_stays_on_the_lts_line_wine_can_run() -> None:
    versions = pins()
    assert versions["pyside6-essentials"].startswith("6.8.")
    assert versions["shiboken6"] == versions["pyside6-essentials"]


def test_stand_in_official_font_is_found_by_family_name(tmp_path: Path) -> None:
    path = tmp_path / "县政府公文仿宋.ttf"
    path.write_bytes(renamed_font(bundled_font(), "仿宋_GB2312", "FangSong_GB2312"))
    ((_, families, truetype),) = read_faces(path)
    assert truetype and "仿宋_GB2312" in families
    fonts = resolve_fonts(search_dirs=[tmp_path])
    assert fonts[FANGSONG].official
    assert fonts[FANGSONG].path == path
