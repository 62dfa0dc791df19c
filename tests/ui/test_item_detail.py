"""The detail pane's numbered measures: a wrapped item must not crowd the next one."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtGui import QTextBlock

from app.domain.items import PowerItem
from ui.widgets.item_detail import ItemDetail

MEASURES = "\n".join(
    f"{n}.{text}" for n, text in enumerate((
        "建立健全事中事后监管制度，明确监管责任、监管内容、监管方式和监管程序，"
        "加强对申请人履行承诺情况的核查，发现问题及时依法处理并向社会公开。",
        "推行“双随机、一公开”监管，随机抽取检查对象，随机选派执法检查人员，"
        "抽查情况及查处结果及时向社会公开。",
        "加强信用监管，将行政相对人的违法违规信息纳入信用记录。",
    ), start=1))


def _list_blocks(pane: ItemDetail) -> list[QTextBlock]:
    document = pane.document()
    block = document.begin()
    found = []
    while block.isValid():
        if block.textList() is not None \
                and block.text().startswith(("建立", "推行", "加强信用")):
            found.append(block)
        block = block.next()
    return found


def test_wrapped_measures_are_spaced_from_the_next_item(qtbot, tmp_path: Path) -> None:
    pane = ItemDetail()
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    pane.show_item(PowerItem(name="测试事项", department="县市场监管局", type="行政许可", measures=MEASURES), [])
    qtbot.waitExposed(pane)
    pane.grab().save(str(tmp_path / "detail.png"))
    layout = pane.document().documentLayout()
    blocks = _list_blocks(pane)
    assert len(blocks) == 3
    assert blocks[0].layout().lineCount() >= 2, "the first measure should wrap at this width"
    line_gap = blocks[0].layout().lineAt(1).y() - (
        blocks[0].layout().lineAt(0).y() + blocks[0].layout().lineAt(0).height())
    for above, below in itertools.pairwise(blocks):
        above_box, below_box = layout.blockBoundingRect(above), layout.blockBoundingRect(below)
        last = above.layout().lineAt(above.layout().lineCount() - 1)
        text_bottom = above_box.top() + last.y() + last.height()
        gap = below_box.top() + below.layout().lineAt(0).y() - text_bottom
        assert gap >= line_gap + 4, (gap, line_gap)
