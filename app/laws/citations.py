"""Reading the laws an item's basis cites: 《titles》, 文号 and articles.

A basis is free text written by many hands: `原设定依据为《山东省民族工作条例》原第六条。`,
`《国务院关于取消和下放一批行政许可事项的决定》（国发〔2020〕13号）取消该事项。`. The
parser keeps what identifies a law (its title, else its 文号) and what the text
itself says happened to it (`已废止`, `修订后的`), as a hint for the clerk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.documents import iso_date

TITLE = re.compile(r"《([^《》\n]{2,80})》")
ORGAN = r"[^\W\d_和及与或的条款项第号、]{1,8}"
NUMBER = re.compile(ORGAN + r"[〔\[【]\s*(?:19|20)\d{2}\s*[〕\]】]\s*\d{1,4}\s*号")
ARTICLE = re.compile(r"(?:第|(?<=原))[一二三四五六七八九十百千零〇两\d]+条"
                     r"(?:第[一二三四五六七八九十\d]+[款项])*")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
REPEALED_AFTER = re.compile(r"^》?\s*(?:已被?|业已|已经)?废止")
REPEALED_BEFORE = re.compile(r"废止了?\s*$")
AMENDED_BEFORE = re.compile(r"(?:修订|修改|修正)后的\s*$")

REPEALED = "废止"
AMENDED = "修订"


@dataclass
class Citation:
    """One law as one basis cites it."""

    title: str = ""
    number: str = ""
    articles: list[str] = field(default_factory=list)
    former: bool = False
    hint: str = ""
    hint_date: str = ""

    @property
    def key(self) -> str:
        """What the registry knows the law by: its title, else its 文号."""
        return self.title or self.number


def normalise_number(text: str) -> str:
    """`国发[2020]13号`, `国发【2020】 13号` → `国发〔2020〕13号`."""
    text = re.sub(r"^(?:根据|依据|按照|依照|参照|详见|见)", "", re.sub(r"\s+", "", text))
    return text.replace("[", "〔").replace("]", "〕").replace("【", "〔").replace("】", "〕")


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """Text before and after a span, cut at the sentence's ends."""
    before = re.split(r"[。；;\n]", text[:start])[-1]
    after = re.split(r"[。；;\n]", text[end:])[0]
    return before, after


def _hint(before: str, after: str) -> tuple[str, str]:
    found = DATE.findall(before)[-1:] or DATE.findall(after)[:1]
    date = iso_date("{}年{}月{}日".format(*map(int, found[0]))) if found else ""
    if REPEALED_BEFORE.search(before) or REPEALED_AFTER.search(after):
        return REPEALED, date
    if AMENDED_BEFORE.search(before):
        return AMENDED, date
    return "", ""


def parse_citations(basis: str) -> list[Citation]:
    """Every law the text names, once each, in order of first mention.

    A 文号 in brackets right after a title belongs to that title; a 文号 on its
    own is a law known only by its number. Articles after a title, up to the
    next title, belong to it. A hint seen anywhere in the text is kept.
    """
    found: dict[str, Citation] = {}
    titles = list(TITLE.finditer(basis))
    claimed: list[tuple[int, int]] = []
    for n, match in enumerate(titles):
        title = re.sub(r"\s+", "", match.group(1))
        stop = titles[n + 1].start() if n + 1 < len(titles) else len(basis)
        tail = basis[match.end():stop]
        own_number = NUMBER.match(tail.lstrip("（( "))
        cited = found.setdefault(title, Citation(title=title))
        if own_number and not cited.number:
            cited.number = normalise_number(own_number.group(0))
            offset = match.end() + tail.index(own_number.group(0))
            claimed.append((offset, offset + len(own_number.group(0))))
        tail_sentence = re.split(r"[。；;\n]", tail)[0]
        for article in ARTICLE.findall(tail_sentence):
            article = article if article.startswith("第") else f"第{article}"
            if article not in cited.articles:
                cited.articles.append(article)
        before, after = _sentence_around(basis, match.start(), match.end())
        cited.former = cited.former or before.endswith("原")
        hint, date = _hint(before, after)
        if hint and not cited.hint:
            cited.hint, cited.hint_date = hint, date
    for match in NUMBER.finditer(basis):
        if any(s <= match.start() < e for s, e in claimed) or _inside_title(titles, match.start()):
            continue
        number = normalise_number(match.group(0))
        if not any(c.number == number for c in found.values()):
            found.setdefault(number, Citation(number=number))
    return list(found.values())


def _inside_title(titles: list[re.Match[str]], position: int) -> bool:
    return any(t.start() <= position < t.end() for t in titles)


ISSUERS_BY_ORGAN = (
    ("国办发", "国务院办公厅"), ("国发", "国务院"), ("国函", "国务院"),
    ("鲁政办发", "山东省人民政府办公厅"), ("鲁政发", "山东省人民政府"), ("鲁政字", "山东省人民政府"),
    ("济政办发", "济宁市人民政府办公室"), ("济政发", "济宁市人民政府"),
    ("嘉政办发", "嘉祥县人民政府办公室"), ("嘉政发", "嘉祥县人民政府"),
)


def guess_issuer(title: str, number: str) -> str:
    """The issuing body when the title or 文号 gives it away; empty when unsure."""
    for organ, issuer in ISSUERS_BY_ORGAN:
        if number.startswith(organ):
            return issuer
    match = re.match(r"^(国务院|[\u4e00-\u9fa5]{2,10}?人民政府(?:办公厅|办公室)?)关于", title)
    if match:
        return match.group(1)
    if title.startswith("中华人民共和国") and title.endswith("法"):
        return "全国人民代表大会及其常务委员会"
    if title.startswith("山东省") and title.endswith("条例"):
        return "山东省人民代表大会常务委员会"
    if title.startswith("山东省") and (title.endswith("办法") or title.endswith("规定")):
        return "山东省人民政府"
    return ""
