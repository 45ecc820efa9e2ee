"""A table in a body: a real Word table in the house table style, with its caption.

The table spans the text width in a fixed layout; the columns share it by their
content (house.BODY_TABLE; `column_widths`). Rules as the house draws them (a rule
above and below the header and at the end, thin rules between rows, none between
columns) come from the "KINU Table" table style (generator.render.docx.styles) and,
for LibreOffice, which gives a row's top border precedence over the bottom border of
the row above, from the cells themselves. The header rows repeat on every page the
table reaches (`w:tblHeader`, which also marks them as the header for screen readers)
and keep with the first body row; no row splits across pages (`w:cantSplit`). Each
cell's paragraphs are aligned as its column's alignment says.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import Row, Table, plain_text
from generator.render.docx.captions import CaptionContext, write_caption
from generator.render.docx.inlines import InlineWriter
from generator.render.docx.keypoints import add_cell, write_gap
from generator.render.docx.ooxml import add, add_paragraph, insert_before, make
from generator.render.docx.properties import style_id
from generator.render.docx.table_style import (
    TABLE_STYLE,
    header_rule,
    table_borders,
    table_cell_margins,
)
from generator.style.house import A4, BODY_TABLE, CAPTION_PLACEMENT, ROLES
from generator.style.units import Length, pt

# Rough advance widths (in ems) of the house's sans faces, to share the text width
# among columns by their content: a wide East Asian character, a narrow one
# (punctuation, i, l, space), any other.
_WIDE_EM, _NARROW_EM, _OTHER_EM = 1.0, 0.28, 0.56
_NARROW = frozenset(" .,:;'!|ilIjft()[]\u2019")


def write_table(body: BaseOxmlElement, node: Table, context: CaptionContext) -> None:
    """The caption (above or below, by the house) and the table, then the gap below."""
    if CAPTION_PLACEMENT["table"] == "above":
        write_caption(body, "table", node, context)
    _table(body, node, context)
    if CAPTION_PLACEMENT["table"] == "below":
        write_caption(body, "table", node, context)
    else:
        write_gap(body, context.roles)


def _table(body: BaseOxmlElement, node: Table, context: CaptionContext) -> None:
    widths = column_widths(node)
    table = make("w:tbl")
    insert_before(body, table, ("w:sectPr",))
    table.append(_table_properties(widths, plain_text(node.caption)))
    grid = add(table, "w:tblGrid")
    for width in widths:
        add(grid, "w:gridCol", {"w:w": str(width.twips)})
    for index, row in enumerate(node.header):
        _row(table, node, row, widths, context, header=True, first=index == 0)
    for index, row in enumerate(node.rows):
        _row(table, node, row, widths, context, header=False,
             first=index == 0 and bool(node.header))


def _table_properties(widths: Sequence[Length], caption: str) -> BaseOxmlElement:
    """The w:tblPr: the house style, the width of the text, fixed layout, no indent."""
    properties = make("w:tblPr")
    add(properties, "w:tblStyle", {"w:val": style_id(TABLE_STYLE)})
    add(properties, "w:tblW", {"w:w": str(sum(width.twips for width in widths)), "w:type": "dxa"})
    add(properties, "w:tblInd", {"w:w": "0", "w:type": "dxa"})
    properties.append(table_borders())
    add(properties, "w:tblLayout", {"w:type": "fixed"})
    properties.append(table_cell_margins())
    add(properties, "w:tblLook", {"w:val": "0620", "w:firstRow": "1", "w:lastRow": "0",
                                  "w:firstColumn": "0", "w:lastColumn": "0",
                                  "w:noHBand": "1", "w:noVBand": "1"})
    if caption:
        add(properties, "w:tblCaption", {"w:val": caption})
    return properties


def _row(table: BaseOxmlElement, node: Table, row: Row, widths: Sequence[Length],
         context: CaptionContext, *, header: bool, first: bool) -> None:
    """A row that never splits; a header row repeats. `first`: the first body row,
    which repeats the header's rule above it (LibreOffice draws its own top rule)."""
    element = add(table, "w:tr")
    row_properties = add(element, "w:trPr")
    add(row_properties, "w:cantSplit")
    if header:
        add(row_properties, "w:tblHeader")
    role_name = "table-header" if header else "table-cell"
    role = context.roles[role_name]
    for index, cell in enumerate(row):
        borders = {"bottom": header_rule()} if header else {"top": header_rule()} if first else {}
        container = _cell(element, widths, index, borders)
        paragraph = add_paragraph(container, style_id(role.word_style))
        alignment = node.alignments[index]
        if alignment != role.alignment:
            add(paragraph.find(qn("w:pPr")), "w:jc", {"w:val": alignment})
        InlineWriter(paragraph, context.part, context.footnotes, role,
                     context.bookmarks).write(cell)


