"""Comparison keys for item names, and which rewriting made two names meet.

Each rule is one way levels write the same item differently. The key is
only for comparison; the clerk always sees the names as written. Rules are
applied in order; leaving each one that fired out in turn tells which ones two
names needed to meet, so a match can say why the names are the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from app.domain.text import compact

SUFFIX = re.compile(r"[(（](?:含[^()（）]*|[^()（）]*除外|[^()（）]*(?:变更|延续|注销|新办))[)）]$")
CONJUNCTIONS = re.compile(r"以及|和|及|与|、")
PUNCTUATION = re.compile(r"[^\w&]|_")
PENALTY = "处罚"
PLACE_PREFIX = re.compile(r"^(?:[省市县区乡镇]级|本级|全[省市县]|[\u4e00-\u9fff]{2,4}?(?:省|市|县|区))")
PREFIX_DEPTH = 2


def _width(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _suffix(text: str) -> str:
    return SUFFIX.sub("", text)


def _particle(text: str) -> str:
    return text.replace("的", "")


def _conjunction(text: str) -> str:
    return CONJUNCTIONS.sub("&", text)


def _alternative(text: str) -> str:
    return text.replace("或者", "或")


def _punctuation(text: str) -> str:
    return PUNCTUATION.sub("", text)


def _penalty_frame(text: str) -> str:
    """`对X的处罚`, `X的处罚`, `X行政处罚` and `X处罚` all become `X处罚`."""
    if not text.endswith(PENALTY):
        return text
    core = text[: -len(PENALTY)].removesuffix("行政")
    if core.startswith("对") and len(core) > 1:
        core = core[1:]
    return core + PENALTY


RULES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("全半角", _width),
    ("后缀", _suffix),
    ("“的”", _particle),
    ("“和、及、与、顿号”", _conjunction),
    ("“或、或者”", _alternative),
    ("标点和括号", _punctuation),
    ("“对…的处罚”与“…行政处罚”", _penalty_frame),
)


@lru_cache(maxsize=1 << 16)
def key_of(name: str) -> str:
    """The comparison key."""
    return _steps(name)[-1]


@lru_cache(maxsize=1 << 12)
def _steps(name: str) -> tuple[str, ...]:
    """The text before each rule, then the key."""
    texts = [compact(name)]
    for _, rule in RULES:
        texts.append(rule(texts[-1]))
    return tuple(texts)


def _skipping(steps: tuple[str, ...], n: int) -> str:
    """The key with rule `n` left out: the text before it, through the rules after it."""
    text = steps[n]
    for _, rule in RULES[n + 1:]:
        text = rule(text)
    return text


def differences(a: str, b: str) -> list[str]:
    """The rules two names with the same key needed to meet: without each, they would differ.

    Only a rule that changed one of the names can be needed. When two rules each
    suffice (half-width brackets are also punctuation), none is needed alone;
    then the first rule after which the names agree is named.
    """
    sa, sb = _steps(a), _steps(b)
    needed = [label for n, (label, _) in enumerate(RULES)
              if (sa[n] != sa[n + 1] or sb[n] != sb[n + 1])
              and _skipping(sa, n) != _skipping(sb, n)]
    if needed or sa[0] == sb[0]:
        return needed
    return next(([label] for n, (label, _) in enumerate(RULES) if sa[n + 1] == sb[n + 1]), [])


def without_prefix(name: str) -> tuple[str, str] | None:
    """The name without a leading place or level word (`济宁市`, `任城区`, `市级`), and the prefix."""
    text = compact(unicodedata.normalize("NFKC", name))
    stripped = text
    for _ in range(PREFIX_DEPTH):
        match = PLACE_PREFIX.match(stripped)
        if not match or len(stripped) - match.end() < 4:
            break
        stripped = stripped[match.end():]
    if stripped == text:
        return None
    return stripped, text[: len(text) - len(stripped)]
