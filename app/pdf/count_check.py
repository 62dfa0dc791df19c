"""Pre-print check: do the counts in titles, 附件说明 and the body agree with the tables?

A notice that says `取消18项` over an annex of 17 rows is sent back; the
clerk should hear about it before printing, not from the reviewing office.
The body's figures are matched to annexes by an explicit `附件N` in the same
clause, else by the level (省级/市级/县级) and the kind of change
(取消/承接/下放…) named there; a figure named only by its kind (`取消18项`)
belongs to the one annex of that kind whose title names no level — the
issuing government's own list. A figure that cannot be matched to exactly one
annex is left alone rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.documents import Annex, ChangeKind, ChangeLevel, Document

FIGURE = re.compile(r"(\d+)项")
ANNEX_REFERENCE = re.compile(r"附件\s*(\d+)")
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


def _title_level(annex: Annex) -> ChangeLevel | None:
    title = annex.base_title()
    return next((LEVEL_WORDS[word[0]] for word in ("省级", "市级", "县级") if word in title), None)


def _annex_level(annex: Annex) -> ChangeLevel | None:
    return _title_level(annex) or annex.change_level


def _label(doc: Document, number: int) -> str:
    return f"附件{number}" if len(doc.annexes) > 1 else "附件"


def check_counts(doc: Document) -> list[CountProblem]:
    """Every disagreement between a stated count and the rows, with where it is."""
    problems = []
    counted = sum(annex.stated_count() is not None for annex in doc.annexes)
    for number, annex in enumerate(doc.annexes, start=1):
        stated = annex.stated_count()
        where = f"{_label(doc, number)}标题和附件说明"
        if stated is not None and stated != len(annex.rows):
            problems.append(CountProblem(
                where, f"《{annex.title}》写的是{stated}项，表中实有{len(annex.rows)}项。"))
        elif stated is None and counted:
            problems.append(CountProblem(
                where, f"《{annex.title}》没有写项数，其他附件都写了；表中有{len(annex.rows)}项，"
                       f"应写作《{annex.counted_title()}》。"))
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
    reference = ANNEX_REFERENCE.search(clause)
    if reference:
        number = int(reference.group(1))
        return number if 1 <= number <= len(doc.annexes) else None
    kind = _kind_in(clause)
    if kind is None:
        return None
    kinds = {kind}
    if kind == ChangeKind.TAKE_OVER.value:
        kinds.add(ChangeKind.ENTRUST.value)
    of_kind = [n for n, annex in enumerate(doc.annexes, start=1) if _annex_kind(annex) in kinds]
    level = _level_in(clause)
    if level is not None:
        found = [n for n in of_kind if _annex_level(doc.annexes[n - 1]) == level]
    else:
        found = [n for n in of_kind if _title_level(doc.annexes[n - 1]) is None]
    return found[0] if len(found) == 1 else None
