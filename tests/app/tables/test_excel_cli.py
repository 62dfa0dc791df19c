import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.progress import Cancelled
from app.storage.repository import Repository
from app.tables.exporter import export_document
from app.tables.importer import preview_file
from tests import sqlite_file

ROOT = Path(__file__).parents[3]
NUMBER = "嘉政发〔2021〕2号"


def annex_rows(db):
    return sqlite_file.value(db, "SELECT count(*) FROM annex_rows")


def test_dry_run_json_writes_nothing(demo_db, tmp_path, xl):
    path = xl.write_xlsx(tmp_path / "in.xlsx", [
        ["附件1"], ["取消行政权力事项（1项）"],
        ["序号", "原实施部门", "事项名称及权限", "事项类型", "取消依据", "加强事中事后监管措施", "备注"],
        ["１", "省工信厅", "行政\n许可事项", "行政许可", "依据", "措施：\n1. 一\n2. 二", "\u3000"]])
    before = annex_rows(demo_db)
    result = subprocess.run(
        [sys.executable, "-m", "quanze", "import", str(path), "--db", str(demo_db), "--dry-run",
         "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["layout"] == "cancel" and data["warnings"] == []
    assert data["rows"] == [{"seq": "1", "department": "省工业和信息化厅", "name": "行政许可事项",
                             "type": "行政许可", "basis": "依据", "measures": "措施：\n1. 一\n2. 二",
                             "remarks": ""}]
    assert annex_rows(demo_db) == before


def test_import_into_a_document_and_export_again(demo_db, tmp_path, capsys):
    whole = tmp_path / "whole.xlsx"
    assert main(["export-excel", "--db", str(demo_db), "--document", NUMBER,
                 "--out", str(whole)]) == 0
    assert "5 个工作表、36 行" in capsys.readouterr().out
    assert main(["import", str(whole), "--db", str(demo_db), "--document", NUMBER,
                 "--annex", "6", "--sheet", "附件4"]) == 0
    assert annex_rows(demo_db) == 36 + 3
    one = tmp_path / "dept.xlsx"
    assert main(["export-excel", "--db", str(demo_db), "--document", NUMBER, "--annex", "2",
                 "--department", "省自然资源厅", "--out", str(one)]) == 0
    ws = openpyxl.load_workbook(one)["附件2"]
    assert ws["A2"].value == "省级取消后需市县加强监管的事项（3项）"


def test_roundtrip_commands(demo_db, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["roundtrip", "export", "--db", str(demo_db), "--document", NUMBER,
                 "--out", str(out)]) == 0
    assert "共导出 12 个部门的反馈表，报送期限 2021-02-21" in capsys.readouterr().out
    path = out / "县文化和旅游局_嘉政发〔2021〕2号_反馈表.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["附件4"]["G4"] = "已承接"
    wb.save(path)
    assert main(["roundtrip", "import", str(path), "--db", str(demo_db)]) == 0
    listing = capsys.readouterr().out
    assert "改动 1 处" in listing and "已承接" in listing and "未写入" in listing
    assert main(["roundtrip", "import", str(path), "--db", str(demo_db), "--accept-all"]) == 0
    assert "已采纳 1 处改动" in capsys.readouterr().out
    with Repository.open(demo_db, readonly=True) as repo:
        assert repo.document_by_number(NUMBER).annexes[3].rows[1].remarks == "已承接"


def test_progress_can_cancel(demo_doc, demo_repo, tmp_path, xl):
    path = tmp_path / "doc.xlsx"
    seen = []
    export_document(demo_doc, path, progress=lambda done, total: seen.append(done) or True)
    assert seen
    big = xl.write_xlsx(tmp_path / "big.xlsx", [["序号", "事项名称"]] + [[n, f"事项{n}"]
                                                                   for n in range(5000)])
    with pytest.raises(Cancelled):
        preview_file(big, demo_repo, progress=lambda done, total: False)


def test_unknown_document_is_a_message(demo_db, tmp_path, capsys):
    assert main(["export-excel", "--db", str(demo_db), "--document", "无此文号",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "无此文号" in capsys.readouterr().err


def test_a_file_whose_name_starts_with_a_dash_is_read(demo_db, tmp_path, capsys, xl,
                                                      monkeypatch):
    xl.write_xlsx(tmp_path / "-附件.xlsx", [
        ["序号", "原实施部门", "事项名称及权限", "事项类型", "取消依据", "加强事中事后监管措施", "备注"],
        ["1", "省工信厅", "许可事项", "行政许可", "依据", "措施", ""]])
    monkeypatch.chdir(tmp_path)
    assert main(["import", "-附件.xlsx", "--db", str(demo_db), "--dry-run", "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["rows"][0]["name"] == "许可事项"
    with pytest.raises(SystemExit):
        main(["import", "-没有这个文件.xlsx", "--db", str(demo_db)])


def test_json_rows_are_written_as_json_writes_them(demo_db, tmp_path, xl, capsys):
    path = xl.write_xlsx(tmp_path / "in.xlsx", [
        ["序号", "事项名称", "事项类型", "实施部门", "备注"],
        ["1", "许可\n事项", "行政许可", "县教育局", "\"引号\" \\ 反斜杠\t制表\n1. 一行"],
        ["2", "", "奇怪类型", "县教育局", "\u2028"]])
    assert main(["import", str(path), "--db", str(demo_db), "--dry-run", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["rows"][0]["remarks"] == "\"引号\" \\ 反斜杠\t制表\n1. 一行"
    assert [w["row"] for w in data["warnings"]] == [3, 3]
    lines = out.splitlines()
    for row in data["rows"]:
        assert "  " + json.dumps(row, ensure_ascii=False) in {line.rstrip(",") for line in lines}
    for warning in data["warnings"]:
        assert "  " + json.dumps(warning, ensure_ascii=False) in {line.rstrip(",") for line in lines}
