"""Point-in-time and comparison queries on a repository, as the CLI and the window ask them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.catalogue.annexes import to_document
from app.catalogue.compare import Comparison, compare
from app.catalogue.timeline import (
    Cutoff,
    ItemHistory,
    ItemState,
    catalogue_at,
    chinese_date,
    histories,
    parse_day,
)
from app.domain.departments import Level
from app.domain.documents import Document
from app.storage.errors import UserError
from app.storage.items import ItemFilter, ItemRow
from app.storage.repository import Repository


def resolve_cutoff(repo: Repository, text: str) -> Cutoff:
    """A date (`2021-02-19`, `2021年2月19日`) means the end of that day; a 文号 means right
    after that document was applied; empty or `今天` means now."""
    text = text.strip()
    if text in ("", "今天", "现在", "today", "now"):
        today = dt.date.today().isoformat()
        return Cutoff(today, label=chinese_date(today))
    day = parse_day(text)
    if day:
        return Cutoff(day, label=chinese_date(day))
    if "〔" not in text and not text.endswith("号"):
        raise UserError(f"“{text}”既不是日期（如 2021-02-19 或 2021年2月19日），也不是文号"
                        "（如 嘉政发〔2021〕2号）。")
    mark = repo.history.document_mark(text)
    if mark.last_event is None:
        raise UserError(f"文件“{mark.number}”还没有应用到事项库，无法按它取时间点。"
                        "请先在“文件”页应用该文件。")
    return Cutoff(repo.history.document_event_date(mark.id), (0, mark.last_event),
                  label=f"{mark.number}之后")


def load_histories(repo: Repository) -> list[ItemHistory]:
    store = repo.history
    return histories(store.current_items(), store.document_changes() + store.hand_edits())


def states_as_of(repo: Repository, when: str | Cutoff) -> dict[int, ItemState]:
    """Every item that existed at ``when``, by id, with its name, department and status then."""
    cutoff = resolve_cutoff(repo, when) if isinstance(when, str) else when
    return {s.id: s for s in catalogue_at(load_histories(repo), cutoff)}


def as_of_ids(repo: Repository, states: dict[int, ItemState], item_filter: ItemFilter,
              order_by: str = "id", descending: bool = False) -> list[int]:
    """The filter applied to the past: its status means the status then.

    Other filter fields (search, department, type, document) match the items as
    they are today, so the same rows answer with and without a date.
    """
    rest = dataclasses.replace(item_filter, status="")
    ids = [i for i in repo.items.query_ids(rest, order_by, descending) if i in states]
    if item_filter.status:
        ids = [i for i in ids if states[i].status == item_filter.status]
    return ids


def rows_as_of(repo: Repository, states: dict[int, ItemState], ids: list[int]) -> list[ItemRow]:
    """List rows with the name, department and status each item had then."""
    return [dataclasses.replace(row, name=s.name, department=s.department, status=s.status,
                                status_date=s.status_date)
            for row in repo.items.rows(ids) for s in (states[row.id],)]


def catalogue_as_of(repo: Repository, when: str | Cutoff,
                    item_filter: ItemFilter | None = None) -> list[ItemRow]:
    """The catalogue list as it stood at ``when``, filtered as `quanze items` filters."""
    states = states_as_of(repo, when)
    return rows_as_of(repo, states, as_of_ids(repo, states, item_filter or ItemFilter()))


def compare_between(repo: Repository, start: str, end: str) -> Comparison:
    first, second = resolve_cutoff(repo, start), resolve_cutoff(repo, end)
    if (first.date, first.rank) > (second.date, second.rank):
        raise UserError(f"起点“{first.label}”晚于终点“{second.label}”，请交换两者。")
    return compare(load_histories(repo), first, second)


def draft_notice(repo: Repository, comparison: Comparison) -> Document:
    """The comparison as a notice's annexes, each item with its basis and measures."""
    registry = repo.departments.registry()

    def level(name: str) -> Level | None:
        found = registry.resolve(name)
        return found.level if found else None

    return to_document(comparison, repo.items.get, level)
