"""Code rules: a pattern per item type, such as `370829-XK-{序号:4}`.

`{类型码}` is the type's short code (XK for 行政许可 …), `{序号:N}` the next free
number padded to N digits, `{年}` the current year. Everything else is kept
literally, so a county writes its division code into the pattern once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TYPE_CODES = {
    "行政许可": "XK", "行政处罚": "CF", "行政强制": "QZ", "行政征收": "ZS", "行政给付": "JF",
    "行政检查": "JC", "行政确认": "QR", "行政奖励": "JL", "行政裁决": "CJ", "其他行政权力": "QT",
    "行政征用": "ZY", "行政备案": "BA", "公共服务": "GF",
}
DEFAULT_PATTERN = "{类型码}-{序号:4}"


@dataclass(frozen=True)
class CodeRule:
    type: str
    pattern: str = DEFAULT_PATTERN

    def check(self) -> str | None:
        """A message in Chinese when the pattern cannot number items, else None."""
        unknown = [m for m in re.findall(r"\{([^}]*)\}", self.pattern)
                   if not re.fullmatch(r"类型码|年|序号(?::\d)?", m)]
        if unknown:
            return f"编码规则中的“{{{unknown[0]}}}”不认识，可用 {{类型码}}、{{年}}、{{序号:4}}。"
        if self.pattern.count("{序号") != 1:
            return "编码规则中必须有且只有一个 {序号} 或 {序号:N}（N 为位数）。"
        return None

    def _parts(self, year: int) -> tuple[str, str, int]:
        """The literal text before and after the number, and the number's width."""
        code = TYPE_CODES.get(self.type, "QT")
        filled = self.pattern.replace("{类型码}", code).replace("{年}", str(year))
        match = re.search(r"\{序号(?::(\d))?\}", filled)
        assert match is not None
        return filled[:match.start()], filled[match.end():], int(match.group(1) or 1)

    def format(self, number: int, year: int | None = None) -> str:
        before, after, width = self._parts(year or dt.date.today().year)
        return f"{before}{number:0{width}d}{after}"

    def number_in(self, code: str, year: int | None = None) -> int | None:
        """The sequence number a code of this rule carries, or None if it is not of this rule."""
        before, after, _ = self._parts(year or dt.date.today().year)
        match = re.fullmatch(re.escape(before) + r"(\d+)" + re.escape(after), code)
        return int(match.group(1)) if match else None

    def next_code(self, existing: list[str], year: int | None = None) -> str:
        numbers = [n for n in (self.number_in(c, year) for c in existing) if n is not None]
        return self.format(max(numbers, default=0) + 1, year)


def looks_like_code(term: str) -> bool:
    """A search term that could be (the start of) a code: letters, digits and dashes, with a digit."""
    return bool(re.fullmatch(r"[A-Za-z0-9\-]{3,}", term)) and any(ch.isdigit() for ch in term)
