"""The published list and responsibility-list import, on the demo plus county items, real files."""

import re
import subprocess

import docx
import openpyxl
import pytest

from app.cli import main
from app.domain.items import PowerItem
from app.publish.published import COLUMNS, NO_DEPARTMENT, build, department_names, split_name
from app.publish.responsibility_import import import_responsibility
from app.tables.errors import FileImportError

HEADERS = ["序号", "事项名称", "子项", "事项类型", "实施依据", "实施主体", "责任事项", "追责情形", "备注"]


@pytest.fixture
def county_repo(demo_repo):
    for name, type_, department in (
            ("公章刻制业审批", "行政许可", "县公安局"),
            ("对违反治安管理行为的处罚", "行政处罚", "县公安局"),
            ("农药经营许可", "行政许可", "县农业农村局"),
            ("工业产品生产许可证企业的监督检查", "行政检查", "县市场监督管理局")):
        demo_repo.save_item(PowerItem(name=name, type=type_, department=department,
                                      basis="《中华人民共和国行政许可法》第十二条"))
    return demo_repo


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_items_in_force_grouped_by_county_department(county_repo):
    published = build(county_repo, date="2021年3月1日")
    by_department = {d.department: d for d in published.departments}
    assert published.total() == 7 + 4
    assert [r.name for r in by_department["县公安局"].rows] == ["公章刻制业审批", "对违反治安管理行为的处罚"]
    market = by_department["县市场监督管理局"]
    product = next(r for r in market.rows if r.name == "工业产品生产许可")
    assert product.sub_items.startswith("建筑用钢筋")
    assert product.remarks.startswith("委托实施")
    assert all(r.duties and r.accountability for d in published.departments for r in d.rows)
    cancelled = {r.name for d in published.departments for r in d.rows}
    assert "典当业特种行业许可证核发" not in cancelled
    assert split_name("肥料登记审批——复混肥登记审批") == ("肥料登记审批", "复混肥登记审批")



def test_the_sections_are_known_without_building_the_list(county_repo):
    county_repo.save_item(PowerItem(name="无主事项", type="行政许可", department="省某某研究会"))
    names = department_names(county_repo)
    assert names == [d.department for d in build(county_repo).departments]
    assert names[-1] == NO_DEPARTMENT and "县公安局" in names

def test_publish_whole_county_and_one_department_as_xlsx(county_repo, demo_db, tmp_path, capsys):
    county_repo.close()
    whole, one = tmp_path / "全县.xlsx", tmp_path / "公安.xlsx"
    assert main(["publish", "--db", str(demo_db), "--out", str(whole)]) == 0
    wb = openpyxl.load_workbook(whole)
    assert wb.sheetnames[0] == "目录" and len(wb.sheetnames) == 1 + 5
    contents = wb["目录"]
    listed = [contents.cell(r, 2).value for r in range(3, contents.max_row + 1)]
    assert "县公安局" in listed
    police = next(ws for ws in wb if ws.title.endswith("县公安局"))
    assert [c.value for c in police[2]] == HEADERS
    assert police["A1"].value == "县公安局权责清单（2项）"

    assert main(["publish", "--db", str(demo_db), "--department", "县公安局", "--out", str(one)]) == 0
    sheet = openpyxl.load_workbook(one).active
    assert sheet.title == "县公安局" and sheet.max_row == 2 + 2
    assert sheet.cell(3, 6).value == "县公安局"
    assert main(["publish", "--db", str(demo_db), "--department", "县教育局", "--out", str(one)]) == 1
    assert "没有在用的事项" in capsys.readouterr().err


def test_publish_pdf_has_title_page_and_contents_with_page_numbers(county_repo, demo_db, tmp_path):
    county_repo.close()
    out = tmp_path / "全县.pdf"
    assert main(["publish", "--db", str(demo_db), "--date", "2021-03-01", "--out", str(out)]) == 0
    pages = pdf_text(out).split("\f")
    assert "嘉祥县权责清单" in pages[0] and "2021年3月1日" in pages[0]
    assert "目" in pages[1] and "录" in pages[1]
    entries = dict(re.findall(r"\d+．(\S+?)（\d+项）[ ·]*(\d+)", pages[1]))
    assert len(entries) == 5
    for department, page in entries.items():
        assert f"{department}权责清单" in "".join(pages[int(page) - 1].split())
    raw = subprocess.run(["pdftotext", "-f", entries["县公安局"], "-l", entries["县公安局"],
                          str(out), "-"], capture_output=True, text=True, check=True).stdout
    police = "".join(raw.split())
    assert "公章刻制业审批" in police and "追责情形" in police


