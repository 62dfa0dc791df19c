"""Whole notices back from Word and PDF: `quanze import-document` on real files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from app.cli import main
from app.domain.documents import FORM_LETTER, ROW_FIELDS, Document
from app.notice_import.reader import read_notice
from app.pdf.fonts import resolve_fonts
from app.pdf.notice import write_notice
from app.storage.repository import Repository
from app.word.notice import write_docx
from tests.app.notice_import.county import write_county_docx
from tests.app.word.conftest import SOFFICE, to_pdf

DEMO = "嘉政发〔2021〕2号"
WITH_IMPRINT = "鲁政发〔2020〕6号"
TITLE_PARTS = ["嘉祥县人民政府", "关于2021年第一批削减县级行政权力", "事项等事宜的通知"]


@pytest.fixture(scope="session")
def demo_docs(demo_template: Path) -> dict[str, Document]:
    with Repository.open(demo_template, readonly=True, make_backup=False) as repo:
        return {n: repo.document_by_number(n) for n in (DEMO, WITH_IMPRINT)}


@pytest.fixture(scope="session")
def county_files(demo_docs: dict[str, Document],
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The county's own Word file of the notice and LibreOffice's PDF of it."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    folder = tmp_path_factory.mktemp("county")
    docx = write_county_docx(demo_docs[DEMO], folder / "嘉政发2021-2.docx", TITLE_PARTS)
    yield docx, to_pdf(docx, folder)


def read_json(db: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["import-document", str(path), "--db", str(db), "--dry-run", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def expected_json(doc: Document) -> dict:
    return {
        "organ_mark": doc.organ_mark, "number": doc.number, "title": doc.title,
        "recipients": doc.recipients, "body": doc.body_paragraphs(), "signature": doc.signature,
        "date": doc.date, "note": doc.note, "copy_to": doc.copy_to, "printer": doc.printer,
        "print_date": doc.print_date,
        "annexes": [{"title": a.title, "rows": [{k: getattr(r, k) for k in ROW_FIELDS}
                                                 for r in a.rows]} for a in doc.annexes],
    }


def without_breaks(data: dict) -> dict:
    """Cell texts with line breaks dropped: where a PDF's line ended is not always knowable."""
    for annex in data["annexes"]:
        for row in annex["rows"]:
            for key, value in row.items():
                row[key] = value.replace("\n", "")
    return data


