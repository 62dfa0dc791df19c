"""Display orders the catalogue asks for, read once and reused for both directions."""

import pytest

from app.storage.items import FROM, SORT_COLUMNS, ItemFilter
from tests import sqlite_file


@pytest.mark.parametrize("order_by", list(SORT_COLUMNS))
def test_every_order_matches_sqlite_in_both_directions(demo_repo, order_by):
    column = SORT_COLUMNS[order_by]
    for direction, descending in (("ASC", False), ("DESC", True)):
        expected = [r[0] for r in sqlite_file.rows(
            demo_repo.path, f"SELECT items.id {FROM} ORDER BY {column} {direction}, items.id {direction}")]
        assert demo_repo.items.query_ids(ItemFilter(), order_by, descending) == expected


def test_order_follows_a_change(demo_repo):
    first = demo_repo.items.query_ids(ItemFilter(), "name")
    item = demo_repo.items.get(first[-1])
    item.name = "一" + item.name
    with demo_repo.transaction():
        demo_repo.items.save(item, demo_repo.departments.registry().resolve(item.department).id
                             if item.department else None)
    assert demo_repo.items.query_ids(ItemFilter(), "name")[0] == item.id
    assert demo_repo.items.query_ids(ItemFilter(), "name", descending=True)[-1] == item.id
