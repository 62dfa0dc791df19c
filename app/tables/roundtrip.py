"""Department round-trips: each county department gets a form with its rows and sends it back.

Forms go to the county departments that answer for the rows (lead and
partners, app/domain/sectors.py), never to the upper-level body a document
names. Every form is registered with a token and a key (app/storage/forms.py),
and every row's hidden identity cell is signed (app/domain/forms.py), so a
returned row is applied only when it is provably the row that form was sent:
anything else is refused with its sheet and row named, and the rest of the
form still goes through. Accepted changes land in one transaction with the
audit entries and the department's report-back marked received.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from app.domain.departments import clean_department_name
from app.domain.documents import AnnexRow, Document
from app.domain.forms import (
    LEAD,
    PARTNER,
    ROLE_LABELS,
    due_from_body,
    form_file_name,
    identity_cell,
    parse_identity_cell,
    signature,
)
from app.domain.layouts import (
    BUILTIN_LAYOUTS,
    IDENTITY,
    Layout,
    builtin_layout,
)
from app.domain.text import clean_cell, fold
from app.progress import Progress, report
from app.storage.errors import UserError
from app.storage.forms import FormRecord, SentRow
from app.storage.repository import Repository
from app.tables.errors import FileImportError
from app.tables.exporter import ExportResult, file_in_use
from app.tables.form_workbook import (
    EDITABLE,
    INSTRUCTIONS,
    PARTNER_SHEET_SUFFIX,
    PROP_DEPARTMENT,
    PROP_DOCUMENT,
    PROP_FORM,
    TYPES_SHEET,
    FormHeader,
    write_form,
)
from app.tables.grid import DEFAULT_LIMITS, Grid, Limits
from app.tables.importer import ImportPreview, ImportWarning, parse_grid
from app.tables.reader import read_grids
from app.tables.sheet import TableSpec


@dataclass
class RowChange:
    """One field a department changed; `accepted` is the clerk's decision."""

    identity: str
    field: str
    old: str
    new: str
    where: str = ""
    accepted: bool = True


@dataclass
class ReturnedWorkbook:
    """What a returned form proposes, what was refused, and whose it is."""

    path: Path
    department: str
    document_number: str
    changes: list[RowChange]
    warnings: list[ImportWarning] = field(default_factory=list)
    matched: int = 0
    refused: list[ImportWarning] = field(default_factory=list)
    whole_form_refused: bool = False
    received_before: str = ""


@dataclass
class SentForms:
    """The result of sending a document's forms: files written, due date, rows no form took."""

    results: list[ExportResult]
    due_date: str
    unassigned: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _FormRow:
    annex_no: int
    values: dict[str, str]
    identity: str
    role: str
    merged: tuple[str, ...] = ()


# Export ------------------------------------------------------------------------
def rows_by_department(doc: Document) -> tuple[dict[str, list[_FormRow]], list[str]]:
    """County department → its rows (lead and partner); and rows no county department answers."""
    groups: dict[str, list[_FormRow]] = {}
    unassigned: list[str] = []
    for number, annex in enumerate(doc.annexes, start=1):
        for index, row in enumerate(annex.rows):
            identity = f"annex_row:{row.id}"
            above = annex.rows[index - 1] if index else None
            merged = tuple(k for k in row.merged_with_above if k in EDITABLE)
            if not row.lead:
                unassigned.append(f"附件{number}第{row.seq or index + 1}行（{row.name}）：部门"
                                  f"“{row.department}”还没有对应的本县部门，请在“部门”页的待指定列表中指定。")
            for department, role in [(row.lead, LEAD)] * bool(row.lead) + [
                    (p, PARTNER) for p in row.partners]:
                same_above = above is not None and department in (above.lead, *above.partners)
                groups.setdefault(department, []).append(_FormRow(
                    number, row.field_values(), identity, role, merged if same_above else ()))
    return groups, unassigned


