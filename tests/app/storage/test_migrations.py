import shutil
from pathlib import Path

import pytest

from app.storage.database import open_database
from app.storage.errors import DatabaseFormatError
from app.storage.items import ItemFilter
from app.storage.migrations import SCHEMA_VERSION
from app.storage.repository import Repository
from tests import sqlite_file

FIXTURE = Path(__file__).parents[2] / "fixtures" / "schema_v1.sqlite"


def test_file_from_the_first_schema_opens_and_gains_the_search_index(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    with Repository.open(path) as repo:
        assert sqlite_file.value(path, "PRAGMA user_version") == SCHEMA_VERSION
        assert repo.items.count(ItemFilter()) == 36
        assert len(repo.items.query(ItemFilter(search="许可"))) == 16
        assert repo.check() == []


def test_file_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    with open_database(path) as opened:
        opened.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(DatabaseFormatError, match="更新版本"):
        open_database(path)


def test_not_a_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(DatabaseFormatError, match="不是有效的数据库文件"):
        open_database(path, make_backup=False)
    with open_database(tmp_path / "fine.sqlite"):
        pass
