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


def test_body_figure_is_checked_when_the_annex_title_has_no_count(demo_repo: Repository) -> None:
    doc = demo_repo.document_by_number(DEMO)
    doc.annexes[0].title = "取消行政权力事项"
    doc.body = doc.body.replace("县政府决定取消18项行政权力", "县政府决定取消17项行政权力")
    assert len(doc.annexes[0].rows) == 18
    messages = [str(p) for p in check_counts(doc)]
    assert messages == [
        "附件1标题和附件说明：《取消行政权力事项》没有写项数，其他附件都写了；表中有18项，"
        "应写作《取消行政权力事项（18项）》。",
        "正文第1段：“县政府决定取消17项行政权力”写的是17项，附件1《取消行政权力事项》表中实有18项。",
    ]


def test_a_figure_named_only_by_its_kind_goes_to_the_annex_without_a_level(
        demo_repo: Repository) -> None:
    # 附件2 and 附件3 are also 取消 lists, but their titles say 省级/市级; the
    # issuing county's own list is the one whose title names no level.
    doc = demo_repo.document_by_number(DEMO)
    doc.body = doc.body.replace("县政府决定取消18项行政权力", "决定取消17项")
    messages = [str(p) for p in check_counts(doc)]
    assert messages == ["正文第1段：“决定取消17项”写的是17项，附件1《取消行政权力事项》表中实有18项。"]


def test_an_explicit_annex_reference_decides(demo_repo: Repository) -> None:
    doc = demo_repo.document_by_number(DEMO)
    doc.body += "\n经核对，需加强监管的共5项（见附件4）。"
    messages = [str(p) for p in check_counts(doc)]
    assert messages == ["正文第4段：“需加强监管的共5项（见附件4）”写的是5项，"
                        "附件4《省级承接后需市县加强监管的事项》表中实有3项。"]


def test_figures_without_a_clear_annex_are_not_guessed(demo_repo: Repository) -> None:
    doc = demo_repo.document_by_number(DEMO)
    doc.body += "\n另有下放事项9项，市级事项共30项。"
    for annex in doc.annexes:
        annex.title = annex.base_title()
    assert check_counts(doc) == []
