"""Whether two source trees' importers give the same previews, file by file.

A change meant only to make the importer faster must not change what the clerk
sees. This runs `preview_all` of each tree in its own process (PYTHONPATH set to
the tree) on the same files against the same database, writes everything a
preview holds as JSON (rows with every field, warnings, source rows, extra
fields, header row, title, annex number and `as_json()`; a refused file by its
message) and reports each file whose JSON differs.

  python bench/same_preview.py --make DIR
      fills DIR with files that exercise the parser: the demo documents exported
      as .xlsx, a workbook of awkward cells (floats, booleans, full-width digits,
      U+3000 cells, CRLF, notes rows, repeated headers, merged cells), three of
      such cells drawn at random, and .xls copies made by LibreOffice when soffice
      is installed
  python bench/same_preview.py BASE_TREE DB FILE_OR_FOLDER...
      compares (every file in a folder, any name) BASE_TREE (e.g. `git archive main | tar -x -C /tmp/base`) with
      this tree; DB is a database holding the demo data (opened read-only)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()

AWKWARD_ROWS: list[list[object]] = [
    ["附件２"], ["取消行政权力事项（9项）"],
    ["序号", "原实施\n部门", "事项名称及\n权限", "事项类型", "取消依据", "加强事中事后监管措施", "备注"],
    [1.0, "县市场监管局", "食品经营许可", "行政许可", "《条例》第1条。", "加强监管。\r\n1. 抽查", None],
    [2, "县\u3000市场监管局", " 名称\u00a0带空格 ", "行政  处罚", "依据 \n 第二行", "措施\r\n（1）第一", True],
    ["\u3000", "县交通局", "首格只有全角空格", "行政检查", None, "措施", False],
    ["３", "县交通局", "全角序号", "行政许可", "依据", "措施\n\n2、下一点", "备注"],
    [3.5, "县财政局", "小数序号", "其他行政权力", "依据", "措施", None],
    ["注：以上事项自公布之日起取消。"], ["这一行接着上面的说明。"], [9.0],
    [4.0, "县财政局", "说明之后的数据行", "行政许可", "依据", "措施", None],
    ["序号", "原实施部门", "事项名称及权限", "事项类型", "取消依据", "加强事中事后监管措施", "备注"],
    [5.0, "县水利局", "合并部门的行", "未知类型", "依据", "措施", None],
    [6.0, None, None, "行政许可", "依据", "没有名称", None],
    [7.0, "", "", "", "", "", ""],
    [None, None, None, None, None, None, None],
    ["说明：", "县水利局", "像说明的数据行", "行政许可", "依据", "措施", None],
    [8.0, "县水利局", "最后一行", "行政许可", "依据", "措施", "改为备案"],
    [True, "县水利局", "布尔值开头", "行政许可", "依据", "措施", None],
    ["备注：尾注"],
]


def make_files(folder: Path) -> None:
    """The demo documents' annexes, the awkward and mixed workbooks, .xls copies of them."""
    sys.path.insert(0, str(HERE.parents[1]))
    import openpyxl

    from app.demo import _read, document_from_dict
    from app.tables.exporter import export_document

    folder.mkdir(parents=True, exist_ok=True)
    export_document(document_from_dict(_read("jiazheng-2021-2.json")), folder / "demo.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件2"
    for row in AWKWARD_ROWS:
        sheet.append(row)
    sheet.merge_cells("B14:B15")
    book.save(folder / "awkward.xlsx")
    for seed in range(3):
        _write_mixed(folder / f"mixed{seed}.xlsx", random.Random(seed))
    soffice = shutil.which("soffice")
    if soffice:
        for path in sorted(folder.glob("*.xlsx")):
            subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir",
                            str(folder), str(path)], check=True, capture_output=True)


