"""Heading numbers for the body of a notice: 一、 （一） 1. （1）, in GB/T 9704 order."""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
LEVELS = (
    ("一、", re.compile(r"^[一二三四五六七八九十]+、")),
    ("（一）", re.compile(r"^（[一二三四五六七八九十]+）")),
    ("1.", re.compile(r"^\d+[.．]")),
    ("（1）", re.compile(r"^（\d+）")),
)


def chinese_number(n: int) -> str:
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def marker(level: int, n: int) -> str:
    return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.", f"（{n}）")[level]


def next_marker(lines_before: list[str], level: int) -> str:
    """The number a new heading of this level gets: one more than the previous heading of
    the same level since the last heading of a higher level."""
    count = 0
    for line in reversed(lines_before):
        text = line.strip()
        found = next((n for n, (_, pattern) in enumerate(LEVELS) if pattern.match(text)), None)
        if found is None:
            continue
        if found < level:
            break
        if found == level:
            count += 1
    return marker(level, count + 1)
