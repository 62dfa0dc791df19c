"""The demo notice exported to Word, printed by LibreOffice and measured like the PDF (±2 mm)."""

from __future__ import annotations

import itertools
import re
import zipfile
from collections import Counter

import pytest

from tests.app.word.conftest import MM, Converted

TOLERANCE = 2 * MM
CHAR = 156 / 28 * MM
LINE = 225 / 22 * MM
RED = (1.0, 0.0, 0.0)


def run_of(page, text: str) -> list[dict]:
    chars = page.chars
    start = "".join(c["text"] for c in chars).index(text)
    return chars[start:start + len(text)]


def baseline(char: dict, page) -> float:
    """Distance of a character's baseline from the top of its page.

    Baselines, not glyph tops: a glyph's top depends on the font's declared
    ascent, which differs between the PDF back end's embedding and LibreOffice's.
    """
    return page.height - char["matrix"][5]


def find(pdf, text: str) -> tuple[object, list[dict]]:
    for page in pdf.pages:
        if text in "".join(c["text"] for c in page.chars):
            return page, run_of(page, text)
    raise AssertionError(f"“{text}” not printed")


def same_place(converted: Converted, text: str) -> None:
    """``text`` starts where the PDF back end prints it: same page, baseline and left edge."""
    page, run = find(converted.pdf, text)
    ref_page, ref = find(converted.reference, text)
    assert page.page_number == ref_page.page_number, text
    assert baseline(run[0], page) == pytest.approx(baseline(ref[0], ref_page), abs=TOLERANCE), text
    assert run[0]["x0"] == pytest.approx(ref[0]["x0"], abs=TOLERANCE), text


def test_portrait_a4_then_one_landscape_section_per_annex(demo_docx: Converted) -> None:
    pages = demo_docx.pdf.pages
    sizes = [(round(p.width / MM), round(p.height / MM)) for p in pages]
    assert sizes[:3] == [(210, 297)] * 3
    assert set(sizes[3:]) == {(297, 210)}
    labels = [n for n, p in enumerate(pages)
              if any(c["text"] == "附" and c["size"] == pytest.approx(16) and c["top"] < 40 * MM
                     for c in p.chars)]
    assert len(labels) == 5


def test_header_part_where_the_pdf_has_it(demo_docx: Converted) -> None:
    page = demo_docx.pdf.pages[0]
    mark = run_of(page, "嘉祥县人民政府文件")
    assert all(c["non_stroking_color"] == RED for c in mark)
    assert all(c["size"] == pytest.approx(42) for c in mark)
    centre = (mark[0]["x0"] + mark[-1]["x1"]) / 2
    assert centre == pytest.approx((28 + 78) * MM, abs=TOLERANCE)
    same_place(demo_docx, "嘉祥县人民政府文件")
    same_place(demo_docx, "嘉政发〔2021〕2号")
    number = run_of(page, "嘉政发〔2021〕2号")
    assert all(c["size"] == pytest.approx(16) for c in number)
    red = [e for e in page.lines + page.rects
           if tuple(e.get("stroking_color") or ()) == RED or tuple(e.get("non_stroking_color") or ()) == RED]
    assert red
    rule = red[0]
    assert rule["x0"] == pytest.approx(28 * MM, abs=TOLERANCE)
    assert rule["x1"] - rule["x0"] == pytest.approx(156 * MM, abs=TOLERANCE)
    foot = max(baseline(c, page) for c in number) + 0.12 * 16
    assert 4 * MM - TOLERANCE <= rule["top"] - foot <= 4 * MM + TOLERANCE


def test_title_body_and_grid(demo_docx: Converted) -> None:
    page = demo_docx.pdf.pages[0]
    title = run_of(page, "嘉祥县人民政府关于")
    assert all(c["size"] == pytest.approx(22) for c in title)
    same_place(demo_docx, "事宜的通知")
    same_place(demo_docx, "各镇（街道）")
    same_place(demo_docx, "为深入实施")
    body = run_of(page, "为深入实施")
    assert all(c["size"] == pytest.approx(16) for c in body)
    assert body[0]["x0"] == pytest.approx(28 * MM + 2 * CHAR, abs=TOLERANCE)
    second = demo_docx.pdf.pages[1]
    lines = sorted({round(baseline(c, second), 1) for c in second.chars
                    if c["size"] == pytest.approx(16)})
    assert 20 <= len(lines) <= 22
    assert lines[0] == pytest.approx(37 * MM + LINE / 2 + 0.38 * 16, abs=TOLERANCE)
    for a, b in itertools.pairwise(lines):
        assert (b - a) / LINE == pytest.approx(round((b - a) / LINE), abs=0.05)
    widths = Counter(round(baseline(c, second), 1) for c in second.chars
                     if c["size"] == pytest.approx(16) and ord(c["text"]) > 0x2E7F)
    assert max(widths.values()) == 28


def test_attachment_notes_signature_date_and_note(demo_docx: Converted) -> None:
    for text in ("附件：1.", "2.省级", "5.市级", "（此件公开发布）"):
        same_place(demo_docx, text)
    page, date = find(demo_docx.pdf, "2021年2月20日")
    assert date[-1]["x1"] == pytest.approx((28 + 156) * MM - 4 * CHAR, abs=TOLERANCE)
    signature = [c for c in run_of(page, "嘉祥县人民政府") if baseline(c, page) < baseline(date[0], page)]
    signature_page, _ = find(demo_docx.reference, "2021年2月20日")
    ref_sig = [s for s in signature_page.chars if s["text"] == "嘉"][-1]
    assert signature[0]["x0"] == pytest.approx(ref_sig["x0"], abs=TOLERANCE)
    assert baseline(date[0], page) - baseline(signature[0], page) == pytest.approx(LINE, abs=1)