# Cells the mixed workbooks draw from: each kind the importer treats apart.
MIXED_CELLS: list[object] = [
    None, None, "", 1.0, 2.0, 3.5, -1.0, True, False, 7, "12", "１２", " 3 ", "\u3000", "\u3000\u3000",
    "行政许可", "行政\n许可", "县交通局", "县\u3000交通局", "县财政局 ", "注：说明", "说明：", "备注：尾注",
    "序号", "事项名称及权限", "事项类型", "措施\r\n1. 一条", "措施 \n2、二条", "措施\n\n（1）细则",
    "第\n1\n.条", "名称\u00a0带空格", "加强监管：\n1. 开展抽查\n2. 公示", "——\n结尾", "《条例》"]


def _write_mixed(path: Path, rng: random.Random) -> None:
    """A sheet of 600 rows drawn at random from MIXED_CELLS under a real header, with
    some vertical merges: whatever the drawing gives, both trees must read it alike."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件1"])
    sheet.append(AWKWARD_ROWS[2])
    for _ in range(600):
        width = rng.choice((1, 2, 7, 7, 7, 8))
        if rng.random() < 0.15:  # one value across the row, as a merged note line reads
            sheet.append([rng.choice(MIXED_CELLS)] * width)
        else:
            sheet.append([rng.choice(MIXED_CELLS) for _ in range(width)])
    for _ in range(40):
        top, column = rng.randrange(3, 600), rng.choice("ABCDEFG")
        merged = f"{column}{top}:{column}{top + rng.randrange(1, 4)}"
        if not any(merged_range.coord.startswith(column) and
                   merged_range.min_row <= top + 4 and merged_range.max_row >= top - 4
                   for merged_range in sheet.merged_cells.ranges):
            sheet.merge_cells(merged)
    book.save(path)


def dump(db: str, files: list[str]) -> None:
    """Every file's previews as JSON on stdout (run inside the tree being compared)."""
    from app.storage.errors import UserError
    from app.storage.repository import Repository
    from app.tables.errors import FileImportError
    from app.tables.importer import preview_all

    repo = Repository.open(db, make_backup=False, readonly=True)
    out: dict[str, Any] = {}
    for name in files:
        try:
            out[name] = [_preview_json(p) for p in preview_all(Path(name), repo)]
        except (FileImportError, UserError) as exc:
            out[name] = {"refused": str(exc)}
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


def _preview_json(preview: Any) -> dict[str, Any]:
    return {"as_json": preview.as_json(), "title": preview.title,
            "annex_number": preview.annex_number, "header_row": preview.header_row,
            "rows": [dataclasses.asdict(r) for r in preview.rows],
            "warnings": [str(w) for w in preview.warnings],
            "source_rows": preview.source_rows, "extra": preview.extra}


def run_tree(tree: Path, db: str, files: list[str]) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, str(HERE), "--dump", db, *files], env=env,
                          capture_output=True, text=True, encoding="utf-8", check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def compare(base: Path, db: str, targets: list[str]) -> int:
    files = sorted(str(p) for t in map(Path, targets)
                   for p in ([t] if t.is_file() else t.rglob("*")) if p.is_file())
    before = run_tree(base, db, files)
    after = run_tree(HERE.parents[1], db, files)
    differ = [f for f in files if before[f] != after[f]]
    rows = sum(len(p["rows"]) for v in after.values() if isinstance(v, list) for p in v)
    refused = sum(isinstance(v, dict) for v in after.values())
    for name in differ:
        print("DIFFERS:", name)
    print(f"{len(files)} files ({rows} rows, {refused} refused): {len(differ)} differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make", metavar="DIR")
    parser.add_argument("--dump", action="store_true")
    parser.add_argument("args", nargs="*")
    args = parser.parse_args()
    if args.make:
        make_files(Path(args.make))
    elif args.dump:
        dump(args.args[0], args.args[1:])
    else:
        sys.exit(compare(Path(args.args[0]), args.args[1], args.args[2:]))


if __name__ == "__main__":
    main()
