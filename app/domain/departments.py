"""Departments and the alias registry that lets differently written names match."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.text import compact, fold


class Level(StrEnum):
    NATIONAL = "国家"
    PROVINCE = "省"
    CITY = "市"
    COUNTY = "县"
    TOWN = "乡镇"


@dataclass
class Department:
    name: str
    level: Level = Level.COUNTY
    aliases: list[str] = field(default_factory=list)
    id: int | None = None
    sector: str = ""

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class DepartmentRegistry:
    """Resolves any written form of a department name to one department.

    Keys are folded (NFKC, no white space or line breaks), so `省自然\\n资源厅`
    finds `省自然资源厅`.
    """

    def __init__(self, departments: list[Department]) -> None:
        self.departments = departments
        self._by_key: dict[str, Department] = {}
        for dept in departments:
            for name in dept.all_names():
                self._by_key.setdefault(fold(name), dept)

    def resolve(self, written: str) -> Department | None:
        return self._by_key.get(fold(written))

    def canonical_name(self, written: str) -> str:
        dept = self.resolve(written)
        return dept.name if dept else compact(written)
