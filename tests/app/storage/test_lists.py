"""Task divisions, responsibility lists and templates saved and read back, deletions included."""

from __future__ import annotations

from app.domain.measures import MeasureTemplate
from app.domain.tasks import Task, TaskDivision
from app.storage.repository import Repository


def test_a_task_removed_from_a_division_is_deleted_and_the_rest_keep_their_order(tmp_path):
    path = tmp_path / "q.sqlite"
    with Repository.open(path) as repo:
        division = TaskDivision("重点任务分工", "鲁政发〔2020〕6号", [
            Task("1", "甲任务", "县发改局"), Task("2", "乙任务", "县财政局", "县审计局", "6月底前"),
            Task("3", "丙任务", "县人社局")])
        division_id = repo.save_task_division(division).id
    with Repository.open(path) as repo:
        (saved,) = repo.lists.task_divisions()
        assert [t.task for t in saved.tasks] == ["甲任务", "乙任务", "丙任务"]
        assert (saved.tasks[1].partners, saved.tasks[1].deadline) == ("县审计局", "6月底前")
        del saved.tasks[1]
        saved.tasks.reverse()
        assert repo.save_task_division(saved).id == division_id
    with Repository.open(path) as repo:
        (again,) = repo.lists.task_divisions()
        assert [t.task for t in again.tasks] == ["丙任务", "甲任务"]
        assert repo.check() == []


def test_templates_and_item_types_are_saved_and_deleted(tmp_path):
    path = tmp_path / "q.sqlite"
    with Repository.open(path) as repo:
        kept = repo.save_template(MeasureTemplate(title="双随机", text="开展“双随机、一公开”监管。")).id
        gone = repo.save_template(MeasureTemplate(title="信用", text="实施信用分级分类监管。")).id
        repo.delete_template(gone)
        repo.set_item_types(["行政许可", "行政处罚", "其他行政权力"])
    with Repository.open(path) as repo:
        assert [(t.id, t.title) for t in repo.lists.templates()] == [(kept, "双随机")]
        assert repo.lists.item_types() == ["行政许可", "行政处罚", "其他行政权力"]
