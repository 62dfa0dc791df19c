"""The detail pane: every field of the selected item, its measures and its timeline."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.domain.items import PowerItem, TimelineEntry
from app.domain.measures import Measures

FIELDS = (("name", "事项名称"), ("department", "实施部门（原文）"), ("lead", "本县牵头部门"),
          ("partners", "本县配合部门"), ("type", "事项类型"),
          ("status", "状态"), ("status_date", "状态日期"), ("levels", "行使层级"),
          ("code", "事项编码"), ("remarks", "备注"))


HEADING_LINE_HEIGHT = 135
# A numbered measure often wraps; without a gap its second line reads as the
# start of the next measure.
MEASURE_GAP_PX = 6


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>") if value else "<span style='color:#888'>（空）</span>"


def _value(value: object) -> str:
    return "、".join(value) if isinstance(value, list) else str(value)


def item_html(item: PowerItem, timeline: list[TimelineEntry]) -> str:
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:10px;white-space:nowrap'>{label}</td>"
        f"<td>{_text(_value(getattr(item, key)))}</td></tr>" for key, label in FIELDS)
    measures = Measures.parse(item.measures)
    # A long name wraps to two lines or more: give them room (HEADING_LINE_HEIGHT).
    parts = [f"<h3 style='margin-bottom:4px; line-height:{HEADING_LINE_HEIGHT}%'>"
             f"{escape(item.name)}</h3>",
             f"<table cellspacing='2'>{rows}</table>",
             "<h4>事中事后监管措施</h4>"]
    if measures.lead:
        parts.append(f"<p>{escape(measures.lead)}</p>")
    if measures.items:
        parts.append("<ol>" + "".join(
            f"<li style='margin-bottom:{MEASURE_GAP_PX}px'>{escape(m)}</li>" for m in measures.items) + "</ol>")
    if not measures.lead and not measures.items:
        parts.append(f"<p>{_text('')}</p>")
    parts += ["<h4>设定依据</h4>", f"<p>{_text(item.basis)}</p>", "<h4>文件记录</h4>"]
    if timeline:
        entries = []
        for e in timeline:
            where = f"附件{e.annex_position}第{e.annex_row_seq}项" if e.annex_position else ""
            target = f"doc:{e.document_id}:{e.annex_position or 0}:{e.annex_row_seq}"
            link = (f"<a href='{escape(target)}'>{escape(e.document_number)}</a>"
                    if e.document_id else "")
            entries.append(f"<li>{escape(e.date)}　<b>{escape(str(e.status))}</b>　{link}"
                           f"　{escape(e.document_title)}　{where}{escape(e.note)}</li>")
        parts.append("<ul>" + "".join(entries) + "</ul>")
    else:
        parts.append("<p style='color:#888'>还没有文件涉及这个事项。</p>")
    return "".join(parts)


class ItemDetail(QTextBrowser):
    """Read-only; Tab moves between its document links and Enter opens one, as a click does."""

    open_document = Signal(int, int, str)  # document id, annex position (0: none), row 序号

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.anchorClicked.connect(self._clicked)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml("<p style='color:#888'>在左侧表格中选择一个事项，这里显示它的全部内容。</p>")

    def show_item(self, item: PowerItem, timeline: list[TimelineEntry]) -> None:
        self.setHtml(item_html(item, timeline))

    def _clicked(self, url: QUrl) -> None:
        parts = url.toString().split(":", 3)
        if parts[0] == "doc" and len(parts) == 4 and parts[1].isdigit():
            annex = int(parts[2]) if parts[2].isdigit() else 0
            self.open_document.emit(int(parts[1]), annex, parts[3])
