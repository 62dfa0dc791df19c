"""Build a database with many items for benchmarks: `python bench/make_large_db.py OUT [N]`.

Texts are recombined from the demo notice, so lengths and vocabulary are real.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import DEMO_NOTICE, load_demo
from app.storage.laws import index_all_citations
from app.storage.repository import Repository


def build(path: Path, count: int = 100_000, seed: int = 1) -> float:
    """Create `path` with the demo set plus `count` generated items; returns seconds taken."""
    os.environ.setdefault("QUANZE_DATA_DIR", tempfile.mkdtemp(prefix="quanze-bench-"))
    started = time.perf_counter()
    rng = random.Random(seed)
    with Repository.open(path, make_backup=False) as repo:
        db = repo._db  # 100,000 rows in one statement: no repository method inserts in bulk
        load_demo(repo)
        rows = [r for a in repo.document_by_number(DEMO_NOTICE).annexes for r in a.rows]
        departments = [d.id for d in repo.departments.all()]
        types = repo.lists.item_types()
        statuses = ["在用"] * 6 + ["取消", "下放", "承接", "委托实施", "调整", "改为备案"]
        with repo.transaction():
            db.conn.executemany(
                "INSERT INTO items(name, type, department_id, levels, basis, measures, code,"
                " remarks, status, status_date) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    (f"{rng.choice(rows).name}（第{n}项）", rng.choice(types),
                     rng.choice(departments), "县级", rng.choice(rows).basis,
                     rng.choice(rows).measures, f"37{n:08d}", "", rng.choice(statuses),
                     f"20{rng.randint(15, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
                    for n in range(count)
                ),
            )
            index_all_citations(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with Repository.open(path, make_backup=False) as repo:  # works out county departments
        repo._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started


if __name__ == "__main__":
    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    out.unlink(missing_ok=True)
    print(f"built {out} with {n} items in {build(out, n):.1f} s")
