"""Chinese line breaking (禁则) for text set on a fixed character grid.

Official documents are checked for punctuation at line edges: a line may not
begin with closing punctuation nor end with opening punctuation, and a number
or a Latin word (an e-mail address, `2021`, `GB/T`) must stay on one line.
The functions here are pure so the rules can be tested without a PDF; the
caller supplies a width function for whatever font and size it sets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

CLOSING = frozenset("，。、；：？！）》」』”’〕】〉…,.;:?!)]}%")
OPENING = frozenset("（《「『“‘〔【〈([{")

# Half-width runs that must not be split: digits with their separators, Latin
# words, addresses. A trailing full stop of a sentence is not part of the run.
_UNBREAKABLE = re.compile(r"[0-9A-Za-z][0-9A-Za-z@._%+\-/:#&·]*[0-9A-Za-z%]|[0-9A-Za-z]")

Measure = Callable[[str], float]

_EPSILON = 0.01

# An address (e-mail, web) is one run but may be broken as Word does: after
# `@`, `.`, `/`, `-` or `_`; inside a part only when that would leave the line
# visibly short (less than this share of its room).
_ADDRESS = re.compile(r"@|://|www\.", re.IGNORECASE)
_ADDRESS_BREAKS = frozenset("@./-_")
_FULL_ENOUGH = 0.85


def atoms(text: str) -> list[str]:
    """The units a line may break between: single characters, or whole Latin/digit runs."""
    result: list[str] = []
    position = 0
    for match in _UNBREAKABLE.finditer(text):
        result.extend(text[position:match.start()])
        result.append(match.group())
        position = match.end()
    result.extend(text[position:])
    return result


def _may_break_before(units: Sequence[str], k: int) -> bool:
    """Whether a line may end after units[k-1] and the next begin with units[k]."""
    return units[k][0] not in CLOSING and units[k - 1][-1] not in OPENING


def _spread_addresses(units: Sequence[str]) -> tuple[list[str], frozenset[int]]:
    """Addresses become single characters so a line can break inside them.

    Returns the units and the indices k where a break before units[k] would
    fall inside a part of an address rather than after a separator.
    """
    spread: list[str] = []
    inner: set[int] = set()
    for unit in units:
        if len(unit) < 2 or not _ADDRESS.search(unit):
            spread.append(unit)
            continue
        for i, char in enumerate(unit):
            if i and unit[i - 1] not in _ADDRESS_BREAKS:
                inner.add(len(spread))
            spread.append(char)
    return spread, frozenset(inner)


def _address_break(units: Sequence[str], edges: Sequence[float], inner: frozenset[int],
                   start: int, end: int, room: float) -> int:
    """Move a break inside an address part back to a separator (or before the
    address) when the line stays full enough; otherwise cut the part."""
    if end not in inner:
        return end
    for k in range(end - 1, start, -1):
        if edges[k] - edges[start] < _FULL_ENOUGH * room:
            break
        if k not in inner and _may_break_before(units, k):
            return k
    return end


def _split_long_unit(unit: str, measure: Measure, width: float) -> list[str]:
    """A run wider than a whole line (a long URL) has to be cut by characters."""
    pieces: list[str] = []
    current = ""
    for char in unit:
        if current and measure(current + char) > width + _EPSILON:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def break_paragraph(text: str, measure: Measure, width: float,
                    first_width: float | None = None) -> list[str]:
    """Lines of one paragraph (no hard line breaks inside), greedily filled.

    ``first_width`` is the room on the first line (less when the paragraph is
    indented). When the best break would violate a rule, characters move to
    the next line together (推出), so lines come out slightly short rather
    than overflowing the text block.
    """
    units = atoms(text)
    if any(len(unit) > 1 and measure(unit) > width + _EPSILON for unit in units):
        units = [piece for unit in units for piece in (
            _split_long_unit(unit, measure, width)
            if len(unit) > 1 and measure(unit) > width + _EPSILON
            and not _ADDRESS.search(unit) else [unit])]
    units, inner = _spread_addresses(units)
    # Where each line ends is found by bisecting the running widths: walking
    # the characters one by one was the hot spot of a long table.
    edges = list(accumulate(map(measure, units), initial=0.0))
    lines: list[str] = []
    start = 0
    while start < len(units):
        room = first_width if (not lines and first_width is not None) else width
        end = bisect_right(edges, edges[start] + room + _EPSILON, lo=start) - 1
        if end == start:
            end = start + 1
        elif end < len(units):
            end = _address_break(units, edges, inner, start,
                                 _legal_break(units, start, end), room)
        lines.append("".join(units[start:end]))
        start = end
        while start < len(units) and units[start] == " ":
            start += 1
    return lines


def _legal_break(units: Sequence[str], start: int, end: int) -> int:
    k = end
    while k > start + 1 and not _may_break_before(units, k):
        k -= 1
    return k if _may_break_before(units, k) else end


def break_text(text: str, measure: Measure, width: float,
               first_width: float | None = None) -> list[str]:
    """Lines of a text that may hold hard line breaks (table cells, measures)."""
    lines: list[str] = []
    for number, paragraph in enumerate(text.split("\n")):
        room = first_width if number == 0 else None
        lines.extend(break_paragraph(paragraph.strip(), measure, width, room) or [""])
    return lines
