import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from app.domain.documents import AnnexRow
from app.domain.items import PowerItem
from app.storage.items import ItemFilter
from app.tables.exporter import export_annex, export_document, export_items
from app.tables.sheet import MAX_ROW_PT


def test_document_workbook_looks_like_the_official_tables(demo_doc, tmp_path):
    path = tmp_path / "notice.xlsx"
    result = export_document(demo_doc, path)
    assert result.sheets == 5 and result.rows == 36
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["附件1", "附件2", "附件3", "附件4", "附件5"]
    ws = wb["附件1"]
    assert ws["A1"].value == "附件1" and ws["A1"].font.name == "黑体"
    assert ws["A2"].value == "取消行政权力事项（18项）"
    assert "A2:G2" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[3]] == ["序号", "原实施\n部门", "事项名称及\n权限", "事项类型",
                                        "取消依据", "加强事中事后监管措施", "备注"]
    header = ws["C3"]
    assert header.font.name == "黑体" and header.alignment.wrap_text
    assert header.alignment.horizontal == "center"
    body = ws["F5"]
    assert body.font.name == "仿宋_GB2312" and 10 <= body.font.size <= 12
    assert body.alignment.wrap_text and body.border.left.style == "thin"
    assert ws["A4"].value == 1
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert ws.freeze_panes == "A4"


def test_row_heights_follow_the_text(demo_doc, tmp_path):
    path = tmp_path / "a2.xlsx"
    export_annex(demo_doc, 2, path)
    ws = openpyxl.load_workbook(path)["附件2"]
    heights = {r: ws.row_dimensions[r].height for r in range(4, 11)}
    lengths = {r: len(ws.cell(r, 5).value or "") for r in range(4, 9)}
    longest = max(lengths, key=lengths.get)
    shortest = min(lengths, key=lengths.get)
    assert heights[longest] > 1.3 * heights[shortest]
    assert all(h and h <= MAX_ROW_PT for h in heights.values())
    # rows 6 and 7 share one 765-character measures cell: its height is spread over both
    assert heights[9] == heights[10] and heights[9] + heights[10] > 2 * heights[longest]


def test_merged_measures_become_one_merged_cell(demo_doc, tmp_path):
    path = tmp_path / "a2.xlsx"
    export_annex(demo_doc, 2, path)
    ws = openpyxl.load_workbook(path)["附件2"]
    # rows 6 and 7 of annex 2 share one measures cell (row 7 merged_with_above)
    assert "E9:E10" in {str(r) for r in ws.merged_cells.ranges}


def test_text_that_looks_like_a_formula_stays_text(demo_doc, tmp_path):
    annex = demo_doc.annexes[0]
    annex.rows = [AnnexRow(seq="1", department="县公安局", name="=HYPERLINK(\"x\")",
                           type="行政许可", basis="+86 依据", measures="-1. 措施", remarks="@备注")]
    path = tmp_path / "formula.xlsx"
    export_annex(demo_doc, 1, path)
    ws = openpyxl.load_workbook(path)["附件1"]
    assert [ws.cell(4, c).data_type for c in (3, 5, 6, 7)] == ["s"] * 4
    assert ws["C4"].value == "=HYPERLINK(\"x\")"
    values = openpyxl.load_workbook(path, data_only=True)["附件1"]
    assert values["C4"].value == "=HYPERLINK(\"x\")"


def test_filtered_items_export(demo_repo, tmp_path):
    rows = demo_repo.items.query(ItemFilter(type="行政许可"))
    path = tmp_path / "items.xlsx"
    export_items(rows, path, title="行政许可事项")
    ws = openpyxl.load_workbook(path)["事项"]
    assert ws["A1"].value == f"行政许可事项（{len(rows)}项）"
    assert ws.cell(2 + len(rows), 3).value == rows[-1].name
    full = [demo_repo.items.get(r.id) for r in rows[:3]]
    export_items(full, path)
    ws = openpyxl.load_workbook(path)["事项"]
    assert "设定依据" in [c.value for c in ws[2]]
    assert isinstance(full[0], PowerItem)


@pytest.mark.slow
def test_libreoffice_prints_the_workbook_without_repair(demo_doc, tmp_path, xl):
    path = tmp_path / "notice.xlsx"
    export_document(demo_doc, path)
    pdf = xl.convert(path, "pdf", tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 5
    text = reader.pages[0].extract_text()
    assert "取消行政权力事项" in text and "序号" in text
    second = reader.pages[1].extract_text()
    assert "序号" in second  # header row repeated on the next printed page
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
