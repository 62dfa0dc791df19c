"""What the published list holds: items in force, grouped by the county department answering.

Layout as published: 序号 · 事项名称 · 子项 · 事项类型 · 实施依据 · 实施主体 · 责任事项 ·
追责情形 · 备注. A name with sub-items (`…审批——①…；②…`) prints its main
name and its sub-items in their own column.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.domain.items import ItemStatus, PowerItem
from app.domain.layouts import Column
from app.publish.duties import duty_text
from app.storage.errors import UserError
from app.storage.items import ItemFilter
from app.storage.repository import Repository

IN_FORCE = (ItemStatus.IN_USE, ItemStatus.TAKEN_OVER, ItemStatus.ENTRUSTED, ItemStatus.ADJUSTED)
NO_DEPARTMENT = "未确定实施主体的事项"
COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", 5), Column("name", "事项名称", 22), Column("sub_items", "子项", 18),
    Column("type", "事项类型", 10), Column("basis", "实施依据", 30),
    Column("subject", "实施主体", 13), Column("duties", "责任事项", 40),
    Column("accountability", "追责情形", 36), Column("remarks", "备注", 10),
)


@dataclass
class PublishedRow:
    seq: str
    name: str
    sub_items: str
    type: str
    basis: str
    subject: str
    duties: str
    accountability: str
    remarks: str
    item_id: int = 0

    def values(self) -> dict[str, str]:
        return {c.key: str(getattr(self, c.key)) for c in COLUMNS}


@dataclass
class DepartmentList:
    department: str
    rows: list[PublishedRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.department}权责清单（{len(self.rows)}项）"


@dataclass
class PublishedList:
    county: str
    date: str
    departments: list[DepartmentList] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.county}权责清单"

    def total(self) -> int:
        return sum(len(d.rows) for d in self.departments)


def split_name(name: str) -> tuple[str, str]:
    """`肥料登记审批——复混肥登记审批` → (`肥料登记审批`, `复混肥登记审批`)."""
    main, _, subs = name.partition("——")
    return main.strip(), subs.strip()


def _remarks(item: PowerItem) -> str:
    notes = [str(item.status)] if item.status is not ItemStatus.IN_USE else []
    return "；".join([*notes, item.remarks] if item.remarks else notes)


def _section_order(department: str) -> tuple[bool, str]:
    """Departments by name, the items without a county department last."""
    return department == NO_DEPARTMENT, department


def department_names(repo: Repository) -> list[str]:
    """The departments a published list has a section for, in its order, without building it:
    the publish dialog offers them while a county's list takes seconds to build."""
    leads = repo.items.leads([str(status) for status in IN_FORCE])
    return sorted({name or NO_DEPARTMENT for name in leads}, key=_section_order)


def build(repo: Repository, county: str = "嘉祥县", date: str = "",
          department: str = "") -> PublishedList:
    """Items in force, by county department (the lead), ordered by type as the list prints them."""
    types = repo.lists.item_types()
    lists = {repo.departments.registry().canonical_name(r.department): r
             for r in repo.lists.responsibility_lists()}
    grouped: dict[str, list[PowerItem]] = defaultdict(list)
    for status in IN_FORCE:
        for item_id in repo.items.query_ids(ItemFilter(status=str(status))):
            item = repo.items.get(item_id)
            grouped[item.lead or NO_DEPARTMENT].append(item)
    if department:
        wanted = repo.departments.registry().canonical_name(department)
        grouped = {k: v for k, v in grouped.items() if k == wanted or department in k}
        if not grouped:
            raise UserError(f"“{department}”没有在用的事项，无法生成权责清单。")
    result = PublishedList(county, date)
    for name in sorted(grouped, key=_section_order):
        items = sorted(grouped[name], key=lambda i: (
            types.index(i.type) if i.type in types else len(types), i.name))
        dept_list = DepartmentList(name)
        for n, item in enumerate(items, start=1):
            main, subs = split_name(item.name)
            text = duty_text(item.name, item.type, lists.get(name))
            dept_list.rows.append(PublishedRow(
                seq=str(n), name=main, sub_items=subs, type=item.type, basis=item.basis,
                subject=name if name != NO_DEPARTMENT else item.department,
                duties=text.duties, accountability=text.accountability,
                remarks=_remarks(item), item_id=item.id or 0))
        result.departments.append(dept_list)
    return result
