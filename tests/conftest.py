"""Shared fixtures: every test gets its own data folder and a fresh database file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.demo import load_demo
from app.storage.repository import Repository
from tests import sqlite_file


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups, logs and settings go to a temporary folder, never the real user's."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("QUANZE_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once; tests get copies of it."""
    folder = tmp_path_factory.mktemp("demo-template")
    path = folder / "demo.sqlite"
    previous = os.environ.get("QUANZE_DATA_DIR")
    os.environ["QUANZE_DATA_DIR"] = str(folder / "userdata")
    try:
        with Repository.open(path) as repo:
            load_demo(repo)
        sqlite_file.run(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        if previous is None:
            del os.environ["QUANZE_DATA_DIR"]
        else:
            os.environ["QUANZE_DATA_DIR"] = previous
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_repo(demo_db: Path) -> Iterator[Repository]:
    repo = Repository.open(demo_db, make_backup=False)
    yield repo
    repo.close()


@pytest.fixture
def empty_repo(tmp_path: Path) -> Iterator[Repository]:
    repo = Repository.open(tmp_path / "empty.sqlite")
    yield repo
    repo.close()
