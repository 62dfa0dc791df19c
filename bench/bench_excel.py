"""Time Excel export and import of a 10,000-row annex with long measures.

Targets: export under 5 s; import no slower than 1.5 × pandas.read_excel
(openpyxl engine) on the same file, which only reads raw values.

Usage: python bench/bench_excel.py [ROWS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import load_demo
from app.domain.documents import Annex, AnnexRow, Document
from app.storage.repository import Repository
from app.tables.exporter import export_document
from app.tables.importer import preview_file

MEASURES = ("取消许可后，市场监管部门要通过以下措施加强监管：\n"
            "1. 开展“双随机、一公开”监管，根据风险状况确定抽查比例和频次，发现违法违规行为依法查处并公开结果。\n"
            "2. 依法实施信用监管，将企业行政处罚等信息归集至国家企业信用信息公示系统，依法向社会公示。\n"
            "3. 发挥行业协会自律作用，畅通投诉举报渠道，依法及时处理投诉举报。\n"
            "4. 加强跨部门信息共享，行政审批服务部门要及时将新登记企业信息推送至有关主管部门，"
            "各有关主管部门要充分运用共享的监管信息，有针对性地加强监管执法。\n"
            "5. 对存在严重违法失信行为的企业依法实施联合惩戒，并在“信用中国”网站公开。")
T = TypeVar("T")
TYPES = ("行政许可", "行政处罚", "行政检查", "其他行政权力")


def build_document(rows: int) -> Document:
    annex_rows = [AnnexRow(seq=str(n), department=f"县第{n % 40}局", name=f"第{n}号事项的审批和初审",
                           type=TYPES[n % 4], basis=f"《某某管理条例》第{n % 90}条。",
                           measures=MEASURES.replace("抽查比例", f"第{n}类抽查比例"),
                           remarks="" if n % 5 else "改为备案",
                           merged_with_above=["measures"] if n % 10 == 9 else [])
                  for n in range(1, rows + 1)]
    return Document(number="测试〔2024〕1号", title="基准",
                    annexes=[Annex(title="取消行政权力事项", layout="cancel", rows=annex_rows)])


def timed(label: str, action: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """Best of `repeat` runs, so the first run's module imports and cold caches do not count."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    shown = "  ".join(f"{t:.2f}" for t in times)
    print(f"{label:<40} {min(times):7.2f} s   (runs: {shown})")
    return min(times), result


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    import pandas

    with tempfile.TemporaryDirectory() as folder:
        os.environ["QUANZE_DATA_DIR"] = str(Path(folder) / "data")
        path = Path(folder) / "annex.xlsx"
        doc = build_document(rows)
        print(f"{rows} rows, measures {len(MEASURES)} characters each")
        export_s, _ = timed("export (export_document)", lambda: export_document(doc, path))
        print(f"{'file size':<40} {path.stat().st_size / 1024 / 1024:7.2f} MB")
        with Repository.open(Path(folder) / "bench.sqlite", make_backup=False) as repo:
            load_demo(repo)
            import_s, preview = timed("import (preview_file, merges, checks)",
                                      lambda: preview_file(path, repo))
        assert len(preview.rows) == rows, len(preview.rows)
        pandas_s, frame = timed("pandas.read_excel (openpyxl engine)",
                                lambda: pandas.read_excel(path, engine="openpyxl", header=2))
        assert len(frame) == rows
    print(f"{'import / pandas ratio (best runs)':<40} {import_s / pandas_s:7.2f}   (target ≤ 1.5)")
    print(f"{'export target':<40} {'met' if export_s < 5 else 'MISSED':>7}   (< 5 s)")


if __name__ == "__main__":
    main()
