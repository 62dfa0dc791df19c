from app.matching.decisions import Choice, Decision
from app.matching.upper_list import match_file
from app.storage.repository import Repository


def find(report, name):
    return next(r for r in report.rows if r.upper.row.name == name)


def test_decisions_are_kept_when_the_same_list_is_matched_again(county, city_list):
    path, ids = county
    other = ids["林木种子质量检验机构资质考核"]
    with Repository.open(path, make_backup=False) as repo:
        report = match_file(city_list, repo)
        grade = find(report, "职业卫生技术服务机构乙级资质认可")
        seeds = find(report, "林木种子生产经营许可证核发")
        assert grade.needs_review and seeds.needs_review
        repo.save_match_decision(report.list_key, Decision(
            seeds.upper.key, Choice.NONE, None, seeds.upper.row.name))
        repo.save_match_decision(report.list_key, Decision(
            grade.upper.key, Choice.ITEM, other, grade.upper.row.name))
    with Repository.open(path, make_backup=False) as repo:
        again = match_file(city_list, repo)
        grade = find(again, "职业卫生技术服务机构乙级资质认可")
        seeds = find(again, "林木种子生产经营许可证核发")
        assert grade.item_id == other and grade.ranking.match.confident
        assert grade.ranking.candidates[0].why == "经办人已选定"
        assert seeds.item_id is None and seeds.ranking.match is None and not seeds.needs_review
        assert again.as_json()["rows"][again.rows.index(seeds)]["match"] is None
        assert again.as_json()["rows"][again.rows.index(grade)]["match"]["item_id"] == other
        entries = repo.audit_entries("match_decisions")
        assert {e.action for e in entries} == {"对照确认"}
        assert any(e.field == "item_id" and e.new_value == str(other) for e in entries)


def test_changing_and_withdrawing_a_decision_is_audited(county, city_list):
    path, ids = county
    with Repository.open(path, make_backup=False) as repo:
        report = match_file(city_list, repo)
        row = report.rows[0]
        repo.save_match_decision(report.list_key, Decision(row.upper.key, Choice.NONE))
        repo.save_match_decision(report.list_key, Decision(
            row.upper.key, Choice.ITEM, ids["对民族政策和法律法规执行情况的监督检查"]))
        repo.clear_match_decision(report.list_key, row.upper.key)
        assert repo.match_decisions.for_list(report.list_key) == {}
        entries = repo.audit_entries("match_decisions")
        assert [e.action for e in entries].count("撤销对照") == 1
        changed = [e for e in entries if e.field == "choice"]
        assert [e.new_value for e in reversed(changed)] == ["本县无此事项", "对应"]
