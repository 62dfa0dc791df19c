"""The demo notice printed and read back: GB/T 9704 positions, sizes, colours, completeness."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.domain.documents import Document
from app.pdf.fonts import FontSet
from app.pdf.notice import write_notice
from tests.app.pdf.conftest import DEMO, MM, Rendered

RED = (0.0, 1.0, 1.0, 0.0)
TOLERANCE = 1 * MM
PAGE_NUMBER = re.compile(r"— (\d+) —")


def chars_of(page, text: str) -> list[dict]:
    """The run of characters spelling ``text`` on a page, in drawing order."""
    chars = page.chars
    joined = "".join(c["text"] for c in chars)
    start = joined.index(text)
    return chars[start:start + len(text)]


def test_pages_are_portrait_a4_and_annex_pages_are_turned(demo_pdf: Rendered) -> None:
    for page in PdfReader(demo_pdf.path).pages:
        box = [float(v) for v in page.mediabox]
        assert box == pytest.approx([0, 0, 210 * MM, 297 * MM], abs=0.5)
    rotations = [p.rotation for p in demo_pdf.pdf.pages]
    assert rotations[:3] == [0, 0, 0]
    assert set(rotations[3:]) == {90}
    assert "附件1" in demo_pdf.pdf.pages[3].extract_text()


def test_header_part_positions_and_colour(demo_pdf: Rendered) -> None:
    page = demo_pdf.pdf.pages[0]
    mark = chars_of(page, "嘉祥县人民政府文件")
    assert all(abs(c["top"] - (37 + 35) * MM) <= TOLERANCE for c in mark)
    assert all(c["non_stroking_color"] == RED for c in mark)
    assert mark[-1]["x1"] - mark[0]["x0"] <= 156 * MM
    centre = (mark[0]["x0"] + mark[-1]["x1"]) / 2
    assert abs(centre - (28 + 78) * MM) <= TOLERANCE
    assert 36 <= mark[0]["size"] <= 42
    number = chars_of(page, "嘉政发〔2021〕2号")
    assert all(c["size"] == pytest.approx(16) for c in number)
    red_lines = [line for line in page.lines if tuple(line["stroking_color"]) == RED]
    assert len(red_lines) == 1
    line = red_lines[0]
    assert line["x0"] == pytest.approx(28 * MM, abs=0.5)
    assert line["x1"] - line["x0"] == pytest.approx(156 * MM, abs=0.5)
    number_bottom = max(c["bottom"] for c in number)
    assert 3 * MM <= line["top"] - number_bottom <= 5 * MM


def test_title_and_body_sizes_and_grid(demo_pdf: Rendered) -> None:
    page = demo_pdf.pdf.pages[0]
    title = chars_of(page, "嘉祥县人民政府关于")
    assert all(c["size"] == pytest.approx(22) for c in title)
    body = chars_of(page, "为深入实施")
    assert all(c["size"] == pytest.approx(16) for c in body)
    assert body[0]["x0"] == pytest.approx(28 * MM + 2 * 156 / 28 * MM, abs=TOLERANCE)
    recipients = chars_of(page, "各镇（街道）")
    assert recipients[0]["x0"] == pytest.approx(28 * MM, abs=TOLERANCE)
    second = demo_pdf.pdf.pages[1]
    lines = sorted({round(c["top"], 1) for c in second.chars if c["size"] == pytest.approx(16)})
    pitch = 225 / 22 * MM
    assert lines[0] == pytest.approx(37 * MM + pitch / 2 - 0.5 * 16, abs=TOLERANCE)
    steps = [b - a for a, b in itertools.pairwise(lines)]
    assert all(step == pytest.approx(pitch, abs=0.1) or step > pitch for step in steps)
    for row in _body_rows(second).values():
        assert row[0]["x0"] >= 28 * MM - 0.5


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">')
PAGE = re.compile(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', re.S)


def _line_ends(rendered: Rendered) -> list[float]:
    """Where each text line of the upright pages ends, in mm from the sheet's left edge.

    Read by poppler, not pdfplumber: pdfminer leaves out the character spacing after
    the last glyph of every string, and ReportLab writes one string per font subset,
    so a squeezed justified line (negative spacing) reads up to 1.4 mm too long there.
    """
    html = subprocess.run(["pdftotext", "-bbox", str(rendered.path), "-"], capture_output=True,
                          text=True, check=True).stdout
    ends: list[float] = []
    pages = PAGE.findall(html)
    assert len(pages) == len(rendered.pdf.pages)
    for words, page in zip(pages, rendered.pdf.pages, strict=True):
        if page.rotation:  # an annex page, turned
            continue
        lines: dict[int, float] = {}
        for _x0, top, x1 in WORD.findall(words):
            key = round(float(top))
            lines[key] = max(lines.get(key, 0.0), float(x1) / MM)
        ends += lines.values()
    return ends


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) 未安装")
@pytest.mark.parametrize("rendered", ["demo_pdf", "imprint_pdf"])
def test_justified_lines_end_exactly_at_the_text_block_edge(
        rendered: str, request: pytest.FixtureRequest) -> None:
    """GB/T 9704 text block: 156 mm from 28 mm. Widths, not characters: half-width digits
    and Latin let a full line hold 29-31 characters, and one half-width character too
    many would overrun by 2.8 mm."""
    ends = _line_ends(request.getfixturevalue(rendered))
    edge = 28 + 156
    assert max(ends) <= edge + 0.05
    full = [end for end in ends if end > edge - 3]
    assert len(full) >= 20
    assert full == [pytest.approx(edge, abs=0.05)] * len(full)


def _body_rows(page) -> dict[float, list[dict]]:
    """The body's lines (三号, 16 pt) of a page by their top, characters left to right."""
    rows: dict[float, list[dict]] = {}
    for char in page.chars:
        if char["size"] == pytest.approx(16) and char["text"].strip():
            rows.setdefault(round(char["top"], 1), []).append(char)
    return {top: sorted(row, key=lambda c: c["x0"]) for top, row in sorted(rows.items())}


