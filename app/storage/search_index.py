"""Substring search for Chinese text through an FTS5 index of character bigrams.

FTS5's own tokenizers split on words, which Chinese does not mark, and its
trigram tokenizer cannot find two-character terms such as 许可 or 公安.
Indexing overlapping bigrams makes every substring of two or more characters
a phrase query over the index, answered without scanning the table.
"""

from __future__ import annotations

import re

_RUNS = re.compile(r"[^\W_]+")


def _runs(text: str) -> list[str]:
    return _RUNS.findall(text.lower())


def bigrams(text: str) -> str:
    """The index document for a text: its bigrams (and lone characters) separated by spaces."""
    tokens: list[str] = []
    for run in _runs(text):
        if len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(tokens)


def match_expression(term: str) -> str | None:
    """An FTS5 MATCH expression for one search term, or None when it cannot use the index.

    Single characters are not indexed on their own (only inside bigrams), so a
    one-character term falls back to a scan.
    """
    runs = _runs(term)
    if not runs or any(len(run) < 2 for run in runs):
        return None
    phrases = []
    for run in runs:
        grams = " ".join(run[i : i + 2] for i in range(len(run) - 1))
        phrases.append(f'"{grams}"')
    return " AND ".join(phrases)
