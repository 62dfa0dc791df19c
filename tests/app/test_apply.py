from app.apply import apply_document, apply_plan, plan_apply
from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document
from app.domain.items import ItemStatus, PowerItem
from app.storage.items import ItemFilter


def _notice(number: str, date: str, rows: list[AnnexRow]) -> Document:
    return Document(number=number, title="关于调整行政权力事项的通知", date=date, annexes=[
        Annex(title="调整事项（1项）", layout="taken_over", rows=rows,
              change_kind=ChangeKind.TAKE_OVER, change_level=ChangeLevel.CITY)])


def test_applying_updates_matched_items_through_aliases_and_records_a_timeline(demo_repo):
    (before,) = demo_repo.items.query(ItemFilter(search="建筑节能认可"))
    assert before.department == "市住房城乡建设局"
    doc = _notice("嘉政发〔2022〕1号", "2022年3月1日", [AnnexRow(
        seq="1", department="市住建局", name="建筑节能\n认可", type="其他行政权力",
        measures="新的措施：\n1. 甲。")])
    doc_id = demo_repo.save_document(doc).id
    result = apply_document(demo_repo, doc_id)
    assert (result.matched, result.created) == (1, 0)
    item = demo_repo.items.get(before.id)
    assert item.status == ItemStatus.TAKEN_OVER
    assert item.status_date == "2022-03-01"
    assert item.measures == "新的措施：\n1. 甲。"
    timeline = demo_repo.items.timeline(before.id)
    assert [(e.document_number, e.status, e.date) for e in timeline] == [
        ("嘉政发〔2021〕2号", ItemStatus.CANCELLED, "2021-02-20"),
        ("嘉政发〔2022〕1号", ItemStatus.TAKEN_OVER, "2022-03-01"),
    ]
    assert timeline[0].annex_position == 3 and timeline[0].annex_row_seq == "1"


def test_unmatched_rows_create_items_and_reapplying_changes_nothing(demo_repo):
    doc = _notice("嘉政发〔2022〕2号", "2022年4月1日", [AnnexRow(
        seq="1", department="县新设局", name="全新事项", type="行政许可")])
    doc_id = demo_repo.save_document(doc).id
    assert apply_document(demo_repo, doc_id).created == 1
    again = apply_document(demo_repo, doc_id)
    assert (again.created, again.matched, again.unchanged) == (0, 0, 1)
    (row,) = demo_repo.items.query(ItemFilter(search="全新事项"))
    assert row.department == "县新设局" and row.status == "承接"


def test_unknown_type_is_reported(empty_repo):
    empty_repo.save_item(PowerItem(name="甲", type="行政许可", department="县某局"))
    doc = _notice("某〔2022〕1号", "2022年1月1日", [AnnexRow(
        seq="1", department="县某局", name="乙", type="行政备案")])
    result = apply_document(empty_repo, empty_repo.save_document(doc).id)
    assert any("行政备案" in w for w in result.warnings)


def _measures_annex(rows: list[AnnexRow]) -> Document:
    """A county measures table imported with 调整类别 left at （不指定）."""
    return Document(number="嘉政发〔2022〕5号", title="关于加强监管的通知", date="2022年5月1日",
                    annexes=[Annex(title="加强监管的事项", layout="taken_over", rows=rows)])


def test_an_unspecified_change_kind_changes_no_status_and_remarks_count_as_evidence(demo_repo):
    (taken,) = demo_repo.items.query(ItemFilter(search="建筑节能认可"))
    demo_repo.save_item(_with_status(demo_repo.items.get(taken.id), ItemStatus.TAKEN_OVER))
    (other,) = demo_repo.items.query(ItemFilter(search="典当业特种行业许可证核发"))
    doc_id = demo_repo.save_document(_measures_annex([
        AnnexRow(seq="1", department="市住建局", name="建筑节能认可", type="其他行政权力"),
        AnnexRow(seq="2", department=other.department, name="典当业特种行业许可证核发", type="行政许可",
                 remarks="省级调整事项"),
        AnnexRow(seq="3", department="县新设服务中心", name="全新事项", type="行政许可")])).id
    plan = plan_apply(demo_repo, doc_id)
    assert [(r.before, r.after) for r in plan.rows] == [
        (ItemStatus.TAKEN_OVER, None), (ItemStatus(other.status), ItemStatus.ADJUSTED),
        (None, None)]
    assert "备注“省级调整事项”" in plan.rows[1].reason
    assert "状态不变" in plan.rows[0].reason
    assert plan.new_departments == ["县新设服务中心"]
    assert demo_repo.departments.registry().resolve("县新设服务中心") is None

    result = apply_plan(demo_repo, plan)
    assert demo_repo.items.get(taken.id).status == ItemStatus.TAKEN_OVER
    assert demo_repo.items.get(other.id).status == ItemStatus.ADJUSTED
    (new,) = demo_repo.items.query(ItemFilter(search="全新事项"))
    assert new.status == ItemStatus.IN_USE
    assert sorted(result.item_ids) == sorted([taken.id, other.id, new.id])
    assert result.status_changed == 1


def _with_status(item: PowerItem, status: ItemStatus) -> PowerItem:
    item.status = status
    return item
