"""Reading an annex table from a file into a preview, and saving it once the clerk confirms.

Nothing is written while previewing. Saving puts every row into the
document in one transaction, so an import lands whole or not at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import and_, itemgetter, ne, not_, or_
from pathlib import Path
from typing import Any

from app.domain.departments import DepartmentRegistry
from app.domain.documents import ROW_FIELDS, Annex, AnnexRow, ChangeKind, ChangeLevel
from app.domain.layouts import BUILTIN_LAYOUTS, CATALOGUE_LAYOUTS, FIELD_LABELS, Column, Layout
from app.domain.text import clean_cell, fold
from app.progress import Progress, report
from app.storage.column_mappings import UserLayoutStore
from app.storage.errors import UserError
from app.storage.repository import Repository
from app.tables.cells import ColumnTidier, clean, tidy
from app.tables.collector import collector_paused
from app.tables.errors import FileImportError
from app.tables.grid import DEFAULT_LIMITS, Grid, Limits, column_letter
from app.tables.reader import Reading, start_reading

HEADER_SEARCH_ROWS = 30
ANNEX_LABEL = re.compile(r"^附件\s*([0-9０-９]+)\s*[:：]?$")
NOTE = re.compile(r"^(注|备注|说明)\s*[:：]")
MERGE_FIELDS = ("department", "measures", "basis", "type", "remarks")
NUMBERS = (float, int)


@dataclass
class ImportWarning:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.sheet + (f"第{self.row}行" if self.row else "")
        return f"{where}{self.column and '“' + self.column + '”列'}：{self.message}"


@dataclass
class HeaderMatch:
    row: int
    layout: Layout
    columns: dict[int, Column]
    score: float
    duplicates: list[tuple[int, Column]] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)

    def label(self, key: str) -> str:
        """The file's own header text for a field, as the clerk sees it in the file."""
        for index, column in self.columns.items():
            if column.key == key:
                return self.texts[index]
        return FIELD_LABELS.get(key, key)


@dataclass
class ImportPreview:
    """What a file's table would become; shown to the clerk before anything is saved."""

    path: Path
    sheet: str
    layout: Layout
    title: str
    annex_number: int | None
    rows: list[AnnexRow]
    warnings: list[ImportWarning]
    header_row: int
    source_rows: list[int] = field(default_factory=list)
    extra: list[dict[str, str]] = field(default_factory=list)

    @property
    def base_layout(self) -> str:
        return self.layout.id if self.layout.builtin else self.layout.extra.get("base", "cancel")

    def change(self) -> tuple[ChangeKind | None, ChangeLevel | None]:
        return infer_change(self.title or self.layout.name)

    def as_json(self) -> dict[str, Any]:
        keys = [k for k in ROW_FIELDS if self.layout.column(k) is not None]
        return {
            "layout": self.layout.id,
            "sheet": self.sheet,
            "title": self.title,
            "rows": [{k: getattr(r, k) for k in keys} for r in self.rows],
            "warnings": [{"sheet": w.sheet, "row": w.row, "column": w.column,
                          "message": w.message} for w in self.warnings],
        }


def infer_change(title: str) -> tuple[ChangeKind | None, ChangeLevel | None]:
    """Kind and level of change an annex title announces (`省级承接后…` → 承接, 省级)."""
    kind = next((k for k in (ChangeKind.TAKE_OVER, ChangeKind.DEVOLVE, ChangeKind.ENTRUST,
                             ChangeKind.TO_FILING, ChangeKind.ADJUST, ChangeKind.CANCEL)
                 if k.value in title), None)
    level = next((lv for lv in (ChangeLevel.NATIONAL, ChangeLevel.PROVINCE, ChangeLevel.CITY)
                  if title.startswith(lv.value) or title.startswith(lv.value[0] + "级")), None)
    if kind is not None and level is None:
        level = ChangeLevel.COUNTY
    return kind, level


