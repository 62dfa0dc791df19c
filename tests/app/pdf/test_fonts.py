"""Font resolution: official fonts by file name, stand-ins, the bundled font, settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.pdf.fonts import (
    FANGSONG,
    HEITI,
    KAITI,
    ROLES,
    SONGTI,
    XIAOBIAOSONG,
    FontChoice,
    bundled_font,
    read_faces,
    resolve_fonts,
    role_named,
)
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


@pytest.mark.parametrize(("name", "role"), [
    ("小标宋", XIAOBIAOSONG), ("方正小标宋简体", XIAOBIAOSONG), ("仿宋", FANGSONG),
    ("仿宋_GB2312", FANGSONG), ("楷体", KAITI), ("楷体_GB2312", KAITI), ("黑体", HEITI),
    ("宋体", SONGTI), ("fangsong", FANGSONG),
])
def test_roles_by_their_chinese_names(name: str, role: str) -> None:
    assert role_named(name) == role


def test_unknown_role_lists_the_known_ones() -> None:
    with pytest.raises(UserError, match="小标宋、仿宋、楷体、黑体、宋体"):
        role_named("隶书")


def test_override_keyed_by_official_name_marks_the_choice(tmp_path: Path) -> None:
    copy = tmp_path / "我的仿宋.ttf"
    shutil.copy(bundled_font(), copy)
    fonts = resolve_fonts({"仿宋_GB2312": str(copy)}, search_dirs=[tmp_path / "none"])
    assert fonts[FANGSONG].path == copy and fonts[FANGSONG].overridden
    assert "仿宋_GB2312 → AR PL UMing CN（指定的字体文件）" in fonts.substitutions()


def test_opentype_cff_override_is_refused_by_name(cff_font: Path) -> None:
    with pytest.raises(UserError) as caught:
        resolve_fonts({FANGSONG: str(cff_font)}, search_dirs=[cff_font.parent])
    assert str(cff_font) in caught.value.message
    assert "OpenType（CFF 轮廓）" in caught.value.message


def test_cff_font_in_a_font_folder_is_not_picked(cff_font: Path) -> None:
    assert read_faces(cff_font) == ((0, frozenset({"Source Han Serif SC"}), False),)
    fonts = resolve_fonts(search_dirs=[cff_font.parent])
    assert all(fonts[role].path != cff_font for role in ROLES)


def test_missing_override_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "无此字体.ttf"
    with pytest.raises(UserError, match=r"无此字体\.ttf”不存在"):
        resolve_fonts({KAITI: str(missing)}, search_dirs=[tmp_path])


def test_non_font_file_asks_for_another_font(tmp_path: Path) -> None:
    bad = tmp_path / "notes.ttf"
    bad.write_text("这不是字体文件", encoding="utf-8")
    choice = FontChoice(HEITI, "黑体", "notes", bad, 0, official=False, overridden=True)
    with pytest.raises(UserError, match="请另选字体文件"):
        _ = choice.registered_name


def test_missing_font_file_asks_for_another_font(tmp_path: Path) -> None:
    choice = FontChoice(HEITI, "黑体", "gone", tmp_path / "gone.ttf", 0, official=False)
    with pytest.raises(UserError, match=r"gone\.ttf"):
        _ = choice.registered_name


def test_a_bug_while_registering_is_not_reported_as_a_bad_font() -> None:
    """A wrong argument is the program's fault; telling the user to pick
    another font would hide it."""
    choice = FontChoice(HEITI, "黑体", "uming", bundled_font(), None, official=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _ = choice.registered_name
