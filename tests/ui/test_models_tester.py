"""The annex editor's and the import preview's table models through Qt's model tester."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt

from app.domain.documents import AnnexRow
from app.domain.layouts import ANNEX_LAYOUT_IDS
from app.tables.importer import preview_file
from ui.dialogs.import_wizard import PreviewModel
from ui.models.annex import AnnexRowsModel
from ui.widgets.annex_editor import row_fields


def test_annex_rows_model_passes_the_model_tester(qtmodeltester) -> None:
    model = AnnexRowsModel(row_fields(ANNEX_LAYOUT_IDS[0]))
    rows = [AnnexRow(seq="1", department="县市场监管局", name="食品经营许可", type="行政许可"),
            AnnexRow(seq="2", department="县市场监管局", name="食品经营许可", type="行政许可",
                     merged_with_above=["department", "name"]),
            AnnexRow(seq="甲", name="", type="不存在的类型")]
    model.set_records(rows, row_fields(ANNEX_LAYOUT_IDS[0]))
    model.flag(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.data(model.index(1, 0), Qt.ItemDataRole.DisplayRole) == "2"


def test_import_preview_model_passes_the_model_tester(qtmodeltester, demo_repo,
                                                      tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in (["序号", "事项名称", "事项类型"], ["1", "事项1", "行政许可"],
                ["x", "事项2", "不认识的类型"], ["3", "", "行政许可"]):
        sheet.append(row)
    path = tmp_path / "附件.xlsx"
    book.save(path)
    preview = preview_file(path, demo_repo)
    assert preview.warnings
    model = PreviewModel()
    qtmodeltester.check(model)
    model.show(preview)
    qtmodeltester.check(model)
    assert model.rowCount() == len(preview.rows) == 3
    assert model.marks or model.row_marks
