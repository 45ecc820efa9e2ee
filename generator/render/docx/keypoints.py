"""A box of key points (executive summary, handout) and a handout's full-text address.

Word has no panel around several paragraphs that LibreOffice draws alike, so a box is
a one-cell table: the cell tinted, a rule down its left edge, its margins the house
padding. The address sits in a borderless two-cell table with the QR code at right.
Each is followed by a gap paragraph (role "block-gap"), a table having no space after.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.story import StoryPart
from docx.shared import Emu

from generator.model import FullTextLink, KeyPoints, LineBreak, Link, Strong, Text
from generator.render.docx.faces import add_text_runs
from generator.render.docx.inlines import InlineWriter
from generator.render.docx.ooxml import add, add_paragraph, add_run, insert_before, make
from generator.render.docx.png import modules_png
from generator.render.docx.properties import style_id
from generator.style.house import (
    A4,
    BULLET,
    HANDOUT_QR,
    KEY_POINTS_HEADINGS,
    KEY_POINTS_ROLES,
    SUMMARY_BOX,
    Role,
)
from generator.style.texts import render_label
from generator.style.units import Length, pt

_NO_BORDER = {"w:val": "nil"}
_NO_INDENT = pt(0)


def write_key_points(
    body: BaseOxmlElement, node: KeyPoints, front_language: str, roles: Mapping[str, Role]
) -> None:
    """The box: its heading, then one bulleted paragraph per point."""
    point_role = roles[KEY_POINTS_ROLES[node.purpose]]
    bottom = SUMMARY_BOX.padding - point_role.space_after  # the last point adds its own
    cell = _box_cell(body, max(bottom, pt(0)))
    heading = render_label(front_language, KEY_POINTS_HEADINGS[node.purpose])
    _text_paragraph(cell, roles["summary-heading"], heading)
    for point in node.points:
        _text_paragraph(cell, point_role, f"{BULLET}\t{point}")
    write_gap(body, roles)


def write_full_text(
    body: BaseOxmlElement, part: Part, node: FullTextLink, modules: tuple[tuple[bool, ...], ...],
    front_language: str, roles: Mapping[str, Role],
) -> None:
    """"Full text:" and the address at left, the address's QR code at right."""
    code = HANDOUT_QR.size
    text_cell, code_cell = _two_cells(body, A4.text_width - code, code, HANDOUT_QR.gap)
    style = style_id(roles["full-text"].word_style)
    label = render_label(front_language, "full_text")
    inlines = (Strong((Text(label),)), LineBreak(), Link(node.url, (Text(node.url),)))
    InlineWriter(add_paragraph(text_cell, style), part, None, roles["full-text"]).write(inlines)
    picture = add_paragraph(code_cell, style)
    # A line of exact height would clip the picture: this one grows with it.
    spacing = {"w:after": "0", "w:line": "240", "w:lineRule": "auto"}
    add(picture.find(qn("w:pPr")), "w:spacing", spacing)
    png = modules_png(modules, HANDOUT_QR.quiet_zone, HANDOUT_QR.pixels_per_module)
    assert isinstance(part, StoryPart)
    inline = part.new_pic_inline(io.BytesIO(png), Emu(code.emu), Emu(code.emu))
    inline.docPr.set("descr", render_label(front_language, "qr_code_alt", url=node.url))
    for side in ("distT", "distB", "distL", "distR"):
        # No space around the picture: without these LibreOffice puts 3 mm at either
        # side, and the cell, exactly as wide as the code, cuts off its right edge.
        inline.set(side, "0")
    add(add_run(picture), "w:drawing").append(inline)
    write_gap(body, roles)


def _text_paragraph(cell: BaseOxmlElement, role: Role, text: str) -> None:
    paragraph = add_paragraph(cell, style_id(role.word_style))
    add_text_runs(paragraph, text, role.face, bold=role.bold, italic=role.italic)


