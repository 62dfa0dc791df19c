"""Point-in-time and comparison queries on a repository, as the CLI and the window ask them."""

from __future__ import annotations

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
from app.storage.history import HistoryStore
from app.storage.items import ItemFilter
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
    mark = HistoryStore(repo.db).document_mark(text)
    if mark.last_event is None:
        raise UserError(f"文件“{mark.number}”还没有应用到事项库，无法按它取时间点。"
                        "请先在“文件”页应用该文件。")
    return Cutoff(HistoryStore(repo.db).document_event_date(mark.id), (0, mark.last_event),
                  label=f"{mark.number}之后")


def load_histories(repo: Repository) -> list[ItemHistory]:
    changes = HistoryStore(repo.db).document_changes() + HistoryStore(repo.db).hand_edits()
    return histories(HistoryStore(repo.db).current_items(), changes)


def catalogue_as_of(repo: Repository, when: str | Cutoff,
                    item_filter: ItemFilter | None = None) -> list[ItemState]:
    """The items as they stood at ``when``; the filter's status means the status then.

    Other filter fields (search, department, type, document) match the items as
    they are today, the same rows the catalogue would show without a date.
    """
    cutoff = resolve_cutoff(repo, when) if isinstance(when, str) else when
    states = catalogue_at(load_histories(repo), cutoff)
    item_filter = item_filter or ItemFilter()
    status = item_filter.status
    rest = ItemFilter(search=item_filter.search, department=item_filter.department,
                      type=item_filter.type, document=item_filter.document)
    if not rest.is_empty():
        keep = set(repo.items.query_ids(rest))
        states = [s for s in states if s.id in keep]
    if status:
        states = [s for s in states if s.status == status]
    return states


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
