"""Every long job stops the same way: its progress callback says no, it raises the one
`Cancelled`, and no output file is left behind, whole or half."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.matching.upper_list import match_file
from app.notice_import.reader import read_notice
from app.pdf.fonts import resolve_fonts
from app.pdf.printing import print_document
from app.progress import Cancelled
from app.publish import published
from app.publish.output import export_published, print_published
from app.storage.repository import Repository
from app.tables.exporter import export_document
from app.tables.importer import preview_file
from app.tables.roundtrip import export_for_departments
from app.word.notice import write_docx

NUMBER = "嘉政发〔2021〕2号"
ROWS = 5000  # the readers report every few thousand rows


def _stop(_done: int, _total: int) -> bool:
    return False


def _big_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "事项名称", "事项类型", "实施主体"])
    for n in range(1, ROWS + 1):
        ws.append([n, f"事项{n}", "行政许可", "县市场监督管理局"])
    wb.save(path)
    return path


def _notice_pdf(repo: Repository, folder: Path) -> Path:
    path = folder / "来文.pdf"
    print_document(repo.document_by_number(NUMBER), resolve_fonts(), path)
    return path


JOBS: dict[str, Callable[[Repository, Path, Path], object]] = {
    "print notice": lambda repo, _src, out: print_document(
        repo.document_by_number(NUMBER), resolve_fonts(), out / "通知.pdf", progress=_stop),
    "export word": lambda repo, _src, out: write_docx(
        repo.document_by_number(NUMBER), out / "通知.docx", progress=_stop),
    "export annexes": lambda repo, _src, out: export_document(
        repo.document_by_number(NUMBER), out / "附件.xlsx", progress=_stop),
    "department forms": lambda repo, _src, out: export_for_departments(
        repo, NUMBER, out, progress=_stop),
    "publish workbook": lambda repo, _src, out: export_published(
        published.build(repo), out / "清单.xlsx", progress=_stop),
    "publish pdf": lambda repo, _src, out: print_published(
        published.build(repo), resolve_fonts(), out / "清单.pdf", progress=_stop),
    "import workbook": lambda repo, src, _out: preview_file(src, repo, progress=_stop),
    "match upper list": lambda repo, src, _out: match_file(src, repo, progress=_stop),
    "read notice pdf": lambda repo, src, _out: read_notice(
        _notice_pdf(repo, src.parent), repo, progress=_stop),
    "import pdf tables": lambda repo, src, _out: preview_file(
        _notice_pdf(repo, src.parent), repo, progress=_stop),
    "match pdf notice": lambda repo, src, _out: match_file(
        _notice_pdf(repo, src.parent), repo, progress=_stop),
}


@pytest.mark.parametrize("job", JOBS)
def test_a_cancelled_job_raises_the_one_cancelled_and_leaves_no_file(
        job: str, demo_repo: Repository, tmp_path: Path) -> None:
    source = _big_workbook(tmp_path / "上级清单.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    forms_before = demo_repo.lists.report_backs_for(NUMBER)
    with pytest.raises(Cancelled) as raised:
        JOBS[job](demo_repo, source, out)
    assert raised.value.message == "操作已取消，没有写入任何数据。"
    assert list(out.rglob("*")) == []
    assert demo_repo.lists.report_backs_for(NUMBER) == forms_before


def test_a_callback_that_returns_nothing_lets_the_job_run(demo_repo: Repository,
                                                         tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "out"
    sent = export_for_departments(demo_repo, NUMBER, out,
                                  progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(sent.results), len(sent.results))
    assert sorted(p.name for p in out.iterdir()) == sorted(r.path.name for r in sent.results)
    assert all(r.path.parent == out and r.path.exists() for r in sent.results)



def test_the_word_export_counts_every_annex_row(demo_repo: Repository, tmp_path: Path) -> None:
    doc = demo_repo.document_by_number(NUMBER)
    rows = sum(len(a.rows) for a in doc.annexes)
    seen: list[tuple[int, int]] = []
    write_docx(doc, tmp_path / "通知.docx", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (rows, rows) and all(total == rows for _, total in seen)

def test_no_module_defines_its_own_cancelled_or_progress_type() -> None:
    root = Path(__file__).resolve().parents[2]
    own = root / "app" / "progress.py"
    others = [p for folder in ("app", "ui", "quanze") for p in (root / folder).rglob("*.py")
              if p != own and p.exists()]
    offenders = [str(p.relative_to(root)) for p in others
                 if any(line.startswith(("class Cancelled", "Progress =", "ProgressCallback ="))
                        for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
