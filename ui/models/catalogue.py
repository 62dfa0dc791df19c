"""The catalogue table: row ids only, rows fetched lazily in chunks, SQLite sorts.

With 100,000 items the view asks only for the rows on screen; each miss loads
a chunk around it into a small LRU cache, so scrolling and filtering never
build 100,000 Python objects.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.catalogue.service import as_of_ids, rows_as_of
from app.catalogue.timeline import ItemState
from app.storage.items import ItemFilter, ItemRow
from app.storage.repository import Repository

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号"),
    ("name", "事项名称"),
    ("department", "实施部门"),
    ("type", "事项类型"),
    ("status", "状态"),
    ("status_date", "状态日期"),
    ("levels", "行使层级"),
    ("code", "事项编码"),
    ("remarks", "备注"),
    ("lead", "本县牵头部门"),
)
CHUNK = 200
CACHE_LIMIT = 3000
AnyIndex = QModelIndex | QPersistentModelIndex


class ItemTableModel(QAbstractTableModel):
    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self.filter = ItemFilter()
        self.as_of: dict[int, ItemState] | None = None
        self.order_by = "id"
        self.descending = False
        self._ids: list[int] = []
        self._cache: OrderedDict[int, ItemRow] = OrderedDict()
        self.reload()

    # Queries ----------------------------------------------------------------
    def set_filter(self, item_filter: ItemFilter,
                   as_of: dict[int, ItemState] | None = None) -> None:
        """``as_of``: the items as they stood at a past moment, shown instead of today's."""
        self.filter = item_filter
        self.as_of = as_of
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self.as_of is None:
            self._ids = self.repo.items.query_ids(self.filter, self.order_by, self.descending)
        else:
            self._ids = as_of_ids(self.repo, self.as_of, self.filter, self.order_by,
                                  self.descending)
        self._cache.clear()
        self.endResetModel()

    def refresh_items(self, ids: Collection[int]) -> None:
        """Only these rows changed: drop them from the cache and repaint them.

        One signal spans the changed rows: a renamed department may touch thousands,
        and the view repaints only the rows on screen anyway.
        """
        for item_id in ids:
            self._cache.pop(item_id, None)
        rows = [n for n, item_id in enumerate(self._ids) if item_id in ids]
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0),
                                  self.index(rows[-1], len(COLUMNS) - 1))

    def item_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, item_id: int) -> int | None:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return None

    def _row(self, position: int) -> ItemRow | None:
        item_id = self._ids[position]
        row = self._cache.get(item_id)
        if row is not None:
            self._cache.move_to_end(item_id)
            return row
        start = max(0, position - CHUNK // 4)
        chunk = self._ids[start : start + CHUNK]
        fetched_rows = (self.repo.items.rows(chunk) if self.as_of is None
                        else rows_as_of(self.repo, self.as_of, chunk))
        for fetched in fetched_rows:
            self._cache[fetched.id] = fetched
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        return self._cache.get(item_id)

    # Qt model ---------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        value = getattr(row, COLUMNS[index.column()][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return value if index.column() == 1 else None
        return str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.order_by = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