def _sheets(doc: Document, department: str, rows: list[_FormRow], key: str,
            canonical: dict[str, str]) -> tuple[list[tuple[str, Layout, TableSpec]], list[SentRow]]:
    sheets: list[tuple[str, Layout, TableSpec]] = []
    sent: list[SentRow] = []
    for number in dict.fromkeys(r.annex_no for r in rows):
        annex = doc.annexes[number - 1]
        layout = builtin_layout(annex.layout)
        for role in (LEAD, PARTNER):
            part = [r for r in rows if r.annex_no == number and r.role == role]
            if not part:
                continue
            name = f"附件{number}" + (PARTNER_SHEET_SUFFIX if role == PARTNER else "")
            cells = []
            for r in part:
                locked = {**r.values, "department": canonical.get(r.values["department"],
                                                                  r.values["department"])}
                cells.append(identity_cell(r.identity, role, signature(
                    key, r.identity, department, role, locked)))
                sent.append(SentRow(r.identity, role, name, r.values["seq"], r.values["name"],
                                    r.values["department"]))
            merged = [list(r.merged) if i else [] for i, r in enumerate(part)]
            title = f"{annex.base_title()}（{department}{ROLE_LABELS[role]}，{len(part)}项）"
            sheets.append((name, layout, TableSpec(
                title=title, columns=layout.columns, rows=[r.values for r in part],
                label=f"附件{number}", identities=cells, merged=merged,
                editable=EDITABLE if role == LEAD else frozenset(), protect=True)))
    return sheets, sent


def export_for_departments(repo: Repository, document_number: str, out_dir: Path | str,
                           departments: Sequence[str] = (), due: str = "",
                           progress: Progress | None = None, today: str = "") -> SentForms:
    """One form per county department, registered with its report-back request.

    The due date is `due` (ISO) or the one the notice body sets. Forms and
    requests are recorded in one transaction with the files: if a file cannot
    be written, nothing is recorded.
    """
    doc = repo.document_by_number(document_number)
    groups, unassigned = rows_by_department(doc)
    if departments:
        wanted = {repo.resolve_department(d).county_department or clean_department_name(d)
                  for d in departments}
        missing = wanted - set(groups)
        if missing:
            raise UserError(f"文件“{doc.number}”的附件中没有这些本县部门牵头或配合的事项："
                            f"{'、'.join(sorted(missing))}。")
        groups = {k: v for k, v in groups.items() if k in wanted}
    if not groups:
        raise UserError(f"文件“{doc.number}”的附件中没有可以发给本县部门的事项，无法导出。"
                        + ("".join(unassigned[:3])))
    today = today or dt.date.today().isoformat()
    due = due or due_from_body(doc.body)
    registry = repo.departments.registry()
    canonical = {r.department: registry.canonical_name(r.department)
                 for a in doc.annexes for r in a.rows}
    types = repo.lists.item_types()
    results: list[ExportResult] = []
    taken: set[str] = set()
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with repo.transaction(), tempfile.TemporaryDirectory(prefix=".quanze-", dir=folder) as staging:
        for done, (department, rows) in enumerate(groups.items()):
            report(progress, done, len(groups))
            record = repo.forms.create(doc.number, department, [], today)
            sheets, sent = _sheets(doc, department, rows, record.key, canonical)
            repo.forms.set_rows(record, sent)
            repo.lists.request_report_back(department, doc.number, due, today, len(rows))
            path = Path(staging) / form_file_name(department, doc.number, taken)
            head = FormHeader(department, doc.number, record.token, today, due)
            results.append(write_form(head, types, sheets, path, progress))
        report(progress, len(groups), len(groups))
        results = [_move_into(result, folder) for result in results]
    return SentForms(results, due, unassigned)


def _move_into(result: ExportResult, folder: Path) -> ExportResult:
    """Forms are written aside and moved in only when all are done, so a cancel leaves none."""
    target = folder / result.path.name
    try:
        os.replace(result.path, target)
    except PermissionError as exc:
        raise file_in_use(target) from exc
    return dataclasses.replace(result, path=target)


# Import ------------------------------------------------------------------------
@dataclass
class _Claims:
    """What the returned file says about itself: properties first, then its 填写说明 sheet."""

    token: str = ""
    department: str = ""
    document: str = ""
    tokens: set[str] = field(default_factory=set)
    departments: set[str] = field(default_factory=set)


def _claims(path: Path, grids: Sequence[Grid]) -> _Claims:
    claims = _Claims()
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
        # (types-openpyxl lacks Workbook.custom_doc_props, openpyxl >= 3.1 has it.)
        props = {p.name: str(p.value) for p in wb.custom_doc_props}  # type: ignore[attr-defined]
        wb.close()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        props = {}
    for name, target in ((PROP_FORM, "tokens"), (PROP_DEPARTMENT, "departments")):
        if props.get(name):
            getattr(claims, target).add(props[name].strip())
    claims.document = props.get(PROP_DOCUMENT, "")
    for grid in grids:
        if grid.sheet != INSTRUCTIONS:
            continue
        for cells in grid.rows[:8]:
            text = clean_cell(cells[0] if cells else None)
            for prefix, target in (("反馈表编号：", "tokens"), ("部门：", "departments")):
                if text.startswith(prefix) and text[len(prefix):].strip():
                    getattr(claims, target).add(text[len(prefix):].strip())
            if text.startswith("文号：") and not claims.document:
                claims.document = text[3:].strip()
    claims.token = next(iter(claims.tokens), "")
    claims.department = next(iter(claims.departments), "")
    return claims


