"""`quanze pdf` and `quanze fonts` on the demo database."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain.documents import AnnexRow
from app.pdf.fonts import ROLES, bundled_font, resolve_fonts, system_font_dirs
from app.storage.items import ItemFilter
from app.storage.repository import Repository


def test_notice_prints_pages_and_font_substitutions(demo_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "通知.pdf"
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2021〕2号",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    pages = len(PdfReader(out).pages)
    assert f"共 {pages} 页" in printed
    assert "数量核对" not in printed


def test_count_problems_are_warnings_and_pdf_is_still_written(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Repository.open(demo_db, make_backup=False) as repo:
        doc = repo.document_by_number("嘉政发〔2021〕2号")
        doc.annexes[0].rows.append(AnnexRow(seq="19", name="多出来的一项"))
        repo.save_document(doc)
    out = tmp_path / "n.pdf"
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2021〕2号", "--annex", "1",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "附件1标题和附件说明" in printed and "表中实有19项" in printed
    assert out.exists()


def _missing(wanted: str, printed: str) -> Counter[str]:
    """Characters of ``wanted`` the PDF does not hold (cells wrap, so compare characters)."""
    return Counter("".join(wanted.split())) - Counter(printed)


def _printed(demo_db: Path, out: Path, what: list[str],
             capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Each page's text with spaces and line breaks removed; the page count the CLI reported is checked."""
    assert main(["pdf", "--db", str(demo_db), *what, "--out", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        pages = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    assert f"（共 {len(pages)} 页）" in capsys.readouterr().out
    return pages


def test_responsibility_list_prints_every_duty(demo_db: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with Repository.open(demo_db, readonly=True, make_backup=False) as repo:
        (rlist,) = repo.lists.responsibility_lists()
    pages = _printed(demo_db, tmp_path / "责任清单.pdf", ["--responsibility"], capsys)
    text = "".join(pages)
    assert len(pages) >= len(rlist.duties) // 4 + 1
    assert rlist.department in pages[0]
    wanted = "".join(d.duty + "".join(d.tasks) + d.accountability for d in rlist.duties)
    assert _missing(wanted, text) == Counter()
    starts = [text.find(duty.tasks[0][:4]) for duty in rlist.duties if duty.tasks]
    assert -1 not in starts and starts == sorted(starts)


def test_task_division_prints_every_task_in_order(demo_db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with Repository.open(demo_db, readonly=True, make_backup=False) as repo:
        (division,) = repo.lists.task_divisions()
    pages = _printed(demo_db, tmp_path / "分工.pdf", ["--tasks"], capsys)
    text = "".join(pages)
    assert len(pages) >= 2, "16 long tasks do not fit on one page"
    positions = [text.find(task.task[:4]) for task in division.tasks]
    assert -1 not in positions and positions == sorted(positions)
    wanted = "".join(t.task + t.lead + t.partners + t.deadline for t in division.tasks)
    assert _missing(wanted, text) == Counter()


def test_unknown_document_is_a_clear_error(demo_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2099〕1号",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "嘉政发〔2099〕1号" in capsys.readouterr().err
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2021〕2号", "--annex", "9",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有附件9" in capsys.readouterr().err


ITEM_HEADER = ["序号", "事项名称", "事项类型", "实施部门", "行使层级", "状态"]


def test_item_list_prints_every_match_with_the_header_on_every_page(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "许可.pdf"
    assert main(["pdf", "--db", str(demo_db), "--items", "--type", "行政许可", "--out", str(out)]) == 0
    assert "《行政许可事项清单》共 19 个事项" in capsys.readouterr().out
    with Repository.open(demo_db, readonly=True, make_backup=False) as repo:
        wanted = [r.name for r in repo.items.query(ItemFilter(type="行政许可"))]
        others = [r.name for r in repo.items.query(ItemFilter()) if r.name not in wanted]
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        assert "行政许可事项清单" in pdf.pages[0].extract_text().replace(" ", "")
        tables = [page.extract_tables() for page in pdf.pages]
    assert all(len(found) == 1 and found[0][0] == ITEM_HEADER for found in tables)
    # A name wrapped inside its cell, or continued on the next page, reads back whole.
    names = "".join((row[1] or "").replace("\n", "") for found in tables for row in found[0][1:])
    position = 0
    for name in wanted:
        position = names.index(name.replace(" ", ""), position)
    assert len(wanted) == 19 and not any(name in names for name in others)


def test_item_list_with_filters_and_title(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "公安.pdf"
    assert main(["pdf", "--db", str(demo_db), "--items", "--department", "公安", "--search", "许可",
                 "--title", "公安部门许可事项", "--out", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert "公安部门许可事项" in text and "典当业特种行业许可证核发" in text


def test_item_list_errors(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert main(["pdf", "--db", str(demo_db), "--items", "--search", "不存在的事项",
                 "--out", str(out)]) == 1
    assert "没有符合条件的事项" in capsys.readouterr().err
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2021〕2号", "--type", "行政许可",
                 "--out", str(out)]) == 1
    assert "--type 只用于打印事项清单" in capsys.readouterr().err
    assert not out.exists()


def test_font_override_on_the_command_line(demo_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "仿宋_GB2312.ttf"
    shutil.copy(bundled_font(), copy)
    out = tmp_path / "n.pdf"
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2021〕2号", "--annex", "2",
                 "--font", f"仿宋={copy}", "--font", f"方正小标宋简体={copy}",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "仿宋_GB2312 → AR PL UMing CN（指定的字体文件）" in printed
    assert "方正小标宋简体 → AR PL UMing CN（指定的字体文件）" in printed
    assert out.exists()


def test_bad_font_files_are_named_and_exit_1(demo_db: Path, tmp_path: Path, cff_font: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "说明.ttf"
    text.write_text("这不是字体", encoding="utf-8")
    cases = [
        (f"黑体={tmp_path / 'simhei.ttf'}", "simhei.ttf”不存在"),
        (f"楷体_GB2312={text}", "说明.ttf”不是 TrueType 字体文件"),
        (f"宋体={cff_font}", "SourceHanSerifSC-Regular.otf”是 OpenType（CFF 轮廓）字体"),
        (f"隶书={text}", "没有叫“隶书”的字体角色"),
        ("仿宋", "“角色=字体文件路径”"),
    ]
    out = tmp_path / "x.pdf"
    for spec, message in cases:
        assert main(["pdf", "--db", str(demo_db), "--items", "--font", spec,
                     "--out", str(out)]) == 1, spec
        err = capsys.readouterr().err
        assert err.startswith("错误：") and message in err, err
        assert main(["fonts", "--font", spec]) == 1
        assert message in capsys.readouterr().err
    assert not out.exists()


def test_fonts_lists_each_official_face_its_file_and_where_it_looked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts"]) == 0
    printed = capsys.readouterr().out
    fonts = resolve_fonts()
    for role in ROLES:
        choice = fonts[role]
        assert f"{choice.official_name}" in printed
        assert f"文件：{choice.path}" in printed
    for folder in system_font_dirs():
        assert str(folder) in printed
    assert "FZXBSJW.TTF" in printed and "SIMFANG.TTF" in printed
    copy = tmp_path / "hei.ttf"
    shutil.copy(bundled_font(), copy)
    assert main(["fonts", "--font", f"黑体={copy}"]) == 0
    printed = capsys.readouterr().out
    assert "黑体：用 --font 指定的字体 AR PL UMing CN" in printed
    assert f"文件：{copy}" in printed
