"""Which sector (系统) a department belongs to, as evidence for a match.

A thin adapter: the department registry resolves aliases (`省工信厅`), then
sector words in the canonical name decide. The shared sector resolver of
the department registry replaces the word table once it is on main.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.departments import DepartmentRegistry

# The word written first in a name decides (`市场监管、自然资源和规划部门` → 市场监管).
SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    ("行政审批", "行政审批"), ("审批服务", "行政审批"),
    ("民族宗教", "民族宗教"), ("民宗", "民族宗教"),
    ("公安", "公安"),
    ("自然资源", "自然资源和规划"), ("规划", "自然资源和规划"), ("国土", "自然资源和规划"),
    ("住房城乡建设", "住房城乡建设"), ("住房和城乡建设", "住房城乡建设"), ("住建", "住房城乡建设"),
    ("城市管理", "住房城乡建设"),
    ("农业农村", "农业农村"), ("畜牧", "农业农村"),
    ("工业和信息化", "工业和信息化"), ("工信", "工业和信息化"), ("经济和信息化", "工业和信息化"),
    ("市场监管", "市场监管"), ("市场监督", "市场监管"), ("质量技术监督", "市场监管"),
    ("质监", "市场监管"), ("工商", "市场监管"), ("知识产权", "市场监管"),
    ("商务", "商务"),
    ("广播电视", "广播电视"), ("广电", "广播电视"),
    ("文化和旅游", "文化和旅游"), ("文旅", "文化和旅游"),
    ("卫生健康", "卫生健康"), ("卫健", "卫生健康"), ("卫生和计划生育", "卫生健康"),
    ("地方金融", "地方金融"), ("金融", "地方金融"),
    ("生态环境", "生态环境"), ("环境保护", "生态环境"), ("环保", "生态环境"),
    ("交通运输", "交通运输"),
    ("应急管理", "应急管理"), ("应急", "应急管理"), ("安全生产", "应急管理"),
    ("发展改革", "发展改革"), ("发展和改革", "发展改革"), ("发改", "发展改革"),
    ("教育", "教育"), ("民政", "民政"), ("司法", "司法"), ("财政", "财政"),
    ("人力资源", "人力资源社会保障"), ("水利", "水利"), ("林业", "自然资源和规划"),
    ("药品监督", "市场监管"), ("药监", "市场监管"), ("食品药品", "市场监管"),
)


@dataclass
class SectorEvidence:
    """Sector of any written department name; results cached per written form."""

    registry: DepartmentRegistry
    _cache: dict[str, str | None] = field(default_factory=dict)

    def sector(self, department: str) -> str | None:
        if department not in self._cache:
            self._cache[department] = self._resolve(department)
        return self._cache[department]

    def _resolve(self, department: str) -> str | None:
        if not department.strip():
            return None
        name = self.registry.canonical_name(department)
        found = [(name.find(word), -len(word), sector) for word, sector in SECTOR_WORDS
                 if word in name]
        return min(found)[2] if found else None
