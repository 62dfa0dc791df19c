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
    rule_below: bool = False  # a (red) line drawn under it: the 版头 separator

    @property
    def clean(self) -> str:
        return "".join(self.text.split())

    @property
    def pushed_right(self) -> bool:
        """Right-aligned, or moved right with spaces, tabs or a large indent (signature, date)."""
        lead = len(self.text) - len(self.text.lstrip(" \t\u3000"))
        return self.align == "right" or lead >= 4 or "\t" in self.text[:lead + 1] \
            or self.indent >= 120


@dataclass
class TableBlock:
    grid: Grid
    page: int = 1
    caption: list[str] = field(default_factory=list)


Block = Para | TableBlock
