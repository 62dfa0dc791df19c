"""The demo data set shipped in data/demo, built from the real documents in the seeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import paths
from app.apply import apply_document
from app.domain.departments import Department, Level
from app.domain.documents import Annex, AnnexRow, ChangeKind, ChangeLevel, Document
from app.domain.measures import MeasureTemplate
from app.domain.tasks import ReportBack, Task, TaskDivision
from app.laws.service import load_registry
from app.storage.repository import Repository
from app.storage.responsibility_tasks import responsibility_from_dict

DEMO_NOTICE = "嘉政发〔2021〕2号"


def demo_dir() -> Path:
    return paths.shipped_data_dir() / "demo"


def _read(name: str) -> Any:
    return json.loads((demo_dir() / name).read_text(encoding="utf-8"))


def document_from_dict(data: dict[str, Any]) -> Document:
    annexes = []
    for a in data.get("annexes", []):
        rows = [AnnexRow(
            **{k: r.get(k, "") for k in ("seq", "department", "name", "type", "basis",
                                          "measures", "remarks")},
            change_kind=ChangeKind(r["change_kind"]) if r.get("change_kind") else None,
            change_level=ChangeLevel(r["change_level"]) if r.get("change_level") else None,
            merged_with_above=list(r.get("merged_with_above", [])),
        ) for r in a["rows"]]
        annexes.append(Annex(
            title=a["title"], layout=a["layout"], rows=rows,
            change_kind=ChangeKind(a["change_kind"]) if a.get("change_kind") else None,
            change_level=ChangeLevel(a["change_level"]) if a.get("change_level") else None))
    fields = {k: v for k, v in data.items() if k != "annexes"}
    return Document(**fields, annexes=annexes)


def load_demo(repo: Repository) -> None:
    """Fill an empty database with the demo set and apply the county notice to the catalogue."""
    with repo.transaction():
        for d in _read("departments.json"):
            repo.departments.save(Department(name=d["name"], level=Level(d["level"]),
                                             aliases=d.get("aliases", []),
                                             sector=d.get("sector", "")))
        for c in _read("counterparts.json"):
            repo.counterparts.set_counterpart(c["sector"], c["department"])
        for t in _read("templates.json"):
            repo.lists.save_template(MeasureTemplate(title=t["title"], text=t["text"]))
        notice_id = repo.documents.save(document_from_dict(_read("jiazheng-2021-2.json")))
        repo.documents.save(document_from_dict(_read("luzhengfa-2020-6.json")))
        repo.lists.save_responsibility_list(
            responsibility_from_dict(_read("linyi-responsibility.json")))
        division = _read("luzhengfa-2020-6-tasks.json")
        repo.lists.save_task_division(TaskDivision(
            title=division["title"], source_number=division.get("source_number", ""),
            tasks=[Task(**t) for t in division["tasks"]]))
        for r in _read("report_backs.json"):
            repo.lists.save_report_back(ReportBack(**r))
        apply_document(repo, notice_id)
        load_registry(repo, _read("laws.json"))