def _portrait_number(page) -> tuple[str, float, float, float]:
    """Text, left, right and top of the page number in the portrait sheet's coordinates."""
    if page.width > page.height:
        foot = sorted((c for c in page.chars if c["x1"] < 30 * MM), key=lambda c: c["top"])
        return ("".join(c["text"] for c in foot), min(c["top"] for c in foot),
                max(c["bottom"] for c in foot), 297 * MM - max(c["x1"] for c in foot))
    foot = sorted((c for c in page.chars if c["top"] > 262 * MM), key=lambda c: c["x0"])
    return ("".join(c["text"] for c in foot), min(c["x0"] for c in foot),
            max(c["x1"] for c in foot), min(c["top"] for c in foot))


def test_page_numbers_on_every_page_odd_right_even_left(demo_docx: Converted) -> None:
    for number, page in enumerate(demo_docx.pdf.pages, start=1):
        text, left, right, top = _portrait_number(page)
        assert text.replace(" ", "") == f"—{number}—", number
        assert top == pytest.approx((37 + 225 + 7) * MM, abs=TOLERANCE), number
        if number % 2:
            assert right == pytest.approx((28 + 156) * MM - 14, abs=TOLERANCE), number
        else:
            assert left == pytest.approx(28 * MM + 14, abs=TOLERANCE), number


def test_every_landscape_page_repeats_the_header_row(demo_docx: Converted) -> None:
    for page in demo_docx.pdf.pages[3:]:
        text = page.extract_text().replace("\n", "").replace(" ", "")
        assert "取消依据" in text or "市县加强事中事后监管措施" in text
        assert "备注" in text
    landscape = demo_docx.pdf.pages[3]
    label = run_of(landscape, "附件1")
    assert label[0]["x0"] == pytest.approx(35 * MM, abs=TOLERANCE)
    assert label[0]["size"] == pytest.approx(16)


def test_no_character_of_the_document_is_lost(demo_docx: Converted) -> None:
    doc = demo_docx.doc
    expected: Counter[str] = Counter()
    texts = [doc.organ_mark, doc.number, doc.title, doc.recipients, doc.body, doc.signature,
             doc.date, doc.note, *doc.attachment_lines()]
    for annex in doc.annexes:
        texts.append(annex.title)
        for row in annex.rows:
            texts.extend(v for k, v in row.field_values().items() if k not in row.merged_with_above)
    for text in texts:
        expected.update(c for c in text if not c.isspace())
    printed: Counter[str] = Counter()
    for page in demo_docx.pdf.pages:
        printed.update(c["text"] for c in page.chars if not c["text"].isspace())
    assert expected - printed == Counter()


def test_imprint_at_the_foot_of_an_even_page(imprint_docx: Converted) -> None:
    last = imprint_docx.pdf.pages[-1]
    number, *_ = _portrait_number(last)
    assert int(number.replace("—", "").strip()) % 2 == 0
    assert "抄送：省委各部门" in last.extract_text().replace(" ", "")
    printer = run_of(last, "山东省人民政府办公厅")
    date = run_of(last, "2020年4月10日印发")
    assert printer[0]["size"] == pytest.approx(14)
    assert printer[0]["x0"] == pytest.approx(28 * MM + 14, abs=TOLERANCE)
    assert date[-1]["x1"] == pytest.approx((28 + 156) * MM - 14, abs=TOLERANCE)
    rules = sorted((e for e in last.lines + last.rects if e["x1"] - e["x0"] > 150 * MM),
                   key=lambda e: e["top"])
    assert [r["linewidth"] / MM for r in rules] == pytest.approx([0.35, 0.25, 0.35], abs=0.02)
    assert rules[-1]["top"] == pytest.approx((37 + 225) * MM, abs=TOLERANCE)


def test_word_file_names_the_standard_faces_and_fields(demo_docx: Converted) -> None:
    with zipfile.ZipFile(demo_docx.docx) as z:
        body = z.read("word/document.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
        settings = z.read("word/settings.xml").decode()
    for face in ("方正小标宋简体", "仿宋_GB2312", "黑体"):
        assert f'w:eastAsia="{face}"' in body
    assert 'w:eastAsia="宋体"' in footers
    assert "evenAndOddHeaders" in settings
    assert footers.count(" PAGE ") >= 4
    assert 'w:vert="vert"' in footers or 'vert="vert"' in footers
    assert "<w:tblHeader" in body
    assert re.search(r'<w:vMerge w:val="restart"/>', body)
    assert 'w:orient="landscape"' in body


def test_heading_levels_in_their_faces(imprint_docx: Converted) -> None:
    with zipfile.ZipFile(imprint_docx.docx) as z:
        body = z.read("word/document.xml").decode()
    heading = re.search(r'<w:r>(?:(?!</w:r>).)*一、总体要求', body)
    assert heading and 'w:eastAsia="黑体"' in heading.group()
    second = re.search(r'<w:r>(?:(?!</w:r>).)*（一）', body)
    assert second and 'w:eastAsia="楷体_GB2312"' in second.group()
    same_place(imprint_docx, "一、总体要求")
