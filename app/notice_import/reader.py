"""A whole notice read from a .docx or text PDF, previewed, then saved in one transaction.

The file's kind is taken from its first bytes (clerks rename files). Nothing
is written while previewing; saving creates the document with its annexes at
once, and refuses a 文号 already in the database unless asked to replace it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.documents import FORM_DOCUMENT, FORM_LETTER, ROW_FIELDS, Document
from app.notice_import.blocks import Block
from app.notice_import.classify import Found, classify
from app.progress import Progress
from app.storage.errors import NotFoundError, UserError
from app.storage.repository import Repository
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS, Limits
from app.tables.importer import ImportPreview, annex_from_preview, preview_grids

PDF_MAGIC = b"%PDF"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class NoticePreview:
    """What the file would become: the document, each annex's rows, and what to check."""

    path: Path
    document: Document
    annexes: list[ImportPreview]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        doc = self.document
        return {
            "organ_mark": doc.organ_mark, "number": doc.number, "title": doc.title,
            "recipients": doc.recipients, "body": doc.body_paragraphs(),
            "signature": doc.signature, "date": doc.date, "note": doc.note,
            "copy_to": doc.copy_to, "printer": doc.printer, "print_date": doc.print_date,
            "annexes": [{"title": annex.title,
                         "rows": [{k: getattr(r, k) for k in ROW_FIELDS} for r in annex.rows]}
                        for annex in doc.annexes],
            "warnings": self.warnings,
        }


def read_blocks(path: Path, limits: Limits = DEFAULT_LIMITS,
                progress: Progress | None = None) -> list[Block]:
    """A notice's paragraphs and tables; `progress` counts a PDF's pages (a .docx reads at once)."""
    if not path.exists():
        raise FileImportError(path, "文件不存在。")
    if path.stat().st_size == 0:
        raise FileImportError(path, "文件是空的（0 字节），可能没有保存完整。")
    if path.stat().st_size > limits.max_bytes:
        raise FileImportError(path, f"文件超过 {limits.max_bytes // 1024 // 1024} MB，已拒绝读取。")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if PDF_MAGIC in head:
        from app.notice_import.pdf_blocks import read_pdf_blocks

        return read_pdf_blocks(path, limits, progress)
    if head.startswith(ZIP_MAGIC):
        from app.notice_import.docx_blocks import read_docx_blocks

        return read_docx_blocks(path, limits)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileImportError(path, "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入。")
    raise FileImportError(path, "不是 Word 文档（.docx）或 PDF 文件，无法读取整份文件。")


def read_notice(path: Path | str, repo: Repository, limits: Limits = DEFAULT_LIMITS,
                progress: Progress | None = None) -> NoticePreview:
    path = Path(path)
    found = classify(read_blocks(path, limits, progress))
    previews = preview_grids(path, found.tables, repo, progress=progress)
    warnings = list(found.warnings)
    if len(previews) < len(found.tables):
        warnings.append(f"有 {len(found.tables) - len(previews)} 个表格没有可识别的表头，未作为附件读取。")
    document = _document(found, previews)
    for preview in previews:
        warnings.extend(f"{preview.title or preview.sheet}：{w}" for w in map(str, preview.warnings))
    if found.attachment_notes and len(found.attachment_notes) != len(previews):
        warnings.append(f"附件说明列了 {len(found.attachment_notes)} 个附件，文件中读到 {len(previews)} 个附件表格。")
    return NoticePreview(path, document, previews, warnings)


def _document(found: Found, previews: list[ImportPreview]) -> Document:
    doc = Document(number=found.number, title=found.title, organ_mark=found.organ_mark,
                   recipients=found.recipients, body="\n".join(found.body),
                   signature=found.signature, date=found.date, note=found.note,
                   copy_to=found.copy_to, printer=found.printer, print_date=found.print_date,
                   copy_number=found.copy_number, secrecy=found.secrecy, urgency=found.urgency,
                   signer=found.signer, form=FORM_LETTER if found.letter else FORM_DOCUMENT)
    doc.annexes = [annex_from_preview(p) for p in previews]
    for annex, name in zip(doc.annexes, found.attachment_notes, strict=False):
        if not annex.title or annex.title == annex.layout:
            annex.title = name
    return doc


def save_notice(repo: Repository, preview: NoticePreview, replace: bool = False) -> int:
    """Create the document (or replace the one with the same 文号) in one transaction."""
    doc = preview.document
    if not doc.number:
        raise UserError("没有读到发文字号，无法保存。请先在文件中补上文号，或在程序中新建文件后导入附件。")
    try:
        existing = repo.documents.id_for_number(doc.number)
    except NotFoundError:
        existing = None
    if existing is not None and not replace:
        raise UserError(f"文号“{doc.number}”的文件已在数据库中。要用这个文件替换它，请加 --replace"
                        "（在窗口中勾选“替换同文号文件”）。")
    doc.id = existing
    return repo.save_document(doc).id
