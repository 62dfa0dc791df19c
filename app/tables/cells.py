"""Cell text as it arrives from narrow columns: real structure kept, wrapping undone.

A narrow column in Word or Excel often carries hard line breaks inside words
(`行政\\n许可`, `省自然\\n资源厅`). Such a break is joined. A break that ends a
sentence or starts an enumerated point (`1.` `2、` `（1）` `①`) is structure the
measures need, so it stays.
"""

from __future__ import annotations

import re

from app.domain.text import clean_cell, compact, normalise_digits

ENUMERATOR = re.compile(
    r"^(\d+\s*[.．、)）]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|[①-⑳]|[一二三四五六七八九十]+、|——|《)")
SENTENCE_END = ("。", "；", "：", ";", ":", "！", "？", "!", "?", "》")
SHORT_FIELDS = frozenset({"seq", "department", "type"})
NEEDS_CLEANING = re.compile("[\r\n\u3000\u00a0]")


def clean(value: object) -> str:
    """clean_cell, with a fast path for the plain one-line strings most cells hold."""
    if value.__class__ is str and not NEEDS_CLEANING.search(value):  # type: ignore[arg-type]
        return value.strip()  # type: ignore[attr-defined]
    return clean_cell(value)


def join_wrapped(text: str) -> str:
    if "\n" not in text:
        return text
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith(SENTENCE_END) or ENUMERATOR.match(normalise_digits(line)):
            out += "\n" + line
        else:
            out += line
    return out


def tidy(value: object, key: str) -> str:
    """A cell value as the field `key` stores it."""
    return tidy_text(clean(value), key)


def tidy_text(text: str, key: str) -> str:
    """`tidy` for text already passed through `clean`."""
    if not text:
        return ""
    if key in SHORT_FIELDS:
        text = compact(text)
        return normalise_digits(text) if key == "seq" else text
    return join_wrapped(text)
