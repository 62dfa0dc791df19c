"""What a notice file is reduced to before its elements are recognised.

Both readers (.docx and PDF) give the same two kinds of block, in reading
order: paragraphs with the few layout hints that tell the elements apart
(size, red ink, alignment, indent) and tables as raw grids. The classifier
then works on blocks alone, so Word files and PDFs are recognised alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.tables.grid import Grid


@dataclass
class Para:
    """One paragraph as printed (a PDF's wrapped lines already joined)."""

    text: str
    size: float | None = None
    red: bool = False
    align: str = "left"  # left, center, right, justify
    indent: float = 0.0  # first-line start from the text block's left edge, in points
    page: int = 1

    @property
    def clean(self) -> str:
        return "".join(self.text.split())


@dataclass
class TableBlock:
    grid: Grid
    page: int = 1
    caption: list[str] = field(default_factory=list)


Block = Para | TableBlock
