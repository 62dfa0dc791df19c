"""份号, 密级, 紧急程度, 签发人, joint documents and the 信函格式 printed and measured."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from app.domain.documents import FORM_LETTER, Document
from app.pdf.fonts import FontSet
from app.pdf.notice import write_notice
from tests.app.pdf.conftest import DEMO, MM

TOLERANCE = 1 * MM
RED = (0.0, 1.0, 1.0, 0.0)
CHAR = 156 / 28 * MM

Printer = Callable[[Document], pdfplumber.PDF]


def run_of(page, text: str) -> list[dict]:
    chars = page.chars
    start = "".join(c["text"] for c in chars).index(text)
    return chars[start:start + len(text)]


@pytest.fixture
def printed(fonts: FontSet, tmp_path: Path) -> Iterator[Printer]:
    """Prints a document and opens the PDF; every PDF opened is closed after the test."""
    with ExitStack() as opened:
        def print_and_open(doc: Document) -> pdfplumber.PDF:
            path = tmp_path / "doc.pdf"
            write_notice(doc, fonts, path)
            return opened.enter_context(pdfplumber.open(path))
        yield print_and_open


@pytest.fixture
def demo(demo_documents: dict[str, Document]) -> Document:
    return replace(demo_documents[DEMO], annexes=[])


def test_copy_number_secrecy_urgency_top_left_one_per_line(demo: Document, printed: Printer) -> None:
    doc = replace(demo, copy_number="000123", secrecy="秘密★1年", urgency="特急")
    page = printed(doc).pages[0]
    tops = []
    for text, _face in (("000123", None), ("秘密★1年", "Hei"), ("特急", "Hei")):
        chars = run_of(page, text)
        assert chars[0]["x0"] == pytest.approx(28 * MM, abs=TOLERANCE)
        assert chars[0]["size"] == pytest.approx(16)
        tops.append(chars[0]["top"])
    assert tops[0] == pytest.approx(37 * MM + 225 / 22 * MM / 2 - 0.5 * 16, abs=TOLERANCE)
    assert [round((b - a) / MM, 1) for a, b in itertools.pairwise(tops)] == \
        [pytest.approx(225 / 22, abs=0.1)] * 2


def test_signer_puts_the_number_left_and_the_signer_right(demo: Document, printed: Printer) -> None:
    doc = replace(demo, signer="张三")
    page = printed(doc).pages[0]
    number = run_of(page, doc.number)
    assert number[0]["x0"] == pytest.approx(28 * MM + CHAR, abs=TOLERANCE)
    signer = run_of(page, "签发人：张三")
    assert signer[-1]["x1"] == pytest.approx((28 + 156) * MM - CHAR, abs=TOLERANCE)
    assert signer[0]["top"] == pytest.approx(number[0]["top"], abs=0.5)


def test_joint_document_stacks_organ_marks_and_signatures(demo: Document, printed: Printer) -> None:
    doc = replace(demo, organ_mark="嘉祥县人民政府\n嘉祥县财政局", signature="嘉祥县人民政府\n嘉祥县财政局")
    pdf = printed(doc)
    first, second = run_of(pdf.pages[0], "嘉祥县人民政府"), run_of(pdf.pages[0], "嘉祥县财政局")
    assert first[0]["top"] == pytest.approx((37 + 35) * MM, abs=TOLERANCE)
    assert second[0]["top"] > first[0]["bottom"]
    assert all(c["non_stroking_color"] == RED for c in first + second)
    last = pdf.pages[-1]
    text = last.extract_text()
    assert "嘉祥县人民政府" in text and "嘉祥县财政局" in text


def test_letter_form_prints_to_the_letter_numbers(demo: Document, printed: Printer) -> None:
    doc = replace(demo, form=FORM_LETTER, organ_mark="嘉祥县人民政府", copy_number="000123",
                  urgency="加急", copy_to="县委办公室", printer="嘉祥县人民政府办公室",
                  print_date="2021年2月20日")
    pdf = printed(doc)
    page = pdf.pages[0]
    mark = run_of(page, "嘉祥县人民政府")
    assert mark[0]["top"] == pytest.approx(30 * MM, abs=TOLERANCE)
    assert all(c["non_stroking_color"] == RED for c in mark)
    red = sorted((line for line in page.lines if tuple(line["stroking_color"]) == RED),
                 key=lambda line: line["top"])
    assert len(red) == 4
    for line in red:
        assert line["x1"] - line["x0"] == pytest.approx(170 * MM, abs=0.5)
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx(105 * MM, abs=0.5)
    assert red[0]["linewidth"] > red[1]["linewidth"]
    assert red[2]["linewidth"] < red[3]["linewidth"]
    assert red[0]["top"] - mark[0]["bottom"] == pytest.approx(4 * MM, abs=TOLERANCE)
    assert red[3]["bottom"] == pytest.approx(297 * MM - 20 * MM, abs=TOLERANCE)
    number = run_of(page, doc.number)
    assert number[-1]["x1"] == pytest.approx((28 + 156) * MM, abs=TOLERANCE)
    below = number[0]["top"] - red[1]["bottom"]
    assert below == pytest.approx(7 / 8 * 16, abs=TOLERANCE)
    copy_number = run_of(page, "000123")
    assert copy_number[0]["x0"] == pytest.approx(28 * MM, abs=TOLERANCE)
    assert copy_number[0]["top"] == pytest.approx(number[0]["top"], abs=0.5)
    title = run_of(page, "嘉祥县人民政府关于")
    urgency = run_of(page, "加急")
    assert title[0]["top"] - urgency[0]["top"] >= 2 * 225 / 22 * MM
    assert not any(c["top"] > 262 * MM and c["text"] == "—" for c in page.chars)
    last = pdf.pages[-1]
    assert "抄送：县委办公室" in last.extract_text().replace(" ", "")
    assert "印发" not in last.extract_text()
    assert not [line for line in last.lines if line["x1"] - line["x0"] > 150 * MM
                and tuple(line["stroking_color"]) != RED]
