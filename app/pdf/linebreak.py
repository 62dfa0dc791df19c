"""Chinese line breaking (禁则) for text set on a fixed character grid.

Official documents are checked for punctuation at line edges: a line may not
begin with closing punctuation nor end with opening punctuation, and a number
or a Latin word (an e-mail address, `2021`, `GB/T`) must stay on one line.
The functions here are pure so the rules can be tested without a PDF; the
caller supplies a width function for whatever font and size it sets.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

CLOSING = frozenset("，。、；：？！）》」』”’〕】〉…,.;:?!)]}%")
OPENING = frozenset("（《「『“‘〔【〈([{")

# Half-width runs that must not be split: digits with their separators, Latin
# words, addresses. A trailing full stop of a sentence is not part of the run.
_UNBREAKABLE = re.compile(r"[0-9A-Za-z][0-9A-Za-z@._%+\-/:#&·]*[0-9A-Za-z%]|[0-9A-Za-z]")

Measure = Callable[[str], float]

_EPSILON = 0.01


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
    units: list[str] = []
    for unit in atoms(text):
        if len(unit) > 1 and measure(unit) > width + _EPSILON:
            units.extend(_split_long_unit(unit, measure, width))
        else:
            units.append(unit)
    widths = [measure(u) for u in units]
    lines: list[str] = []
    start = 0
    while start < len(units):
        room = first_width if (not lines and first_width is not None) else width
        end, used = start, 0.0
        while end < len(units) and used + widths[end] <= room + _EPSILON:
            used += widths[end]
            end += 1
        if end == start:
            end = start + 1
        elif end < len(units):
            end = _legal_break(units, start, end)
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


def is_legal_line_sequence(lines: Sequence[str]) -> bool:
    """Whether no line starts with closing or ends with opening punctuation."""
    return all(
        not (n > 0 and line and line[0] in CLOSING) and not (line and line[-1] in OPENING)
        for n, line in enumerate(lines)
    )


_GOOD_AFTER = {"关于": 3.0, "、": 1.5, "批": 1.5, "年度": 1.5, "转发": 1.5, "印发": 1.5, "暨": 1.5}
_GOOD_BEFORE = ("的通知", "的意见", "的实施意见", "的决定", "的批复", "的报告", "的函", "的办法",
                "的规定", "的公告", "的通报", "的方案", "的请示")
_BAD_START = "和及与的之"
# Words of official titles that a break must not cut; a cheap stand-in for a
# segmenter, which the offline program does not have.
_TITLE_WORDS = (
    "人民政府", "办公室", "办公厅", "委员会", "关于", "印发", "转发", "规范", "监管", "事项",
    "行政", "权力", "许可", "改革", "服务", "管理", "实施", "意见", "通知", "政府", "工作",
    "加强", "推进", "深化", "优化", "营商", "环境", "重点", "任务", "分工", "方案", "电视", "电话",
    "会议", "全国", "县级", "市级", "省级", "削减", "消减", "取消", "下放", "承接", "事宜",
    "放管服", "第一批", "第二批", "事中", "事后", "清单", "责任", "权责", "调整", "公布",
    "决定", "审批", "制度", "建设", "监督", "检查", "落实", "开展", "做好", "进一步",
)
_MAX_TITLE_LINES = 4


def title_lines(title: str, measure: Measure, width: float) -> list[str]:
    """A long title broken at meaning boundaries into a balanced, top-heavy shape.

    There is no word segmenter offline, so the choice scores every legal set
    of breaks: evenly long lines, a longer line above a shorter one, and
    breaks after `关于` or before `的通知` and the like are preferred; a line
    starting with a particle (和, 的) is avoided.
    """
    units = atoms(title)
    total = measure(title)
    count = 1
    while total > count * width + _EPSILON and count < _MAX_TITLE_LINES:
        count += 1
    if count == 1:
        return [title]
    em = measure("中") or 1.0
    inside = _inside_words(units)
    breaks = [k for k in range(1, len(units)) if _may_break_before(units, k) and k not in inside]
    best: tuple[float, list[str]] | None = None
    for extra in range(2):
        for cut in itertools.combinations(breaks, count + extra - 1):
            lines = ["".join(units[a:b]) for a, b in zip((0, *cut), (*cut, len(units)),
                                                         strict=True)]
            widths = [measure(line) for line in lines]
            if max(widths) > width + _EPSILON:
                continue
            cost = _title_cost(lines, widths, em) + 4.0 * extra
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best is not None:
            break
    return best[1] if best else break_paragraph(title, measure, width)


def _inside_words(units: list[str]) -> set[int]:
    """Unit positions that fall inside one of the title words."""
    starts = []
    position = 0
    for unit in units:
        starts.append(position)
        position += len(unit)
    index_at = {start: n for n, start in enumerate(starts)}
    text = "".join(units)
    inside = set()
    for word in _TITLE_WORDS:
        found = text.find(word)
        while found >= 0:
            inside.update(index_at[p] for p in range(found + 1, found + len(word)) if p in index_at)
            found = text.find(word, found + 1)
    return inside


def _title_cost(lines: list[str], widths: list[float], em: float) -> float:
    mean = sum(widths) / len(widths)
    cost = 0.5 * sum(((w - mean) / em) ** 2 for w in widths)
    for upper, lower in itertools.pairwise(widths):
        if lower > upper + em / 2:
            cost += 1.0
    for left, right in itertools.pairwise(lines):
        cost -= max((bonus for word, bonus in _GOOD_AFTER.items() if left.endswith(word)),
                    default=0.0)
        if right.startswith(_GOOD_BEFORE):
            cost -= 2.0
        elif right[0] in _BAD_START or left.endswith("的"):
            cost += 3.0
    return cost
