"""Font resolution: official fonts by file name, stand-ins, the bundled font, settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.pdf.fonts import FANGSONG, HEITI, ROLES, bundled_font, read_faces, resolve_fonts
from app.storage.errors import UserError


def test_bundled_font_stands_in_for_everything_when_nothing_is_installed(tmp_path: Path) -> None:
    fonts = resolve_fonts(search_dirs=[tmp_path])
    assert all(fonts[role].bundled for role in ROLES)
    assert "仿宋_GB2312 → AR PL UMing（程序自带）" in fonts.substitutions()
    assert fonts[HEITI].embolden
    assert not fonts[FANGSONG].embolden
    assert (bundled_font().parent / "ARPHICPL.TXT").is_file()


def test_official_font_found_by_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "Fonts"
    folder.mkdir()
    shutil.copy(bundled_font(), folder / "simfang.ttf")
    fonts = resolve_fonts(search_dirs=[tmp_path])
    assert fonts[FANGSONG].official
    assert fonts[FANGSONG].path.name == "simfang.ttf"
    assert not any(line.startswith("仿宋_GB2312") for line in fonts.substitutions())


def test_setting_overrides_a_role(tmp_path: Path) -> None:
    fonts = resolve_fonts({HEITI: str(bundled_font())}, search_dirs=[tmp_path])
    assert fonts[HEITI].path == bundled_font()
    assert not fonts[HEITI].official


def test_setting_with_a_bad_file_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(UserError, match="黑体"):
        resolve_fonts({HEITI: str(bad)}, search_dirs=[tmp_path])


def test_face_reader_sees_truetype_outlines_and_names() -> None:
    faces = read_faces(bundled_font())
    assert faces[0][2]
    assert "AR PL UMing CN" in faces[0][1]
