"""Pre-print check: do the counts in titles, 附件说明 and the body agree with the tables?

A notice that says `取消18项` over an annex of 17 rows is sent back; the
clerk should hear about it before printing, not from the reviewing office.
The body's figures are matched to annexes by the level (省级/市级/县级) and
the kind of change (取消/承接/下放…) named in the same clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.documents import Annex, ChangeKind, ChangeLevel, Document

FIGURE = re.compile(r"(\d+)项")
CLAUSE_SEPARATORS = re.compile(r"[，。；、：,;]|和|及|以及")
KIND_WORDS = ("取消", "下放", "承接", "委托实施", "改为备案", "调整")
LEVEL_WORDS = {"省": ChangeLevel.PROVINCE, "市": ChangeLevel.CITY, "县": ChangeLevel.COUNTY}


@dataclass(frozen=True)
class CountProblem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


def _kind_in(text: str) -> str | None:
    return next((word for word in KIND_WORDS if word in text), None)


def _level_in(text: str) -> ChangeLevel | None:
    for word in ("省级", "市级", "县级"):
        if word in text:
            return LEVEL_WORDS[word[0]]
    return next((level for char, level in LEVEL_WORDS.items() if char in text), None)


def _annex_kind(annex: Annex) -> str | None:
    return _kind_in(annex.base_title()) or (annex.change_kind.value if annex.change_kind else None)


def _annex_level(annex: Annex) -> ChangeLevel | None:
    title = annex.base_title()
    for word in ("省级", "市级", "县级"):
        if word in title:
            return LEVEL_WORDS[word[0]]
    return annex.change_level


def _label(doc: Document, number: int) -> str:
    return f"附件{number}" if len(doc.annexes) > 1 else "附件"


def check_counts(doc: Document) -> list[CountProblem]:
    """Every disagreement between a stated count and the rows, with where it is."""
    problems = []
    for number, annex in enumerate(doc.annexes, start=1):
        stated = annex.stated_count()
        if stated is not None and stated != len(annex.rows):
            problems.append(CountProblem(
                f"{_label(doc, number)}标题和附件说明",
                f"《{annex.title}》写的是{stated}项，表中实有{len(annex.rows)}项。"))
    problems.extend(_body_problems(doc))
    return problems


def _body_problems(doc: Document) -> list[CountProblem]:
    problems = []
    for paragraph_number, paragraph in enumerate(doc.body_paragraphs(), start=1):
        for clause in CLAUSE_SEPARATORS.split(paragraph):
            for match in FIGURE.finditer(clause):
                annex_number = _annex_for(doc, clause)
                if annex_number is None:
                    continue
                annex = doc.annexes[annex_number - 1]
                figure = int(match.group(1))
                if figure != len(annex.rows):
                    problems.append(CountProblem(
                        f"正文第{paragraph_number}段",
                        f"“{clause.strip()}”写的是{figure}项，"
                        f"{_label(doc, annex_number)}《{annex.base_title()}》表中实有"
                        f"{len(annex.rows)}项。"))
    return problems


def _annex_for(doc: Document, clause: str) -> int | None:
    """The one annex a clause of the body speaks about, or None when it is not clear."""
    kind = _kind_in(clause)
    level = _level_in(clause)
    if kind is None or level is None:
        return None
    kinds = {kind}
    if kind == ChangeKind.TAKE_OVER.value:
        kinds.add(ChangeKind.ENTRUST.value)
    found = [n for n, annex in enumerate(doc.annexes, start=1)
             if _annex_kind(annex) in kinds and _annex_level(annex) == level]
    return found[0] if len(found) == 1 else None