EMAIL = "qz_responsibility_list2021@jiaxiang.jining.shandong.gov.cn"


def test_long_email_is_broken_so_no_line_is_left_short(fonts: FontSet, tmp_path: Path) -> None:
    """Word breaks an address after `@` or `.`; moving it whole left "件至" alone on a line."""
    body = ("如对本清单有疑问，请于每月月底前将书面意见发送电子邮件至" + EMAIL
            + "，并注明单位名称、联系人和联系电话，逾期不再受理。")
    path = tmp_path / "email.pdf"
    write_notice(Document(number=DEMO, title="关于报送意见的通知", body=body), fonts, path)
    with pdfplumber.open(path) as pdf:
        rows = list(_body_rows(pdf.pages[0]).values())
    lines = ["".join(c["text"] for c in row) for row in rows]
    start = next(n for n, line in enumerate(lines) if line.startswith("如对本清单"))
    end = next(n for n, line in enumerate(lines) if line.endswith("逾期不再受理。"))
    assert "".join(lines[start:end + 1]) == body
    for row, line in zip(rows[start:end], lines[start:end], strict=True):
        assert row[-1]["x1"] == pytest.approx((28 + 156) * MM, abs=0.5 * MM), line


def _portrait_number_position(page) -> tuple[str, float, float, float]:
    """Text, left, right and top of the page number in the portrait sheet's coordinates.

    The number is the run of characters at the sheet's foot, below the text block.
    """
    if page.rotation == 90:
        foot = sorted((c for c in page.chars if c["x1"] < 35 * MM), key=lambda c: c["top"])
        text = "".join(c["text"] for c in foot)
        return (text, min(c["top"] for c in foot), max(c["bottom"] for c in foot),
                297 * MM - max(c["x1"] for c in foot))
    foot = sorted((c for c in page.chars if c["top"] > 262 * MM), key=lambda c: c["x0"])
    text = "".join(c["text"] for c in foot)
    return (text, min(c["x0"] for c in foot), max(c["x1"] for c in foot),
            min(c["top"] for c in foot))


def test_long_title_printed_in_two_centred_lines_upper_longer(imprint_pdf: Rendered) -> None:
    page = imprint_pdf.pdf.pages[0]
    title = [c for c in page.chars if c["size"] == pytest.approx(22)]
    rows: dict[float, list[dict]] = {}
    for char in title:
        rows.setdefault(round(char["top"], 1), []).append(char)
    lines = ["".join(c["text"] for c in row) for _, row in sorted(rows.items())]
    assert lines == ["山东省人民政府关于加强和规范", "事中事后监管的实施意见"]
    centre = (28 + 156 / 2) * MM
    for _, row in sorted(rows.items()):
        assert (row[0]["x0"] + row[-1]["x1"]) / 2 == pytest.approx(centre, abs=0.5)
    tops = sorted(rows)
    assert tops[1] - tops[0] == pytest.approx(225 / 22 * MM, abs=0.1)


