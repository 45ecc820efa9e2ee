"""The house table style, "KINU Table": the rules of house.BODY_TABLE as a Word table
style, so that a table a Word user adds to a brief looks like the brief's own.

A rule above the table and one below it (BODY_TABLE.outer_rule), thin rules between
rows, none at the sides or between columns; the header row (the style's first row)
ruled below and repeated on each page; cells padded above and below, not at the
table's sides. The tables of a brief name this style and carry the same rules
directly too (generator.render.docx.tables), for LibreOffice's sake.
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add, make
from generator.render.docx.properties import style_id
from generator.style.house import BODY_TABLE, Colour
from generator.style.units import Length

TABLE_STYLE = "KINU Table"
_NONE = {"w:val": "nil"}


def table_style() -> BaseOxmlElement:
    """The w:style of "KINU Table"."""
    style = make("w:style", {"w:type": "table", "w:customStyle": "1",
                             "w:styleId": style_id(TABLE_STYLE)})
    add(style, "w:name", {"w:val": TABLE_STYLE})
    add(style, "w:basedOn", {"w:val": "TableNormal"})
    add(style, "w:qFormat")
    properties = add(style, "w:tblPr")
    properties.append(table_borders())
    properties.append(table_cell_margins())
    first_row = add(style, "w:tblStylePr", {"w:type": "firstRow"})
    add(add(first_row, "w:trPr"), "w:tblHeader")
    add(add(add(first_row, "w:tcPr"), "w:tcBorders"), "w:bottom", header_rule())
    return style


def table_borders() -> BaseOxmlElement:
    """A w:tblBorders of the house rules."""
    borders = make("w:tblBorders")
    rules = {"top": rule(BODY_TABLE.outer_rule, BODY_TABLE.rule_colour),
             "bottom": rule(BODY_TABLE.outer_rule, BODY_TABLE.rule_colour),
             "insideH": rule(BODY_TABLE.row_rule, BODY_TABLE.row_rule_colour)}
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        add(borders, f"w:{side}", rules.get(side, _NONE))
    return borders


def header_rule() -> dict[str, str]:
    """The rule below the header (and so above the first body row)."""
    return rule(BODY_TABLE.header_rule, BODY_TABLE.rule_colour)


def table_cell_margins() -> BaseOxmlElement:
    """The cells' padding above and below; none at the table's sides, so the first and
    last columns' text sits on the text column's edges (between columns: half the
    column gap in each cell, generator.render.docx.tables)."""
    margins = make("w:tblCellMar")
    padding = str(BODY_TABLE.cell_padding.twips)
    for side, width in (("top", padding), ("left", "0"), ("bottom", padding), ("right", "0")):
        add(margins, f"w:{side}", {"w:w": width, "w:type": "dxa"})
    return margins


def rule(width: Length, colour: Colour) -> dict[str, str]:
    """A single rule of `width` and `colour` (w:sz in eighths of a point)."""
    return {"w:val": "single", "w:sz": str(round(width.points * 8)), "w:space": "0",
            "w:color": colour.hex}


def add_column_gap_margins(properties: BaseOxmlElement, column_gap: Length, index: int,
                           columns: int) -> None:
    """Half of a ruled table's `column_gap` on each side of a column boundary of cell
    `index` (none at the table's outer edges, which sit on the text column's)."""
    if columns < 2:
        return
    half_gap = {"w:w": str((column_gap * 0.5).twips), "w:type": "dxa"}
    margins = add(properties, "w:tcMar")
    if index > 0:
        add(margins, "w:left", half_gap)
    if index < columns - 1:
        add(margins, "w:right", half_gap)
