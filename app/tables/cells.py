"""Cell text as it arrives from narrow columns: real structure kept, wrapping undone.

A narrow column in Word or Excel often carries hard line breaks inside words
(`行政\\n许可`, `省自然\\n资源厅`). Such a break is joined. A break that ends a
sentence or starts an enumerated point (`1.` `2、` `（1）` `①`) is structure the
measures need, so it stays.
"""

from __future__ import annotations

import re

from app.domain.text import clean_cell, compact, normalise_digits

# How an enumerated point starts a line (`1.` `2、` `（1）` `①`). `\d` matches full-width
# digits too; blanks inside never reach past the line's end.
POINT_START = (r"\d+[^\S\n]*[.．、)）]|[（(][^\S\n]*[\d一二三四五六七八九十]+[^\S\n]*[）)]"
               r"|[①-⑳]|[一二三四五六七八九十]+、|——|《")
SENTENCE_END = "。；：;:！？!?》"
# The patterns start with the break itself, so the regex engine jumps from break to
# break; started with a lookbehind or blanks, it tried every character (ten times slower).
# A break with the blanks and blank lines after it: one break.
BREAK = re.compile(r"\n\s+")
# A break inside a word: not after a sentence's end, not before an enumerated point.
WRAP = re.compile(f"\n(?<![{SENTENCE_END}]\n)(?!{POINT_START})")
SHORT_FIELDS = frozenset({"seq", "department", "type"})
NEEDS_CLEANING = re.compile("[\r\n\u3000\u00a0]")


def clean(value: object) -> str:
    """clean_cell, with fast paths for empty cells and the plain one-line strings most cells hold."""
    if value.__class__ is str:
        if NEEDS_CLEANING.search(value) is None:
            return value.strip()
    elif value is None:
        return ""
    elif value.__class__ is float and value.is_integer():
        return str(int(value))
    return clean_cell(value)


def join_wrapped(text: str) -> str:
    """Text passed through `clean`, its lines stripped and joined where a narrow column broke
    a word; kept apart where a sentence ends or a point starts."""
    if "\n" not in text:
        return text
    return WRAP.sub("", BREAK.sub("\n", text))


def tidy_long(value: object) -> str:
    """`tidy` for a long field (name, basis, measures, remarks) in one call: an import makes
    four per row."""
    if value.__class__ is str and NEEDS_CLEANING.search(value) is None:
        return value.strip()
    return join_wrapped(clean(value))


def tidy(value: object, key: str) -> str:
    """A cell value as the field `key` stores it."""
    return tidy_text(clean(value), key)


def tidy_text(text: str, key: str) -> str:
    """`tidy` for text already passed through `clean`."""
    if not text:
        return ""
    if key in SHORT_FIELDS:
        if text.isascii() and text.isdigit():
            return text  # most 序号: nothing to take out or to turn half-width
        text = compact(text)
        return normalise_digits(text) if key == "seq" else text
    return join_wrapped(text)
