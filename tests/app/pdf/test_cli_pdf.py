"""`quanze pdf` on the demo database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.domain.documents import AnnexRow
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


@pytest.mark.parametrize("what", [["--responsibility"], ["--tasks"]])
def test_lists_print(demo_db: Path, tmp_path: Path, what: list[str]) -> None:
    out = tmp_path / "list.pdf"
    assert main(["pdf", "--db", str(demo_db), *what, "--out", str(out)]) == 0
    assert len(PdfReader(out).pages) >= 1


def test_unknown_document_is_a_clear_error(demo_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2099〕1号",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "嘉政发〔2099〕1号" in capsys.readouterr().err
    assert main(["pdf", "--db", str(demo_db), "--document", "嘉政发〔2021〕2号", "--annex", "9",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有附件9" in capsys.readouterr().err