def _cell(row: BaseOxmlElement, widths: Sequence[Length], index: int,
          borders: dict[str, dict[str, str]]) -> BaseOxmlElement:
    """A cell of column `index`: half the column gap inside each boundary between
    columns, and its own `borders`."""
    cell, properties = add_cell(row, widths[index])
    if borders:
        cell_borders = add(properties, "w:tcBorders")
        for side in ("top", "bottom"):
            if side in borders:
                add(cell_borders, f"w:{side}", borders[side])
    half_gap = {"w:w": str((BODY_TABLE.column_gap * 0.5).twips), "w:type": "dxa"}
    if len(widths) > 1:
        margins = add(properties, "w:tcMar")
        if index > 0:
            add(margins, "w:left", half_gap)
        if index < len(widths) - 1:
            add(margins, "w:right", half_gap)
    return cell


# ------------------------------------------------------------------ column widths

def column_widths(node: Table, total: Length = A4.text_width) -> tuple[Length, ...]:
    """Each column's width, together exactly `total`: short columns get what their
    widest cell needs, the rest shares what is left in proportion to its content; any
    room to spare is shared in proportion to the content too."""
    columns = len(node.alignments)
    wanted = [BODY_TABLE.column_gap.points + max(
        (_text_width(plain_text(row[index]), bold=row_is_header)
         for rows, row_is_header in ((node.header, True), (node.rows, False)) for row in rows),
        default=0.0) for index in range(columns)]
    shares = _shared_out(wanted, total.points)
    twips = [round(share * 20) for share in shares]
    twips[-1] += total.twips - sum(twips)
    return tuple(pt(value / 20) for value in twips)


def _shared_out(wanted: list[float], total: float) -> list[float]:
    """`total` shared among columns that want `wanted`: a column wanting no more than
    an even share of what the other such columns leave gets what it wants, the others
    share the rest in proportion to what they want (all do, if all fit)."""
    if sum(wanted) <= total:
        return [total * want / sum(wanted) for want in wanted]
    granted: dict[int, float] = {}
    while True:
        open_columns = [index for index in range(len(wanted)) if index not in granted]
        left = total - sum(granted.values())
        fitting = {index: wanted[index] for index in open_columns
                   if wanted[index] <= left / len(open_columns)}
        if not fitting or len(fitting) == len(open_columns):
            break
        granted.update(fitting)
    open_want = sum(wanted[index] for index in open_columns)
    return [granted.get(index, left * wanted[index] / open_want) for index in range(len(wanted))]


def _text_width(text: str, *, bold: bool) -> float:
    """An estimate of `text`'s width in points at the table's type size (its longest
    line)."""
    size = (ROLES["table-header"] if bold else ROLES["table-cell"]).size.points
    return max((sum(_em(character) for character in line) for line in text.split("\n")),
               default=0.0) * size * (1.05 if bold else 1.0)


@cache
def _em(character: str) -> float:
    if unicodedata.east_asian_width(character) in "WF":
        return _WIDE_EM
    return _NARROW_EM if character in _NARROW else _OTHER_EM
