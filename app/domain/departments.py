"""Departments and the alias registry that lets differently written names match."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.text import fold

_FULLWIDTH_PARENTHESES = str.maketrans("()", "（）")


def clean_department_name(written: str) -> str:
    """The one cleaning of a department name, wherever a name is kept or shown.

    Names arrive typed, pasted from Word or read back from Excel with spaces,
    line breaks, full-width letters and half- or full-width parentheses. Folding
    (NFKC, no white space) makes two spellings of one name equal, as the
    registry's keys are; the parentheses then go back to the full-width form
    official texts print, so `县市场监督管理局 (知识产权局)` is kept as
    `县市场监督管理局（知识产权局）`.
    """
    return fold(written).translate(_FULLWIDTH_PARENTHESES)


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
        """The registered name, or the cleaned spelling of a department not registered."""
        dept = self.resolve(written)
        return dept.name if dept else clean_department_name(written)

    def same(self, first: str, second: str) -> bool:
        """Whether two written names mean one department, registered or not."""
        return self.canonical_name(first) == self.canonical_name(second)