def write_gap(body: BaseOxmlElement, roles: Mapping[str, Role]) -> None:
    """The space below a table, as an empty paragraph of role "block-gap"."""
    add_paragraph(body, style_id(roles["block-gap"].word_style))


def add_table(body: BaseOxmlElement, widths: list[Length],
           indent: Length = _NO_INDENT) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """A fixed-layout table of columns `widths`, indented by `indent`; its w:tblPr and
    its one row."""
    table = make("w:tbl")
    insert_before(body, table, ("w:sectPr",))
    properties = add(table, "w:tblPr")
    total = sum((width.twips for width in widths), 0)
    add(properties, "w:tblW", {"w:w": str(total), "w:type": "dxa"})
    add(properties, "w:tblInd", {"w:w": str(indent.twips), "w:type": "dxa"})
    grid = add(table, "w:tblGrid")
    for width in widths:
        add(grid, "w:gridCol", {"w:w": str(width.twips)})
    return properties, add(table, "w:tr")


def add_cell(row: BaseOxmlElement, width: Length) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    cell = add(row, "w:tc")
    properties = add(cell, "w:tcPr")
    add(properties, "w:tcW", {"w:w": str(width.twips), "w:type": "dxa"})
    return cell, properties


def set_table_borders(properties: BaseOxmlElement, left: dict[str, str]) -> None:
    borders = add(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        add(borders, f"w:{side}", left if side == "left" else _NO_BORDER)


def set_cell_margins(properties: BaseOxmlElement, top: Length, left: Length, bottom: Length,
             right: Length) -> None:
    margins = add(properties, "w:tblCellMar")
    for side, length in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        add(margins, f"w:{side}", {"w:w": str(length.twips), "w:type": "dxa"})


def _box_cell(body: BaseOxmlElement, bottom_padding: Length) -> BaseOxmlElement:
    """The one cell of a key-points box, tinted, ruled at left and padded, the panel
    (rule included) spanning the text column from margin to margin.

    Word (compatibility mode 14) and LibreOffice place a table so that its first cell's
    text, not its edge, sits at the indent: the panel's left edge lies a cell margin and
    half the left rule further out, and the tint runs half the rule past the table's
    width. Indent, left margin and width are set so that the panel covers the column
    exactly and the text sits the house inset (rule + padding) inside it.
    """
    half_rule = SUMMARY_BOX.rule_width * 0.5
    width = A4.text_width - half_rule
    properties, row = add_table(body, [width], SUMMARY_BOX.inset)
    rule = {"w:val": "single", "w:sz": str(round(SUMMARY_BOX.rule_width.points * 8)),
            "w:space": "0", "w:color": SUMMARY_BOX.rule_colour.hex}
    set_table_borders(properties, rule)
    add(properties, "w:tblLayout", {"w:type": "fixed"})
    padding = SUMMARY_BOX.padding
    set_cell_margins(properties, padding, padding + half_rule, bottom_padding, padding)
    cell, cell_properties = add_cell(row, width)
    shading = {"w:val": "clear", "w:color": "auto", "w:fill": SUMMARY_BOX.background.hex}
    add(cell_properties, "w:shd", shading)
    return cell


def _two_cells(body: BaseOxmlElement, left: Length, right: Length,
               gap: Length) -> tuple[BaseOxmlElement, BaseOxmlElement]:
    """Two borderless cells of widths `left` and `right`; text keeps `gap` from the right."""
    properties, row = add_table(body, [left, right])
    set_table_borders(properties, _NO_BORDER)
    add(properties, "w:tblLayout", {"w:type": "fixed"})
    set_cell_margins(properties, pt(0), pt(0), pt(0), pt(0))
    text_cell, text_properties = add_cell(row, left)
    margins = add(text_properties, "w:tcMar")
    add(margins, "w:right", {"w:w": str(gap.twips), "w:type": "dxa"})
    code_cell, _ = add_cell(row, right)
    return text_cell, code_cell
