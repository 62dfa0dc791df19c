"""Substring search for Chinese text through an FTS5 index of characters and bigrams.

FTS5's own tokenizers split on words, which Chinese does not mark, and its
trigram tokenizer cannot find one- or two-character terms such as 猪 or 许可.
The index keeps two columns per item: `doc`, the overlapping character
bigrams in order, so every substring of two or more characters is a phrase
query; and `chars`, the distinct single characters, for one-character terms.

The index stores no copy of those columns (an external-content FTS5 table
over the view `items_search_source`): the copy was half of a 100,000-item
file. The view computes them through the SQL functions registered here, and
triggers on items and departments keep the index in step with every write.
"""

from __future__ import annotations

import re
import sqlite3

_RUNS = re.compile(r"[^\W_]+")


def _runs(text: str) -> list[str]:
    return _RUNS.findall(text.lower())


def _grams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_columns(text: str) -> tuple[str, str]:
    """The (doc, chars) values indexed for a text."""
    runs = _runs(text)
    doc = " ".join(gram for run in runs for gram in _grams(run))
    chars = " ".join(sorted({char for run in runs for char in run}))
    return doc, chars


def match_expression(term: str) -> str | None:
    """An FTS5 MATCH expression for one search term; None when it has no letters or digits."""
    phrases = []
    for run in _runs(term):
        if len(run) == 1:
            phrases.append(f'chars : "{run}"')
        else:
            phrases.append(f'doc : "{" ".join(_grams(run))}"')
    return " AND ".join(phrases) or None


class _Columns:
    """index_columns as two SQL functions; the view asks for both of one text in turn."""

    def __init__(self) -> None:
        self._last: tuple[str, tuple[str, str]] = ("", ("", ""))

    def __call__(self, text: str | None) -> tuple[str, str]:
        text = text or ""
        if self._last[0] != text:
            self._last = (text, index_columns(text))
        return self._last[1]


def register_functions(conn: sqlite3.Connection) -> None:
    """Every connection needs these: the search view, its triggers and `quanze check` call them."""
    columns = _Columns()
    conn.create_function("qz_search_doc", 1, lambda text: columns(text)[0], deterministic=True)
    conn.create_function("qz_search_chars", 1, lambda text: columns(text)[1], deterministic=True)


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """Whether the index holds exactly what the items and departments say (for `quanze check`)."""
    try:
        conn.execute("INSERT INTO items_search(items_search, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [f"事项的全文检索索引与事项表不一致（{exc}），请运行“quanze check --repair”重建索引。"]
    return []
