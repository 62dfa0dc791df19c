"""Time matching 5,000 upper-level rows against 10,000 catalogue items (target: < 2 s).

Names are recombined from the seed documents' text (as in data/demo), so their lengths and
vocabulary are real; rows are the catalogue's names written the ways other
levels write them, sub-items alone, and names the county does not have.
Prints the time to prepare the catalogue, to rank every row, and how often
the item a variant was made from came first.

Usage: python bench/bench_matching.py [ROWS] [ITEMS]
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.departments import Department, DepartmentRegistry, Level
from app.domain.sectors import Counterparts
from app.matching.catalogue import CatalogueEntry, CatalogueIndex
from app.matching.normalise import key_of, without_prefix
from app.matching.ranking import Ranker
from app.matching.sectors import SectorEvidence

ROOT = Path(__file__).resolve().parents[1]
DEMO_TEXTS = ("jiazheng-2021-2.json", "linyi-responsibility.json", "luzhengfa-2020-6.json")
ACTIONS = ("许可证核发", "经营许可", "登记审批", "资质认定", "的处罚", "的监督检查", "备案",
           "资格审批", "初审", "的行政强制", "确认", "奖励")
PREFIXES = ("济宁市", "任城区", "市级", "嘉祥县")


def seed_text() -> str:
    """The demo data set's documents: the seed documents as the program holds them."""
    return "".join((ROOT / "data/demo" / name).read_text(encoding="utf-8") for name in DEMO_TEXTS)


def subjects(rng: random.Random, count: int) -> list[str]:
    runs = re.findall(r"[\u4e00-\u9fff]{6,}", seed_text())
    found: set[str] = set()
    while len(found) < count:
        run = rng.choice(runs)
        size = rng.randint(4, min(14, len(run)))
        start = rng.randint(0, len(run) - size)
        found.add(run[start : start + size])
    return sorted(found)


def catalogue(rng: random.Random, count: int, departments: list[str]) -> list[CatalogueEntry]:
    names: dict[str, None] = {}
    pool = subjects(rng, count)
    while len(names) < count:
        name = rng.choice(pool)
        if rng.random() < 0.15:
            name += "、" + rng.choice(pool)
        name += rng.choice(ACTIONS)
        if rng.random() < 0.05:
            name += "——" + rng.choice(pool) + rng.choice(ACTIONS)
        names[name] = None
    return [CatalogueEntry(n, name, rng.choice(departments))
            for n, name in enumerate(names, start=1)]


def variant(rng: random.Random, name: str) -> str:
    """The name as another level might write it."""
    if "——" in name and rng.random() < 0.7:
        return name.split("——", 1)[1]
    choices = [
        lambda s: s.replace("的", "") if "的" in s else "的".join((s[:2], s[2:])),
        lambda s: s.replace("、", "和"),
        lambda s: s.replace("的处罚", "行政处罚") if s.endswith("的处罚") else s.replace("的", ""),
        lambda s: s + "（含变更）",
        lambda s: rng.choice(PREFIXES) + s,
        lambda s: s.replace("（", "(").replace("）", ")"),
    ]
    return rng.choice(choices)(name)


def rows(rng: random.Random, items: list[CatalogueEntry], count: int) -> list[tuple]:
    """60 % made from catalogue names (45 % rewritten), 40 % names the county lacks."""
    pool = subjects(random.Random(99), count)
    known = {key_of(i.name) for i in items} | {key_of(i.name.split("——")[-1]) for i in items}
    known |= {key_of(p[0]) for p in map(without_prefix, (i.name for i in items)) if p}
    made = []
    while len(made) < count:
        roll = rng.random()
        if roll < 0.6:
            item = rng.choice(items)
            made.append((variant(rng, item.name) if roll < 0.45 else item.name,
                         "市" + item.department[1:], item.item_id))
            continue
        name = rng.choice(pool) + rng.choice(ACTIONS)
        stripped = without_prefix(name)
        if key_of(name) not in known and (stripped is None or key_of(stripped[0]) not in known):
            made.append((name, "市行政审批服务局", None))
    return made


def main() -> None:
    count_rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    count_items = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rng = random.Random(11)
    demo = json.loads((ROOT / "data/demo/departments.json").read_text(encoding="utf-8"))
    registry = DepartmentRegistry([Department(d["name"], Level(d["level"]), d["aliases"],
                                              sector=d.get("sector", "")) for d in demo])
    county = [d.name for d in registry.departments if d.name.startswith("县")]
    items = catalogue(rng, count_items, county)
    upper = rows(rng, items, count_rows)

    started = time.perf_counter()
    sectors = SectorEvidence(Counterparts(registry, {}))
    ranker = Ranker(CatalogueIndex.build(items, sectors), registry, sectors)
    prepared = time.perf_counter()
    results = [ranker.rank(name, department) for name, department, _ in upper]
    finished = time.perf_counter()

    meant = [(r, item_id) for r, (_, _, item_id) in zip(results, upper, strict=True) if item_id]
    first = sum(1 for r, item_id in meant if r.candidates and r.candidates[0].item_id == item_id)
    unknown_sure = sum(1 for r, (_, _, item_id) in zip(results, upper, strict=True)
                       if item_id is None and r.match and r.match.confident)
    total = finished - started
    print(f"{count_rows} rows against {count_items} catalogue items")
    print(f"prepare catalogue  {prepared - started:6.2f} s")
    print(f"rank every row     {finished - prepared:6.2f} s")
    print(f"total              {total:6.2f} s   (target < 2 s: {'ok' if total < 2 else 'SLOW'})")
    print(f"right item first   {first}/{len(meant)} rows made from catalogue names")
    print(f"confident on names the county lacks: {unknown_sure}")


if __name__ == "__main__":
    main()
