"""Fixtures for the Excel tests, and builders for the kinds of files that really arrive.

The builders travel as the `xl` fixture because tests are imported in
importlib mode, where a test module cannot import a helper module beside it.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from app.domain.documents import Document

DEMO_NUMBER = "嘉政发〔2021〕2号"


def write_xlsx(path: Path, rows: Sequence[Sequence[object]],
               merges: Sequence[str] = (), sheet: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    return path


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    result = subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{out_dir}/lo-profile",
         "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=120)
    target = out_dir / (source.stem + "." + target_format.split(":")[0])
    assert result.returncode == 0 and target.exists(), result.stderr + result.stdout
    return target


def rewrite_member(path: Path, member: str, transform: Callable[[bytes], bytes]) -> Path:
    """Copy of an .xlsx with one part's bytes replaced: for files no library would write."""
    source = zipfile.ZipFile(path)
    target_path = path.with_name("patched-" + path.name)
    with zipfile.ZipFile(target_path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, transform(data) if info.filename == member else data)
    source.close()
    return target_path


@pytest.fixture
def xl() -> SimpleNamespace:
    return SimpleNamespace(write_xlsx=write_xlsx, convert=convert, rewrite_member=rewrite_member)


@pytest.fixture
def demo_doc(demo_repo) -> Document:
    return demo_repo.document_by_number(DEMO_NUMBER)


@pytest.fixture
def target_doc(empty_repo):
    """An empty notice in an empty database to import into."""
    empty_repo.save_document(Document(number="测试〔2021〕1号", title="测试通知"))
    return empty_repo