def _returned_layouts() -> list[Layout]:
    return [Layout(x.id, x.name, (IDENTITY, *x.columns))
            for x in BUILTIN_LAYOUTS]


def _form_record(repo: Repository, path: Path, claims: _Claims) -> FormRecord:
    if len(claims.tokens) > 1:
        raise FileImportError(path, "文件属性和“填写说明”中的反馈表编号不一致，无法确认是哪份反馈表，未导入。")
    record = repo.forms.get(claims.token) if claims.token else None
    if record is None:
        raise FileImportError(path, "找不到这份反馈表的登记（没有反馈表编号，或不是本数据库发出的）。"
                                    "为防止改错事项，只能导入本程序发出的反馈表；请重新导出后发给部门。")
    return record


def read_returned(repo: Repository, path: Path | str, limits: Limits = DEFAULT_LIMITS,
                  progress: Progress | None = None) -> ReturnedWorkbook:
    """The changes a returned form proposes and the rows it refuses; nothing is written."""
    path = Path(path)
    grids = read_grids(path, limits, progress)
    claims = _claims(path, grids)
    record = _form_record(repo, path, claims)
    result = ReturnedWorkbook(path, record.department, record.document_number, [])
    result.received_before = next(
        (r.received_date for r in repo.lists.report_backs_for(record.document_number)
         if r.department == record.department and r.received_date), "")
    registry = repo.departments.registry()
    others = {d for d in claims.departments if not registry.same(d, record.department)}
    if others:
        result.whole_form_refused = True
        result.refused.append(ImportWarning(INSTRUCTIONS, None, "", (
            f"这份反馈表是发给{record.department}的，但文件中写的部门是“{'、'.join(sorted(others))}”。"
            "无法确认来源，整份未导入，也没有登记报送。")))
        return result
    previews = [p for p in (parse_grid(path, g, _returned_layouts(), registry,
                                       repo.lists.item_types()) for g in grids
                            if g.sheet not in (INSTRUCTIONS, TYPES_SHEET)) if p is not None]
    if not previews:
        raise FileImportError(path, "没有找到可识别的表格，请确认是本程序导出的部门反馈表。")
    checker = _Checker(repo, record, result)
    for preview in previews:
        checker.collect(preview)
    checker.report_missing()
    return result


