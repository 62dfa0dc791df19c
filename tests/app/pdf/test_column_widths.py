"""Column widths from content: short columns keep one line, the wrapping ones share the rest."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import docx
import pdfplumber

from app.domain.documents import Annex, AnnexRow, Document
from app.pdf.fonts import FontSet
from app.pdf.printing import print_annex
from app.pdf.widths import content_widths
from app.word.notice import write_docx

MEASURES = ("取消许可后，市场监管部门要通过以下措施加强监管：\n"
            "1. 开展“双随机、一公开”监管，根据风险状况确定抽查比例和频次，发现违法违规行为依法查处并公开结果。\n"
            "2. 依法实施信用监管，将企业行政处罚等信息归集至国家企业信用信息公示系统，依法向社会公示。")


def _width(text: str) -> float:
    return 10.0 * len(text)


def test_short_columns_get_their_longest_line_and_the_main_column_the_rest() -> None:
    rows = [["1", "行政许可", "很长的措施" * 30], ["12", "行政处罚", "短"]]
    widths = content_widths(["序号", "事项类型", "措施"], [5, 13, 56], rows, _width, _width,
                            total=600, padding=4, em=10)
    assert abs(sum(widths) - 600) < 1e-6
    assert widths[0] == 20 + 4  # the header 序号 is wider than "12"
    assert widths[1] == 40 + 4
    assert widths[2] == 600 - 24 - 44


def test_long_columns_share_the_width_so_no_row_is_taller_than_needed() -> None:
    rows = [[f"第{n}号事项的审批" * 3, "措施" * 150] for n in range(50)]
    widths = content_widths(["事项名称", "措施"], [26, 56], rows, _width, _width,
                            total=500, padding=0, em=10)
    name_lines = -(-_width(rows[0][0]) // (widths[0] - 5))
    measure_lines = -(-_width(rows[0][1]) // (widths[1] - 5))
    assert name_lines <= measure_lines
    assert widths[0] < widths[1]


def test_header_lines_and_numbers_are_never_cut() -> None:
    rows = [["GB/T9704-2012", "措施" * 400]]
    widths = content_widths(["依据", "加强事中事后\n监管措施"], [10, 56], rows, _width, _width,
                            total=300, padding=0, em=10)
    assert widths[0] >= _width("GB/T9704-2012")
    assert widths[1] >= _width("加强事中事后")


def test_too_many_columns_for_the_page_fall_back_to_the_layout_weights() -> None:
    headers = ["很长的表头文字"] * 6
    widths = content_widths(headers, [1, 1, 1, 1, 1, 3], [["x"] * 6], _width, _width,
                            total=200, padding=0, em=10)
    assert widths == [25.0] * 5 + [75.0]


def _annex(rows: int) -> Annex:
    return Annex("取消行政权力事项", "cancel", [
        AnnexRow(seq=str(n), department=f"县第{n % 7}局", name=f"第{n}号事项的审批和监督检查",
                 type="行政许可", basis="《某某管理条例》第十条",
                 measures=MEASURES.replace("频次", f"第{n}类频次"),
                 remarks="改为备案" if n % 5 == 0 else "")
        for n in range(1, rows + 1)])


def test_printed_annex_keeps_short_cells_on_one_line(fonts: FontSet, tmp_path: Path) -> None:
    annex = _annex(80)
    out = tmp_path / "annex.pdf"
    pages = print_annex(annex, fonts, out)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == pages
        text = "\n".join(page.extract_text() for page in pdf.pages)
        page = pdf.pages[0]
        xs = sorted({round(line["x0"], 1) for line in page.lines
                     if abs(line["x0"] - line["x1"]) < 0.1})
    widths = [b - a for a, b in pairwise(xs)]
    assert len(widths) == 7
    assert text.count("行政许可") == 80  # never broken over two lines
    assert text.count("改为备案") == 16
    assert max(widths) == widths[5]  # 加强事中事后监管措施
    assert widths[5] > 0.45 * sum(widths)
    assert widths[0] < 0.06 * sum(widths)


DEPARTMENTS = ("市、县级自然资源管理部门", "市、县级民族宗教事务部门")
BASIS = ("原设定依据为原《山东省测绘管理条例》。\n《山东省测绘管理条例》已废止，2019年11月29日"
         "山东省第十三届人民代表大会常务委员会第十五次会议通过的《山东省测绘地理信息条例》中已无相关规定。")


def _without_measures(rows: int) -> Annex:
    return Annex("取消行政权力事项", "cancel", [
        AnnexRow(seq=str(n), department=DEPARTMENTS[n % 2],
                 name=f"伪造、涂改、转借、转让测绘资质证书、测绘执业资格证书的第{n}项处罚",
                 type="行政处罚", basis=BASIS)
        for n in range(1, rows + 1)])


def _column_lines(page, left: float, right: float) -> list[int]:
    """Printed lines of each body row's cell between two vertical rules."""
    ys = sorted({round(line["top"], 1) for line in page.lines
                 if abs(line["top"] - line["bottom"]) < 0.1})
    counts = []
    for top, bottom in pairwise(ys[1:]):
        tops = {round(c["top"]) for c in page.chars
                if left < c["x0"] < right and top < c["top"] < bottom}
        counts.append(len(tops))
    return counts


def test_empty_measures_leave_their_room_to_the_department(fonts: FontSet, tmp_path: Path) -> None:
    """An annex without measures: the department, not the empty column, gets the width."""
    out = tmp_path / "annex.pdf"
    print_annex(_without_measures(12), fonts, out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        xs = sorted({round(line["x0"], 1) for line in page.lines
                     if abs(line["x0"] - line["x1"]) < 0.1})
        text = page.extract_text()
        department = _column_lines(page, xs[1], xs[2])
        measures = page.crop((xs[5], 0, xs[6], page.height)).extract_text()
    assert len(xs) == 8
    assert department and min(department) >= 1 and max(department) <= 2
    assert "市、县级自然资源管理部门" not in text  # wrapped, but only once
    assert measures.replace("\n", "").startswith("加强事中事后监管措施")
    assert xs[6] - xs[5] < xs[2] - xs[1]


def test_word_annex_shares_the_same_widths(tmp_path: Path) -> None:
    """The Word export sizes its table columns the same way: the empty column stays narrow."""
    out = tmp_path / "annex.docx"
    write_docx(Document(number="测试〔2021〕1号", title="测试", annexes=[_without_measures(12)]),
               out, annex=1)
    grid = docx.Document(str(out)).tables[0]._tbl.tblGrid.gridCol_lst
    widths = [col.w.pt for col in grid]
    assert len(widths) == 7
    assert widths[1] >= 6 * 10.5  # 原实施部门: six characters of 五号 or more, two lines
    assert widths[5] < widths[1]  # 加强事中事后监管措施, empty
