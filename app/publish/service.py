"""Saving an imported responsibility list over the department's earlier one."""

from __future__ import annotations

from app.domain.responsibility import ResponsibilityList
from app.storage.repository import Repository


def save_responsibility(repo: Repository, rlist: ResponsibilityList) -> tuple[int, bool]:
    """Replaces the department's list if it has one; returns (id, replaced)."""
    registry = repo.departments.registry()
    name = registry.canonical_name(rlist.department)
    earlier = next((r for r in repo.lists.responsibility_lists()
                    if registry.canonical_name(r.department) == name), None)
    if earlier is not None:
        rlist.id = earlier.id
        rlist.regimes = rlist.regimes or earlier.regimes
        rlist.accountability = rlist.accountability or earlier.accountability
    return repo.save_responsibility_list(rlist).id, earlier is not None
