"""An upper-level list as read from its file, matched row by row against the catalogue.

The file goes through the same importer as annex imports, so every layout,
format and quirk it reads (title blocks, merged cells, repeated headers,
.xls, .docx) works here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.documents import AnnexRow, ChangeKind, ChangeLevel
from app.domain.text import fold
from app.matching.catalogue import CatalogueEntry, CatalogueIndex
from app.matching.decisions import Choice, Decision
from app.matching.ranking import EXACT, Candidate, Match, Ranker, Ranking
from app.matching.sectors import SectorEvidence
from app.notice_import.reader import read_notice
from app.progress import Progress, report
from app.storage.items import ItemFilter
from app.storage.repository import Repository
from app.tables.errors import FileImportError
from app.tables.importer import ImportPreview, infer_change, preview_all

PROGRESS_EVERY = 200
NOTICE_SUFFIXES = (".docx", ".pdf")


@dataclass
class UpperRow:
    """One row of the upper-level list, with the table it came from."""

    row: AnnexRow
    sheet: str
    title: str
    change_kind: ChangeKind | None
    change_level: ChangeLevel | None

    @property
    def key(self) -> str:
        """Identifies the row across re-reads of the same list: its name and department."""
        return fold(self.row.name) + "|" + fold(self.row.department)


@dataclass
class MatchedRow:
    upper: UpperRow
    ranking: Ranking
    decision: Decision | None = None
    ranked: Match | None = None

    def __post_init__(self) -> None:
        self.ranked = self.ranking.match

    @property
    def item_id(self) -> int | None:
        """The county item this row means: the clerk's choice, else a confident match."""
        if self.decision is not None:
            return self.decision.item_id if self.decision.choice == Choice.ITEM else None
        match = self.ranking.match
        return match.item_id if match and match.confident else None

    @property
    def item_ids(self) -> list[int]:
        """Every county item the row means: one per part for a row whose parts the county
        lists as separate items."""
        if self.decision is None and self.ranking.parts:
            return list(dict.fromkeys(c.item_id for c in self.ranking.parts))
        return [] if self.item_id is None else [self.item_id]

    @property
    def needs_review(self) -> bool:
        match = self.ranking.match
        return self.decision is None and not (match and match.confident)

    def decide(self, decision: Decision | None, item: Candidate | None = None) -> None:
        """Take the clerk's decision: it becomes the match (or the lack of one).

        None withdraws the decision and brings the ranked match back.
        """
        self.decision = decision
        if decision is None:
            self.ranking.match = self.ranked
            return
        if decision.choice == Choice.NONE:
            self.ranking.match = None
            return
        chosen = next((c for c in self.ranking.candidates if c.item_id == decision.item_id), None)
        if chosen is None and item is not None:
            chosen = item
            self.ranking.candidates.insert(0, item)
        if chosen is not None:
            self.ranking.match = Match(chosen.item_id, chosen.name, chosen.score, True)

    def as_json(self) -> dict[str, Any]:
        row = self.upper.row
        return {"seq": row.seq, "name": row.name, "department": row.department,
                "match": self.ranking.match.as_json() if self.ranking.match else None,
                "candidates": [c.as_json() for c in self.ranking.candidates]}


@dataclass
class MatchReport:
    path: Path
    rows: list[MatchedRow] = field(default_factory=list)

    @property
    def list_key(self) -> str:
        """What makes 're-matching the same list' the same: the file's name, not its folder."""
        return fold(self.path.stem)

    def as_json(self) -> dict[str, Any]:
        return {"rows": [r.as_json() for r in self.rows]}


def read_upper_rows(path: Path | str, repo: Repository, sheet: str = "",
                    progress: Progress | None = None) -> list[UpperRow]:
    """Every item row of the list; a whole notice (.docx, PDF) through the notice reader,
    so tables continued over pages are joined and each annex keeps its caption."""
    path = Path(path)
    if not sheet and path.suffix.lower() in NOTICE_SUFFIXES:
        rows = _notice_rows(path, repo, progress)
        if rows:
            return rows
    previews = preview_all(path, repo, progress=progress)
    if sheet:
        previews = [p for p in previews if p.sheet == sheet]
        if not previews:
            raise FileImportError(path, "这个工作表中没有找到可识别的事项表格。", sheet)
    return [row for preview in previews for row in _rows(preview, preview.title)]


def _notice_rows(path: Path, repo: Repository, progress: Progress | None) -> list[UpperRow]:
    try:
        notice = read_notice(path, repo, progress=progress)
    except FileImportError:
        return []
    return [row for preview, annex in zip(notice.annexes, notice.document.annexes, strict=True)
            for row in _rows(preview, annex.title)]


def _rows(preview: ImportPreview, title: str) -> list[UpperRow]:
    kind, level = infer_change(title) if title else preview.change()
    return [UpperRow(row, preview.sheet, title, kind, level)
            for row in preview.rows if row.name]


def catalogue(repo: Repository) -> list[CatalogueEntry]:
    return [CatalogueEntry(r.id, r.name, r.department, r.status)
            for r in repo.items.query(ItemFilter())]


def ranker_for(repo: Repository) -> Ranker:
    sectors = SectorEvidence(repo.counterparts.counterparts())
    return Ranker(CatalogueIndex.build(catalogue(repo), sectors), sectors.registry, sectors)


def match_rows(rows: list[UpperRow], ranker: Ranker,
               progress: Progress | None = None) -> list[MatchedRow]:
    matched = []
    for n, upper in enumerate(rows):
        if n % PROGRESS_EVERY == 0:
            report(progress, n, len(rows))
        matched.append(MatchedRow(upper, ranker.rank(upper.row.name, upper.row.department)))
    report(progress, len(rows), len(rows))
    return matched


def match_file(path: Path | str, repo: Repository, sheet: str = "",
               progress: Progress | None = None) -> MatchReport:
    """Read the list, rank the catalogue for each row, and take decisions already made.

    Writes nothing.
    """
    rows = read_upper_rows(path, repo, sheet, progress)
    report = MatchReport(Path(path), match_rows(rows, ranker_for(repo), progress))
    apply_decisions(report, repo)
    return report


def apply_decisions(report: MatchReport, repo: Repository) -> None:
    decisions = repo.match_decisions.for_list(report.list_key)
    for row in report.rows:
        decision = decisions.get(row.upper.key)
        if decision is not None:
            row.decide(decision, _chosen(repo, decision))


def _chosen(repo: Repository, decision: Decision) -> Candidate | None:
    """The chosen item as a candidate, for a choice the ranking no longer offers."""
    if decision.item_id is None:
        return None
    item = repo.items.get(decision.item_id)
    return Candidate(item.id or 0, item.name, item.department, EXACT, "经办人已选定")
