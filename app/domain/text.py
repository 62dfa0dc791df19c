"""Normalisation of text as it arrives from Word, Excel and WPS files."""

from __future__ import annotations

import re
import unicodedata

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
# A break with a blank before it; starting at the break, the search jumps from break to break.
BLANK_BEFORE_BREAK = re.compile(r"\n(?<=[^\S\n]\n)")


def clean_cell(value: object) -> str:
    """A cell's text without ideographic spaces, NBSPs or trailing blanks.

    Cells that hold only U+3000 are how WPS writes "empty"; they must compare
    equal to an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return trim_lines(text.replace("\u3000", " ").replace("\u00a0", " "))


def trim_lines(text: str) -> str:
    """Text without blanks at its ends or before its line breaks: the last step of
    `clean_cell`, on its own for text that has nothing else to clean."""
    if BLANK_BEFORE_BREAK.search(text):
        text = "\n".join(map(str.rstrip, text.split("\n")))
    return text.strip()


def normalise_digits(text: str) -> str:
    return text.translate(_FULLWIDTH_DIGITS)


def compact(text: str) -> str:
    """Text with every kind of white space removed: for comparing names and headers."""
    return _SPACES.sub("", text).replace("\n", "")


def fold(text: str) -> str:
    """Key for matching names: NFKC, no white space, no line breaks."""
    return compact(unicodedata.normalize("NFKC", text))
