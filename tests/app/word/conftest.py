"""Word files exported, converted to PDF by LibreOffice and read back, once per session.

LibreOffice prints with whatever fonts the machine has. The standard's faces
(仿宋_GB2312 …) are not on a build machine, so a fontconfig file maps them
to the bundled AR PL UMing, which is what the PDF back end uses there too:
both PDFs then set the same glyph widths and can be compared position by
position.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from app import paths
from app.domain.documents import Document
from app.pdf.fonts import OFFICIAL, resolve_fonts
from app.pdf.notice import write_notice
from app.storage.repository import Repository
from app.word.notice import write_docx

DEMO = "嘉政发〔2021〕2号"
WITH_IMPRINT = "鲁政发〔2020〕6号"
MM = 72 / 25.4
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装")


@dataclass
class Converted:
    doc: Document
    docx: Path
    pdf: pdfplumber.PDF
    reference: pdfplumber.PDF


def fontconfig(folder: Path) -> Path:
    """A fonts.conf that prints the standard's faces with the bundled stand-in."""
    rules = "".join(
        f'<match target="pattern"><test name="family"><string>{wanted.name}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>AR PL UMing CN</string>'
        f'</edit></match>' for wanted in OFFICIAL.values())
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f'<dir>{paths.resources_dir() / "fonts"}</dir>{rules}</fontconfig>', encoding="utf-8")
    return path


def to_pdf(docx: Path, folder: Path) -> Path:
    """LibreOffice's PDF of a .docx, with a private profile so parallel runs never collide."""
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig(folder)))
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, env=env, timeout=240)
    return folder / (docx.stem + ".pdf")


@pytest.fixture(scope="session")
def word_documents(demo_template: Path) -> dict[str, Document]:
    with Repository.open(demo_template, readonly=True, make_backup=False) as repo:
        return {n: repo.document_by_number(n) for n in (DEMO, WITH_IMPRINT)}


def _convert(doc: Document, folder: Path) -> Iterator[Converted]:
    docx = folder / "notice.docx"
    write_docx(doc, docx)
    reference = folder / "reference.pdf"
    write_notice(doc, resolve_fonts(), reference)
    with pdfplumber.open(to_pdf(docx, folder)) as pdf, pdfplumber.open(reference) as ref:
        yield Converted(doc, docx, pdf, ref)


@pytest.fixture(scope="session")
def demo_docx(word_documents: dict[str, Document],
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converted]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    yield from _convert(word_documents[DEMO], tmp_path_factory.mktemp("demo-docx"))


@pytest.fixture(scope="session")
def imprint_docx(word_documents: dict[str, Document],
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converted]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    yield from _convert(word_documents[WITH_IMPRINT], tmp_path_factory.mktemp("lz-docx"))
