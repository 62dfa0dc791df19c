"""Cell-by-cell checks of annex rows as they come in (pasted from Excel, WPS or Word).

A block pasted one column off puts a name into 序号 and a measure into 事项类型
without a word; checking each cell as it arrives lets the clerk see and undo
such a paste at once instead of finding it on the printed page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.departments import clean_department_name
from app.domain.documents import AnnexRow
from app.domain.sectors import Counterparts
from app.domain.text import compact, normalise_digits


@dataclass(frozen=True)
class CellProblem:
    row: int
    key: str
    message: str
    serious: bool = True


def check_row(row: AnnexRow, types: Iterable[str],
              counterparts: Counterparts) -> dict[str, CellProblem]:
    """Problems of one row by field key (row index 0; `check_rows` numbers them).

    A department is resolved when the registry knows the name (or an alias) or the
    sector table names the county department that answers for it (`公安机关`).
    """
    problems: dict[str, CellProblem] = {}
    seq = compact(normalise_digits(row.seq))
    if seq and not seq.isdigit():
        problems["seq"] = CellProblem(0, "seq", f"序号“{row.seq}”不是数字。")
    kind = compact(row.type)
    if kind and kind not in set(types):
        problems["type"] = CellProblem(0, "type", f"事项类型“{row.type}”不在类型列表中"
                                                  f"（{'、'.join(types)}）。")
    department = clean_department_name(row.department)
    if department and counterparts.registry.resolve(department) is None:
        resolution = counterparts.resolve(department)
        if not resolution.resolved:
            problems["department"] = CellProblem(
                0, "department", f"部门名录中没有“{department}”，也认不出本县由哪个部门负责"
                                 f"（{resolution.how}）。应用到事项库时将作为新部门登记。",
                serious=False)
    return problems


def check_rows(rows: list[AnnexRow], types: Iterable[str],
               counterparts: Counterparts) -> list[CellProblem]:
    types = list(types)
    return [CellProblem(n, p.key, p.message, p.serious)
            for n, row in enumerate(rows) for p in check_row(row, types, counterparts).values()]


def summary(rows: int, problems: list[CellProblem]) -> str:
    """`4 行中 3 行有问题：…`, or that all rows passed."""
    bad = len({p.row for p in problems})
    if not bad:
        return f"粘贴了 {rows} 行，没有发现问题。"
    kinds: dict[str, int] = {}
    for p in problems:
        label = {"seq": "序号不是数字", "type": "事项类型不在类型列表中",
                 "department": "认不出部门"}[p.key]
        kinds[label] = kinds.get(label, 0) + 1
    detail = "，".join(f"{label} {count} 处" for label, count in kinds.items())
    return f"粘贴的 {rows} 行中 {bad} 行有问题：{detail}。有问题的格子已标出，鼠标停在上面可看说明。"
