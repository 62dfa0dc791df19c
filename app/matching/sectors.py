"""Which sector (系统) a department belongs to, as evidence for a match.

The county's department resolver (`app.domain.sectors.Counterparts`) knows the
registry, the clerk's settled texts and every sector word; this adapter only
caches its answer per written form, because ranking asks for the same few
department texts thousands of times.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.departments import DepartmentRegistry
from app.domain.sectors import Counterparts, guess_sector


@dataclass
class SectorEvidence:
    counterparts: Counterparts
    _cache: dict[str, str | None] = field(default_factory=dict)

    @property
    def registry(self) -> DepartmentRegistry:
        return self.counterparts.registry

    def sector(self, department: str) -> str | None:
        if department not in self._cache:
            self._cache[department] = self._resolve(department)
        return self._cache[department]

    def _resolve(self, department: str) -> str | None:
        if not department.strip():
            return None
        return self.counterparts.resolve(department).sector or guess_sector(department) or None
