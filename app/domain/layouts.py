"""The official annex layouts as data: columns, printed headers, widths, synonyms.

Header text keeps its printed line breaks (`事项名称及\\n权限`); matching an
incoming file's headers ignores white space and line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    synonyms: tuple[str, ...] = ()

    def matches(self, header: str) -> bool:
        key = fold(header)
        return key == fold(self.header) or key in {fold(s) for s in self.synonyms}


@dataclass(frozen=True)
class Layout:
    id: str
    name: str
    columns: tuple[Column, ...]
    builtin: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


SEQ = Column("seq", "序号", 5, ("编号", "序", "No."))
DEPT = Column("department", "原实施\n部门", 14,
              ("实施部门", "原实施部门", "实施主体", "实施机关", "部门", "责任部门", "实施单位"))
DEPT_NOW = Column("department", "实施部门", 14,
                  ("原实施部门", "原实施\n部门", "实施主体", "实施机关", "部门", "实施单位"))
NAME = Column("name", "事项名称及\n权限", 26,
              ("事项名称", "事项名称及权限", "权力事项名称", "行政权力事项名称", "项目名称"))
TYPE = Column("type", "事项类型", 13, ("事项类别", "权力类型", "类型", "类别", "权力类别"))
BASIS = Column("basis", "取消依据", 30, ("设定依据", "依据", "调整依据", "法律依据"))
MEASURES = Column("measures", "加强事中事后监管措施", 56,
                  ("市县加强事中事后监管措施", "事中事后监管措施", "监管措施", "加强监管措施"))
MEASURES_LOCAL = Column("measures", "市县加强事中事后监管措施", 70,
                        ("加强事中事后监管措施", "事中事后监管措施", "监管措施", "加强监管措施"))
REMARKS = Column("remarks", "备注", 12, ("备注说明", "说明"))

BUILTIN_LAYOUTS: tuple[Layout, ...] = (
    Layout("cancel", "取消行政权力事项",
           (SEQ, DEPT, NAME, TYPE, BASIS, MEASURES, REMARKS)),
    Layout("cancelled_above", "省级/市级取消后需市县加强监管的事项",
           (SEQ, DEPT, NAME, TYPE, MEASURES_LOCAL, REMARKS)),
    Layout("taken_over", "省级/市级承接后需市县加强监管的事项",
           (SEQ, DEPT_NOW, NAME, TYPE, MEASURES_LOCAL, REMARKS)),
    Layout("duties", "部门主要职责", (
        SEQ,
        Column("duty", "主要职责", 24),
        Column("tasks", "具体责任事项", 60, ("具体责任", "责任事项")),
        Column("accountability", "追责依据及追责情形", 70, ("追责依据", "追责情形")),
    )),
    Layout("boundaries", "部门职责边界", (
        Column("matter", "管理事项", 18),
        Column("departments", "相关部门", 16),
        Column("division", "职责分工及协调配合机制", 60, ("职责分工", "协调配合机制")),
        Column("basis", "相关依据", 40, ("依据",)),
        Column("example", "事例", 50, ("案例", "典型事例")),
    )),
    Layout("public_services", "公共服务事项", (
        SEQ,
        Column("service", "服务事项", 24),
        Column("content", "主要内容", 60),
        Column("office", "承办机构", 20, ("承办单位", "承办科室")),
        Column("phone", "联系电话", 18, ("电话",)),
    )),
    Layout("tasks", "重点任务分工", (
        SEQ,
        Column("task", "重点任务", 70, ("任务", "工作任务")),
        Column("lead", "牵头单位", 24, ("牵头部门", "责任单位")),
        Column("partners", "配合单位", 34, ("配合部门",)),
        Column("deadline", "完成时限", 18, ("时限", "完成时间")),
    )),
)

ANNEX_LAYOUT_IDS = ("cancel", "cancelled_above", "taken_over")


IDENTITY = Column("identity", "行标识", 12)
STATUS = Column("status", "状态", 8, ("事项状态",))
ITEM_BASIS = Column("basis", "设定依据", 30, ("取消依据", "依据", "法律依据"))
ITEM_MEASURES = Column("measures", "事中事后监管措施", 56,
                       ("加强事中事后监管措施", "市县加强事中事后监管措施", "监管措施"))

CATALOGUE_LAYOUTS: tuple[Layout, ...] = (
    Layout("items", "行政权力事项", (
        SEQ, DEPT_NOW, NAME, TYPE, ITEM_BASIS, ITEM_MEASURES, STATUS, REMARKS)),
    Layout("item_rows", "行政权力事项目录", (
        SEQ, DEPT_NOW, NAME, TYPE, STATUS,
        Column("status_date", "状态日期", 12),
        Column("levels", "行使层级", 12),
        Column("code", "事项编码", 16),
        REMARKS)),
)

FIELD_LABELS = {
    "seq": "序号", "department": "实施部门", "name": "事项名称", "type": "事项类型",
    "basis": "依据", "measures": "事中事后监管措施", "remarks": "备注", "identity": "行标识",
}


def builtin_layout(layout_id: str) -> Layout:
    for layout in BUILTIN_LAYOUTS:
        if layout.id == layout_id:
            return layout
    raise KeyError(layout_id)
