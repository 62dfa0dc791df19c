"""Sectors (系统) and the county counterpart of any department text a document uses.

A county office can only send work to its own departments, but documents name
departments of every level and in every form: an upper-level body (`省商务厅`),
a functional designation (`市、县级农业农村部门`) or a sector word inside a
sentence (`公安机关`, `广电部门`). Each of them belongs to a sector, and the
county's sector → department table (the clerk's to set: 广电 often sits in the
文化和旅游局) gives the county department that answers for it.

Plain Python, no storage: the repository builds a `Counterparts` from the
database and every caller (forms, filters, matching) resolves through it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.domain.departments import Department, DepartmentRegistry, Level
from app.domain.text import fold


@dataclass(frozen=True)
class Sector:
    """A sector and the words that name it in documents, most specific first."""

    name: str
    words: tuple[str, ...]


SECTORS: tuple[Sector, ...] = (
    Sector("公安", ("公安", "治安")),
    Sector("农业农村", ("农业农村", "农业", "畜牧", "兽医", "渔业", "农机")),
    Sector("自然资源和规划", ("自然资源和规划", "自然资源", "国土资源", "国土", "规划", "测绘",
                              "林业")),
    Sector("商务", ("商务",)),
    Sector("工业和信息化", ("工业和信息化", "经济和信息化", "工信", "经信")),
    Sector("市场监管", ("市场监管", "市场监督管理", "质量技术监督", "质监", "工商行政管理", "工商",
                        "食品药品监督管理", "食药监", "物价")),
    Sector("知识产权", ("知识产权",)),
    Sector("药品监管", ("药品监督管理", "药品监管", "药监")),
    Sector("住房城乡建设", ("住房城乡建设", "住房和城乡建设", "城乡建设", "住建", "房产管理", "房产")),
    Sector("城市管理", ("城市管理", "城管", "综合行政执法")),
    Sector("民族宗教", ("民族宗教", "民宗", "宗教", "民族")),
    Sector("广播电视", ("广播电视", "广电", "新闻出版")),
    Sector("文化和旅游", ("文化和旅游", "文旅", "文化", "旅游")),
    Sector("卫生健康", ("卫生健康", "卫生和计划生育", "卫健", "卫计", "卫生")),
    Sector("地方金融", ("地方金融监管", "地方金融", "金融")),
    Sector("行政审批", ("行政审批服务", "行政审批", "审批服务")),
    Sector("生态环境", ("生态环境", "环境保护", "环保")),
    Sector("交通运输", ("交通运输", "交通")),
    Sector("应急管理", ("应急管理", "安全生产监督管理", "安全生产", "安监", "应急")),
    Sector("发展改革", ("发展和改革", "发展改革", "发改", "能源")),
    Sector("教育", ("教育",)),
    Sector("科技", ("科学技术", "科技")),
    Sector("民政", ("民政",)),
    Sector("司法行政", ("司法",)),
    Sector("财政", ("财政",)),
    Sector("人力资源社会保障", ("人力资源和社会保障", "人力资源社会保障", "人社")),
    Sector("水利", ("水利", "水务")),
    Sector("医疗保障", ("医疗保障", "医保")),
    Sector("退役军人事务", ("退役军人",)),
    Sector("体育", ("体育",)),
    Sector("统计", ("统计",)),
    Sector("审计", ("审计",)),
    Sector("大数据", ("大数据",)),
    Sector("税务", ("税务",)),
    Sector("气象", ("气象",)),
    Sector("消防救援", ("消防救援", "消防")),
    Sector("机构编制", ("机构编制", "编办", "审改办")),
    Sector("政府办公室", ("人民政府办公", "政府办公")),
)
SECTOR_NAMES: tuple[str, ...] = tuple(s.name for s in SECTORS)

# Words that contain a sector word but name none (`人民政府` is not 民政).
_NOT_SECTORS = ("人民政府", "人民代表大会")
# Words sorted longest first so `自然资源和规划` wins over `规划` at the same place.
_WORDS: tuple[tuple[str, str], ...] = tuple(sorted(
    [(word, s.name) for s in SECTORS for word in s.words] + [(w, "") for w in _NOT_SECTORS],
    key=lambda p: -len(p[0])))
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_DESIGNATION = re.compile(r"(^|[、，])(省|市|县|设区的市)级|部门$|机关$|单位$")
_LEAD_CUT = re.compile(r"(要|应当|负责|通过以下|按照|依法)")


def sectors_in(text: str) -> list[tuple[str, str]]:
    """The sectors a phrase names, in order, as (sector, word found).

    Bracketed asides are dropped: in `住房城乡建设（城市管理）主管部门` the
    bracket qualifies one department, it does not name a second one.
    """
    plain = _BRACKETED.sub("", fold(text))
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    i = 0
    while i < len(plain):
        for word, sector in _WORDS:
            if plain.startswith(word, i):
                if sector and sector not in seen:
                    seen.add(sector)
                    found.append((sector, word))
                i += len(word)
                break
        else:
            i += 1
    return found


def guess_sector(name: str) -> str:
    """The sector a department's own name belongs to, or '' when it names none."""
    found = sectors_in(name)
    return found[0][0] if found else ""


