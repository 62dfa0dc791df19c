"""Files are written beside their target and renamed into place: saving to another drive than
the system's temporary folder works, and every file opens for the people the folder is shared with."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.pdf.fonts import resolve_fonts
from app.pdf.printing import print_document
from app.storage.repository import Repository
from app.tables.exporter import export_document
from app.word.notice import write_docx

NUMBER = "嘉政发〔2021〕2号"
SHM = Path("/dev/shm")


@pytest.fixture
def temp_on_another_drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The system's temporary folder on another file system than the output folder, as C:\\
    is to a clerk's D:\\ or USB stick (a RAM disk here)."""
    if not (SHM.is_dir() and os.access(SHM, os.W_OK)) or \
            SHM.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("需要另一个文件系统（/dev/shm）")
    other = Path(tempfile.mkdtemp(dir=SHM))
    monkeypatch.setattr(tempfile, "tempdir", str(other))
    yield other
    shutil.rmtree(other)


def test_pdf_workbook_and_word_file_save_to_another_drive(
        temp_on_another_drive: Path, demo_repo: Repository, tmp_path: Path) -> None:
    doc = demo_repo.document_by_number(NUMBER)
    out = tmp_path / "out"
    assert print_document(doc, resolve_fonts(), out / "通知.pdf").pages > 1
    export_document(doc, out / "附件.xlsx")
    write_docx(doc, out / "通知.docx")
    assert sorted(p.name for p in out.iterdir()) == ["通知.docx", "通知.pdf", "附件.xlsx"]
    mask = os.umask(0)
    os.umask(mask)
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path.name
    assert list(temp_on_another_drive.iterdir()) == []
