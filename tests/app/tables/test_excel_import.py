import gc

import docx
import openpyxl
import pytest

from app.domain.documents import ROW_FIELDS
from app.storage.errors import UserError
from app.tables.exporter import export_annex, export_document
from app.tables.importer import preview_all, preview_file, save_into_document

TARGET = "测试〔2021〕1号"


def fields(row):
    return {**row.field_values(), "merged": row.merged_with_above}


def test_every_exported_annex_reads_back_identically(demo_doc, target_doc, tmp_path):
    path = tmp_path / "notice.xlsx"
    export_document(demo_doc, path)
    previews = preview_all(path, target_doc)
    assert [p.annex_number for p in previews] == [1, 2, 3, 4, 5]
    assert all(not p.warnings for p in previews)
    save_into_document(target_doc, TARGET, previews)
    imported = target_doc.document_by_number(TARGET)
    assert [a.title for a in imported.annexes] == [a.title for a in demo_doc.annexes]
    assert [a.layout for a in imported.annexes] == [a.layout for a in demo_doc.annexes]
    for mine, theirs in zip(imported.annexes, demo_doc.annexes, strict=True):
        assert [fields(r) for r in mine.rows] == [fields(r) for r in theirs.rows]
        assert [(r.change_kind, r.change_level) for r in mine.rows] == \
               [(r.change_kind, r.change_level) for r in theirs.rows]
    assert any(r.merged_with_above for a in imported.annexes for r in a.rows)


def test_single_annex_file_replaces_an_annex(demo_doc, demo_repo, tmp_path):
    path = tmp_path / "a3.xlsx"
    export_annex(demo_doc, 3, path)
    preview = preview_file(path, demo_repo)
    assert preview.annex_number == 3 and len(preview.rows) == 4
    save_into_document(demo_repo, demo_doc.number, [preview], annex_number=1)
    doc = demo_repo.document_by_number(demo_doc.number)
    assert len(doc.annexes) == 5
    assert [r.name for r in doc.annexes[0].rows] == [r.name for r in demo_doc.annexes[2].rows]


def write_docx_annex(annex, path, number):
    document = docx.Document()
    document.add_paragraph(f"附件{number}")
    document.add_paragraph(annex.title)
    headers = ["序号", "原实施\n部门", "事项名称及\n权限", "事项类型", "市县加强事中事后监管措施", "备注"]
    keys = ["seq", "department", "name", "type", "measures", "remarks"]
    table = document.add_table(rows=1 + len(annex.rows), cols=len(headers))
    for c, text in enumerate(headers):
        table.cell(0, c).text = text
    for r, row in enumerate(annex.rows, start=1):
        for c, key in enumerate(keys):
            if key not in row.merged_with_above:
                table.cell(r, c).text = getattr(row, key)
    for r, row in enumerate(annex.rows, start=1):
        for c, key in enumerate(keys):
            if key in row.merged_with_above:
                table.cell(r - 1, c).merge(table.cell(r, c))
    document.save(path)


def test_word_annex_table_with_vertical_merge_reads_back(demo_doc, target_doc, tmp_path):
    annex = demo_doc.annexes[1]
    assert any(r.merged_with_above for r in annex.rows)
    path = tmp_path / "annex2.docx"
    write_docx_annex(annex, path, 2)
    xml = docx.Document(str(path)).tables[0]._tbl.xml
    assert "w:vMerge" in xml and "<w:br/>" in xml
    preview = preview_file(path, target_doc)
    assert preview.sheet == "表格1" and preview.annex_number == 2
    assert preview.title == annex.title and preview.layout.id == "cancelled_above"
    assert [fields(r) for r in preview.rows] == [fields(r) for r in annex.rows]


MESSY = [
    ["附件1"],
    ["取消行政权力事项（3项）"],
    [],
    ["事项\n类型", "序 号", "事项名称", "实施部门", None, "监管措施", "备注说明", "依据"],
    ["行政\n许可", "１", "行政\n许可事项甲", "省自然\n资源厅", None,
     "取消后加强监管：\n1. 第一条\n2、第二条\n（1）细则①项", "\u3000", "《条例》 "],
    [None, None, "\u3000", None, None, None, None, None],
    ["事项类型", "序号", "事项名称", "实施部门", None, "监管措施", "备注说明", "依据"],
    ["行政许可  ", 2, "事项乙", "市住建局", None, "共同措施", None, "《办法》"],
    ["行政审批", "3", "事项丙", "市住建局", None, "共同措施", "备注丙", "《办法》"],
    ["注：本表由县审改办汇总。"],
    ["1. 注释的续行"],
]


