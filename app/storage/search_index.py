"""Substring search for Chinese text through an FTS5 index of characters and bigrams.

FTS5's own tokenizers split on words, which Chinese does not mark, and its
trigram tokenizer cannot find one- or two-character terms such as 猪 or 许可.
The index keeps two columns per item: `doc`, the overlapping character
bigrams in order, so every substring of two or more characters is a phrase
query (table `items_search`); and `chars`, the distinct single characters,
for one-character terms (table `items_chars`, without positions: a
character is never part of a phrase, and the positions were a fifth of a
large file).

The index stores no copy of those columns (external-content FTS5 tables
over the view `items_search_source`): the copy was half of a 100,000-item
file. The view computes them through the SQL functions registered here, and
triggers on items and departments keep the index in step with every write.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

_RUNS = re.compile(r"[^\W_]+")


def _runs(text: str) -> list[str]:
    return _RUNS.findall(text.lower())


def _grams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_columns(text: str) -> tuple[str, str]:
    """The (doc, chars) values indexed for a text (migration 2 fills its index with them)."""
    return search_doc(text), search_chars(text)


def search_doc(text: str) -> str:
    """The `doc` value indexed for a text: its bigrams in order."""
    return " ".join(gram for run in _runs(text) for gram in _grams(run))


def search_chars(text: str) -> str:
    """The `chars` value indexed for a text: each character once."""
    return " ".join(sorted({char for run in _runs(text) for char in run}))


SEARCH_TABLES = ("items_search", "items_chars")


def match_expressions(terms: Sequence[str]) -> tuple[str, str]:
    """FTS5 MATCH expressions for search terms: (bigram phrases, single characters).

    Either is '' when no term needs that table; terms without letters or
    digits need neither.
    """
    phrases, chars = [], []
    for term in terms:
        for run in _runs(term):
            if len(run) == 1:
                chars.append(f'"{run}"')
            else:
                phrases.append(f'"{" ".join(_grams(run))}"')
    return " AND ".join(phrases), " AND ".join(chars)


def register_functions(conn: sqlite3.Connection) -> None:
    """Every connection needs these: the search view, its triggers and `quanze check` call them."""
    conn.create_function("qz_search_doc", 1, lambda text: search_doc(text or ""),
                         deterministic=True)
    conn.create_function("qz_search_chars", 1, lambda text: search_chars(text or ""),
                         deterministic=True)


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """Whether the index holds exactly what the items and departments say (for `quanze check`)."""
    try:
        for table in SEARCH_TABLES:
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [f"事项的全文检索索引与事项表不一致（{exc}），请运行“quanze check --repair”重建索引。"]
    return []
