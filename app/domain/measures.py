"""Supervision measures: a lead sentence plus numbered items.

Measures are stored as the text the document printed (so `1．` stays `1．`
and a round trip through Excel is exact); this module gives the structured
view the editors and the detail pane show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ENUMERATOR = re.compile(r"^\s*(?:\d+\s*[.．、]|[（(]\d+[）)]|[①-⑳㉑-㉟])\s*")


@dataclass
class Measures:
    lead: str = ""
    items: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> Measures:
        lead_lines: list[str] = []
        items: list[str] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line:
                continue
            match = ENUMERATOR.match(line)
            if match:
                items.append(line[match.end():].strip())
            elif items:
                items[-1] += line
            else:
                lead_lines.append(line)
        return cls(lead="".join(lead_lines), items=items)

    def to_text(self) -> str:
        lines = [self.lead] if self.lead else []
        lines += [f"{n}. {item}" for n, item in enumerate(self.items, start=1)]
        return "\n".join(lines)


@dataclass
class MeasureTemplate:
    """A standard measure that recurs across many items (双随机、一公开, 信用监管 …)."""

    title: str
    text: str
    id: int | None = None
