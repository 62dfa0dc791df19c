"""Time typical catalogue filters on a 100,000-item database (target: < 50 ms each).

"First run" includes reading the sort order, which the window then keeps cached
while the clerk types; "repeated" is each further keystroke.

Usage: python bench/bench_filters.py [DB]   (builds bench/out/large.sqlite when absent)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.storage.items import ItemFilter
from app.storage.repository import Repository
from bench.make_large_db import build

FILTERS = {
    "no filter (ids only)": ItemFilter(),
    "search 许可 (2 chars)": ItemFilter(search="许可"),
    "search 公安": ItemFilter(search="公安"),
    "search 典当业特种行业": ItemFilter(search="典当业特种行业"),
    "search 双随机 + type": ItemFilter(search="双随机", type="行政许可"),
    "department alias 市住建局": ItemFilter(department="市住建局"),
    "department part 公安": ItemFilter(department="公安"),
    "type 行政处罚": ItemFilter(type="行政处罚"),
    "status 取消 + type 行政许可": ItemFilter(status="取消", type="行政许可"),
    "document 嘉政发〔2021〕2号": ItemFilter(document="嘉政发〔2021〕2号"),
    "search 猪 (1 char)": ItemFilter(search="猪"),
}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out/large.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {path} ... {build(path):.1f} s")
    with Repository.open(path, readonly=True) as repo:
        total = repo.items.count(ItemFilter())
        print(f"{total} items in {path} ({path.stat().st_size / 1e6:.0f} MB)")
        print("filter                              first run   repeated   matches")
        for label, f in FILTERS.items():
            repo.items._order_cache.clear()
            times, found = [], 0
            for _ in range(6):
                started = time.perf_counter()
                found = len(repo.items.query_ids(f, order_by="name"))
                times.append((time.perf_counter() - started) * 1000)
            print(f"{label:<34} {times[0]:8.1f} ms {statistics.median(times[1:]):8.1f} ms"
                  f"   {found}")


if __name__ == "__main__":
    main()
