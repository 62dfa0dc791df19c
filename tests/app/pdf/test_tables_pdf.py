"""Landscape table prints read back: header on every page, merged cells, split rows, cancel."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from app.domain.documents import Annex, AnnexRow
from app.domain.items import PowerItem
from app.pdf.fonts import FontSet
from app.pdf.printing import (
    print_annex,
    print_item_list,
    print_responsibility,
    print_tasks,
)
from app.progress import Cancelled
from app.storage.repository import Repository

LONG = "市场监管部门要通过“双随机、一公开”监管、重点监管、信用监管等方式加强监管，发现违法违规行为要依法查处。"


def _annex(rows: int, measures_repeat: int = 2) -> Annex:
    return Annex("取消行政权力事项", "cancel", [
        AnnexRow(seq=str(n), department="县级市场监管部门" if n % 3 else "县级公安部门",
                 name=f"事项名称第{n}号", type="行政许可", basis="《条例》第十条",
                 measures=LONG * measures_repeat,
                 merged_with_above=["department"] if n % 3 == 2 else [])
        for n in range(1, rows + 1)])


def _chars(path: Path) -> tuple[int, Counter, list[str]]:
    with pdfplumber.open(path) as pdf:
        counter = Counter()
        texts = []
        for page in pdf.pages:
            counter.update(c["text"] for c in page.chars if not c["text"].isspace())
            texts.append(page.extract_text().replace("\n", "").replace(" ", ""))
        return len(pdf.pages), counter, texts


def test_header_on_every_page_and_nothing_lost(fonts: FontSet, tmp_path: Path) -> None:
    annex = _annex(60)
    out = tmp_path / "annex.pdf"
    pages = print_annex(annex, fonts, out, number=2)
    count, printed, texts = _chars(out)
    assert pages == count > 3
    assert texts[0].startswith("附件2")
    assert all("加强事中事后监管措施" in t and "取消依据" in t for t in texts)
    expected = Counter()
    for row in annex.rows:
        for key, value in row.field_values().items():
            if key not in row.merged_with_above:
                expected.update(c for c in value if not c.isspace())
    assert expected - printed == Counter()


def test_merged_cell_printed_once_on_a_page_and_repeated_after_a_break(
        fonts: FontSet, tmp_path: Path) -> None:
    annex = Annex("合并单元格", "cancel", [
        AnnexRow(seq=str(n), department="县级自然资源部门", name=f"第{n}项", type="行政处罚",
                 measures=LONG * 3, merged_with_above=[] if n == 1 else ["department"])
        for n in range(1, 25)])
    out = tmp_path / "merged.pdf"
    pages = print_annex(annex, fonts, out)
    assert pages > 1
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            # 源 occurs only in the department's name
            assert sum(c["text"] == "源" for c in page.chars) == 1


def test_row_taller_than_a_page_continues_on_the_next(fonts: FontSet, tmp_path: Path) -> None:
    giant = "\n".join(f"{n}. {LONG}" for n in range(1, 40))
    annex = Annex("超长行", "cancel", [AnnexRow(seq="1", name="一个很长的事项", measures=giant),
                                      AnnexRow(seq="2", name="下一个事项", measures="短")])
    out = tmp_path / "giant.pdf"
    pages = print_annex(annex, fonts, out)
    _, printed, _texts = _chars(out)
    assert pages >= 2
    assert Counter(c for c in giant if not c.isspace()) - printed == Counter()
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                # display coordinates of the turned page: inside the rotated text block
                assert char["bottom"] <= (28 + 156) * 72 / 25.4 + 1 or char["x1"] < 35 * 72 / 25.4


def test_progress_reports_and_cancel_writes_nothing(fonts: FontSet, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    out = tmp_path / "done.pdf"
    print_annex(_annex(100, 1), fonts, out, progress=lambda d, t: calls.append((d, t)) is None)
    assert calls[-1] == (100, 100)
    cancelled = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        print_annex(_annex(100, 1), fonts, cancelled, progress=lambda d, t: d < 50)
    assert not cancelled.exists()


def test_item_list_and_lists_print(fonts: FontSet, demo_repo: Repository,
                                   tmp_path: Path) -> None:
    items = [PowerItem(name=f"事项{n}", type="行政许可", department="县级公安部门",
                       basis="《条例》", measures=LONG) for n in range(30)]
    assert print_item_list("公安部门行政许可事项", items, fonts, tmp_path / "items.pdf") >= 1
    _, _, texts = _chars(tmp_path / "items.pdf")
    assert "公安部门行政许可事项" in texts[0] and "事中事后监管措施" in texts[0]
    rlist = demo_repo.lists.responsibility_lists()[0]
    assert print_responsibility(rlist, fonts, tmp_path / "resp.pdf") >= 2
    _, printed, texts = _chars(tmp_path / "resp.pdf")
    assert any("主要职责" in t for t in texts)
    expected = Counter(c for duty in rlist.duties for t in duty.tasks for c in t if not c.isspace())
    assert expected - printed == Counter()
    division = demo_repo.lists.task_divisions()[0]
    assert print_tasks(division, fonts, tmp_path / "tasks.pdf") >= 1
    _, _, texts = _chars(tmp_path / "tasks.pdf")
    assert "牵头单位" in texts[0]