def row_change_kind(remarks: str, annex_kind: ChangeKind | None) -> ChangeKind | None:
    """A row's own kind when its remarks say so (`改为备案`, `受…委托实施`)."""
    for kind in (ChangeKind.TO_FILING, ChangeKind.ENTRUST, ChangeKind.DEVOLVE):
        if kind.value in remarks:
            return kind
    return annex_kind


# Header detection --------------------------------------------------------------
def match_header(cells: Sequence[object], layout: Layout) -> HeaderMatch | None:
    columns: dict[int, Column] = {}
    texts: dict[int, str] = {}
    duplicates: list[tuple[int, Column]] = []
    score = 0.0
    seen: set[str] = set()
    for index, value in enumerate(cells):
        text = clean_cell(value)
        if not text:
            continue
        column = next((c for c in layout.columns if c.matches(text)), None)
        if column is None:
            continue
        if column.key in seen:
            duplicates.append((index, column))
            continue
        seen.add(column.key)
        columns[index] = column
        texts[index] = text.replace("\n", "")
        score += 2 if fold(text) == fold(column.header) else 1
    if len(columns) < 2 or "name" not in seen:
        return None
    score -= 0.5 * (len(layout.columns) - len(columns))
    return HeaderMatch(-1, layout, columns, score, duplicates, texts)


def find_header(grid: Grid, layouts: Sequence[Layout], user: UserLayoutStore | None,
                ) -> HeaderMatch | None:
    for r, cells in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        if user is not None and len(layouts) > 1:
            mine = user.for_headers([clean_cell(c) for c in cells])
            if mine is not None:
                found = match_header(cells, mine)
                if found is not None:
                    found.row = r
                    return found
        candidates = [m for m in (match_header(cells, lay) for lay in layouts) if m]
        if candidates:
            best = max(candidates, key=lambda m: m.score)
            best.row = r
            return best
    return None


# Rows --------------------------------------------------------------------------
def _title_block(grid: Grid, header_row: int) -> tuple[str, int | None]:
    title, number = "", None
    for cells in [[text] for text in grid.caption] + grid.rows[:header_row]:
        texts = list(dict.fromkeys(t for t in (clean_cell(c) for c in cells) if t))
        if len(texts) != 1:
            continue
        label = ANNEX_LABEL.match(texts[0])
        if label:
            number = int(tidy(label.group(1), "seq"))
        else:
            title = tidy(texts[0], "name").replace("\n", "")
    return title, number


def _is_repeated_header(values: dict[str, str], headers: dict[str, frozenset[str]],
                        needed: int, folded: dict[str, str]) -> bool:
    """A header row repeated where the table continues on a new page.

    `folded` remembers each short value's folded form: types and departments
    repeat on every row, and folding them again was a tenth of an import.
    """
    hits = 0
    for key, names in headers.items():
        value = values.get(key, "")
        if 0 < len(value) <= 30:
            key_form = folded.get(value)
            if key_form is None:
                key_form = folded[value] = fold(value)
            hits += key_form in names
    return hits >= needed