def write_messy(path, xl):
    return xl.write_xlsx(path, MESSY, merges=["A2:H2", "D8:D9", "F8:F9", "A10:H10", "A11:H11"])


def check_messy(preview):
    assert preview.layout.id == "cancel"
    assert preview.title == "取消行政权力事项（3项）" and preview.annex_number == 1
    assert preview.header_row == 4
    rows = preview.rows
    assert len(rows) == 3
    first = rows[0]
    assert (first.seq, first.type, first.department, first.name) == (
        "1", "行政许可", "省自然资源厅", "行政许可事项甲")
    assert first.measures == "取消后加强监管：\n1. 第一条\n2、第二条\n（1）细则①项"
    assert first.remarks == "" and first.basis == "《条例》"
    assert rows[1].seq == "2" and rows[1].type == "行政许可"
    assert rows[1].department == rows[2].department == "市住房城乡建设局"
    assert rows[2].measures == "共同措施" and rows[2].remarks == "备注丙"
    assert sorted(rows[2].merged_with_above) == ["department", "measures"]
    assert rows[0].merged_with_above == rows[1].merged_with_above == []
    (warning,) = [w for w in preview.warnings if "类型" in w.message]
    assert (warning.row, warning.column) == (9, "事项类型")
    assert "行政审批" in warning.message


def test_messy_xlsx(demo_repo, tmp_path, xl):
    check_messy(preview_file(write_messy(tmp_path / "messy.xlsx", xl), demo_repo))


@pytest.mark.slow
def test_messy_xls_made_by_libreoffice(demo_repo, tmp_path, xl):
    xls = xl.convert(write_messy(tmp_path / "messy.xlsx", xl), "xls", tmp_path / "out")
    assert xls.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    check_messy(preview_file(xls, demo_repo))


def test_dry_run_json_shape(demo_repo, tmp_path, xl):
    data = preview_file(write_messy(tmp_path / "messy.xlsx", xl), demo_repo).as_json()
    assert data["layout"] == "cancel"
    assert set(data["rows"][0]) == set(ROW_FIELDS)
    assert set(data["warnings"][0]) == {"sheet", "row", "column", "message"}


def test_merged_header_cells_are_read(demo_repo, tmp_path, xl):
    rows = [["序号", "事项名称", "事项类型", "监管措施", None],
            [None, None, None, "措施", "责任部门"],
            ["1", "事项甲", "行政许可", "措施甲", "县公安局"]]
    path = xl.write_xlsx(tmp_path / "mh.xlsx", rows, merges=["A1:A2", "B1:B2", "C1:C2", "D1:E1"])
    preview = preview_file(path, demo_repo)
    assert [(r.seq, r.name, r.type, r.measures) for r in preview.rows] == [
        ("1", "事项甲", "行政许可", "措施甲")]
    assert any("E列" in w.message for w in preview.warnings)


def test_user_layout_is_offered_for_the_next_file(demo_repo, tmp_path, xl):
    headers = ["编码", "权力名称", "权力类型", "行使部门", "其他"]
    rows = [headers, ["A1", "事项甲", "行政许可", "县公安局", "x"]]
    path = xl.write_xlsx(tmp_path / "odd.xlsx", rows)
    with demo_repo.transaction():
        layout = demo_repo.layouts.save(
            "某县格式", headers, ["remarks", "name", "type", "department", ""])
    second = xl.write_xlsx(tmp_path / "odd2.xlsx", [[" 编 码", "权力\n名称", *headers[2:]],
                                                  ["B2", "事项乙", "行政处罚", "县公安局", "y"]])
    for file, name in ((path, "事项甲"), (second, "事项乙")):
        preview = preview_file(file, demo_repo)
        assert preview.layout.id == layout.id
        assert [r.name for r in preview.rows] == [name]
    assert openpyxl.load_workbook(second).active["A1"].value == " 编 码"


def test_the_cycle_collector_is_back_on_after_reading(demo_repo, tmp_path, xl):
    good = xl.write_xlsx(tmp_path / "good.xlsx", [["序号", "事项名称"], ["1", "许可事项"]])
    no_header = xl.write_xlsx(tmp_path / "none.xlsx", [["甲", "乙"], ["1", "2"]])
    assert preview_all(good, demo_repo)[0].rows[0].name == "许可事项"
    assert gc.isenabled()
    with pytest.raises(UserError, match="没有找到可识别的表头"):
        preview_all(no_header, demo_repo)
    assert gc.isenabled()
    gc.disable()
    try:
        preview_all(good, demo_repo)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
