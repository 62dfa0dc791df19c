"""Pre-print count check on the demo notice."""

from __future__ import annotations

from app.pdf.count_check import check_counts
from app.storage.repository import Repository

DEMO = "嘉政发〔2021〕2号"


def test_demo_notice_counts_agree(demo_repo: Repository) -> None:
    assert check_counts(demo_repo.document_by_number(DEMO)) == []


def test_a_missing_row_is_reported_in_title_and_body(demo_repo: Repository) -> None:
    doc = demo_repo.document_by_number(DEMO)
    doc.annexes[1].rows.pop()
    messages = [str(p) for p in check_counts(doc)]
    assert messages == [
        "附件2标题和附件说明：《省级取消后需市县加强监管的事项（7项）》写的是7项，表中实有6项。",
        "正文第1段：“对省级取消的7项行政许可”写的是7项，附件2《省级取消后需市县加强监管的事项》"
        "表中实有6项。",
    ]


def test_body_figure_for_county_annex_is_checked(demo_repo: Repository) -> None:
    doc = demo_repo.document_by_number(DEMO)
    doc.body = doc.body.replace("取消18项", "取消19项")
    messages = [str(p) for p in check_counts(doc)]
    assert len(messages) == 1
    assert "写的是19项" in messages[0] and "附件1" in messages[0]
