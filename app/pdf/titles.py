"""Breaking a long document title (标题) at meaning boundaries.

GB/T 9704 asks a title that does not fit on one line to be broken so that
each line keeps its meaning whole (词意完整) and the lines form a trapezoid or
a diamond. There is no word segmenter offline, so the choice is a small
scoring that a clerk can follow: every legal set of breaks is tried and the
cheapest wins. A set costs the sum of its breaks' costs plus the cost of the
shape the lines make.

Break costs (negative: a typesetter's favourite place to break):

====================================================  ======
after 关于                                              -3
after the issuing organ (…人民政府 | 关于…)             -2
before the kind of document (的通知, 的实施意见 …)      -2
after a complete coordinated phrase (加强和规范 | 事中…) -1.5
after a batch (第一批), an enumeration comma (、)        -1.5
after 印发/转发/批转, 年度, 暨; before a book title 《    -1
after a quantifier that introduces its noun (一批 | …)  +2
next to 的 (the modifier belongs to its noun)           +3
after a level or scope (县级 | 行政权力事项)           +3
next to 和/及/与/或 (加强和 | 规范: between two verbs)  +4
inside a word of the title vocabulary (行政 | 权力)    +12
====================================================  ======

Never broken: inside a number or a Latin word, between a number and the
character it counts (2021年, 6号), or anywhere a line would start with closing
or end with opening punctuation. Inside a quoted name — 《…》, “…”, （…）, or a
document number such as 鲁政发〔2020〕6号 — only when the name alone is wider
than a line.

Shape cost, with d = upper − lower for each pair of neighbouring lines (in
characters): 0.08·d² while the upper line is longer or as long; a lower line
longer by more than half a character costs 1 + 0.2·d², growing only linearly
beyond six characters so that one lopsided but meaningful break still beats
more lines (the standard allows 上短下长; the house style prefers the heavier
line on top), or 0.5 + 0.08·d² when that lower line is the middle peak of a
diamond. A line shorter than both neighbours (an hourglass, which the
standard does not allow) costs 6 more. Every line beyond the fewest needed
costs 8, and a break inside a quoted name 3.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.pdf.linebreak import CLOSING, OPENING, Measure, atoms, break_paragraph

MAX_LINES = 4
_EPSILON = 0.01

ORGAN_ENDINGS = ("人民政府", "政府", "办公室", "办公厅", "委员会", "国务院", "县委", "市委", "省委")
KIND_ENDINGS = ("的通知", "的意见", "的实施意见", "的指导意见", "的决定", "的批复", "的报告",
                "的函", "的办法", "的规定", "的公告", "的通报", "的方案", "的请示", "的通告")
LEVELS = ("全国", "全省", "全市", "全县", "省级", "市级", "县级", "乡级", "镇级", "本级")
CONJUNCTIONS = "和及与或"
# Words and terms of official titles that a break must not cut; a cheap
# stand-in for a segmenter, which the offline program does not have.
TITLE_WORDS = (
    "人民政府", "办公室", "办公厅", "委员会", "关于", "印发", "转发", "规范", "监管", "事项",
    "行政", "权力", "许可", "改革", "服务", "管理", "实施", "意见", "通知", "政府", "工作",
    "加强", "推进", "深化", "优化", "营商", "环境", "重点", "任务", "分工", "方案", "电视", "电话",
    "会议", "全国", "县级", "市级", "省级", "削减", "消减", "取消", "下放", "承接", "事宜",
    "放管服", "第一批", "第二批", "事中事后", "清单", "责任", "权责", "调整", "公布",
    "决定", "审批", "制度", "建设", "监督", "检查", "落实", "开展", "做好", "进一步",
    "行政权力事项", "行政许可事项", "权责清单", "营商环境", "电视电话会议", "动态调整", "政府部门",
    "目录", "办法", "年度", "嘉祥县", "济宁市", "山东省", "“放管服”改革", "职能转变",
)

_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”|（[^（）]*）|\([^()]*\)")
# A document number with its organ's abbreviation (国发, 鲁政办发) in front.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,4}〔\d+〕\d+号")
_LEADING_VERBS = ("关于", "转发", "印发", "批转", "贯彻", "落实")
_BATCH = re.compile(r"第[一二三四五六七八九十\d]+批$")
_QUANTIFIER = re.compile(r"(?<!第)[一两几][批项类个]$")
_COORDINATED = re.compile(rf"[{CONJUNCTIONS}][\u4e00-\u9fff]{{2}}$")


@dataclass(frozen=True)
class _Position:
    """A place between two units where the title could be broken."""

    index: int
    cost: float
    inside_name: bool


def title_lines(title: str, measure: Measure, width: float) -> list[str]:
    """A long title broken at meaning boundaries into a trapezoid or diamond.

    Lines never exceed ``width`` (for 二号 across the 156 mm text block that is
    20 characters, not the body's 28).
    """
    units = atoms(title)
    widths = [measure(u) for u in units]
    total = sum(widths)
    if total <= width + _EPSILON:
        return [title]
    fewest = 2
    while total > fewest * width + _EPSILON and fewest < MAX_LINES:
        fewest += 1
    positions = _positions(units)
    em = measure("中") or 1.0
    for allow_inside_names in (False, True):
        usable = [p for p in positions if allow_inside_names or not p.inside_name]
        best = _best(units, widths, usable, fewest, width, em)
        if best is not None:
            return best
    return break_paragraph(title, measure, width)


def _best(units: Sequence[str], widths: Sequence[float], positions: Sequence[_Position],
          fewest: int, width: float, em: float) -> list[str] | None:
    best: tuple[float, list[int]] | None = None
    for lines in (fewest, fewest + 1):
        for cut in _fitting_cuts(widths, positions, lines, width):
            line_widths = [sum(widths[a:b]) / em
                           for a, b in itertools.pairwise((0, *[p.index for p in cut], len(units)))]
            cost = (sum(p.cost for p in cut) + shape_cost(line_widths)
                    + 8.0 * (lines - fewest))
            if best is None or cost < best[0] - _EPSILON:
                best = (cost, [p.index for p in cut])
    if best is None:
        return None
    bounds = (0, *best[1], len(units))
    return ["".join(units[a:b]) for a, b in itertools.pairwise(bounds)]


def _fitting_cuts(widths: Sequence[float], positions: Sequence[_Position], lines: int,
                  width: float) -> Iterator[list[_Position]]:
    """Sets of lines-1 breaks whose every line fits, found depth first with pruning."""
    prefix = [0.0, *itertools.accumulate(widths)]
    end = len(widths)

    def extend(start: int, first: int, left: int) -> Iterator[list[_Position]]:
        if left == 0:
            if prefix[end] - prefix[start] <= width + _EPSILON:
                yield []
            return
        for n in range(first, len(positions)):
            position = positions[n]
            if prefix[position.index] - prefix[start] > width + _EPSILON:
                break
            for rest in extend(position.index, n + 1, left - 1):
                yield [position, *rest]

    yield from extend(0, 0, lines - 1)


def shape_cost(line_widths: Sequence[float]) -> float:
    """How far the lines are from a trapezoid or a diamond; widths in characters."""
    peak = max(range(len(line_widths)), key=lambda n: (line_widths[n], n))
    cost = 0.0
    for n, (upper, lower) in enumerate(itertools.pairwise(line_widths)):
        d = upper - lower
        if d >= -0.5:
            cost += 0.08 * d * d
        elif 0 < n + 1 == peak < len(line_widths) - 1:
            cost += 0.5 + 0.08 * d * d
        else:
            cost += 1.0 + (0.2 * d * d if d >= -6 else 7.2 + 2.4 * (-d - 6))
    for above, line, below in zip(line_widths, line_widths[1:], line_widths[2:], strict=False):
        if line < min(above, below) - 0.5:
            cost += 6.0
    return cost


def _positions(units: Sequence[str]) -> list[_Position]:
    """Every place a line may end, with the cost of ending it there."""
    text = "".join(units)
    offsets = list(itertools.accumulate(len(u) for u in units))
    inside_words = _inside(text, (m.span() for word in TITLE_WORDS
                                  for m in re.finditer(re.escape(word), text)))
    inside_names = _inside(text, itertools.chain(
        (m.span() for m in _QUOTED.finditer(text)), _document_numbers(text)))
    positions = []
    for k in range(1, len(units)):
        if not _may_break(units, k):
            continue
        at = offsets[k - 1]
        cost = break_cost(text[:at], text[at:]) + (12.0 if at in inside_words else 0.0)
        inside_name = at in inside_names
        positions.append(_Position(k, cost + (3.0 if inside_name else 0.0), inside_name))
    return positions


def _document_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of 鲁政发〔2020〕6号 and the like, not reaching back into 转发 or 关于."""
    for match in _DOC_NUMBER.finditer(text):
        start = match.start()
        while True:
            if text[start:start + 2] in _LEADING_VERBS:
                start += 2
            elif start > 0 and text[start - 1:start + 1] in _LEADING_VERBS:
                start += 1
            else:
                break
        yield start, match.end()


def _inside(text: str, spans: Iterator[tuple[int, int]]) -> set[int]:
    """Character offsets strictly inside any of the spans."""
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(start + 1, end))
    return inside


