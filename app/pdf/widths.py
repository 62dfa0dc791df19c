"""Column widths of a landscape table taken from its content.

Fixed proportions gave a one-line 序号 or 事项类型 column as much room as it
would need for a long text, and made every row as tall as its measures
wrapped in what was left. Here a column whose longest line is short
(序号, 事项类型, a short department, 改为备案) keeps that line unwrapped. The
width left is shared by the columns that wrap, in proportion to how much
text each holds, so a column that is empty or short (an annex without
measures) does not take room a long department or name needs. That share
is then improved by moving width a step at a time between two columns
while the table gets shorter: the estimated height (each row as tall as its
tallest cell) counts most, and a little every line a cell needs only
because its column is narrower than COMFORT_EMS characters, so a
department is not left in three-character lines just because the basis
beside it is as tall. The search starts twice (from that share, and from
the longest column taking everything the others can spare) and keeps the
better end. Line counts are estimated from text widths (the real breaking
comes later), on a sample of rows for long tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from app.pdf.linebreak import atoms

Measure = Callable[[str], float]
SAMPLE_ROWS = 240
SHORT_EMS = 8  # a column whose every line fits in this many characters is never wrapped
STEPS_EMS = (8, 4, 2, 1)  # width moved between two columns, coarse to fine
CELL_LINE_COST = 0.3  # a cramped cell line, against a line of row height
COMFORT_EMS = 7  # a cell narrower than this many characters counts as cramped
SHORT_HEADER = 4  # a one-line header of up to this many characters is never broken


@dataclass
class _Column:
    """One column's text widths: paragraphs per sampled row, and its bounds."""

    paragraphs: list[list[float]]
    least: float
    natural: float
    em: float
    cache: dict[float, tuple[list[int], int]] = field(default_factory=dict)

    @property
    def text(self) -> float:
        return sum(sum(row) for row in self.paragraphs)

    def lines(self, width: float) -> tuple[list[int], int]:
        """Estimated lines of each sampled row at this width, and how many are cramped.

        Cramped lines are those beyond what the cell would need at a
        comfortable width (COMFORT_EMS, or its natural width if less).
        """
        key = round(width, 3)
        found = self.cache.get(key)
        if found is None:
            rows = self._count(width)
            cramped = sum(max(0, a - b) for a, b in zip(rows, self.comfortable, strict=True))
            found = self.cache[key] = (rows, cramped)
        return found

    @cached_property
    def comfortable(self) -> list[int]:
        """Lines of each sampled row at a comfortable width: the same at every width tried."""
        return self._count(min(self.natural, COMFORT_EMS * self.em))

    def _count(self, width: float) -> list[int]:
        room = max(width - self.em / 2, self.em)
        return [sum(1 if p <= width else max(1, math.ceil(p / room)) for p in row)
                if row else 0 for row in self.paragraphs]


def content_widths(headers: Sequence[str], weights: Sequence[float],
                   rows: Sequence[Sequence[str]], measure: Measure, head_measure: Measure,
                   total: float, padding: float, em: float) -> list[float]:
    """Outer widths of the columns, summing to `total`.

    `rows` hold each row's cell texts ('' for a cell merged with the one above);
    `padding` is the room a cell keeps on both sides together; `em` the body
    font's character width, the unit the widths are changed by. When even
    the narrowest widths do not fit, the layout's `weights` share the page.
    """
    room = total - padding * len(headers)
    sample = _sample(rows)
    columns = [_column(n, headers[n], rows, sample, measure, head_measure, em)
               for n in range(len(headers))]
    for column in columns:
        if column.natural <= SHORT_EMS * em:
            column.least = column.natural
    if sum(c.least for c in columns) > room:
        scale = total / (sum(weights) or 1.0)
        return [w * scale for w in weights]
    widths = _share(columns, room)
    if sum(c.natural for c in columns) > room:
        starts = (widths, _packed(columns, room))
        _, widths = min((_balance(columns, start, em) for start in starts),
                        key=lambda found: found[0])
    return [w + padding for w in widths]


def _sample(rows: Sequence[Sequence[str]]) -> list[int]:
    if len(rows) <= SAMPLE_ROWS:
        return list(range(len(rows)))
    step = len(rows) / SAMPLE_ROWS
    return [int(n * step) for n in range(SAMPLE_ROWS)]


