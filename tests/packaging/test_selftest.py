"""`quanze --self-test` run from the source tree: the files it makes are real and what it says is true."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from app import paths, selftest
from quanze.main import WINDOW_CHECK, main

pytestmark = pytest.mark.gui


def test_self_test_passes_and_its_numbers_match_the_files(qapp, tmp_path: Path) -> None:
    lines: list[str] = []
    folder = tmp_path / "selftest"
    assert selftest.run(lines.append, folder, [WINDOW_CHECK]) == 0
    assert [line.split("]")[0] for line in lines[1:5]] == ["[通过"] * 4
    assert lines[-1].startswith("自检通过：共 4 项")

    pdf_line = next(line for line in lines if line.startswith("[通过] 通知 PDF"))
    pages = int(re.search(r"共 (\d+) 页", pdf_line).group(1))
    assert pages == len(PdfReader(folder / "通知.pdf").pages) > 1

    excel_line = next(line for line in lines if line.startswith("[通过] 附件表格"))
    rows = int(re.search(r"共 (\d+) 行", excel_line).group(1))
    workbook = openpyxl.load_workbook(folder / "附件.xlsx", read_only=True)
    assert workbook.sheetnames == [f"附件{n}" for n in range(1, 6)]
    assert rows == 36

    shot = QImage(str(folder / "窗口截图.png"))
    assert (shot.width(), shot.height()) == (1280, 800)
    assert "界面中文字体" in lines[4] and "offscreen" in lines[4]
    assert f"打印预览显示 PDF 第 1 页（共 {pages} 页）" in lines[4]
    preview = QImage(str(folder / "预览.png"))
    assert preview.height() > preview.width() > 200


def test_command_line_self_test_leaves_the_user_data_folder_alone(
        qapp, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "自检通过" in out
    assert out.count("[通过]") == 4
    assert not data_dir.exists()


def test_missing_component_fails_with_a_chinese_message(
        qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a build that lost the Excel back end would print."""
    monkeypatch.setitem(sys.modules, "app.tables.exporter", None)
    lines: list[str] = []
    assert selftest.run(lines.append, tmp_path / "st", [WINDOW_CHECK]) == 1
    excel = next(line for line in lines if "附件表格" in line)
    assert excel.startswith("[失败] 附件表格：缺少组件 app.tables")
    assert lines[-1].startswith("自检未通过")
    assert str(tmp_path / "st") in lines[-1]
    assert "app.tables.exporter" in (tmp_path / "st" / "自检日志.txt").read_text(encoding="utf-8")


def test_without_demo_data_the_other_checks_do_not_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "install"
    empty.mkdir()
    monkeypatch.setattr(paths, "shipped_data_dir", lambda: empty / "data")
    lines: list[str] = []
    assert selftest.run(lines.append, tmp_path / "st", [WINDOW_CHECK]) == 1
    assert lines[1].startswith("[失败] 示例数据库：出错：FileNotFoundError")
    assert all("未运行" in line for line in lines[2:5])
