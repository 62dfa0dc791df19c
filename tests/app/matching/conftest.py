"""A county catalogue and a city list, both built from the items of 嘉政发〔2021〕2号.

The city list is a real .xlsx in the city's own layout (its own headers, a
title block, a note under the table) and writes the county's items the way
another level does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from app.demo import demo_dir
from app.domain.departments import Department, Level
from app.domain.items import PowerItem
from app.domain.measures import MeasureTemplate
from app.domain.sectors import guess_sector
from app.storage.repository import Repository

COUNTY_DEPARTMENTS = [
    ("县民族宗教事务局", ["县民宗局"]), ("县公安局", []), ("县自然资源和规划局", ["县自然资源局"]),
    ("县住房和城乡建设局", ["县住建局"]), ("县行政审批服务局", ["县审批服务局"]),
    ("县农业农村局", []), ("县商务局", []), ("县卫生健康局", []), ("县市场监督管理局", ["县市场监管局"]),
]

# (department, name, type): county items as the county writes them.
COUNTY_ITEMS = [
    ("县民族宗教事务局", "对民族政策和法律法规执行情况的监督检查", "行政检查"),
    ("县公安局", "典当业特种行业许可证核发", "行政许可"),
    ("县自然资源和规划局", "未经批准擅自以测绘为目的进行航空摄影或者遥感的处罚", "行政处罚"),
    ("县自然资源和规划局", "编制、出版、展示或者登载未出版的地图，未加印省测绘行政主管部门的批准文号的处罚",
     "行政处罚"),
    ("县自然资源和规划局", "林木种子质量检验机构资质考核", "行政许可"),
    ("县住房和城乡建设局", "对建设单位参与搬迁活动的处罚", "行政处罚"),
    ("县行政审批服务局", "城市供水经营许可证核发", "行政许可"),
    ("县行政审批服务局", "污水处理企业经营许可", "行政许可"),
    ("县行政审批服务局", "职业卫生技术服务机构丙级资质认可", "行政许可"),
    ("县农业农村局", "对生猪定点屠宰厂（场）运载生猪产品不符合规定的处罚", "行政处罚"),
    ("县农业农村局", "乡村兽医登记", "行政许可"),
    ("县农业农村局", "肥料登记审批——复混肥登记审批", "行政许可"),
    ("县商务局", "成品油批发、仓储经营许可初审", "行政许可"),
    ("县商务局", "成品油零售经营资格审批", "行政许可"),
]

# (city department, name as the city writes it, the county item it means or None).
CITY_ROWS = [
    ("市民族宗教事务局", "对民族政策和法律法规执行情况监督检查",
     "对民族政策和法律法规执行情况的监督检查"),                                       # 的 dropped
    ("市公安局", "典当业的特种行业许可证核发", "典当业特种行业许可证核发"),             # 的 added
    ("市商务局", "成品油批发和仓储经营许可初审", "成品油批发、仓储经营许可初审"),       # 和 for 、
    ("市农业农村局", "对生猪定点屠宰厂(场)运载生猪产品不符合规定的处罚",
     "对生猪定点屠宰厂（场）运载生猪产品不符合规定的处罚"),                             # brackets
    ("市自然资源和规划局", "未经批准擅自以测绘为目的进行航空摄影或者遥感行政处罚",
     "未经批准擅自以测绘为目的进行航空摄影或者遥感的处罚"),                             # 行政处罚
    ("市农业农村局", "复混肥登记审批", "肥料登记审批——复混肥登记审批"),                 # sub-item
    ("市行政审批服务局", "城市供水经营许可证核发（含变更）", "城市供水经营许可证核发"),  # suffix
    ("市行政审批服务局", "济宁市污水处理企业经营许可", "污水处理企业经营许可"),          # prefix
    ("市自然资源和规划局",
     "编制、出版、展示或登载未出版的地图,未加印省测绘行政主管部门的批准文号的处罚",
     "编制、出版、展示或者登载未出版的地图，未加印省测绘行政主管部门的批准文号的处罚"),  # 或
    ("市自然资源和规划局", "林木种子生产经营许可证核发", None),
    ("市商务局", "原油销售、仓储经营许可初审", None),
    ("市行政审批服务局", "职业卫生技术服务机构乙级资质认可", None),
    ("市住房城乡建设局", "对建设单位参与拆迁活动的处罚", None),
    ("市应急管理局", "烟花爆竹零售经营许可证核发", None),
]


def build_county(path: Path) -> dict[str, int]:
    """The county catalogue, sector table and measure templates; returns item ids by name."""
    ids = {}
    with Repository.open(path, make_backup=False) as repo:
        for name, aliases in COUNTY_DEPARTMENTS:
            repo.save_department(Department(name=name, level=Level.COUNTY, aliases=aliases,
                                            sector=guess_sector(name)))
        repo.set_counterparts({guess_sector(name): name for name, _ in COUNTY_DEPARTMENTS})
        templates = json.loads((demo_dir() / "templates.json").read_text(encoding="utf-8"))
        for template in templates:
            repo.save_template(MeasureTemplate(**template))
        for department, name, type_ in COUNTY_ITEMS:
            ids[name] = repo.save_item(PowerItem(name=name, type=type_, department=department)).id
    return ids


def write_city_list(path: Path, rows=CITY_ROWS) -> Path:
    """The city's own layout: 编号 · 权力事项名称 · 实施机关 · 权力类型 · 备注说明."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "市级取消事项"
    sheet.append(["济宁市2021年第一批取消行政权力事项目录"])
    sheet.merge_cells("A1:E1")
    sheet.append(["编号", "权力事项名称", "实施机关", "权力类型", "备注说明"])
    for n, (department, name, _) in enumerate(rows, start=1):
        sheet.append([n, name, department, "行政许可", "\u3000"])
    sheet.append(["注：本目录由市审改办汇总。"])
    book.save(path)
    return path


@pytest.fixture
def county(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "county.sqlite"
    return path, build_county(path)


@pytest.fixture
def county_repo(county) -> Iterator[Repository]:
    repo = Repository.open(county[0], make_backup=False)
    yield repo
    repo.close()


@pytest.fixture
def city_list(tmp_path: Path) -> Path:
    return write_city_list(tmp_path / "济宁市取消事项目录.xlsx")