def _column(n: int, header: str, rows: Sequence[Sequence[str]], sample: list[int],
            measure: Measure, head_measure: Measure, em: float) -> _Column:
    """Bounds from every short text and the sample's long ones; line estimates from the sample.

    The least width keeps the header in two lines at most and every
    unbreakable run (a number, `GB/T 9704`) whole; the natural width sets
    the header and each text on one line per paragraph.
    """
    natural = max((head_measure(line) for line in header.split("\n")), default=0.0)
    least = _header_least(header, head_measure)
    sampled = set(sample)
    for r, cells in enumerate(rows):
        text = cells[n] if n < len(cells) else ""
        if not text or (len(text) > 40 and r not in sampled):
            continue
        natural = max(natural, *(measure(p.strip()) for p in text.split("\n")))
        least = max(least, *(measure(a) for a in atoms(text) if len(a) > 1), 0.0)
    paragraphs = []
    for r in sample:
        text = rows[r][n] if n < len(rows[r]) else ""
        paragraphs.append([measure(p.strip()) for p in text.split("\n")] if text else [])
    return _Column(paragraphs, least, max(natural, least), em)


def _header_least(header: str, head_measure: Measure) -> float:
    """The header's printed lines, or a one-line header broken in the middle.

    An empty or short column under 加强事中事后监管措施 would otherwise keep
    ten characters of width that the columns with text need.
    """
    lines = header.split("\n")
    if len(lines) > 1 or len(header) <= SHORT_HEADER:
        return max(head_measure(line) for line in lines)
    half = (len(header) + 1) // 2
    return max(head_measure(header[:half]), head_measure(header[half:]))


def _share(columns: list[_Column], room: float) -> list[float]:
    """Least widths, then the room left shared in proportion to each column's text.

    A column never gets more than its natural width while another still
    wraps; once every column fits on one line, what is left is spread in
    proportion to the natural widths of the columns that are not short.
    """
    widths = [c.least for c in columns]
    growing = [n for n, c in enumerate(columns) if c.natural > c.least]
    spare = room - sum(widths)
    while growing and spare > 0.01:
        texts = {n: columns[n].text or 1.0 for n in growing}
        scale = spare / sum(texts.values())
        full = [n for n in growing if widths[n] + texts[n] * scale >= columns[n].natural]
        if not full:
            for n in growing:
                widths[n] += texts[n] * scale
            return widths
        for n in full:
            spare -= columns[n].natural - widths[n]
            widths[n] = columns[n].natural
            growing.remove(n)
    if spare > 0.01:
        weights = [w if w > c.least or c.natural > c.least else 0.0
                   for c, w in zip(columns, widths, strict=True)]
        if not any(weights):
            weights = widths
        scale = spare / (sum(weights) or 1.0)
        widths = [w + v * scale for w, v in zip(widths, weights, strict=True)]
    return widths


def _packed(columns: list[_Column], room: float) -> list[float]:
    """Least widths, the room left to the column with the most text.

    The second start of the search: a long table whose every row has long
    measures is shortest with the other columns narrow, which the search
    does not always reach from the proportional share.
    """
    widths = [c.least for c in columns]
    fullest = max(range(len(columns)), key=lambda n: columns[n].text)
    widths[fullest] += room - sum(widths)
    return widths


def _cost(lines: list[tuple[list[int], int]]) -> float:
    """Estimated table height in lines, plus a little for every cramped cell line."""
    height: int = sum(map(max, zip(*(rows for rows, _ in lines), strict=True)))
    return height + CELL_LINE_COST * sum(count for _, count in lines)


def _balance(columns: list[_Column], start: list[float], em: float) -> tuple[float, list[float]]:
    """Move width between two columns while that makes the estimated table shorter.

    Steps go from coarse to fine; at each the best single move is taken
    until none helps, so the result does not depend on column order.
    Returns the estimated cost and the widths.
    """
    widths = list(start)
    lines = [c.lines(w) for c, w in zip(columns, widths, strict=True)]
    cost = _cost(lines)
    for ems in STEPS_EMS:
        step = ems * em
        while True:
            best: tuple[float, int, int, float] | None = None
            for a, giver in enumerate(columns):
                if widths[a] - giver.least < 0.01:
                    continue
                for b, taker in enumerate(columns):
                    amount = min(step, widths[a] - giver.least, taker.natural - widths[b])
                    if b == a or amount < 0.01:
                        continue
                    trial = lines.copy()
                    trial[a] = giver.lines(widths[a] - amount)
                    trial[b] = taker.lines(widths[b] + amount)
                    value = _cost(trial)
                    if value < cost - 1e-9 and (best is None or value < best[0]):
                        best = (value, a, b, amount)
            if best is None:
                break
            cost, a, b, amount = best
            widths[a] -= amount
            widths[b] += amount
            lines[a] = columns[a].lines(widths[a])
            lines[b] = columns[b].lines(widths[b])
    return cost, widths
