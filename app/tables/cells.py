"""Cell text as it arrives from narrow columns: real structure kept, wrapping undone.

A narrow column in Word or Excel often carries hard line breaks inside words
(`行政\\n许可`, `省自然\\n资源厅`). Such a break is joined. A break that ends a
sentence or starts an enumerated point (`1.` `2、` `（1）` `①`) is structure the
measures need, so it stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TypeGuard, cast

from app.domain.text import (
    BLANK_BEFORE_BREAK,
    clean_cell,
    compact,
    normalise_digits,
    trim_lines,
)

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
JOINT = "\x00"


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
    four per row. Text whose only unusual characters are line breaks (most measures) skips
    `clean_cell`'s replacements."""
    if value.__class__ is str:
        if _needs_replacing(value):
            return join_wrapped(clean(value))
        if "\n" in value:
            return join_wrapped(trim_lines(value))
        return value.strip()
    return join_wrapped(clean(value))


def _needs_replacing(text: str) -> bool:
    """Whether `clean_cell` would replace anything in the text (a carriage return, U+3000, a
    non-breaking space): NEEDS_CLEANING without the line break, by `in`, which on a long
    text is five times faster than a regex search."""
    return "\r" in text or "\u3000" in text or "\u00a0" in text


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


class ColumnTidier:
    """`tidy` for a field's cells a whole column at a time. Texts repeat down a column
    (types, departments, measures copied into merged cells), so each distinct text is
    tidied once, and the look-ups of the rest run in C (`map` over the cache's `get`)."""

    def __init__(self, key: str) -> None:
        self.short = key in SHORT_FIELDS
        self.tidy_one: Callable[[object], str] = partial(tidy, key=key) if self.short else tidy_long
        self.known: dict[object, str] = {None: ""}

    def column(self, values: Sequence[object]) -> list[str]:
        """The tidied texts of `values`, in order."""
        if values and values[0].__class__ is float and _whole_numbers(values):
            return list(map(str, map(int, values)))  # a 序号 column as Excel holds it
        known = self.known
        self._learn([v for v in dict.fromkeys(values) if v.__class__ is str and v not in known])
        found = list(map(known.get, values))
        if None not in found:
            return cast("list[str]", found)
        # Numbers, dates and booleans, not remembered: as a key True would find 1.0's text.
        # A number's text is its tidied form in every field (no blanks, breaks or
        # full-width digits), so it takes one call, not three.
        return [text if text is not None else clean(value) if value.__class__ is float
                else self.tidy_one(value) for text, value in zip(found, values, strict=True)]

    def _learn(self, texts: list[str]) -> None:
        """The tidied forms of texts not met before. A 序号 column is usually all digits:
        one test of its texts joined then stands for a call per text. Long fields go
        through `tidy_long_texts`."""
        tidied: Iterable[str] | None
        if self.short:
            joined = "".join(texts)
            tidied = texts if joined.isascii() and joined.isdigit() else None
        else:
            tidied = tidy_long_texts(texts)
        self.known.update(zip(texts, map(self.tidy_one, texts) if tidied is None else tidied,
                              strict=True))


def _whole_numbers(values: Sequence[object]) -> TypeGuard[Sequence[float]]:
    """Whether every value is a float without a fraction: its text is then `str(int())` in
    every field (`clean` gives that, and no field's tidying changes it)."""
    return set(map(type, values)) == {float} and all(
        map(float.is_integer, cast("Sequence[float]", values)))


def tidy_long_texts(texts: list[str]) -> list[str] | None:
    """`tidy_long` of many texts at once; None when one needs more than stripping and
    joining wrapped lines (U+3000, NBSP, a carriage return, a blank before a break).

    The regexes run once over the texts joined, in two thirds of the time of a run per
    text. Each text is stripped first, so no break is next to a joint, and the joint (NUL)
    is nothing any pattern matches: no match reaches from one text into the next.
    """
    joined = JOINT.join(map(str.strip, texts))
    if _needs_replacing(joined) or BLANK_BEFORE_BREAK.search(joined):
        return None
    tidied = WRAP.sub("", BREAK.sub("\n", joined)).split(JOINT)
    return tidied if len(tidied) == len(texts) else None  # else a text held a NUL
