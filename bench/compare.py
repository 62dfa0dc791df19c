"""Quanze beside what a clerk or a developer would otherwise use, measured in one process.

Each pair runs alternately (so both see the same machine load), after one
unmeasured warm-up run each; the table shows medians and their ratio
(Quanze ÷ alternative: at or below 1.0 means Quanze is as fast or faster).

  import   a 10,000-row annex workbook, as Quanze exports it and as a department's
           LibreOffice saves it back (when soffice is installed): the importer
           (hostile-file guards, values, merges, header detection, cleaning, checks)
           beside pandas.read_excel with the calamine and openpyxl engines, which only
           read raw values; in process (library call beside library call), then as
           whole processes (`quanze import --dry-run --json` beside python -c), as the
           issue measured them
  PDF      a 1,000-row annex: Quanze's PDF beside LibreOffice converting the
           same annex exported by Quanze as a workbook (soffice --convert-to
           pdf, a whole process: that is how a clerk would use it); skipped
           with a note when soffice is not installed
  database file size at 100,000 items, and `quanze items --search 许可 --json`
           as a whole process: time and peak memory

The 100,000-item database is built once and cached (see --cache). Wall time is
shared with whatever else the machine runs, so the import rows also give CPU time
(this process's for the in-process runs, the child's for whole processes).
Usage: python bench/compare.py [--runs N] [--cache DIR] [--only import|pdf|database]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import load_demo
from app.domain.documents import Document
from app.pdf.fonts import resolve_fonts
from app.pdf.printing import print_annex
from app.storage.items import ItemFilter
from app.storage.migrations import SCHEMA_VERSION
from app.storage.repository import Repository
from app.tables.exporter import export_document
from app.tables.importer import preview_all
from bench.bench_excel import build_document
from bench.bench_pdf import big_annex
from bench.make_large_db import build

ROOT = Path(__file__).resolve().parents[1]
Row = tuple[str, str, str, str, str]
DB_TARGET_MB = 250


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def alternate(runs: int, actions: dict[str, Callable[[], object]],
              cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Seconds per run of each action, the actions taking turns; CPU seconds into `cpu`."""
    for action in actions.values():
        action()
    times: dict[str, list[float]] = {label: [] for label in actions}
    for label in actions:
        if cpu is not None:
            cpu[label] = []
    for _ in range(runs):
        for label, action in actions.items():
            started, used = time.perf_counter(), cpu_seconds()
            action()
            times[label].append(time.perf_counter() - started)
            if cpu is not None:
                cpu[label].append(cpu_seconds() - used)
    return times


def median(times: list[float]) -> float:
    return statistics.median(times)


def compare_import(folder: Path, runs: int) -> list[Row]:
    """Both workbooks, in process and as whole processes, beside both pandas engines."""
    workbook = folder / "annex10000.xlsx"
    export_document(build_document(10_000), workbook)
    with Repository.open(folder / "demo.sqlite", make_backup=False) as repo:
        load_demo(repo)
    books = [("Quanze's export", workbook)]
    resaved = resave(workbook, folder / "resaved")
    if resaved is not None:
        books.append(("saved again by LibreOffice", resaved))
    rows: list[Row] = []
    for label, book in books:
        rows += import_in_process(label, book, folder / "demo.sqlite", runs)
        rows += import_processes(label, book, folder / "demo.sqlite", runs)
    return rows


