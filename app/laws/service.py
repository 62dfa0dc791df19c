"""Marking laws and reporting the items their changes flag, as the CLI and the window ask."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from app.catalogue.timeline import parse_day
from app.laws.registry import FlaggedItem, Law, LawStatus
from app.storage.errors import UserError
from app.storage.laws import LawStore
from app.storage.repository import Repository

NO_COUNTY_DEPARTMENT = "（未确定县级部门）"


def laws(repo: Repository) -> LawStore:
    return repo.laws


def mark(repo: Repository, written: str, status: LawStatus, date: str = "",
         changed_by: str = "") -> tuple[Law, list[FlaggedItem]]:
    """One user action: the law's status, date and reason; returns the items it now flags."""
    store = laws(repo)
    law = store.find(written)
    day = ""
    if date.strip():
        day = parse_day(date) or ""
        if not day:
            raise UserError(f"日期“{date}”无法识别，请写成 2019-11-29 或 2019年11月29日。")
    law.status = status
    if status is LawStatus.REPEALED:
        law.repealed = day or law.repealed
    elif status is LawStatus.AMENDED:
        law.amended = day or law.amended
    else:
        law.repealed = ""
    if changed_by.strip():
        law.changed_by = changed_by.strip()
    with repo.transaction():
        store.save(law)
    return store.get(law.id or 0), store.flagged(law.id)


def report(repo: Repository) -> dict[str, list[FlaggedItem]]:
    """Flagged items under their county department (the lead), the next round's work list."""
    grouped: dict[str, list[FlaggedItem]] = defaultdict(list)
    for flagged in laws(repo).flagged():
        grouped[flagged.county_department or NO_COUNTY_DEPARTMENT].append(flagged)
    return dict(grouped)


def load_registry(repo: Repository, entries: Iterable[dict[str, Any]]) -> None:
    """Fill in what is known about laws the items cite (the demo's repeals and amendments)."""
    store = laws(repo)
    for entry in entries:
        law = store.find(entry.get("title") or entry["number"])
        values = {k: v for k, v in entry.items() if k in {f.name for f in dataclasses.fields(Law)}}
        if "status" in values:
            values["status"] = LawStatus(values["status"])
        store.save(dataclasses.replace(law, **values))