def test_responsibility_list_from_xlsx_with_merged_duty_cells(tmp_path, demo_db, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["35、县市场监督管理局责任清单"])
    ws.append(["序号", "主要职责", "具体责任事项", "追责依据及追责情形"])
    ws.append([1, "负责工业产品生产许可管理", "①受理工业产品生产许可申请。②实施监督检查。",
               "《工业产品生产许可证管理条例》第五十九条"])
    ws.append([None, None, "③查处无证生产行为。", None])
    ws.append(["序号", "主要职责", "具体责任事项", "追责依据及追责情形"])
    ws.append([2, "负责计量工作", "①依法管理计量器具。\n②组织仲裁检定。", "《计量法》"])
    for ref in ("A3:A4", "B3:B4", "D3:D4"):
        ws.merge_cells(ref)
    path = tmp_path / "责任清单.xlsx"
    wb.save(path)
    imported = import_responsibility(path)
    rlist = imported.rlist
    assert rlist.department == "县市场监督管理局"
    assert [d.duty for d in rlist.duties] == ["负责工业产品生产许可管理", "负责计量工作"]
    assert rlist.duties[0].tasks == ["①受理工业产品生产许可申请。", "②实施监督检查。", "③查处无证生产行为。"]

    assert main(["responsibility-import", str(path), "--db", str(demo_db)]) == 0
    assert "已导入“县市场监督管理局”的责任清单：主要职责 2 项" in capsys.readouterr().out
    out = tmp_path / "市场.xlsx"
    assert main(["publish", "--db", str(demo_db), "--department", "县市场监督管理局",
                 "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 2).value == "工业产品生产许可")
    assert sheet.cell(row, 7).value.startswith("①受理工业产品生产许可申请。")
    assert sheet.cell(row, 8).value == "《工业产品生产许可证管理条例》第五十九条"


def test_responsibility_list_from_docx_boundaries_and_services(tmp_path):
    document = docx.Document()
    document.add_paragraph("县农业农村局责任清单")
    table = document.add_table(rows=3, cols=5)
    for row, values in enumerate((("管理事项", "相关部门", "职责分工及协调配合机制", "相关依据", "事例"),
                                  ("农药监管", "县农业农村局", "负责农药经营许可。", "《农药管理条例》", ""),
                                  ("", "县市场监督管理局", "负责农药流通环节质量监管。", "", ""))):
        for column, text in enumerate(values):
            table.cell(row, column).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    services = document.add_table(rows=2, cols=5)
    for row, values in enumerate((("序号", "服务事项", "主要内容", "承办机构", "联系电话"),
                                  ("1", "农技咨询", "提供农业技术咨询", "农技站", "0537-6851234"))):
        for column, text in enumerate(values):
            services.cell(row, column).text = text
    path = tmp_path / "责任清单.docx"
    document.save(path)
    rlist = import_responsibility(path).rlist
    assert rlist.department == "县农业农村局"
    (boundary,) = rlist.boundaries
    assert boundary.matter == "农药监管"
    assert [p.department for p in boundary.parts] == ["县农业农村局", "县市场监督管理局"]
    assert rlist.public_services[0].phone == "0537-6851234"


def test_a_file_without_responsibility_tables_is_a_plain_message(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "事项名称", "事项类型"])
    path = tmp_path / "别的表.xlsx"
    wb.save(path)
    with pytest.raises(FileImportError, match=r"别的表\.xlsx.*部门名称"):
        import_responsibility(path)
    with pytest.raises(FileImportError, match="没有找到责任清单的表格"):
        import_responsibility(path, department="县公安局")


def test_columns_are_the_official_layout():
    assert [c.header for c in COLUMNS] == HEADERS
