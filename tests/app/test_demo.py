from collections import Counter

from app.demo import DEMO_NOTICE
from app.storage.items import ItemFilter


def test_demo_notice_is_complete(demo_repo):
    doc = demo_repo.document_by_number(DEMO_NOTICE)
    assert [len(a.rows) for a in doc.annexes] == [18, 7, 4, 3, 4]
    assert [a.stated_count() for a in doc.annexes] == [18, 7, 4, 3, 4]
    assert doc.organ_mark == "嘉祥县人民政府文件"
    assert doc.date == "2021年2月20日"
    assert "县政府决定取消18项行政权力" in doc.body
    types = Counter(row.type for annex in doc.annexes for row in annex.rows)
    assert types["行政处罚"] == 14


def test_shared_measures_cell_keeps_its_meaning(demo_repo):
    annex = demo_repo.document_by_number(DEMO_NOTICE).annexes[1]
    assert annex.rows[6].merged_with_above == ["measures"]
    assert annex.rows[6].measures == annex.rows[5].measures != ""


def test_catalogue_holds_every_item_the_notice_touched(demo_repo):
    assert demo_repo.items.count(ItemFilter()) == 36
    assert demo_repo.items.count(ItemFilter(type="行政处罚")) == 14
    assert demo_repo.items.count(ItemFilter(status="取消")) == 17 + 7 + 4


def test_other_demo_lists(demo_repo):
    (rlist,) = demo_repo.lists.responsibility_lists()
    assert len(rlist.duties) == 8 and len(rlist.public_services) == 5
    assert sum(all(v for _, v in r.parts()) for r in rlist.regimes) >= 3
    (division,) = demo_repo.lists.task_divisions()
    assert len(division.tasks) == 16
    assert demo_repo.departments.registry().resolve("市审批服务局").name == "市行政审批服务局"
    assert demo_repo.departments.registry().resolve("市卫健委") is not None
