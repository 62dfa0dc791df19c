"""The department registry in the database."""

from __future__ import annotations

import json

from app.domain.departments import Department, DepartmentRegistry, Level, clean_department_name
from app.domain.sectors import guess_sector
from app.domain.text import fold
from app.storage.audit import Auditor
from app.storage.errors import UserError
from app.storage.sqlite import Database


def guess_level(name: str) -> Level:
    for prefix, level in (("国家", Level.NATIONAL), ("国务院", Level.NATIONAL),
                          ("省", Level.PROVINCE), ("市", Level.CITY), ("县", Level.COUNTY)):
        if name.startswith(prefix):
            return level
    return Level.COUNTY


class DepartmentStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.audit = Auditor(db)
        self._registry: DepartmentRegistry | None = None

    def all(self) -> list[Department]:
        rows = self.db.execute(
            "SELECT id, name, level, aliases, sector FROM departments ORDER BY id").fetchall()
        return [Department(name=r[1], level=Level(r[2]), aliases=json.loads(r[3]), id=r[0],
                           sector=r[4]) for r in rows]

    def registry(self) -> DepartmentRegistry:
        if self._registry is None:
            self._registry = DepartmentRegistry(self.all())
        return self._registry

    def get(self, department_id: int) -> Department:
        return next(d for d in self.all() if d.id == department_id)

    def save(self, dept: Department) -> int:
        """Insert or update; refuses a name or alias that already means another department."""
        dept.name = clean_department_name(dept.name)
        aliases = (clean_department_name(a) for a in dept.aliases)
        dept.aliases = list(dict.fromkeys(a for a in aliases if a and fold(a) != fold(dept.name)))
        if not dept.name:
            raise UserError("部门名称不能为空。")
        registry = self.registry()
        for name in dept.all_names():
            other = registry.resolve(name)
            if other is not None and other.id != dept.id:
                raise UserError(f"“{name}”已是部门“{other.name}”的名称或别名，不能重复使用。")
        values = {"name": dept.name, "level": str(dept.level),
                  "aliases": json.dumps(dept.aliases, ensure_ascii=False),
                  "sector": dept.sector.strip()}
        dept.id = self.audit.save("departments", dept.id, values)
        self._registry = None
        return dept.id

    def ensure(self, written: str) -> int:
        """The id of the department a written name means, registering it when new."""
        found = self.registry().resolve(written)
        if found is not None and found.id is not None:
            return found.id
        name = clean_department_name(written)
        return self.save(Department(name=name, level=guess_level(name), sector=guess_sector(name)))

    def delete(self, department_id: int) -> None:
        used = self.db.execute(
            "SELECT count(*) FROM items WHERE department_id = ?", [department_id]).fetchone()[0]
        if used:
            raise UserError(f"该部门下还有 {used} 个事项，不能删除。请先把这些事项改到其他部门。")
        answering = self.db.execute(
            "SELECT count(*) FROM item_departments WHERE department_id = ?",
            [department_id]).fetchone()[0]
        if answering:
            raise UserError(f"该部门牵头或配合 {answering} 个事项，不能删除。"
                            "请先在“系统对口部门”表中把它负责的系统改给其他部门。")
        self.audit.delete("departments", department_id)
        self._registry = None
