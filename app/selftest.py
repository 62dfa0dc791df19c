"""`quanze --self-test`: proves that an installed copy works, end to end, on the PC in front of you.

Support asks a clerk to run it when something "does not work"; the build test
runs it on the freshly built folder. It touches nothing of the user's: the
database, the PDF, the workbook, settings and backups all go to a temporary
folder, which is deleted when everything passes and kept (for support) when
something fails.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app import __version__, paths
from app.demo import DEMO_NOTICE, load_demo
from app.domain.documents import ROW_FIELDS
from app.storage.errors import UserError
from app.storage.repository import Repository

log = logging.getLogger("quanze.selftest")


class CheckFailed(Exception):
    """A check ran but found something wrong; the message is for the user, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        mark = "通过" if self.ok else "失败"
        return f"[{mark}] {self.name}：{self.detail}（{self.seconds:.2f} 秒）"


@dataclass(frozen=True)
class Workspace:
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "自检.sqlite"

    @property
    def pdf(self) -> Path:
        return self.folder / "通知.pdf"


Check = Callable[[Workspace], str]


def check_database(ws: Workspace) -> str:
    with Repository.open(ws.db, make_backup=False) as repo:
        load_demo(repo)
        counts = repo.counts()
        problems = repo.check()
    if problems:
        raise CheckFailed("示例数据库检查发现问题：" + "；".join(problems))
    if not counts.get("事项"):
        raise CheckFailed("示例数据载入后没有任何事项。")
    summary = "，".join(f"{name} {number}" for name, number in counts.items())
    return f"已建立示例数据库（{summary}），完整性检查通过"


def check_pdf(ws: Workspace) -> str:
    from app.pdf.fonts import resolve_fonts
    from app.pdf.printing import print_document

    out = ws.pdf
    with Repository.open(ws.db, readonly=True) as repo:
        doc = repo.document_by_number(DEMO_NOTICE)
    result = print_document(doc, resolve_fonts(), out)
    if not out.exists() or not out.read_bytes().startswith(b"%PDF"):
        raise CheckFailed(f"没有生成有效的 PDF 文件：{out}")
    if result.pages < 1:
        raise CheckFailed("生成的 PDF 没有页面。")
    fonts = f"，{len(result.substitutions)} 种字体用了替代字体" if result.substitutions else ""
    return (f"{DEMO_NOTICE} 通知及 {len(doc.annexes)} 个附件生成 PDF，共 {result.pages} 页，"
            f"{out.stat().st_size / 1024:.0f} KB{fonts}")


def check_excel(ws: Workspace) -> str:
    from app.tables.exporter import export_document
    from app.tables.importer import preview_all

    out = ws.folder / "附件.xlsx"
    with Repository.open(ws.db, readonly=True) as repo:
        doc = repo.document_by_number(DEMO_NOTICE)
        exported = export_document(doc, out)
        previews = preview_all(out, repo)
    if len(previews) != len(doc.annexes):
        raise CheckFailed(f"导出 {len(doc.annexes)} 个附件，读回只识别出 {len(previews)} 个工作表。")
    for number, (annex, preview) in enumerate(zip(doc.annexes, previews, strict=True), start=1):
        keys = [k for k in ROW_FIELDS if preview.layout.column(k) is not None]
        written = [[row.field_values()[k] for k in keys] for row in annex.rows]
        read = [[row.field_values()[k] for k in keys] for row in preview.rows]
        if written != read:
            differing = next((i for i, (a, b) in enumerate(zip(written, read, strict=False))
                              if a != b), min(len(written), len(read)))
            raise CheckFailed(f"附件{number}导出 {len(written)} 行、读回 {len(read)} 行，"
                              f"第 {differing + 1} 行起内容不一致。")
    return (f"{len(doc.annexes)} 个附件共 {exported.rows} 行导出为 .xlsx 并读回，"
            f"{exported.sheets} 个工作表逐行一致")


# (name shown, component named when its import fails, check). The window's check is
# added by the program's entry point (`quanze.main`), as `app` never imports `ui`.
NamedCheck = tuple[str, str, Check]

CHECKS: tuple[NamedCheck, ...] = (
    ("示例数据库", "", check_database),
    ("通知 PDF", "app.pdf", check_pdf),
    ("附件表格", "app.tables", check_excel),
)


def run_check(name: str, component: str, check: Check, ws: Workspace) -> CheckResult:
    started = time.perf_counter()
    try:
        detail, ok = check(ws), True
    except CheckFailed as exc:
        detail, ok = exc.message, False
    except UserError as exc:
        detail, ok = exc.message, False
    except ImportError as exc:
        log.error("自检 %s：缺少组件\n%s", name, traceback.format_exc())
        detail, ok = f"缺少组件 {component or exc.name}（{exc}），程序安装不完整", False
    except Exception as exc:
        log.error("自检 %s 出错\n%s", name, traceback.format_exc())
        detail, ok = f"出错：{type(exc).__name__}: {exc}", False
    return CheckResult(name, ok, detail, time.perf_counter() - started)


@contextmanager
def private_data_dir(folder: Path) -> Iterator[None]:
    """Settings, backups and logs of the checked code go to the temporary folder, not the user's."""
    previous = os.environ.get(paths.DATA_DIR_ENV)
    os.environ[paths.DATA_DIR_ENV] = str(folder)
    handler = logging.FileHandler(folder / "自检日志.txt", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    try:
        yield
    finally:
        log.removeHandler(handler)
        handler.close()
        if previous is None:
            del os.environ[paths.DATA_DIR_ENV]
        else:
            os.environ[paths.DATA_DIR_ENV] = previous


def program_description() -> str:
    where = paths.executable_dir() if getattr(sys, "frozen", False) else paths.install_dir()
    kind = "打包程序" if getattr(sys, "frozen", False) else "源代码"
    return f"权责清单管理 {__version__} 自检（{kind}：{where}）"


def run(out: Callable[[str], object] = print, folder: Path | None = None,
        extra_checks: Sequence[NamedCheck] = ()) -> int:
    """Runs every check and prints one line each; 0 when all pass, 1 otherwise.

    Given a folder, the files are made there and left for the caller to look at.
    """
    started = time.perf_counter()
    keep = folder is not None
    folder = folder or Path(tempfile.mkdtemp(prefix="quanze-selftest-"))
    folder.mkdir(parents=True, exist_ok=True)
    out(program_description())
    results: list[CheckResult] = []
    with private_data_dir(folder):
        ws = Workspace(folder)
        for name, component, check in (*CHECKS, *extra_checks):
            if results and not results[0].ok:
                results.append(CheckResult(name, False, "未运行：示例数据库没有建好", 0.0))
            else:
                results.append(run_check(name, component, check, ws))
            out(results[-1].line())
    seconds = time.perf_counter() - started
    failed = [r for r in results if not r.ok]
    if failed:
        out(f"自检未通过：{len(failed)} 项失败（共 {len(results)} 项，用时 {seconds:.1f} 秒）。"
            f"生成的文件和日志保留在：{folder}")
        return 1
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    out(f"自检通过：共 {len(results)} 项，用时 {seconds:.1f} 秒。")
    return 0
