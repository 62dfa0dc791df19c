import pytest

from app.domain.items import PowerItem
from app.storage import backup
from app.storage.errors import DatabaseFormatError
from app.storage.items import ItemFilter
from app.storage.repository import Repository


def test_every_open_makes_a_backup_and_ten_are_kept(tmp_path):
    path = tmp_path / "q.sqlite"
    for _ in range(13):
        Repository.open(path).close()
    kept = backup.backups_for(path)
    assert len(kept) == 10
    for copy in kept:
        backup.check_file(copy)


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