def is_designation(name: str) -> bool:
    """`县级公安部门`, `市、县级自然资源管理部门`: a kind of department, not a body."""
    return bool(_DESIGNATION.search(fold(name)))


def is_county_body(dept: Department) -> bool:
    """A real department of this county: one that can receive a form."""
    return dept.level == Level.COUNTY and not is_designation(dept.name)


def lead_sentence(measures: str) -> str:
    """The departments phrase of the measures' lead sentence, or ''.

    `取消许可后，公安机关和地方金融监管部门要通过以下措施加强监管：` gives
    `公安机关和地方金融监管部门`; measures with no lead sentence give ''.
    """
    first = next((line.strip() for line in measures.splitlines() if line.strip()), "")
    if not first or not (first.endswith(("：", ":")) or "以下措施" in first):
        return ""
    head = _LEAD_CUT.split(first, maxsplit=1)[0]
    return re.split(r"[，,]", head)[-1].strip()


@dataclass(frozen=True)
class Resolution:
    """What a department text means at the county, and why."""

    text: str
    county_department: str | None
    sector: str
    how: str

    @property
    def resolved(self) -> bool:
        return self.county_department is not None


@dataclass
class Responsibility:
    """The county departments answering for one annex row or item."""

    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    how: list[str] = field(default_factory=list)
    unresolved: list[Resolution] = field(default_factory=list)

    def departments(self) -> list[str]:
        return ([self.lead] if self.lead else []) + self.partners


class Counterparts:
    """The county's answer to "who here does this": registry, sector table, settled texts.

    `table` maps sector → county department name; `answers` maps a text the
    clerk settled from the 待指定 list (folded) → county department name.
    """

    def __init__(self, registry: DepartmentRegistry, table: Mapping[str, str],
                 answers: Mapping[str, str] | None = None) -> None:
        self.registry = registry
        self.table = dict(table)
        self.answers = {fold(k): v for k, v in (answers or {}).items()}

    def resolve(self, text: str) -> Resolution:
        """The county department a department text means, saying how it decided."""
        written = text.strip()
        key = fold(written)
        if not key:
            return Resolution(written, None, "", "未填部门")
        if key in self.answers:
            name = self.answers[key]
            return Resolution(written, name, self._sector_of(name), f"已指定：“{written}”由{name}负责")
        dept = self.registry.resolve(written)
        if dept is not None and is_county_body(dept):
            return Resolution(written, dept.name, dept.sector, "本县部门")
        sector = dept.sector if dept is not None else ""
        word = ""
        if not sector:
            found = sectors_in(written)
            sector, word = found[0] if found else ("", "")
        if not sector:
            return Resolution(written, None, "", f"“{written}”看不出属于哪个系统，待指定")
        county = self.table.get(sector)
        why = (f"“{dept.name}”属{sector}系统" if dept is not None and not word
               else f"“{word}”属{sector}系统")
        if county is None:
            return Resolution(written, None, sector, f"{why}，本县{sector}系统的部门尚未指定")
        return Resolution(written, county, sector, f"{why}，本县由{county}负责")

    def resolve_all(self, phrase: str) -> list[Resolution]:
        """One resolution per department a phrase names (`市场监管、自然资源和规划部门`)."""
        if not phrase.strip():
            return []
        if fold(phrase) in self.answers or self.registry.resolve(phrase) is not None:
            return [self.resolve(phrase)]
        found = sectors_in(phrase)
        if not found:
            return [self.resolve(phrase)]
        return [self._by_sector(phrase, sector, word) for sector, word in found]

    def _by_sector(self, phrase: str, sector: str, word: str) -> Resolution:
        county = self.table.get(sector)
        if county is None:
            return Resolution(f"{word}部门", None, sector,
                              f"“{word}”属{sector}系统，本县{sector}系统的部门尚未指定")
        return Resolution(f"{word}部门", county, sector, f"“{word}”属{sector}系统，本县由{county}负责")

    def _sector_of(self, county_name: str) -> str:
        dept = self.registry.resolve(county_name)
        return dept.sector if dept is not None else ""

    def responsible(self, department: str, measures: str) -> Responsibility:
        """Lead and partners for a row: written department and the measures' lead sentence.

        A text of the county's own level (`县级公安部门`, `市、县级…`) leads and the
        measures add partners; for an upper-level body (`省自然资源厅`, annexes 2–5)
        the measures name who must act, the first named leading.
        """
        own = self.resolve(department)
        named = self.resolve_all(lead_sentence(measures))
        resolved = list(dict.fromkeys(r.county_department for r in named
                                      if r.county_department is not None))
        result = Responsibility(unresolved=[r for r in (own, *named) if not r.resolved and r.text])
        if own.resolved and ("县" in department or not resolved):
            result.lead = own.county_department
            result.how.append(f"牵头：{own.how}")
        elif resolved:
            result.lead = resolved[0]
            result.how.append(f"牵头：监管措施首句点名，{named[0].how}")
        result.partners = [d for d in resolved if d != result.lead]
        result.how += [f"配合：{r.how}" for r in named if r.resolved
                       and r.county_department in result.partners]
        return result
