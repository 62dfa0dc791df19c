import re
import shutil
from pathlib import Path

import pytest

from app.storage.backup import backups_for
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


V9 = Path(__file__).parents[2] / "fixtures" / "schema_v9.sqlite"
TERMS = ["许可", "猪", "证", "典当业特种行业", "双随机", "市住建局", "监管 许", "公安 核发 证",
         "许可证，核发", "没有这个词"]


def _v9_hits(path: Path, term: str) -> set[int]:
    """What schema 9 found: bigram phrases and single characters in one two-column index."""
    phrases = []
    for run in re.findall(r"[^\W_]+", term.lower()):
        grams = " ".join(run[i:i + 2] for i in range(len(run) - 1))
        phrases.append(f'chars : "{run}"' if len(run) == 1 else f'doc : "{grams}"')
    return {r[0] for r in sqlite_file.rows(
        path, "SELECT rowid FROM items_search WHERE items_search MATCH ?", [" AND ".join(phrases)])}


def test_schema_9_file_finds_the_same_items_with_characters_indexed_apart(tmp_path):
    path = tmp_path / "v9.sqlite"
    shutil.copy(V9, path)
    assert sqlite_file.value(path, "PRAGMA user_version") == 9
    before = {term: _v9_hits(path, term) for term in TERMS}
    with Repository.open(path) as repo:
        after = {term: {r.id for r in repo.items.query(ItemFilter(search=term))} for term in TERMS}
        assert repo.check() == []
    assert after == before
    assert len(before["许可"]) == 16 and len(before["猪"]) == 4 and before["监管 许"]
    assert len(backups_for(path)) == 1  # the schema-9 file, kept before the upgrade
    tables = {r[0] for r in sqlite_file.rows(path, "SELECT name FROM sqlite_master")}
    assert {"items_search", "items_chars"} <= tables
    assert sqlite_file.value(path, "PRAGMA user_version") == SCHEMA_VERSION
