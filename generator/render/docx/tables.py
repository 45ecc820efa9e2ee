"""A table in a body: a real Word table in the house table style, with its caption.

The table spans the text width in a fixed layout; the columns share it by their
content, by the rule the PDF follows too (generator.style.columns; `column_widths`;
the cells' text widths are estimated, this package reading no font metrics). The
rules (house.BODY_TABLE: above and below the header and at the end, thin rules
between rows, none between columns) come from the "KINU Table" table style
(generator.render.docx.table_style) and from the table and its cells themselves, for
LibreOffice, which draws a row's own top border rather than the bottom border of the
row above it. The header rows repeat on every page the table reaches (`w:tblHeader`,
which also marks them as the header for screen readers) and keep with the first body
row; no row splits across pages (`w:cantSplit`). Each cell's paragraphs are aligned
as its column's alignment says. The house's space below the table is an empty
paragraph (role "table-gap"), Word having no space after a table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from copy import deepcopy
from functools import cache
from typing import Literal

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import Row, Table, plain_text
from generator.render.docx.captions import CaptionContext, write_caption
from generator.render.docx.inlines import InlineWriter
from generator.render.docx.ooxml import add, add_paragraph, insert_before, make
from generator.render.docx.properties import style_id
from generator.render.docx.table_style import (
    TABLE_STYLE,
    add_column_gap_margins,
    header_rule,
    table_borders,
    table_cell_margins,
)
from generator.style.columns import shared_widths
from generator.style.house import A4, BODY_TABLE, CAPTION_PLACEMENT, ROLES, Role
from generator.style.units import Length, pt

# Rough advance widths (in ems) of the house's sans faces, to share the text width
# among columns by their content: a wide East Asian character, a narrow one
# (punctuation, i, l, space), any other.
_WIDE_EM, _NARROW_EM, _OTHER_EM = 1.0, 0.28, 0.56
_BOLD = 1.05  # bold text, a little wider
_NARROW = frozenset(" .,:;'!|ilIjft()[]\u2019")


def write_table(body: BaseOxmlElement, node: Table, context: CaptionContext) -> None:
    """The caption (above or below, by the house) and the table, then the gap below."""
    if CAPTION_PLACEMENT["table"] == "above":
        write_caption(body, "table", node, context)
    _table(body, node, context)
    if CAPTION_PLACEMENT["table"] == "below":
        write_caption(body, "table", node, context)
    else:
        add_paragraph(body, style_id(context.roles["table-gap"].word_style))


def _table(body: BaseOxmlElement, node: Table, context: CaptionContext) -> None:
    widths = column_widths(node)
    table = make("w:tbl")
    insert_before(body, table, ("w:sectPr",))
    table.append(_table_properties(widths, plain_text(node.caption)))
    grid = add(table, "w:tblGrid")
    for width in widths:
        add(grid, "w:gridCol", {"w:w": str(width.twips)})
    shapes = _RowShapes(node, widths, context.roles)
    for row in node.header:
        _row(table, row, "header", shapes, context)
    for index, row in enumerate(node.rows):
        _row(table, row, "first" if index == 0 and node.header else "body", shapes, context)


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


RowKind = Literal["header", "first", "body"]  # "first": the first body row


class _RowShapes:
    """The empty row and cells (properties, an empty paragraph in the cell's role and
    alignment) of each kind of row of one table, made once and copied for each row."""

    def __init__(self, node: Table, widths: Sequence[Length], roles: Mapping[str, Role]):
        self._node, self._widths, self._roles = node, widths, roles
        self._rows: dict[RowKind, BaseOxmlElement] = {}
        self._cells: dict[tuple[RowKind, int], BaseOxmlElement] = {}

    def role(self, kind: RowKind) -> Role:
        return self._roles["table-header" if kind == "header" else "table-cell"]

    def row(self, kind: RowKind) -> BaseOxmlElement:
        """A row that never splits; a header row repeats."""
        if kind not in self._rows:
            row = make("w:tr")
            properties = add(row, "w:trPr")
            add(properties, "w:cantSplit")
            if kind == "header":
                add(properties, "w:tblHeader")
            self._rows[kind] = row
        return deepcopy(self._rows[kind])

    def cell(self, kind: RowKind, index: int) -> BaseOxmlElement:
        """A cell of column `index`: half the column gap inside each boundary between
        columns; a header cell ruled below, and the first body row's cell ruled above
        like it (LibreOffice draws a row's own top rule there)."""
        if (kind, index) not in self._cells:
            cell = make("w:tc")
            _cell_properties(cell, self._widths, index, kind)
            role = self.role(kind)
            paragraph = add_paragraph(cell, style_id(role.word_style))
            alignment = self._node.alignments[index]
            if alignment != role.alignment:
                add(paragraph.find(qn("w:pPr")), "w:jc", {"w:val": alignment})
            self._cells[(kind, index)] = cell
        return deepcopy(self._cells[(kind, index)])


def _row(table: BaseOxmlElement, row: Row, kind: RowKind, shapes: _RowShapes,
         context: CaptionContext) -> None:
    element = shapes.row(kind)
    table.append(element)
    role = shapes.role(kind)
    for index, cell in enumerate(row):
        container = shapes.cell(kind, index)
        element.append(container)
        InlineWriter(container[-1], context.part, context.footnotes, role,
                     context.bookmarks).write(cell)


def _cell_properties(cell: BaseOxmlElement, widths: Sequence[Length], index: int,
                     kind: RowKind) -> None:
    properties = add(cell, "w:tcPr")
    add(properties, "w:tcW", {"w:w": str(widths[index].twips), "w:type": "dxa"})
    if kind != "body":
        borders = add(properties, "w:tcBorders")
        add(borders, "w:bottom" if kind == "header" else "w:top", header_rule())
    add_column_gap_margins(properties, BODY_TABLE.column_gap, index, len(widths))


# ------------------------------------------------------------------ column widths

def column_widths(node: Table, total: Length = A4.text_width) -> tuple[Length, ...]:
    """Each column's cell width, together exactly `total`: the text widths the house's
    rule gives (generator.style.columns, as in the PDF) from what the cells need and
    want, plus the half column gaps inside the cell's boundaries with its neighbours."""
    count = len(node.alignments)
    rows = [(row, True) for row in node.header] + [(row, False) for row in node.rows]
    least = [max((_text_width(plain_text(row[index]), header, word=True) for row, header in rows),
                 default=0.0) for index in range(count)]
    most = [max((_text_width(plain_text(row[index]), header) for row, header in rows),
                default=0.0) for index in range(count)]
    gap = BODY_TABLE.column_gap.points
    texts = shared_widths(least, most, total.points - gap * (count - 1))
    twips = [round((text + gap * ((index > 0) + (index < count - 1)) / 2) * 20)
             for index, text in enumerate(texts)]
    twips[-1] += total.twips - sum(twips)
    return tuple(pt(value / 20) for value in twips)


def _text_width(text: str, header: bool, *, word: bool = False) -> float:
    """An estimate of `text`'s width in points at its row's type size: its longest
    line, or (`word`) its longest word."""
    size = ROLES["table-header" if header else "table-cell"].size.points
    pieces = text.split() if word else text.split("\n")
    widest = max((sum(_em(character) for character in piece) for piece in pieces), default=0.0)
    return widest * size * (_BOLD if header else 1.0)


@cache
def _em(character: str) -> float:
    if unicodedata.east_asian_width(character) in "WF":
        return _WIDE_EM
    return _NARROW_EM if character in _NARROW else _OTHER_EM
