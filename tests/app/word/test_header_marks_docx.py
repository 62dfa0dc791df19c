"""份号, 密级, 紧急程度, 签发人, joint documents and the 信函格式 in Word, printed by LibreOffice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from app.domain.documents import FORM_LETTER, Document
from app.pdf.fonts import resolve_fonts
from app.pdf.notice import write_notice
from app.word.notice import write_docx
from tests.app.word.conftest import DEMO, MM, SOFFICE, Converted, to_pdf
from tests.app.word.test_notice_docx import TOLERANCE, find, same_place

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装")


def convert(doc: Document, folder: Path) -> Iterator[Converted]:
    """The document as Word file, LibreOffice's PDF of it and the program's own PDF, both open
    until the fixture ends."""
    docx = folder / "doc.docx"
    write_docx(doc, docx)
    reference = folder / "reference.pdf"
    write_notice(doc, resolve_fonts(), reference)
    with pdfplumber.open(to_pdf(docx, folder)) as pdf, pdfplumber.open(reference) as ref:
        yield Converted(doc, docx, pdf, ref)


@pytest.fixture(scope="module")
def joint(word_documents: dict[str, Document],
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converted]:
    doc = replace(word_documents[DEMO], annexes=[], organ_mark="嘉祥县人民政府\n嘉祥县财政局",
                  signature="嘉祥县人民政府\n嘉祥县财政局", copy_number="000123",
                  secrecy="秘密★1年", urgency="特急", signer="张三")
    yield from convert(doc, tmp_path_factory.mktemp("joint-docx"))


@pytest.fixture(scope="module")
def letter(word_documents: dict[str, Document],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converted]:
    doc = replace(word_documents[DEMO], annexes=[], form=FORM_LETTER, number="嘉政函〔2021〕5号",
                  copy_number="000123", urgency="加急", copy_to="县委办公室")
    yield from convert(doc, tmp_path_factory.mktemp("letter-docx"))


def test_marks_signer_and_joint_organs_where_the_pdf_has_them(joint: Converted) -> None:
    for text in ("000123", "秘密★1年", "特急", "嘉祥县人民政府", "嘉祥县财政局", "嘉政发〔2021〕2号",
                 "签发人：张三", "为深入实施"):
        same_place(joint, text)
    _, signer = find(joint.pdf, "签发人：张三")
    assert signer[-1]["x1"] == pytest.approx((28 + 156) * MM - 156 / 28 * MM, abs=TOLERANCE)
    last = joint.pdf.pages[-1].extract_text().replace(" ", "")
    assert last.index("嘉祥县人民政府") < last.index("嘉祥县财政局") < last.index("2021年2月20日")


def test_letter_form_in_word_prints_to_the_letter_numbers(letter: Converted) -> None:
    for text in ("嘉祥县人民政府", "000123", "加急", "嘉政函〔2021〕5号", "嘉祥县人民政府关于", "各镇"):
        same_place(letter, text)
    page = letter.pdf.pages[0]
    red = sorted({(round(e["top"], 1), round(e["x0"], 1), round(e["x1"], 1))
                  for e in page.lines + page.rects if e["x1"] - e["x0"] > 160 * MM})
    assert len(red) == 4
    for _, x0, x1 in red:
        assert x1 - x0 == pytest.approx(170 * MM, abs=TOLERANCE)
        assert (x0 + x1) / 2 == pytest.approx(105 * MM, abs=TOLERANCE)
    reference = sorted({round(e["top"], 1) for e in letter.reference.pages[0].lines})
    for got, want in zip([r[0] for r in red], reference, strict=True):
        assert got == pytest.approx(want, abs=TOLERANCE)
    assert not [c for c in page.chars if c["top"] > 262 * MM]
    second = "".join(c["text"] for c in letter.pdf.pages[1].chars if c["top"] > 262 * MM)
    assert second.replace(" ", "") == "—2—"
