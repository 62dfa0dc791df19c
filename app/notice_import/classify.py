"""Which block of a notice is which element (GB/T 9704 order), with the untidy files in mind.

The order of a notice is fixed by the standard, so the elements are found
in sequence: the organ mark above the 文号, the title after the red line,
recipients ending in a colon, the body, 附件说明, signature and date (found
from the date, wherever spaces pushed them), 附注, then the annexes and the
版记. What cannot be found is left empty with a warning, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.notice_import.blocks import Block, Para, TableBlock
from app.notice_import.tables import PAGE_NUMBER, TITLE_SIZE, annex_tables
from app.tables.grid import Grid

NUMBER = re.compile(r"(?P<organ>[^\s\d〔\[【(（][^\s〔\[【(（]{0,11}?)\s*[〔\[【(（［]\s*(?P<year>\d{4})\s*[〕\]】)）］]"
                    r"\s*第?\s*0*(?P<seq>\d+)\s*号")
SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<name>\S.*)$")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
ANNEX_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(?P<rest>.*)$")
NUMBERED_NAME = re.compile(r"^\d+\s*[.．、]")
NOTE = re.compile(r"^[（(].{1,40}[)）]$")
COPY_TO = re.compile(r"^抄\s*送\s*[:：]\s*(?P<rest>.*)$")
PRINTED = re.compile(r"^(?P<printer>.*?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日)\s*印\s*发$")
COPY_NUMBER = re.compile(r"^\d{1,6}$")
SECRECY = re.compile(r"^(绝密|机密|秘密)(★.*)?$")
RULE_ONLY = re.compile(r"^[\s_—─━\-－=]+$")
SIGNATURE_MAX = 40


@dataclass
class Found:
    """The elements read from a notice, and what the clerk should check."""

    organ_mark: str = ""
    number: str = ""
    signer: str = ""
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""
    letter: bool = False
    title: str = ""
    recipients: str = ""
    body: list[str] = field(default_factory=list)
    attachment_notes: list[str] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    note: str = ""
    copy_to: str = ""
    printer: str = ""
    print_date: str = ""
    tables: list[Grid] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def classify(blocks: list[Block]) -> Found:
    found = Found()
    paras = [b for b in blocks if isinstance(b, Para)
             and b.clean and not PAGE_NUMBER.match(b.clean) and not RULE_ONLY.match(b.text)]
    tables = annex_tables(blocks)
    found.tables = tables
    first_table = next((n for n, b in enumerate(blocks) if isinstance(b, TableBlock)), len(blocks))
    flow = [p for p in paras if blocks.index(p) < first_table] if tables else paras
    tail = [p for p in paras if p not in flow]
    _Reader(found, flow).read()
    _imprint(found, tail)
    return found


class _Reader:
    def __init__(self, found: Found, paras: list[Para]) -> None:
        self.f = found
        self.paras = paras
        self.i = 0

    def peek(self) -> Para | None:
        return self.paras[self.i] if self.i < len(self.paras) else None

    def read(self) -> None:
        self.header()
        self.title()
        self.recipients()
        end = self.closing()
        self.body(end)
        self.after_date()

    # 版头 ------------------------------------------------------------------------
    def header(self) -> None:
        at = next((n for n, p in enumerate(self.paras[:12]) if NUMBER.search(p.clean)), None)
        if at is None:
            self.f.warnings.append("没有找到发文字号（如“嘉政发〔2021〕2号”），请在文件中补填。")
            self.i = self._mark_end()
            return
        marks = [p for p in self.paras[:at] if p.red or (p.size or 0) >= 24]
        parts = [p.clean for p in marks]
        # Joint documents stack one organ per line; a long name wrapped by a PDF leaves a stub.
        joint = len(parts) > 1 and all(len(part) >= 4 for part in parts)
        self.f.organ_mark = ("\n" if joint else "").join(parts)
        if not marks and at:
            self.f.warnings.append("没有找到红色的发文机关标志，请核对。")
        for para in self.paras[:at]:
            if para not in marks:
                self._header_mark(para.clean)
        line = self.paras[at].clean
        match = NUMBER.search(line)
        assert match is not None
        self._header_mark(line[:match.start()])
        self.f.letter = "函" in match.group("organ") and not self.f.organ_mark.endswith("文件")
        raw = match.group()
        self.f.number = f"{match.group('organ')}〔{match.group('year')}〕{int(match.group('seq'))}号"
        if raw.replace(" ", "") != self.f.number:
            self.f.warnings.append(f"发文字号“{raw}”已按标准写为“{self.f.number}”（六角括号〔〕，序号不加“第”和虚位0）。")
        signer = SIGNER.search(line)
        if signer:
            self.f.signer = signer.group("name")
        else:
            # A PDF's 文号 line at the right edge runs on into the 紧急程度 under it.
            self._header_mark(line[match.end():])
        self.i = at + 1
        # A 函 puts 密级 and 紧急程度 under the 份号 and 文号 line.
        while (p := self.peek()) is not None and _is_header_mark(p.clean):
            self._header_mark(p.clean)
            self.i += 1

    def _header_mark(self, text: str) -> None:
        """份号 (digits), 密级和保密期限 (绝密/机密/秘密), 紧急程度 (特急/加急) above or beside the 文号."""
        if not _is_header_mark(text):
            return
        if COPY_NUMBER.match(text):
            self.f.copy_number = text
        elif SECRECY.match(text):
            self.f.secrecy = text
        elif text in ("特急", "加急"):
            self.f.urgency = text

    def _mark_end(self) -> int:
        """Without a 文号, the title starts after the red lines at the top, if any."""
        return next((n for n, p in enumerate(self.paras[:3]) if not p.red), 0)

    # 主体 ------------------------------------------------------------------------
    def title(self) -> None:
        parts: list[str] = []
        while (p := self.peek()) is not None:
            big = (p.size or 0) >= TITLE_SIZE
            if parts and not (big or p.align == "center"):
                break
            if not parts and not (big or p.align == "center"):
                break
            if p.clean.endswith(("：", ":")) or DATE_LINE.match(p.clean):
                break
            parts.append(p.clean)
            self.i += 1
        if not parts:
            self.f.warnings.append("没有找到标题（文号下方居中的大字），请核对。")
        self.f.title = "".join(parts)

    def recipients(self) -> None:
        p = self.peek()
        if p is not None and p.clean.endswith(("：", ":")) and len(p.clean) <= 200 \
                and not ANNEX_NOTE.match(p.clean):
            self.f.recipients = p.clean
            self.i += 1

    def closing(self) -> int:
        """Index of the first block after the body: 附件说明, or the signature/date."""
        date_at = next((n for n in range(self.i, len(self.paras))
                        if DATE_LINE.match(self.paras[n].clean)), None)
        if date_at is None:
            self.f.warnings.append("没有找到成文日期（如“2021年2月20日”），请核对。")
            return len(self.paras)
        self.date_at = date_at
        notes_at = next((n for n in range(self.i, date_at)
                         if ANNEX_NOTE.match(self.paras[n].clean)), None)
        sig_at = date_at
        organs = max(1, self.f.organ_mark.count("\n") + 1)
        while (sig_at - 1 >= self.i and date_at - sig_at < organs
               and _is_signature(self.paras[sig_at - 1], notes_at is not None)):
            sig_at -= 1
        if sig_at < date_at:
            self.f.signature = "\n".join(p.clean for p in self.paras[sig_at:date_at])
        else:
            self.f.warnings.append("没有找到发文机关署名（成文日期上一行），请核对。")
        self.f.date = _date(self.paras[date_at].clean)
        if notes_at is not None:
            self.f.attachment_notes = _attachment_names(self.paras[notes_at:sig_at])
            return notes_at
        return sig_at

    def body(self, end: int) -> None:
        self.f.body = [p.clean for p in self.paras[self.i:end]]
        if not self.f.body:
            self.f.warnings.append("没有找到正文段落，请核对。")
        self.i = getattr(self, "date_at", len(self.paras)) + 1

    def after_date(self) -> None:
        p = self.peek()
        if p is not None and NOTE.match(p.clean):
            self.f.note = p.clean
            self.i += 1
        _imprint(self.f, self.paras[self.i:])


def _is_header_mark(text: str) -> bool:
    return bool(COPY_NUMBER.match(text) or SECRECY.match(text)) or text in ("特急", "加急")


def _is_signature(para: Para, after_notes: bool) -> bool:
    """The line above the date is the organ's name: short, no sentence end, not an annex name."""
    text = para.clean
    return (len(text) <= SIGNATURE_MAX and not text.endswith(("。", "；", "：", ":"))
            and not ANNEX_NOTE.match(text) and not (after_notes and NUMBERED_NAME.match(text)))


