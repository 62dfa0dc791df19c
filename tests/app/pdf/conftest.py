"""Rendered PDFs shared by the read-back tests: rendering once keeps the suite fast."""

from __future__ import annotations

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
