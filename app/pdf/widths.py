"""Column widths of a landscape table taken from its content.

Fixed proportions gave a one-line 序号 or 事项类型 column as much room as it
would need for a long text, and made every row as tall as its measures
wrapped in what was left. Here a column first gets what its longest line
needs; while the table is wider than the page, width is taken a step at a
time from whichever column costs the fewest extra printed lines. Short
columns (序号, 事项类型, a department, 改为备案) keep their one line and the
longest texts share the rest. The line
counts are estimated from text widths (the real breaking comes later), on
a sample of rows for long tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.pdf.linebreak import atoms

Measure = Callable[[str], float]
SAMPLE_ROWS = 240
COARSE_STEPS = 6
SHORT_EMS = 8  # a column whose every line fits in this many characters is never wrapped


@dataclass
class _Column:
    """One column's text widths: paragraphs per sampled row, and its bounds."""

    paragraphs: list[list[float]]
    least: float
    natural: float
    main: bool

    def lines(self, width: float, em: float) -> list[int]:
        room = max(width - em / 2, em)
        return [sum(max(1, math.ceil(p / room)) for p in row) if row else 0
                for row in self.paragraphs]


def content_widths(headers: Sequence[str], weights: Sequence[float],
                   rows: Sequence[Sequence[str]], measure: Measure, head_measure: Measure,
                   total: float, padding: float, em: float) -> list[float]:
    """Outer widths of the columns, summing to `total`.

    `rows` hold each row's cell texts ('' for a cell merged with the one above);
    `padding` is the room a cell keeps on both sides together; `em` the body
    font's character width, the unit the widths are changed by.
    """
    room = total - padding * len(headers)
    main = max(range(len(weights)), key=lambda n: weights[n]) if weights else 0
    sample = _sample(rows)
    columns = [_column(n, headers[n], rows, sample, measure, head_measure, n == main)
               for n in range(len(headers))]
    for column in columns:
        if column.natural <= SHORT_EMS * em:
            column.least = column.natural
    if sum(c.least for c in columns) > room:
        scale = total / (sum(weights) or 1.0)
        return [w * scale for w in weights]
    widths = [c.natural for c in columns]
    _narrow(columns, widths, room, em)
    widths[main] += room - sum(widths)
    return [w + padding for w in widths]


def _sample(rows: Sequence[Sequence[str]]) -> list[int]:
    if len(rows) <= SAMPLE_ROWS:
        return list(range(len(rows)))
    step = len(rows) / SAMPLE_ROWS
    return [int(n * step) for n in range(SAMPLE_ROWS)]


def _column(n: int, header: str, rows: Sequence[Sequence[str]], sample: list[int],
            measure: Measure, head_measure: Measure, main: bool) -> _Column:
    """Bounds from every short text and the sample's long ones; line estimates from the sample.

    The least width keeps the header's printed lines and every unbreakable
    run (a number, `GB/T 9704`) whole; the natural width sets each text on
    one line per paragraph.
    """
    least = max((head_measure(line) for line in header.split("\n")), default=0.0)
    natural = least
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
    return _Column(paragraphs, least, max(natural, least), main)


def _narrow(columns: list[_Column], widths: list[float], room: float, em: float) -> None:
    """Take width from the column whose loss adds the fewest lines, until the table fits.

    Ties go to a column other than the main one, then to the widest, so the
    measures column keeps whatever the others do not need.
    """
    lines = [c.lines(w, em) for c, w in zip(columns, widths, strict=True)]
    while sum(widths) > room + 0.01:
        excess = sum(widths) - room
        step = max(em, excess / COARSE_STEPS) if excess > COARSE_STEPS * em else em
        others = _others_max(lines)
        best: tuple[tuple[int, int, float, int], float, list[int]] | None = None
        for n, column in enumerate(columns):
            if widths[n] <= column.least + 0.01:
                continue
            width = max(column.least, widths[n] - step)
            new = column.lines(width, em)
            cost = sum(max(a, b) for a, b in zip(new, others[n], strict=True))
            key = (cost, int(column.main), -widths[n], n)
            if best is None or key < best[0]:
                best = (key, width, new)
        if best is None:
            return
        (_, _, _, n), width, new = best
        widths[n] = width
        lines[n] = new


def _others_max(lines: list[list[int]]) -> list[list[int]]:
    """For each column, every row's tallest line count among the other columns."""
    rows = len(lines[0]) if lines else 0
    result: list[list[int]] = [[0] * rows for _ in lines]
    for r in range(rows):
        values = [column[r] for column in lines]
        first = max(range(len(values)), key=values.__getitem__)
        second = max((v for k, v in enumerate(values) if k != first), default=0)
        for n in range(len(values)):
            result[n][r] = second if n == first else values[first]
    return result
