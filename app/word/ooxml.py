"""WordprocessingML pieces python-docx has no API for.

python-docx covers sections, margins, footers and tables; the document grid,
East Asian font names, fields, repeated header rows, paragraph borders and
the rotated page-number text box of a landscape page are written here as
the XML Word itself writes, so Word, WPS and LibreOffice all read them.
"""

from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import _Element

EMU_PER_PT = 12700
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def twips(points: float) -> int:
    return round(points * 20)


def set_child(parent: _Element, tag: str, **attrs: str) -> _Element:
    """Replace (or add) the child ``tag`` of ``parent`` with the given w: attributes."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    parent.append(child)
    return child


def run_fonts(run: Run, name: str) -> None:
    """Name the face for every script, East Asian included, so Word picks the real font."""
    rpr: _Element = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def horizontal_scale(run: Run, percent: int) -> None:
    """Characters compressed horizontally (a long organ name within the text block)."""
    _rpr_child(run, "w:w", str(percent))


_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u")


def _rpr_child(run: Run, tag: str, value: str) -> None:
    """Set a run property where the schema wants it (Word refuses a file out of order)."""
    rpr: _Element = run._r.get_or_add_rPr()
    for old in rpr.findall(qn(tag)):
        rpr.remove(old)
    child = OxmlElement(tag)
    child.set(qn("w:val"), value)
    later = _RPR_AFTER_SPACING[_RPR_AFTER_SPACING.index(tag) + 1:] if tag in _RPR_AFTER_SPACING \
        else _RPR_AFTER_SPACING
    for name in later:
        successor = rpr.find(qn(name))
        if successor is not None:
            successor.addprevious(child)
            return
    rpr.append(child)


def condense(run: Run, points: float) -> None:
    """Character spacing (字符间距): negative tightens the run."""
    _rpr_child(run, "w:spacing", str(round(points * 20)))


def no_grid(paragraph: Paragraph) -> None:
    """The paragraph keeps its own line height instead of snapping to the document grid."""
    set_child(paragraph._p.get_or_add_pPr(), "w:snapToGrid", val="0")


def bottom_border(paragraph: Paragraph, width_pt: float, space_pt: int, color: str) -> None:
    """A rule under the paragraph, as wide as the text block (the red 版头 line)."""
    ppr: _Element = paragraph._p.get_or_add_pPr()
    borders = set_child(ppr, "w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", str(round(width_pt * 8))),
                       ("space", str(space_pt)), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    _order_ppr(ppr)


def double_border(paragraph: Paragraph, edge: str, first_pt: float, second_pt: float,
                  space_pt: int, color: str) -> None:
    """A red double rule on one edge: thick over thin (or thin over thick) as the 函 has them.

    Word's double-line styles name the outer line first; both lines' widths are
    the standard's proportions only approximately (Word fixes them per style).
    """
    style = "thickThinSmallGap" if first_pt > second_pt else "thinThickSmallGap"
    ppr: _Element = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = set_child(ppr, "w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for key, value in (("val", style), ("sz", str(round((first_pt + second_pt) * 8))),
                       ("space", str(space_pt)), ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    _order_ppr(ppr)


def top_border(paragraph: Paragraph, width_pt: float) -> None:
    ppr: _Element = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = set_child(ppr, "w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", str(round(width_pt * 8))), ("space", "1"),
                       ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.insert(0, top)
    _order_ppr(ppr)


# The schema's order of pPr children; Word refuses a file that breaks it.
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def _order_ppr(ppr: _Element) -> None:
    rank: dict[object, int] = {qn(f"w:{name}"): n for n, name in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda c: rank.get(c.tag, len(rank)))
    for child in children:
        ppr.append(child)


def order_ppr(paragraph: Paragraph) -> None:
    _order_ppr(paragraph._p.get_or_add_pPr())


def page_field(paragraph: Paragraph) -> list[Run]:
    """A PAGE field (the page's own number, kept right by Word after every edit).

    Each field character gets a run of its own, as Word writes them, so the
    caller can give every run the number's font and size.
    """
    runs: list[Run] = []
    for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "1"), ("end", "")):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            _append(run._r, char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            _append(run._r, instr)
        else:
            run.text = text
        runs.append(run)
    return runs


def repeat_header(row: _Row) -> None:
    """The row is printed again at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    set_child(trpr, "w:tblHeader", val="true")


def line_pitch(sectpr: _Element, pitch_pt: float) -> None:
    """The section's line pitch without a snapping grid (see app.word.notice on why)."""
    grid = sectpr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectpr.append(grid)
    for key in list(grid.attrib):
        del grid.attrib[key]
    grid.set(qn("w:linePitch"), str(twips(pitch_pt)))


def vertical_align(sectpr: _Element, value: str) -> None:
    """Where the section's text sits on its pages (bottom: the 版记 at the block's foot)."""
    grid = sectpr.find(qn("w:docGrid"))
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), value)
    if grid is not None:
        grid.addprevious(align)
    else:
        sectpr.append(align)


def rotated_box(width_pt: float, height_pt: float, paragraph_xml: str, box_id: int) -> str:
    """A text box turned 90° clockwise at the page's left edge, centred top to bottom.

    On a landscape page it carries the page number where the portrait sheet
    has it, reading upright once the sheet is turned back to portrait. It is
    placed by alignment, not by offsets: LibreOffice drops or shifts the
    offsets of a footer box on some pages.
    """
    cx, cy = round(width_pt * EMU_PER_PT), round(height_pt * EMU_PER_PT)
    return (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}" xmlns:mc="{MC}">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{box_id}" '
        'behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:align>left</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:align>center</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{box_id}" name="页码{box_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        '</wps:spPr><wps:txbx><w:txbxContent>'
        f'{paragraph_xml}'
        '</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice></mc:AlternateContent></w:r>'
    )


def append_xml(paragraph: Paragraph, xml: str) -> None:
    _append(paragraph._p, parse_xml(xml))


def _append(parent: _Element, child: _Element) -> None:
    """Any child under any parent: lxml's stubs only let an element take children of its own class."""
    parent.append(child)


__all__ = [
    "append_xml",
    "bottom_border",
    "condense",
    "horizontal_scale",
    "line_pitch",
    "no_grid",
    "order_ppr",
    "page_field",
    "repeat_header",
    "rotated_box",
    "run_fonts",
    "set_child",
    "top_border",
    "twips",
    "vertical_align",
]
