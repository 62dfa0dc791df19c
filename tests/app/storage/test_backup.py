import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.domain.items import PowerItem
from app.storage import backup
from app.storage.database import open_database
from app.storage.errors import DatabaseFormatError
from app.storage.items import ItemFilter
from app.storage.migrations import SCHEMA_VERSION
from app.storage.repository import Repository

FIXTURE = Path(__file__).parents[2] / "fixtures" / "schema_v1.sqlite"


def version_of(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_item(path: Path, name: str) -> None:
    with Repository.open(path, make_backup=False) as repo:
        repo.save_item(PowerItem(name=name, type="行政许可", department="县某局"))


def test_every_changed_open_makes_a_backup_and_ten_are_kept(tmp_path):
    path = tmp_path / "q.sqlite"
    Repository.open(path).close()
    for n in range(12):
        add_item(path, f"事项{n}")
        Repository.open(path).close()
    kept = backup.backups_for(path)
    assert len(kept) == 10
    for copy in kept:
        backup.check_file(copy)


def test_opening_an_unchanged_file_again_makes_no_new_copy(tmp_path):
    path = tmp_path / "q.sqlite"
    add_item(path, "甲")
    for _ in range(5):
        Repository.open(path).close()
    assert len(backup.backups_for(path)) == 1
    add_item(path, "乙")
    Repository.open(path).close()
    assert len(backup.backups_for(path)) == 2


def test_restore_brings_back_the_old_state_and_keeps_the_replaced_file(tmp_path):
    path = tmp_path / "q.sqlite"
    with Repository.open(path) as repo:
        repo.save_item(PowerItem(name="甲", type="行政许可", department="县某局"))
    saved = backup.make_backup(path)
    with Repository.open(path) as repo:
        repo.save_item(PowerItem(name="乙", type="行政许可", department="县某局"))
    safety = backup.restore(saved, path)
    with Repository.open(path) as repo:
        assert [r.name for r in repo.items.query(ItemFilter())] == ["甲"]
    with Repository.open(safety, make_backup=False) as repo:
        assert len(repo.items.query(ItemFilter())) == 2


def test_restore_refuses_a_file_that_is_not_ours(tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseFormatError):
        backup.restore(bogus, tmp_path / "q.sqlite")


def test_restore_refuses_a_backup_from_a_newer_release(tmp_path, capsys):
    path = tmp_path / "q.sqlite"
    add_item(path, "甲")
    newer = tmp_path / "newer.sqlite"
    shutil.copy(path, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)
    assert main(["restore", str(newer), "--db", str(path)]) == 1
    assert "更新版本" in capsys.readouterr().err
    assert digest(path) == before
    with Repository.open(path) as repo:
        assert [r.name for r in repo.items.query(ItemFilter())] == ["甲"]


def test_backups_of_same_named_files_in_two_folders_do_not_evict_each_other(tmp_path):
    first, second = tmp_path / "甲" / "quanze.sqlite", tmp_path / "乙" / "quanze.sqlite"
    add_item(first, "甲")
    add_item(second, "乙")
    mine = [backup.make_backup(first) for _ in range(3)]
    for _ in range(backup.KEEP + 2):
        backup.make_backup(second)
    assert backup.backups_for(first) == mine
    assert len(backup.backups_for(second)) == backup.KEEP


def test_an_old_file_is_backed_up_before_its_upgrade_whoever_opens_it(tmp_path):
    """The window opens with make_backup=False; the upgrade must still be preceded by a copy."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    with Repository.open(path, make_backup=False) as repo:
        assert repo.items.count(ItemFilter()) == 36
    (copy,) = backup.backups_for(path)
    assert version_of(copy) == 1 < SCHEMA_VERSION == version_of(path)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 36
    conn.close()


def test_a_newer_file_is_refused_untouched_and_not_backed_up(tmp_path):
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseFormatError, match="更新版本"):
        open_database(path)
    with pytest.raises(DatabaseFormatError, match="更新版本"):
        open_database(path, readonly=True)
    assert digest(path) == before
    assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file, not WAL
    assert not path.with_name("future.sqlite-wal").exists()
    assert backup.backups_for(path) == []


def test_searching_an_old_file_from_the_command_line_works(tmp_path, capsys):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    assert main(["items", "--search", "许可", "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith("共 16 项")
    assert [version_of(c) for c in backup.backups_for(path)] == [1]
