"""Documents (公文) with every GB/T 9704-2012 element, and their annex tables."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.items import ItemStatus


class ChangeKind(StrEnum):
    """The kind of change an annex row records; each maps to an item status."""

    CANCEL = "取消"
    DEVOLVE = "下放"
    TAKE_OVER = "承接"
    ENTRUST = "委托实施"
    ADJUST = "调整"
    TO_FILING = "改为备案"

    @property
    def status(self) -> ItemStatus:
        return ItemStatus(self.value)


class ChangeLevel(StrEnum):
    NATIONAL = "国家"
    PROVINCE = "省级"
    CITY = "市级"
    COUNTY = "县级"


ROW_FIELDS = ("seq", "department", "name", "type", "basis", "measures", "remarks")


@dataclass
class AnnexRow:
    """One item in one annex.

    ``lead`` and ``partners`` are the county departments answering for the row
    (worked out by the repository from `department` and the measures' lead
    sentence unless ``lead_by_hand``); `department` stays as the document wrote it.

    ``merged_with_above`` names the fields whose cell the original table merged
    with the row above (printed once, meaning "same as above"); the stored
    value is then the value of the row above, so every row reads complete.
    """

    seq: str = ""
    department: str = ""
    name: str = ""
    type: str = ""
    basis: str = ""
    measures: str = ""
    remarks: str = ""
    change_kind: ChangeKind | None = None
    change_level: ChangeLevel | None = None
    merged_with_above: list[str] = field(default_factory=list)
    item_id: int | None = None
    id: int | None = None
    lead: str = ""
    partners: list[str] = field(default_factory=list)
    lead_by_hand: bool = False

    def field_values(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in ROW_FIELDS}

    @classmethod
    def from_fields(cls, values: Mapping[str, str], *, change_kind: ChangeKind | None = None,
                    change_level: ChangeLevel | None = None,
                    merged_with_above: Sequence[str] = ()) -> AnnexRow:
        """A new row from the texts of the table's fields (ROW_FIELDS) by name; a missing
        field is empty, other names are not fields and are ignored."""
        return cls(seq=values.get("seq", ""), department=values.get("department", ""),
                   name=values.get("name", ""), type=values.get("type", ""),
                   basis=values.get("basis", ""), measures=values.get("measures", ""),
                   remarks=values.get("remarks", ""), change_kind=change_kind,
                   change_level=change_level, merged_with_above=list(merged_with_above))


COUNT_IN_TITLE = re.compile(r"[（(](\d+)项[）)]\s*$")


@dataclass
class Annex:
    title: str
    layout: str
    rows: list[AnnexRow] = field(default_factory=list)
    change_kind: ChangeKind | None = None
    change_level: ChangeLevel | None = None
    id: int | None = None

    def base_title(self) -> str:
        """The title without its `（N项）` count."""
        return COUNT_IN_TITLE.sub("", self.title).strip()

    def counted_title(self) -> str:
        """The title with the count the rows actually give."""
        return f"{self.base_title()}（{len(self.rows)}项）"

    def stated_count(self) -> int | None:
        match = COUNT_IN_TITLE.search(self.title)
        return int(match.group(1)) if match else None


FORM_DOCUMENT = "文件"
FORM_LETTER = "函"


@dataclass
class Document:
    number: str
    title: str
    organ_mark: str = ""
    recipients: str = ""
    body: str = ""
    signature: str = ""
    date: str = ""
    note: str = "（此件公开发布）"
    copy_to: str = ""
    printer: str = ""
    print_date: str = ""
    with_seal: bool = True
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""
    signer: str = ""
    form: str = FORM_DOCUMENT
    annexes: list[Annex] = field(default_factory=list)
    id: int | None = None

    @property
    def organ_marks(self) -> list[str]:
        """发文机关标志, one line per organ: joint documents (联合行文) stack their organs."""
        return [line.strip() for line in self.organ_mark.split("\n") if line.strip()]

    @property
    def signatures(self) -> list[str]:
        """发文机关署名, one per organ of a joint document."""
        return [line.strip() for line in self.signature.split("\n") if line.strip()]

    @property
    def is_letter(self) -> bool:
        """信函格式 (函): organ mark at the page's head between red double lines."""
        return self.form == FORM_LETTER

    def header_marks(self) -> list[str]:
        """份号, 密级和保密期限, 紧急程度 in the standard's order, those used."""
        return [v for v in (self.copy_number, self.secrecy, self.urgency) if v.strip()]

    def attachment_lines(self) -> list[str]:
        """附件说明 lines, derived from the annexes so they can never disagree."""
        if not self.annexes:
            return []
        if len(self.annexes) == 1:
            return [f"附件：{self.annexes[0].title}"]
        return [
            ("附件：" if n == 1 else "") + f"{n}.{annex.title}"
            for n, annex in enumerate(self.annexes, start=1)
        ]

    def body_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n") if p.strip()]


DOC_NUMBER = re.compile(r"^(?P<organ>\S+?)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")


def check_document_number(number: str) -> str | None:
    """A message in Chinese when a 发文字号 breaks the standard's form, else None."""
    if any(bracket in number for bracket in "[]【】"):
        return "发文字号的年份应使用六角括号〔〕，不能使用 [] 或【】。"
    if not DOC_NUMBER.match(number):
        return "发文字号应为“机关代字〔年份〕序号号”，序号不加“第”、不编虚位，如“嘉政发〔2021〕2号”。"
    return None


WRONG_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕"})


def fix_number_brackets(number: str) -> str:
    """`嘉政发[2022]2号` as `嘉政发〔2022〕2号`: the standard allows only 〔〕 around the year."""
    return number.translate(WRONG_BRACKETS)


DATE = re.compile(r"^(\d{4})年([1-9]\d?)月([1-9]\d?)日$")


def format_date(year: int, month: int, day: int) -> str:
    return f"{year}年{month}月{day}日"


def parse_date(text: str) -> tuple[int, int, int] | None:
    match = DATE.match(text.strip())
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def iso_date(text: str) -> str:
    """`2021年2月20日` as `2021-02-20`, for sorting timelines; empty if not a date."""
    parts = parse_date(text)
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}" if parts else ""