class RowParser:
    """Turns a grid's data rows into AnnexRows, collecting warnings on the way.

    The work goes a column at a time (see ColumnTidier): an import of 10,000 rows spent
    most of its time in calls made for each cell. The rows are then built from the columns
    by `map`, and the checks pick out in C the few rows that need a word.
    """

    def __init__(self, grid: Grid, match: HeaderMatch, registry: DepartmentRegistry,
                 types: Sequence[str]) -> None:
        self.grid = grid
        self.match = match
        self.registry = registry
        self.types = set(types)
        self.warnings: list[ImportWarning] = []
        self.rows: list[AnnexRow] = []
        self.source_rows: list[int] = []
        self.extra: list[dict[str, str]] = []
        self._folded: dict[str, str] = {}
        self._departments: dict[str, str] = {}
        self._merged_rows = {r for r, _ in grid.merged_above}
        keys = [c.key for c in match.columns.values()]
        self._extra_keys = [k for k in keys if k not in ROW_FIELDS]
        self._headers = {c.key: frozenset(fold(n) for n in (c.header, *c.synonyms))
                         for c in match.columns.values()}
        self._needed = max(2, len(self._headers) // 2)

    def warn(self, r: int | None, key: str, message: str) -> None:
        self.warnings.append(ImportWarning(self.grid.sheet, r, self.match.label(key), message))

    def parse(self, progress: Progress | None = None) -> None:
        for index, column in self.match.duplicates:
            self.warn(self.match.row + 1, column.key,
                      f"第{column_letter(index)}列与前面的列表头相同，已忽略这一列。")
        kept, table = self._table_rows(progress)
        texts = {col.key: ColumnTidier(col.key).column(list(map(itemgetter(i), table)))
                 for i, col in self.match.columns.items()}
        self._add_rows(kept, texts)
        for r, c, message in self.grid.notes:
            label = self.match.texts.get(c, column_letter(c) + "列")
            self.warnings.append(ImportWarning(self.grid.sheet, r + 1, label, message))

    def _table_rows(self, progress: Progress | None) -> tuple[list[int], list[list[object]]]:
        """The rows below the header that are neither empty nor notes (`注：…` and the single
        texts that follow it), padded to the header's width, with their indexes.

        A row starting with a number is neither, unless notes came just before: its cells
        are not cleaned here (most data rows start with a 序号 that Excel holds as a number).
        """
        kept: list[int] = []
        table: list[list[object]] = []
        in_notes = False
        width = max(self.match.columns) + 1
        rows = self.grid.rows
        total = len(rows)
        for r in range(self.match.row + 1, total):
            if r % 2000 == 0:
                report(progress, r, total)
            cells = rows[r]
            if in_notes or not cells or cells[0].__class__ not in NUMBERS:
                first = next(filter(None, map(clean, cells)), "")
                if not first:
                    continue
                if NOTE.match(first) or (
                        in_notes and len(set(filter(None, map(clean, cells)))) == 1):
                    in_notes = True
                    continue
                in_notes = False
            kept.append(r)
            table.append(cells if len(cells) >= width else [*cells, *[None] * (width - len(cells))])
        return kept, table

    def _add_rows(self, kept: list[int], texts: dict[str, list[str]]) -> None:
        """The rows with any content that are not a repeated header, in order, built a column
        at a time: AnnexRow takes its first fields in ROW_FIELDS order (a test holds them
        together), so `map` builds the rows straight from the columns."""
        wanted = self._wanted(texts, len(kept))
        picked = {key: list(compress(column, wanted)) for key, column in texts.items()}
        sources = [r + 1 for r in compress(kept, wanted)]
        blank = [""] * len(sources)
        if "department" in picked:
            picked["department"] = self._resolved(picked["department"])
        rows = list(map(AnnexRow, *[picked.get(key, blank) for key in ROW_FIELDS]))
        self._mark_merges(rows, sources)
        self._warn_rows(sources, picked.get("name", blank), picked.get("type", blank))
        self.rows += rows
        self.source_rows += sources
        extra = [picked[key] for key in self._extra_keys]
        self.extra += (map(dict, map(partial(zip, self._extra_keys), zip(*extra, strict=True)))
                       if extra else ({} for _ in sources))

    def _wanted(self, texts: dict[str, list[str]], count: int) -> list[bool]:
        """Whether each row has any content and is not a repeated header. A numbered row
        never is one, so only the filled rows without a number are tested."""
        content = [column for key, column in texts.items() if key not in ("seq", "identity")]
        filled = list(map(any, zip(*content, strict=True))) if content else [False] * count
        numbered = map(str.isdigit, texts["seq"]) if "seq" in texts else repeat(False, count)
        wanted = list(map(and_, filled, numbered))
        for n in compress(range(count), map(ne, filled, wanted)):
            wanted[n] = not self._repeats_header(texts, n)
        return wanted

    def _repeats_header(self, texts: dict[str, list[str]], n: int) -> bool:
        """Row `n` as the header test takes it: its texts by field."""
        values = {key: column[n] for key, column in texts.items()}
        return _is_repeated_header(values, self._headers, self._needed, self._folded)

    def _resolved(self, written: list[str]) -> list[str]:
        """Each department by the registry's name for it, looked up once per spelling."""
        names = self._departments
        for text in dict.fromkeys(written):
            if text not in names:
                dept = self.registry.resolve(text) if text else None
                names[text] = dept.name if dept else text
        return list(map(names.__getitem__, written))

    def _mark_merges(self, rows: list[AnnexRow], sources: list[int]) -> None:
        """The fields each row shares with the row above through merged cells; only where
        that row was read too (a merge into a skipped header or note row means nothing).
        `sources` ascend, so each merged row is found by bisection."""
        for r in self._merged_rows:
            n = bisect_left(sources, r + 1)
            if 0 < n < len(sources) and sources[n] == r + 1 and sources[n - 1] == r:
                rows[n].merged_with_above = [
                    col.key for i, col in self.match.columns.items()
                    if col.key in MERGE_FIELDS and (r, i) in self.grid.merged_above]

    def _warn_rows(self, sources: list[int], names: list[str], kinds: list[str]) -> None:
        """Rows without a name and types not in the list, in row order. Most imports have
        neither, so the rows to warn about are picked out in C first."""
        strange = {kind for kind in dict.fromkeys(kinds)
                   if kind and self.types and kind not in self.types}
        marks = map(or_, map(not_, names), map(strange.__contains__, kinds))
        for number, name, kind in compress(zip(sources, names, kinds, strict=True), marks):
            if not name:
                self.warn(number, "name", "事项名称为空。")
            if kind in strange:
                self.warn(number, "type", f"事项类型“{kind}”不在类型列表中，请核对。")


def parse_grid(path: Path, grid: Grid, layouts: Sequence[Layout], registry: DepartmentRegistry,
               types: Sequence[str], user: UserLayoutStore | None = None,
               progress: Progress | None = None) -> ImportPreview | None:
    match = find_header(grid, layouts, user)
    if match is None:
        return None
    title, number = _title_block(grid, match.row)
    parser = RowParser(grid, match, registry, types)
    parser.parse(progress)
    preview = ImportPreview(path, grid.sheet, match.layout, title, number, parser.rows,
                            parser.warnings, match.row + 1, parser.source_rows, parser.extra)
    stated = Annex(title=title, layout=match.layout.id).stated_count()
    if stated is not None and stated != len(parser.rows):
        preview.warnings.insert(0, ImportWarning(
            grid.sheet, None, "", f"标题写明{stated}项，实际读到{len(parser.rows)}行，请核对。"))
    return preview


# Entry points ------------------------------------------------------------------
def find_layout(layout_id: str, user_layouts: list[Layout]) -> Layout:
    for layout in (*BUILTIN_LAYOUTS, *CATALOGUE_LAYOUTS, *user_layouts):
        if layout.id == layout_id:
            return layout
    raise UserError(f"没有编号为“{layout_id}”的表格格式。可用的格式："
                    + "、".join(f"{x.id}（{x.name}）" for x in (*BUILTIN_LAYOUTS, *user_layouts)))


@dataclass
class Lookups:
    """What parsing a file takes from the database: the layouts to try (one when the clerk
    chose it), the departments and the item types."""

    layouts: list[Layout]
    user: UserLayoutStore
    registry: DepartmentRegistry
    types: list[str]

    @classmethod
    def load(cls, repo: Repository, layout_id: str = "auto") -> Lookups:
        user = repo.layouts
        layouts = ([find_layout(layout_id, user.all())] if layout_id and layout_id != "auto"
                   else list(BUILTIN_LAYOUTS))
        return cls(layouts, user, repo.departments.registry(), list(repo.lists.item_types()))


def preview_all(path: Path | str, repo: Repository, layout: str = "auto",
                limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None,
                ) -> list[ImportPreview]:
    """A preview for every sheet or Word table that has a recognisable header."""
    return preview_reading(start_reading(Path(path), limits, progress), repo, layout, progress)


def preview_reading(reading: Reading, repo: Repository, layout: str = "auto",
                    progress: Progress | None = None) -> list[ImportPreview]:
    """`preview_all` of a file being read: what parsing needs from the database is loaded
    while calamine parses the file."""
    path, lookups = reading.path, Lookups.load(repo, layout)
    grids = reading.grids()
    if not any(grid.rows for grid in grids):
        raise FileImportError(path, "文件中没有任何内容（所有工作表都是空的）。")
    with collector_paused():
        previews = _previews(path, grids, lookups, progress)
    if not previews:
        sheets = "、".join(g.sheet for g in grids if g.rows)
        raise FileImportError(path, f"在（{sheets}）的前{HEADER_SEARCH_ROWS}行中没有找到可识别的表头。"
                              "表头至少要有“事项名称”和另一列（如“序号”“事项类型”“实施部门”）。"
                              "如果这是新格式的表格，请在程序中设置一次列对应关系。")
    return previews


def preview_grids(path: Path, grids: Sequence[Grid], repo: Repository, layout: str = "auto",
                  progress: Progress | None = None) -> list[ImportPreview]:
    """Previews of the grids whose header a layout recognises (others are left out)."""
    return _previews(path, grids, Lookups.load(repo, layout), progress)


def _previews(path: Path, grids: Sequence[Grid], lookups: Lookups,
              progress: Progress | None) -> list[ImportPreview]:
    return [p for p in (parse_grid(path, g, lookups.layouts, lookups.registry, lookups.types,
                                   lookups.user, progress) for g in grids) if p is not None]


def annex_from_preview(preview: ImportPreview) -> Annex:
    """A new annex holding the previewed rows, each with the change its title and 备注 record."""
    kind, level = preview.change()
    rows = [AnnexRow.from_fields(r.field_values(), change_kind=row_change_kind(r.remarks, kind),
                                 change_level=level, merged_with_above=r.merged_with_above)
            for r in preview.rows]
    return Annex(title=preview.title or preview.layout.name, layout=preview.base_layout,
                 rows=rows, change_kind=kind, change_level=level)


def preview_file(path: Path | str, repo: Repository, layout: str = "auto", sheet: str = "",
                 limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None) -> ImportPreview:
    """The preview of one table: the named sheet, else the first one with a header."""
    previews = preview_all(path, repo, layout, limits, progress)
    if not sheet:
        return previews[0]
    for preview in previews:
        if preview.sheet == sheet:
            return preview
    raise FileImportError(path, "这个工作表中没有找到可识别的表头。", sheet)


def save_into_document(repo: Repository, document_number: str,
                       previews: Sequence[ImportPreview], annex_number: int | None = None,
                       ) -> list[Annex]:
    """Put each previewed table into the document as an annex, all in one transaction.

    With `annex_number`, the first table replaces that annex's rows (or becomes that
    annex when the document has fewer); other tables are added after it.
    """
    doc = repo.document_by_number(document_number)
    touched = []
    for offset, preview in enumerate(previews):
        kind, level = preview.change()
        rows = [AnnexRow.from_fields(r.field_values(), change_kind=row_change_kind(r.remarks, kind),
                                     change_level=level, merged_with_above=r.merged_with_above)
                for r in preview.rows]
        target = None if annex_number is None else annex_number + offset
        if target is not None and target < 1:
            raise UserError(f"附件序号应从 1 开始，不能是 {target}。")
        if target is not None and target <= len(doc.annexes):
            annex = doc.annexes[target - 1]
            annex.rows = rows
            annex.layout = preview.base_layout
            if preview.title:
                annex.title = preview.title
        else:
            annex = Annex(title=preview.title or preview.layout.name, layout=preview.base_layout,
                          rows=rows, change_kind=kind, change_level=level)
            doc.annexes.append(annex)
        touched.append(annex)
    repo.save_document(doc)
    return touched