def resave(workbook: Path, out: Path) -> Path | None:
    """The workbook as a department's Excel, WPS or LibreOffice saves it back (shared
    strings, rich-text runs), or None without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    subprocess.run([soffice, f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(workbook)],
                   check=True, capture_output=True, timeout=600)
    return out / workbook.name


def import_in_process(label: str, workbook: Path, db: Path, runs: int) -> list[Row]:
    import pandas

    cpu: dict[str, list[float]] = {}
    with Repository.open(db, readonly=True) as repo:
        times = alternate(runs, {
            "quanze": lambda: preview_all(workbook, repo),
            "calamine": lambda: pandas.read_excel(workbook, engine="calamine", header=2),
            "openpyxl": lambda: pandas.read_excel(workbook, engine="openpyxl", header=2),
        }, cpu)
    return [(f"import 10,000 rows ({label}), in process", f"{median(times['quanze']):.2f} s",
             f"pandas {engine} {median(times[engine]):.2f} s",
             f"{median(times['quanze']) / median(times[engine]):.2f}",
             f"CPU {cpu_ratio(cpu, engine)}") for engine in ("calamine", "openpyxl")]


def import_processes(label: str, workbook: Path, db: Path, runs: int) -> list[Row]:
    """`quanze import --dry-run --json` beside `python -c` pandas.read_excel, as a clerk or a
    developer would run them."""
    # Measured as installed: pip and PyInstaller installs hold compiled bytecode, as pandas'
    # install does. With PYTHONDONTWRITEBYTECODE set (as in CI), a source tree without
    # __pycache__ was compiled again at every run: 0.04 s of the 0.55 s measured.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def pandas_process(engine: str) -> Callable[[], object]:
        return lambda: subprocess.run(
            [sys.executable, "-c", "import sys, pandas; pandas.read_excel(sys.argv[1], "
             f"engine='{engine}', header=2)", str(workbook)], check=True, capture_output=True)

    cpu: dict[str, list[float]] = {}
    times = alternate(runs, {
        "quanze": lambda: subprocess.run(
            [sys.executable, "-m", "quanze", "import", str(workbook), "--dry-run", "--json",
             "--db", str(db)], check=True, capture_output=True, env=env),
        "calamine": pandas_process("calamine"),
        "openpyxl": pandas_process("openpyxl"),
    }, cpu)
    ours = median(times["quanze"])
    return [(f"import 10,000 rows ({label}), whole processes", f"{ours:.2f} s",
             f"pandas {engine} {median(times[engine]):.2f} s", f"{ours / median(times[engine]):.2f}",
             f"CPU {cpu_ratio(cpu, engine)}") for engine in ("calamine", "openpyxl")]


def cpu_ratio(cpu: dict[str, list[float]], other: str) -> str:
    """Median CPU seconds of Quanze and of `other`, and their ratio."""
    ours, theirs = median(cpu["quanze"]), median(cpu[other])
    return f"{ours:.2f} s vs {theirs:.2f} s = {ours / theirs:.2f}"


def varied_annex() -> Document:
    """The PDF benchmark's annex with every row's measures a little different, as in life."""
    annex = big_annex()
    for n, row in enumerate(annex.rows, start=1):
        row.measures = row.measures.replace("检验检测机构", f"第{n}类检验检测机构")
    return Document(number="测试〔2021〕1号", title="测试", annexes=[annex])


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def compare_pdf(folder: Path, runs: int) -> list[Row]:
    doc = varied_annex()
    fonts = resolve_fonts()
    ours_pdf = folder / "annex-quanze.pdf"
    actions: dict[str, Callable[[], object]] = {
        "quanze": lambda: print_annex(doc.annexes[0], fonts, ours_pdf, 1)}
    soffice = shutil.which("soffice")
    workbook = folder / "annex1000.xlsx"
    if soffice:
        export_document(doc, workbook)
        profile = folder / "lo-profile"
        actions["libreoffice"] = lambda: subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "pdf", "--outdir", str(folder / "lo"), str(workbook)],
            check=True, capture_output=True, timeout=600)
    times = alternate(runs, actions)
    ours = median(times["quanze"])
    pages = pdf_pages(ours_pdf)
    if not soffice:
        return [("1,000-row annex PDF", f"{ours:.2f} s, {pages} pages",
                 "LibreOffice not installed", "—", "row skipped: no soffice on PATH")]
    theirs = median(times["libreoffice"])
    their_pages = pdf_pages(folder / "lo" / "annex1000.pdf")
    return [("1,000-row annex PDF", f"{ours:.2f} s, {pages} pages",
             f"LibreOffice {theirs:.2f} s, {their_pages} pages", f"{ours / theirs:.2f}",
             "target ≤ 1.0; pages were 524 before")]


def database_rows(cache: Path, runs: int) -> list[Row]:
    path = cache / f"large-v{SCHEMA_VERSION}.sqlite"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"building {path} (once) …", flush=True)
        build(path)
    size = path.stat().st_size / 1e6
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        index = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'items_search%' "
                             "OR name LIKE 'items_chars%'").fetchone()[0] / 1e6
        note = f"search index {index:.0f} MB of it"
    except sqlite3.OperationalError:
        note = "(this SQLite has no dbstat: index size not shown)"
    finally:
        conn.close()
    rows: list[Row] = [("database, 100,000 items", f"{size:.0f} MB", "—",
                        "—", f"{note}; target ≤ {DB_TARGET_MB} MB")]
    with Repository.open(path, readonly=True) as repo:
        for term in ("许可", "典当业特种行业"):
            times = alternate(runs, {term: lambda t=term: repo.items.query_ids(
                ItemFilter(search=t), order_by="name")})
            rows.append((f"search “{term}” (window, in process)",
                         f"{median(times[term]) * 1000:.0f} ms", "—", "—", "was 30–70 ms"))
    seconds, peak, hits = search_process(path, runs)
    rows.append(("`items --search 许可 --json` process", f"{seconds:.2f} s, {peak:.0f} MB peak",
                 "—", "—", f"{hits} hits; was 1.6 s, 296 MB"))
    return rows


PEAK = """
import resource, subprocess, sys, time
started = time.perf_counter()
out = subprocess.run(sys.argv[1:], check=True, capture_output=True).stdout
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
      out.count(b'"id":'))
"""


def search_process(path: Path, runs: int) -> tuple[float, float, int]:
    """Median seconds and peak resident MB of the command, each run in a fresh watcher."""
    command = [sys.executable, "-m", "quanze", "items", "--db", str(path), "--search", "许可",
               "--json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PEAK, *command], check=True,
                             capture_output=True, text=True, env=env).stdout.split()
        results.append((float(out[0]), int(out[1]) / 1024, int(out[2])))
    return (median([r[0] for r in results]), max(r[1] for r in results), results[0][2])


def print_table(rows: list[Row]) -> None:
    headers = ("task", "Quanze", "alternative", "ratio", "note")
    widths = [max(len(str(r[n])) for r in (headers, *rows)) for n in range(5)]
    for row in (headers, tuple("-" * w for w in widths), *rows):
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "quanze-bench"))
    parser.add_argument("--only", choices=("import", "pdf", "database"),
                        help="run one comparison only")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quanze-compare-"))
    os.environ.setdefault("QUANZE_DATA_DIR", str(folder / "data"))
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; medians of {args.runs} "
          "alternating runs", flush=True)
    rows: list[Row] = []
    if args.only in (None, "import"):
        rows += compare_import(folder, args.runs)
    if args.only in (None, "pdf"):
        rows += compare_pdf(folder, args.runs)
    if args.only in (None, "database"):
        rows += database_rows(Path(args.cache), args.runs)
    print_table(rows)
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