def test_page_numbers_odd_right_even_left_below_text_block(demo_pdf: Rendered) -> None:
    for number, page in enumerate(demo_pdf.pdf.pages, start=1):
        text, left, right, top = _portrait_number_position(page)
        assert text == f"— {number} —"
        assert top == pytest.approx((37 + 225 + 7) * MM, abs=TOLERANCE)
        if number % 2:
            assert right == pytest.approx((28 + 156) * MM - 14, abs=TOLERANCE)
        else:
            assert left == pytest.approx(28 * MM + 14, abs=TOLERANCE)


def test_every_table_page_repeats_the_header_row(demo_pdf: Rendered) -> None:
    for page in demo_pdf.pdf.pages[3:]:
        text = page.extract_text().replace("\n", "").replace(" ", "")
        assert "取消依据" in text or "市县加强事中事后监管措施" in text
        assert "备注" in text


def test_no_character_of_the_document_is_lost(demo_pdf: Rendered) -> None:
    doc = demo_pdf.doc
    expected = Counter()
    texts = [doc.organ_mark, doc.number, doc.title, doc.recipients, doc.body, doc.signature,
             doc.date, doc.note, *doc.attachment_lines()]
    for annex in doc.annexes:
        texts.append(annex.title)
        for row in annex.rows:
            texts.extend(v for k, v in row.field_values().items() if k not in row.merged_with_above)
    for text in texts:
        expected.update(c for c in text if not c.isspace())
    printed = Counter()
    for page in demo_pdf.pdf.pages:
        printed.update(c["text"] for c in page.chars if not c["text"].isspace())
    assert expected - printed == Counter()


def test_signature_date_and_note_with_seal(demo_pdf: Rendered) -> None:
    page = demo_pdf.pdf.pages[2]
    date = chars_of(page, "2021年2月20日")
    signature = chars_of(page, "嘉祥县人民政府")
    char = 156 / 28 * MM
    assert date[-1]["x1"] == pytest.approx((28 + 156) * MM - 4 * char, abs=TOLERANCE)
    date_centre = (date[0]["x0"] + date[-1]["x1"]) / 2
    signature_centre = (signature[0]["x0"] + signature[-1]["x1"]) / 2
    assert signature_centre == pytest.approx(date_centre, abs=TOLERANCE)
    note = chars_of(page, "（此件公开发布）")
    assert note[0]["x0"] == pytest.approx(28 * MM + 2 * char, abs=TOLERANCE)
    assert note[0]["top"] > date[0]["top"] > signature[0]["top"]
    notes = chars_of(page, "5.市级承接")
    assert signature[0]["top"] - notes[0]["top"] == pytest.approx(4 * 225 / 22 * MM, abs=1)


def test_attachment_notes_align_under_first_annex_name(demo_pdf: Rendered) -> None:
    page = demo_pdf.pdf.pages[1]
    char = 156 / 28 * MM
    first = chars_of(page, "附件：1.")
    second = chars_of(page, "2.省级")
    assert first[0]["x0"] == pytest.approx(28 * MM + 2 * char, abs=TOLERANCE)
    assert second[0]["x0"] == pytest.approx(first[3]["x0"], abs=0.5)


def test_imprint_on_an_even_last_page(imprint_pdf: Rendered) -> None:
    pages = imprint_pdf.pdf.pages
    assert len(pages) % 2 == 0
    last = pages[-1]
    text = last.extract_text()
    assert "抄送：省委各部门" in text.replace(" ", "")
    printer = chars_of(last, "山东省人民政府办公厅")
    date = chars_of(last, "2020年4月10日印发")
    assert printer[0]["size"] == pytest.approx(14)
    assert printer[0]["x0"] == pytest.approx(28 * MM + 14, abs=TOLERANCE)
    assert date[-1]["x1"] == pytest.approx((28 + 156) * MM - 14, abs=TOLERANCE)
    rules = sorted((line for line in last.lines if line["x1"] - line["x0"] > 150 * MM),
                   key=lambda line: line["top"])
    assert [round(r["linewidth"] / MM, 2) for r in rules] == [0.35, 0.25, 0.35]
    assert rules[-1]["top"] == pytest.approx((37 + 225) * MM, abs=0.5)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) 未安装")
def test_every_font_is_embedded(demo_pdf: Rendered) -> None:
    out = subprocess.run(["pdffonts", str(demo_pdf.path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    for line in out:
        columns = line.split()
        assert columns[-5] == "yes", line