def test_county_word_file_comes_back_whole(demo_db: Path, demo_docs: dict[str, Document],
                                           county_files: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    got = read_json(demo_db, county_files[0], capsys)
    assert got.pop("warnings") == []
    assert got == expected_json(demo_docs[DEMO])


def test_libreoffice_pdf_of_the_county_file_comes_back_whole(
        demo_db: Path, demo_docs: dict[str, Document], county_files: tuple[Path, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    got = read_json(demo_db, county_files[1], capsys)
    got.pop("warnings")
    expected = expected_json(demo_docs[DEMO])
    assert {k: v for k, v in got.items() if k != "annexes"} == \
        {k: v for k, v in expected.items() if k != "annexes"}
    assert [len(a["rows"]) for a in got["annexes"]] == [18, 7, 4, 3, 4]
    measures = got["annexes"][0]["rows"][1]["measures"]
    assert "监管：\n1. 根据省公安厅" in measures and "依法实施监管。\n2. 通过" in measures
    assert without_breaks(got) == without_breaks(expected)


@pytest.mark.parametrize("number", [DEMO, WITH_IMPRINT])
def test_the_programs_own_pdf_comes_back_whole(number: str, demo_db: Path,
                                               demo_docs: dict[str, Document], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "notice.pdf"
    write_notice(demo_docs[number], resolve_fonts(), pdf)
    got = read_json(demo_db, pdf, capsys)
    assert got.pop("warnings") == []
    assert without_breaks(got) == without_breaks(expected_json(demo_docs[number]))


def test_word_export_round_trip_gives_the_same_document(
        demo_db: Path, demo_docs: dict[str, Document], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    original = demo_docs[DEMO]
    docx = tmp_path / "export.docx"
    write_docx(original, docx)
    assert main(["import-document", str(docx), "--db", str(demo_db)]) == 1
    assert "已在数据库中" in capsys.readouterr().err
    assert main(["import-document", str(docx), "--db", str(demo_db), "--replace"]) == 0
    with Repository.open(demo_db, readonly=True, make_backup=False) as repo:
        again = repo.document_by_number(DEMO)
    assert expected_json(again) == expected_json(original)
    for before, after in zip(original.annexes, again.annexes, strict=True):
        assert before.layout == after.layout
        assert [r.merged_with_above for r in before.rows] == [r.merged_with_above for r in after.rows]
        assert [r.change_kind for r in before.rows] == [r.change_kind for r in after.rows]


def test_a_new_notice_is_created_in_one_go(empty_repo: Repository, demo_docs: dict[str, Document],
                                           tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = tmp_path / "lz.docx"
    write_docx(demo_docs[WITH_IMPRINT], docx)
    path = empty_repo.path
    empty_repo.close()
    assert main(["import-document", str(docx), "--db", str(path)]) == 0
    assert "已导入文件“鲁政发〔2020〕6号”" in capsys.readouterr().out
    with Repository.open(path, readonly=True, make_backup=False) as repo:
        doc = repo.document_by_number(WITH_IMPRINT)
    assert doc.copy_to == demo_docs[WITH_IMPRINT].copy_to
    assert doc.print_date == "2020年4月10日"
    assert len(doc.body_paragraphs()) == len(demo_docs[WITH_IMPRINT].body_paragraphs())


def test_half_width_brackets_in_the_number_are_put_right(
        demo_db: Path, demo_docs: dict[str, Document], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    docx = write_county_docx(demo_docs[DEMO], tmp_path / "bad.docx", TITLE_PARTS,
                             number="嘉政发[2021]第02号")
    got = read_json(demo_db, docx, capsys)
    assert got["number"] == DEMO
    assert any("嘉政发[2021]第02号" in w and "六角括号" in w for w in got["warnings"])


def test_a_scanned_pdf_is_refused_clearly(demo_db: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    scan = tmp_path / "扫描件.pdf"
    canvas = Canvas(str(scan))
    for _ in range(2):
        canvas.setFillGray(0.8)
        canvas.rect(50, 50, 400, 600, fill=1)
        canvas.showPage()
    canvas.save()
    assert main(["import-document", str(scan), "--db", str(demo_db), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "扫描件.pdf" in err and "没有文字层" in err


def test_annex_tables_import_from_a_text_pdf(demo_db: Path, demo_docs: dict[str, Document],
                                             tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "notice.pdf"
    write_notice(demo_docs[DEMO], resolve_fonts(), pdf)
    capsys.readouterr()
    assert main(["import", str(pdf), "--db", str(demo_db), "--dry-run", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["title"] == "取消行政权力事项（18项）"
    assert [r["name"] for r in got["rows"]] == [r.name for r in demo_docs[DEMO].annexes[0].rows]


HEADER_FIELDS = ("organ_mark", "number", "signature", "copy_number", "secrecy", "urgency",
                 "signer", "form", "title", "date")


@pytest.mark.parametrize("kind", ["joint", "letter"])
def test_header_marks_joint_organs_and_letters_come_back(kind: str, demo_db: Path,
                                                         demo_docs: dict[str, Document],
                                                         tmp_path: Path) -> None:
    base = replace(demo_docs[DEMO], annexes=[])
    if kind == "joint":
        doc = replace(base, organ_mark="嘉祥县人民政府\n嘉祥县财政局",
                      signature="嘉祥县人民政府\n嘉祥县财政局", copy_number="000123",
                      secrecy="秘密★1年", urgency="特急", signer="张三")
    else:
        doc = replace(base, form=FORM_LETTER, organ_mark="嘉祥县人民政府", number="嘉政函〔2021〕5号",
                      copy_number="000123", urgency="加急")
    docx = tmp_path / "doc.docx"
    write_docx(doc, docx)
    pdf = tmp_path / "doc.pdf"
    write_notice(doc, resolve_fonts(), pdf)
    with Repository.open(demo_db, readonly=True, make_backup=False) as repo:
        for path in (docx, pdf):
            got = read_notice(path, repo).document
            assert {f: getattr(got, f) for f in HEADER_FIELDS} == \
                {f: getattr(doc, f) for f in HEADER_FIELDS}, path.suffix
            assert got.body_paragraphs() == doc.body_paragraphs()