class _Checker:
    """Checks each returned row against the form it came in and lists what it changes."""

    def __init__(self, repo: Repository, record: FormRecord, result: ReturnedWorkbook) -> None:
        self.repo = repo
        self.record = record
        self.result = result
        self.registry = repo.departments.registry()
        self.seen: dict[str, str] = {}
        self.touched: set[str] = set()
        doc = repo.document_by_number(record.document_number)
        self.current = {f"annex_row:{r.id}": r.field_values() for a in doc.annexes for r in a.rows}

    def refuse(self, sheet: str, line: int, name: str, message: str) -> None:
        self.result.refused.append(ImportWarning(sheet, line, "", f"（{name}）{message}，这一行未导入"))

    def collect(self, preview: ImportPreview) -> None:
        has_identity = preview.layout.column("identity") is not None and any(
            "identity" in e for e in preview.extra)
        for row, extra, line in zip(preview.rows, preview.extra, preview.source_rows, strict=True):
            identity = (self._verified(preview.sheet, line, row, extra.get("identity", ""))
                        if has_identity else self._by_name(preview.sheet, line, row))
            if identity is None:
                continue
            self.seen[identity] = f"{preview.sheet}第{line}行"
            self._changes(preview, identity, row, line)

    def _verified(self, sheet: str, line: int, row: AnnexRow, cell: str) -> str | None:
        if not cell.strip():
            self.refuse(sheet, line, row.name, "是发出后新增的行，不是发给本部门核对的事项")
            return None
        signed = parse_identity_cell(cell)
        sent = self.record.sent(signed.identity) if signed else None
        if signed is None or sent is None:
            self.refuse(sheet, line, row.name, "的行标识被改动过，或是从其他部门的表中复制来的")
            return None
        locked = {"seq": row.seq, "name": row.name,
                  "department": self.registry.canonical_name(row.department)}
        expected = signature(self.record.key, signed.identity, self.record.department,
                             signed.role, locked)
        self.touched.add(signed.identity)
        if signed.signature != expected or sent.role != signed.role or sent.sheet != sheet:
            self.refuse(sheet, line, row.name, "与隐藏的行标识对不上（行可能被排序、移动或改动过，"
                                               f"行标识指向“{sent.name}”）")
            return None
        if signed.identity in self.seen:
            self.refuse(sheet, line, row.name, f"与{self.seen[signed.identity]}是同一事项，是重复的行")
            return None
        return signed.identity

    def _by_name(self, sheet: str, line: int, row: AnnexRow) -> str | None:
        """No identity column at all: match only among this form's own rows, by name."""
        found = [s for s in self.record.rows if s.sheet == sheet and fold(s.name) == fold(row.name)
                 and s.identity not in self.seen]
        if len(found) != 1:
            self.refuse(sheet, line, row.name, "找不到本表发出时的对应事项（隐藏的行标识列已被删除）")
            return None
        self.result.warnings.append(ImportWarning(
            sheet, line, "", f"行标识列已被删除，按事项名称“{row.name}”对应到本表发出的事项。"))
        return found[0].identity

    def _changes(self, preview: ImportPreview, identity: str, row: AnnexRow, line: int) -> None:
        current = self.current.get(identity)
        if current is None:
            self.refuse(preview.sheet, line, row.name, "对应的事项已被删除")
            return
        sent = self.record.sent(identity)
        changed = [k for k in EDITABLE if preview.layout.column(k) is not None
                   and getattr(row, k) != current.get(k, "")]
        if sent is not None and sent.role == PARTNER:
            if changed:
                self.refuse(preview.sheet, line, row.name,
                            "是其他部门牵头、本部门配合的事项，配合部门的修改不能导入（请与牵头部门沟通）")
            return
        self.result.matched += 1
        where = f"{preview.sheet}第{line}行（{row.name}）"
        for key in sorted(changed):
            self.result.changes.append(
                RowChange(identity, key, current.get(key, ""), getattr(row, key), where))


    def report_missing(self) -> None:
        for sent in self.record.rows:
            if sent.identity not in self.seen and sent.identity not in self.touched:
                self.result.warnings.append(ImportWarning(
                    sent.sheet, None, "", f"发出时的第{sent.seq}项“{sent.name}”在交回的表中找不到"
                                          "（可能被删除），该事项没有改动。"))


def apply_returned(repo: Repository, returned: Sequence[ReturnedWorkbook],
                   today: str = "", replace: bool = False) -> int:
    """Apply the accepted changes of every form and mark each department as returned.

    A department already marked received is replaced only with `replace`
    (the window asks first). One transaction: all of it lands or none of it does.
    Returns the number of changes applied.
    """
    again = [w for w in returned if w.received_before and not w.whole_form_refused]
    if again and not replace:
        names = "、".join(f"{w.department}（{w.received_before}）" for w in again)
        raise UserError(f"{names}已经报送过。再次导入将以这次交回的内容为准；确认替换请勾选“替换”"
                        "（命令行加 --replace）。")
    today = today or dt.date.today().isoformat()
    applied = 0
    with repo.transaction():
        for workbook in returned:
            if workbook.whole_form_refused:
                continue
            accepted = [c for c in workbook.changes if c.accepted]
            applied += _apply_to_document(repo, workbook.document_number, accepted)
            repo.lists.mark_received(workbook.department, workbook.document_number, today)
    return applied


def _apply_to_document(repo: Repository, number: str, changes: list[RowChange]) -> int:
    """Set each accepted field; a merged cell whose rows now differ is no longer merged."""
    if not changes:
        return 0
    doc = repo.document_by_number(number)
    by_id = {f"annex_row:{r.id}": r for a in doc.annexes for r in a.rows}
    for change in changes:
        row = by_id.get(change.identity)
        if row is None:
            raise UserError(f"{change.where}对应的事项已被删除，请重新读取反馈表。")
        setattr(row, change.field, change.new)
    for annex in doc.annexes:
        for above, row in zip(annex.rows, annex.rows[1:], strict=False):
            row.merged_with_above = [k for k in row.merged_with_above
                                     if getattr(row, k, None) == getattr(above, k, None)]
    repo.save_document(doc)
    return len(changes)
