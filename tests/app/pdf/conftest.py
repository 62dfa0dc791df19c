"""Rendered PDFs shared by the read-back tests: rendering once keeps the suite fast."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from app.domain.documents import Document
from app.pdf.fonts import FontSet, resolve_fonts
from app.pdf.notice import write_notice
from app.storage.repository import Repository

DEMO = "嘉政发〔2021〕2号"
WITH_IMPRINT = "鲁政发〔2020〕6号"
MM = 72 / 25.4


@dataclass
class Rendered:
    doc: Document
    path: Path
    pdf: pdfplumber.PDF


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return resolve_fonts()


@pytest.fixture(scope="session")
def demo_documents(demo_template: Path) -> dict[str, Document]:
    with Repository.open(demo_template, readonly=True, make_backup=False) as repo:
        return {n: repo.document_by_number(n) for n in (DEMO, WITH_IMPRINT)}


def _render(doc: Document, fonts: FontSet, folder: Path) -> Iterator[Rendered]:
    path = folder / "notice.pdf"
    write_notice(doc, fonts, path)
    with pdfplumber.open(path) as pdf:
        yield Rendered(doc, path, pdf)


@pytest.fixture(scope="session")
def demo_pdf(demo_documents: dict[str, Document], fonts: FontSet,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    yield from _render(demo_documents[DEMO], fonts, tmp_path_factory.mktemp("demo-pdf"))


@pytest.fixture(scope="session")
def imprint_pdf(demo_documents: dict[str, Document], fonts: FontSet,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    yield from _render(demo_documents[WITH_IMPRINT], fonts, tmp_path_factory.mktemp("lz-pdf"))


@pytest.fixture
def cff_font(tmp_path: Path) -> Path:
    """An OpenType font file with CFF outlines, as Noto/Source Han ship them.

    Only its table directory and name table are real (no glyphs): enough for
    the font search, which must recognise it by the `CFF ` table, and for
    ReportLab, which would refuse it.
    """
    path = tmp_path / "SourceHanSerifSC-Regular.otf"
    name = "Source Han Serif SC".encode("utf-16-be")
    name_table = struct.pack(">HHH", 0, 1, 18) + struct.pack(">6H", 3, 1, 0x409, 1, len(name), 0) + name
    cff = b"\x01\x00\x04\x01" + bytes(60)
    tables = [(b"CFF ", cff), (b"name", name_table)]
    offset = 12 + 16 * len(tables)
    directory, data = b"", b""
    for tag, body in tables:
        directory += struct.pack(">4sIII", tag, 0, offset + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    path.write_bytes(b"OTTO" + struct.pack(">HHHH", len(tables), 32, 1, 0) + directory + data)
    return path
