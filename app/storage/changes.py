"""What one change to the file touched, returned by every saving call of the repository.

The window hands it to each screen, and a screen reloads only what the value
names (Anki's OpChanges): renaming a department repaints that department's
rows in the catalogue instead of querying 100,000 items again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, kw_only=True)
class Changes:
    items: frozenset[int] = frozenset()
    """Items whose shown values changed: their rows are read again."""
    item_set: bool = False
    """Items added or removed, or moved to another department: lists and counts are queried again."""
    departments: bool = False
    """The registry, the sector table or the 待指定 answers: names resolve differently."""
    annex_rows: frozenset[int] = frozenset()
    """Annex rows whose lead or partner departments were worked out anew."""
    documents: bool = False
    """Documents added, changed or removed."""
    lists: bool = False
    """Responsibility lists, task divisions, report-backs or measure templates."""

    def __or__(self, other: Changes) -> Changes:
        """Both changes, for actions made of several saving calls."""
        merged = {f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(Changes)}
        return Changes(**merged)


@dataclass(frozen=True, kw_only=True)
class Saved(Changes):
    """The changes of saving one record, and the id the record has in the file."""

    id: int


EVERYTHING = Changes(item_set=True, departments=True, documents=True, lists=True)
"""For actions that may touch anything (importing a workbook, applying a document)."""