def _imprint(found: Found, paras: list[Para]) -> None:
    """抄送 (its wrapped lines joined) and the 印发 line, wherever the 版记 is."""
    copying = False
    for para in paras:
        printed = PRINTED.match(para.text.strip())
        if printed:
            found.printer = "".join(printed.group("printer").split())
            found.print_date = printed.group("date")
            copying = False
            continue
        copy = COPY_TO.match(para.clean)
        if copy:
            found.copy_to = copy.group("rest")
            copying = not found.copy_to.endswith("。")
        elif copying:
            found.copy_to += para.clean
            copying = not found.copy_to.endswith("。")


def _date(text: str) -> str:
    match = DATE_LINE.match(text)
    assert match is not None
    return f"{int(match.group(1))}年{int(match.group(2))}月{int(match.group(3))}日"


def _attachment_names(paras: list[Para]) -> list[str]:
    """`附件：1.名称` and the lines under it; a wrapped name's second line joins its first."""
    names: list[str] = []
    for n, para in enumerate(paras):
        text = para.clean
        if n == 0:
            text = ANNEX_NOTE.match(text).group("rest")  # type: ignore[union-attr]
        if not text:
            continue
        if names and not NUMBERED_NAME.match(text):
            names[-1] += text
        else:
            names.append(text)
    return [NUMBERED_NAME.sub("", name, count=1) if len(names) > 1 else name for name in names]
