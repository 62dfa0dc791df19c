"""Code rules set by the clerk, and codes given to items that have none."""

from __future__ import annotations

from app.codes.rules import CodeRule
from app.storage.repository import Repository


def set_rule(repo: Repository, item_type: str, pattern: str) -> CodeRule:
    rule = CodeRule(item_type, pattern.strip())
    with repo.transaction():
        repo.codes.set_rule(rule)
    return rule


def assign_missing(repo: Repository) -> list[tuple[int, str]]:
    """One user action: every item without a code gets the next code of its type's rule."""
    store = repo.codes
    given = []
    with repo.transaction():
        for item_id, item_type in store.without_code():
            item = repo.items.get(item_id)
            item.code = store.next_code(item_type)
            repo.items.save(item, repo.departments.ensure(item.department), action="生成编码")
            given.append((item_id, item.code))
    return given
