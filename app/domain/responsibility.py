"""Departments' responsibility lists (责任清单), as the Linyi list lays them out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Duty:
    """主要职责 with its numbered 具体责任事项 and the 追责依据及追责情形."""

    seq: str
    duty: str
    tasks: list[str] = field(default_factory=list)
    accountability: str = ""


@dataclass
class BoundaryPart:
    department: str
    division: str


@dataclass
class Boundary:
    """职责边界: a shared matter and how each department's part is divided."""

    matter: str
    parts: list[BoundaryPart] = field(default_factory=list)
    basis: str = ""
    example: str = ""


REGIME_PARTS = ("对象", "内容", "方式", "措施", "程序", "处理")


@dataclass
class SupervisionRegime:
    """事中事后监管制度: the six parts 监督检查对象、内容、方式、措施、程序、处理."""

    title: str
    preamble: str = ""
    subject: str = ""
    content: str = ""
    method: str = ""
    measures: str = ""
    procedure: str = ""
    handling: str = ""

    def parts(self) -> list[tuple[str, str]]:
        values = (self.subject, self.content, self.method, self.measures, self.procedure,
                  self.handling)
        return [(f"监督检查{name}", value) for name, value in zip(REGIME_PARTS, values,
                                                                 strict=True)]


@dataclass
class PublicService:
    seq: str
    service: str
    content: str
    office: str
    phone: str


@dataclass
class ResponsibilityList:
    department: str
    year: str = ""
    duties: list[Duty] = field(default_factory=list)
    boundaries: list[Boundary] = field(default_factory=list)
    regimes: list[SupervisionRegime] = field(default_factory=list)
    public_services: list[PublicService] = field(default_factory=list)
    accountability: str = ""
    notes: str = ""
    id: int | None = None