def _may_break(units: Sequence[str], k: int) -> bool:
    """Punctuation rules (禁则), and a number stays with what it counts."""
    before, after = units[k - 1], units[k]
    if after[0] in CLOSING or before[-1] in OPENING:
        return False
    if before[-1].isdigit():
        return False
    return not (after[0].isdigit() and before[-1] in "第〕")


def break_cost(left: str, right: str) -> float:
    """The cost of ending a line after ``left`` with ``right`` on the next; see the module table."""
    cost = 0.0
    if left.endswith("关于"):
        cost -= 3.0
    if _organ_ends(left, right):
        cost -= 2.0
    if right.startswith(KIND_ENDINGS):
        cost -= 2.0
    elif right.startswith("的") or left.endswith("的"):
        cost += 3.0
    if _COORDINATED.search(left):
        cost -= 1.5
    if _BATCH.search(left) or left.endswith("、"):
        cost -= 1.5
    if left.endswith(("印发", "转发", "批转", "年度", "暨")) or right.startswith("《"):
        cost -= 1.0
    if _QUANTIFIER.search(left):
        cost += 2.0
    if left.endswith(LEVELS):
        cost += 3.0
    if left[-1] in CONJUNCTIONS or right[0] in CONJUNCTIONS:
        cost += 4.0
    return cost


def _organ_ends(left: str, right: str) -> bool:
    if right.startswith("关于"):
        return True
    return left.endswith(ORGAN_ENDINGS) and not right.startswith(ORGAN_ENDINGS)
