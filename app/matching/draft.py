"""A county notice drafted from the decisions on an upper-level list.

Rows the county has (the clerk's choice or a confident match) become annex 1
(取消行政权力事项, or 调整行政权力事项 for other changes) with the county item's
own name and department. Rows the county does not have leave it a
supervision duty: they go to the annex 2–5 tables by level and kind, the
measures drafted from the templates for their type with the lead sentence
naming the sector, so the county department resolver finds who answers.
Rows still waiting for the clerk are left out and listed; a county item two
rows name goes in once. Counts in titles,
body and 附件说明 come from the rows, so the pre-print check agrees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document, format_date
from app.domain.measures import Measures, MeasureTemplate
from app.matching.upper_list import MatchedRow, MatchReport, UpperRow
from app.storage.repository import Repository

CANCEL_KINDS = (ChangeKind.CANCEL, ChangeKind.TO_FILING)
LEAD_AFTER_CANCEL = "取消许可后导语"
LEAD_AFTER_ADJUST = "调整权限后导语"
TEMPLATES_BY_TYPE: dict[str, tuple[str, ...]] = {
    "行政许可": ("双随机、一公开监管", "信用监管"),
    "其他行政权力": ("纳入日常行业监管", "双随机、一公开监管"),
    "行政确认": ("纳入日常行业监管", "信用监管"),
}
TEMPLATES_OTHERWISE = ("纳入日常行业监管", "双随机、一公开监管")
TEMPLATES_TO_FILING = ("改为备案后的备案制度", "双随机、一公开监管", "信用监管")
DUTY_PARAGRAPH = (
    "各级各有关部门单位要认真贯彻落实，做好权责清单等事项的调整工作，及时编制公开有关行政许可事项的"
    "业务手册和服务指南；进一步细化改革配套措施，加强和创新事中事后监管；涉及规范性文件修订的，"
    "要按照程序抓紧办理。")
SUPERVISION_PARAGRAPH = (
    "对上级取消和承接的事项，县级各有关部门要结合省、市政府有关部门出台的事中事后监管细则，"
    "认真落实监管责任，严格制定监管措施，确保管得住、管得稳。")


@dataclass
class Draft:
    document: Document
    waiting: list[MatchedRow] = field(default_factory=list)


@dataclass
class _Annexes:
    county: dict[bool, list[AnnexRow]] = field(default_factory=lambda: {True: [], False: []})
    duty: dict[tuple[ChangeLevel, bool], list[AnnexRow]] = field(default_factory=dict)


def draft_notice(report: MatchReport, repo: Repository, number: str, date: str = "") -> Draft:
    """The new document (not yet saved) and the rows left out for want of a decision."""
    drafter = _Drafter(repo, report)
    annexes = _Annexes()
    waiting = []
    placed: set[int] = set()
    for row in report.rows:
        if row.item_ids:
            cancel = _kind(row.upper) in CANCEL_KINDS
            fresh = [i for i in row.item_ids if i not in placed]
            placed.update(fresh)
            annexes.county[cancel] += [drafter.county_row(row, i) for i in fresh]
        elif row.needs_review:
            waiting.append(row)
        else:
            key = (_level(row.upper), _kind(row.upper) in CANCEL_KINDS)
            annexes.duty.setdefault(key, []).append(drafter.duty_row(row.upper))
    doc = drafter.shell(number, date)
    doc.annexes = _ordered(annexes)
    doc.body = _body(doc.annexes, report)
    return Draft(doc, waiting)


def _kind(upper: UpperRow) -> ChangeKind:
    return upper.row.change_kind or upper.change_kind or ChangeKind.CANCEL


def _level(upper: UpperRow) -> ChangeLevel:
    """The level that made the change: the table's, else the list title's; a city by default."""
    if upper.change_level in (ChangeLevel.NATIONAL, ChangeLevel.PROVINCE, ChangeLevel.CITY):
        return upper.change_level
    head = upper.title[:8]
    return ChangeLevel.PROVINCE if "省" in head and "市" not in head else ChangeLevel.CITY


def _ordered(annexes: _Annexes) -> list[Annex]:
    result = []
    for cancel, title in ((True, "取消行政权力事项"), (False, "调整行政权力事项")):
        rows = annexes.county[cancel]
        if rows:
            kind = ChangeKind.CANCEL if cancel else ChangeKind.ADJUST
            result.append(Annex(f"{title}（{len(rows)}项）", "cancel", rows, kind,
                                ChangeLevel.COUNTY))
    for cancel in (True, False):
        for level in (ChangeLevel.NATIONAL, ChangeLevel.PROVINCE, ChangeLevel.CITY):
            rows = annexes.duty.get((level, cancel), [])
            if not rows:
                continue
            verb = "取消" if cancel else "承接"
            layout = "cancelled_above" if cancel else "taken_over"
            kind = ChangeKind.CANCEL if cancel else ChangeKind.TAKE_OVER
            result.append(Annex(f"{level}{verb}后需市县加强监管的事项（{len(rows)}项）", layout,
                                rows, kind, level))
    return result


def _body(annexes: list[Annex], report: MatchReport) -> str:
    source = next((r.upper.title for r in report.rows if r.upper.title), report.path.stem)
    decided = []
    for annex in annexes:
        if annex.layout == "cancel":
            verb = "取消" if annex.change_kind == ChangeKind.CANCEL else "调整"
            decided.append(f"县政府决定{verb}{len(annex.rows)}项行政权力")
    duties = [f"{annex.change_level}{'取消' if annex.layout == 'cancelled_above' else '承接'}的"
              f"{len(annex.rows)}项{_types(annex)}" for annex in annexes if annex.layout != "cancel"]
    first = f"根据《{source}》精神，结合我县实际，" + "，".join(decided)
    if duties:
        joined = "、".join(duties[:-1]) + ("和" if len(duties) > 1 else "") + duties[-1]
        first += ("，" if decided else "") + f"对{joined}，进一步加强和改进事中事后监管措施"
    paragraphs = [first + "。", DUTY_PARAGRAPH]
    if duties:
        paragraphs.append(SUPERVISION_PARAGRAPH)
    return "\n".join(paragraphs)


def _types(annex: Annex) -> str:
    types = {row.type for row in annex.rows}
    return types.pop() if len(types) == 1 and "" not in types else "行政权力事项"


class _Drafter:
    """What every drafted row needs: the catalogue, the templates, the sector resolver."""

    def __init__(self, repo: Repository, report: MatchReport) -> None:
        self.repo = repo
        self.report = report
        self.templates = {t.title: t for t in repo.lists.templates()}
        self.counterparts = repo.counterparts.counterparts()

    def shell(self, number: str, date: str) -> Document:
        """A new notice shaped like the county's latest one (header, recipients, signature)."""
        summaries = self.repo.documents.summaries()
        model = self.repo.documents.get(summaries[0].id) if summaries else None
        today = dt.date.today()
        signature = model.signature if model else "县人民政府"
        return Document(
            number=number, title=f"{signature}关于调整行政权力事项等事宜的通知",
            organ_mark=model.organ_mark if model else "", recipients=model.recipients if model else "",
            signature=signature, date=date or format_date(today.year, today.month, today.day),
            note=model.note if model else "（此件公开发布）", copy_to=model.copy_to if model else "",
            printer=model.printer if model else "")

    def county_row(self, row: MatchedRow, item_id: int) -> AnnexRow:
        upper = row.upper
        item = self.repo.items.get(item_id)
        kind = _kind(upper)
        source = upper.title or self.report.path.stem
        basis = upper.row.basis or f"《{source}》第{upper.row.seq or '?'}项{kind.value}该事项。"
        measures = upper.row.measures
        if not measures and item.type == "行政许可":
            measures = self.measures(item.type, item.department, kind, upper.row.remarks)
        return AnnexRow(department=item.department, name=item.name, type=item.type, basis=basis,
                        measures=measures, remarks=upper.row.remarks, change_kind=kind,
                        change_level=ChangeLevel.COUNTY, item_id=item.id)

    def duty_row(self, upper: UpperRow) -> AnnexRow:
        row = upper.row
        kind = _kind(upper)
        measures = row.measures or self.measures(row.type, row.department, kind, row.remarks)
        return AnnexRow(department=row.department, name=row.name, type=row.type,
                        measures=measures, remarks=row.remarks, change_kind=kind,
                        change_level=_level(upper))

    def measures(self, item_type: str, department: str, kind: ChangeKind, remarks: str) -> str:
        """A measures draft: the lead sentence naming the sector, then the type's templates."""
        sector = self.counterparts.resolve(department).sector
        lead = self._text(LEAD_AFTER_CANCEL if kind in CANCEL_KINDS else LEAD_AFTER_ADJUST)
        lead = (lead or "取消许可后，××部门要通过以下措施加强监管：").replace(
            "××", sector or "有关")
        if item_type != "行政许可":
            lead = lead.replace("取消许可后", "取消后")
        titles = (TEMPLATES_TO_FILING if ChangeKind.TO_FILING.value in remarks
                  else TEMPLATES_BY_TYPE.get(item_type, TEMPLATES_OTHERWISE))
        items = [text for text in map(self._text, titles) if text]
        return Measures(lead, items).to_text()

    def _text(self, title: str) -> str:
        template: MeasureTemplate | None = self.templates.get(title)
        return template.text if template else ""
