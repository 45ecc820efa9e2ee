"""A packet's cover in the DOCX: the series band, "For meeting use", the meeting's
title, date, time and venue beside their labels, then the agenda, a ruled table
(horizontal rules only, as the PDF draws it: generator.render.pdf.packet)."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import AgendaItem, Packet
from generator.render.docx.faces import add_text_runs
from generator.render.docx.keypoints import add_cell, add_table, set_cell_margins
from generator.render.docx.ooxml import add, add_paragraph
from generator.render.docx.properties import style_id
from generator.render.docx.table_style import add_column_gap_margins, rule
from generator.style.house import (
    A4,
    AGENDA_COLUMNS,
    AGENDA_TABLE,
    COVER_FACT_LABEL_WIDTH,
    agenda_column_widths,
    role,
)
from generator.style.texts import CoverTexts, cover_texts
from generator.style.units import Length, pt

_NONE = {"w:val": "nil"}


def write_cover(body: BaseOxmlElement, packet: Packet) -> None:
    """The cover page's content; it ends with an empty paragraph (the section's end)."""
    texts = cover_texts(packet)
    text_paragraph(body, "series-label", texts.series_label)
    text_paragraph(body, "cover-meeting-use", texts.meeting_use)
    text_paragraph(body, "title", packet.title)
    _facts_table(body, texts)
    text_paragraph(body, "agenda-heading", texts.agenda)
    _agenda_table(body, packet, texts)
    add_paragraph(body, style_id(role("block-gap").word_style))


def text_paragraph(container: BaseOxmlElement, role_name: str, text: str) -> BaseOxmlElement:
    """A cover paragraph, never hyphenated: the PDF sets the cover's ragged text whole
    (an English packet's DOCX has automatic hyphenation on, for its handouts)."""
    house_role = role(role_name)
    paragraph = add_paragraph(container, style_id(house_role.word_style))
    add(paragraph.find(qn("w:pPr")), "w:suppressAutoHyphens")
    add_text_runs(paragraph, text, house_role.face, bold=house_role.bold,
                  italic=house_role.italic)
    return paragraph


def _facts_table(body: BaseOxmlElement, texts: CoverTexts) -> None:
    widths = [COVER_FACT_LABEL_WIDTH, A4.text_width - COVER_FACT_LABEL_WIDTH]
    properties, row = add_table(body, widths)
    _borders(properties, {})
    add(properties, "w:tblLayout", {"w:type": "fixed"})
    set_cell_margins(properties, pt(0), pt(0), pt(0), pt(0))
    table = properties.getparent()
    for number, (label, value) in enumerate(texts.facts):
        if number:
            row = add(table, "w:tr")
        for width, role_name, text in ((widths[0], "cover-fact-label", label),
                                       (widths[1], "cover-fact", value)):
            cell, _ = add_cell(row, width)
            text_paragraph(cell, role_name, text)


def _agenda_table(body: BaseOxmlElement, packet: Packet, texts: CoverTexts) -> None:
    """A header row repeated on a next page, then a row per brief; rules above and below
    the header and at the end, a light rule between rows, none between columns."""
    widths = list(agenda_column_widths())
    properties, header = add_table(body, widths)
    _borders(properties, {
        "top": rule(AGENDA_TABLE.outer_rule, AGENDA_TABLE.rule_colour),
        "bottom": rule(AGENDA_TABLE.outer_rule, AGENDA_TABLE.rule_colour),
        "insideH": rule(AGENDA_TABLE.row_rule, AGENDA_TABLE.row_rule_colour),
    })
    add(properties, "w:tblLayout", {"w:type": "fixed"})
    padding = AGENDA_TABLE.cell_padding
    set_cell_margins(properties, padding, pt(0), padding, pt(0))
    add(add(header, "w:trPr"), "w:tblHeader")
    for index, (column, heading) in enumerate(zip(AGENDA_COLUMNS, texts.columns, strict=True)):
        cell = _agenda_cell(header, widths, index, header_rule="bottom")
        text_paragraph(cell, "agenda-head-figure" if column.figure else "agenda-head", heading)
    table = properties.getparent()
    for item in packet.agenda:
        _agenda_row(add(table, "w:tr"), widths, item)


def _agenda_row(row: BaseOxmlElement, widths: list[Length], item: AgendaItem) -> None:
    """A brief's row; the first one repeats the header's rule above it (LibreOffice
    draws the rule between rows there otherwise)."""
    cells = [[str(item.item)], [item.number], [item.title], list(item.authors), [str(item.page)]]
    rule = "top" if item.item == 1 else None
    for index, (column, lines) in enumerate(zip(AGENDA_COLUMNS, cells, strict=True)):
        cell = _agenda_cell(row, widths, index, header_rule=rule)
        for line in lines:
            text_paragraph(cell, "agenda-figure" if column.figure else "agenda-cell", line)


def _agenda_cell(row: BaseOxmlElement, widths: list[Length], index: int, *,
                 header_rule: str | None) -> BaseOxmlElement:
    """A cell of column `index`, half the column gap inside each boundary between
    columns (the table's own margins are none: the first column's text sits on the text
    column's edge, where Word and LibreOffice put the table), the header's ruled below."""
    cell, properties = add_cell(row, widths[index])
    if header_rule is not None:  # "bottom" of the header, "top" of the first row
        borders = add(properties, "w:tcBorders")
        add(borders, f"w:{header_rule}", rule(AGENDA_TABLE.header_rule,
                                                AGENDA_TABLE.rule_colour))
    add_column_gap_margins(properties, AGENDA_TABLE.column_gap, index, len(widths))
    return cell


def _borders(properties: BaseOxmlElement, rules: dict[str, dict[str, str]]) -> None:
    borders = add(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        add(borders, f"w:{side}", rules.get(side, _NONE))
