"""The built Windows program where Windows differs: paths, data folders, locks, fonts."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.storage.repository import Repository
from tests.windows.conftest import renamed_font, run

DEMO = "嘉政发〔2021〕2号"


def test_program_works_in_and_on_chinese_paths_with_spaces(program: Path, tmp_path: Path) -> None:
    folder = tmp_path / "县 政府" / "2024 年 清单"
    db = folder / "权责 清单.sqlite"
    out = folder / "通知 PDF" / "嘉政发 2021 2号.pdf"
    made = run(program, "--db", str(db), "init", "--demo")
    assert made.returncode == 0, made.stdout + made.stderr
    assert str(db) in made.stdout
    printed = run(program, "--db", str(db), "pdf", "--document", DEMO, "--out", str(out))
    assert printed.returncode == 0, printed.stdout + printed.stderr
    assert out.read_bytes().startswith(b"%PDF")
    checked = run(program, "--self-test")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert str(program.parent) in checked.stdout


def test_data_folder_is_under_localappdata(program: Path, user_data_folder: Path) -> None:
    made = run(program, "init")
    assert made.returncode == 0, made.stdout + made.stderr
    db = user_data_folder / "quanze.sqlite"
    assert db.is_file()
    assert str(db) in made.stdout
    assert not (program.parent / "数据").exists()


def test_portable_marker_keeps_the_data_beside_the_exe(program: Path,
                                                       user_data_folder: Path) -> None:
    marker = program.parent / "portable.txt"
    marker.write_text("便携模式", encoding="utf-8")
    try:
        made = run(program, "init", "--demo", cwd=Path(os.environ["TEMP"]))
    finally:
        marker.unlink()
    assert made.returncode == 0, made.stdout + made.stderr
    db = program.parent / "数据" / "quanze.sqlite"
    assert str(db) in made.stdout
    with closing(sqlite3.connect(db)) as connection:  # `with connection` alone does not close it
        assert connection.execute("SELECT count(*) FROM items").fetchone()[0] > 0
    assert not user_data_folder.exists()


def test_second_process_cannot_write_while_the_database_is_open(program: Path,
                                                                demo_db: Path) -> None:
    with Repository.open(demo_db, make_backup=False):
        blocked = run(program, "--db", str(demo_db), "init")
    assert blocked.returncode != 0
    assert "正在被另一个程序" in blocked.stdout + blocked.stderr
    after = run(program, "--db", str(demo_db), "init")
    assert after.returncode == 0, after.stdout + after.stderr


@pytest.fixture
def official_fangsong() -> Path:
    """A font whose family is 仿宋_GB2312, under a file name the search does not know."""
    from app.pdf.fonts import bundled_font

    fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    path = fonts / "县政府公文仿宋.ttf"
    path.write_bytes(renamed_font(bundled_font(), "仿宋_GB2312", "FangSong_GB2312"))
    yield path
    path.unlink()


def test_official_font_in_windows_fonts_found_by_family_name(program: Path,
                                                              official_fangsong: Path,
                                                              tmp_path: Path, demo_db: Path) -> None:
    listed = run(program, "fonts")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    lines = listed.stdout.splitlines()
    fangsong = next(i for i, line in enumerate(lines) if line.strip().startswith("仿宋_GB2312"))
    assert "替代" not in lines[fangsong]
    assert str(official_fangsong).lower() in lines[fangsong + 1].lower()
    out = tmp_path / "通知.pdf"
    printed = run(program, "--db", str(demo_db), "pdf", "--document", DEMO, "--out", str(out))
    assert printed.returncode == 0, printed.stdout + printed.stderr
    assert b"FangSong_GB2312" in out.read_bytes()
