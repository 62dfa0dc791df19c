"""Substring search for Chinese text through an FTS5 index of characters and bigrams.

FTS5's own tokenizers split on words, which Chinese does not mark, and its
trigram tokenizer cannot find one- or two-character terms such as 猪 or 许可.
The index keeps two columns per item: `doc`, the overlapping character
bigrams in order, so every substring of two or more characters is a phrase
query; and `chars`, the distinct single characters, for one-character terms.
"""

from __future__ import annotations

import re

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
