"""Pre-print check marks, and the elements a notice cannot be printed without.

A notice without 发文机关标志, 主送机关, 正文, 署名 or 成文日期 prints as a page
without its red header or date, and such a page goes out only by mistake; each
missing element is a failure the clerk must see before printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.documents import Document, parse_date


class Mark(StrEnum):
    OK = "✔"
    WARN = "⚠"
    FAIL = "✘"


@dataclass(frozen=True)
class Check:
    mark: Mark
    text: str

    def __str__(self) -> str:
        return f"{self.mark} {self.text}"


REQUIRED = (("organ_mark", "发文机关标志"), ("recipients", "主送机关"), ("body", "正文"),
            ("signature", "发文机关署名"), ("date", "成文日期"))


def required_checks(doc: Document) -> list[Check]:
    """A failure for each required element that is empty (or a 成文日期 that is not a date)."""
    checks = [Check(Mark.FAIL, f"缺少{label}：请在“文件要素”或“正文”中填写。")
              for key, label in REQUIRED if not str(getattr(doc, key)).strip()]
    if doc.date.strip() and parse_date(doc.date) is None:
        checks.append(Check(Mark.FAIL, f"成文日期“{doc.date}”应写成“2021年2月20日”。"))
    if not checks:
        checks.append(Check(Mark.OK, "发文机关标志、主送机关、正文、署名和成文日期齐全。"))
    return checks
