"""A meeting packet to PDF bytes: the cover and agenda, then each brief's handout page.

The handouts are the pages `--variant handout` draws (generator.render.pdf.handout),
at the step settled for each, with the packet's page number ("3 / 7") in the footer
where a lone handout says "For meeting use" (the cover says it for the packet). Each
handout has a bookmark: its brief's number and title.

Tagged like a brief (structure.py): the cover's texts are P elements (the meeting's
title the H1, the agenda's heading an H2), its two tables Table elements (the facts'
labels row headers, the agenda's header row column headers), and each handout is a Part
holding the elements its page has as a brief of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from generator.diagnostics import Diagnostic, OutputError
from generator.model.packet import AgendaItem, Packet
from generator.render.pdf.document import (
    Outline,
    document_element,
    draw_brief_page,
    ignore_marker,
    note_elements,
)
from generator.render.pdf.furniture import draw_band, draw_packet_page_number
from generator.render.pdf.handout import compose_settled_handout
from generator.render.pdf.inline import MARKER_CALLBACK
from generator.render.pdf.metadata import new_packet_canvas
from generator.render.pdf.role_items import fixed_text_paragraph
from generator.render.pdf.stamps import draw_banner_stamp
from generator.render.pdf.structure import Element, TableTags, finish, marked, table_elements
from generator.render.pdf.styles import colour
from generator.style.house import (
    A4,
    AGENDA_COLUMNS,
    AGENDA_TABLE,
    COVER_FACT_LABEL_WIDTH,
    Colour,
    agenda_column_widths,
    role,
)
from generator.style.texts import CoverTexts, cover_texts


def render_packet_pdf(packet: Packet) -> bytes:
    """The packet's PDF: its cover, then one handout page per brief, in agenda order.
    The handouts must be settled (generator.render.pdf.settle_handout)."""
    texts = cover_texts(packet)
    document = Element("Document")
    cover = cover_blocks(packet, texts, document)
    _check_cover_fits(packet, cover)
    output = BytesIO()
    canvas = new_packet_canvas(output, packet, texts.series_label)
    canvas.setNamedCB(MARKER_CALLBACK, ignore_marker)
    _draw_blocks(canvas, cover)
    draw_packet_page_number(canvas, 1, packet.pages, packet.language)
    canvas.showPage()
    outline = Outline(canvas)
    for item, brief in zip(packet.agenda, packet.handouts, strict=True):
        _bookmark(canvas, item)
        page = compose_settled_handout(brief)
        part = _as_part(document_element([page]), document, brief.language, packet.language)
        draw_brief_page(canvas, brief, page, outline, note_elements(part))
        draw_packet_page_number(canvas, item.page, packet.pages, packet.language)
        draw_banner_stamp(canvas, brief)
        canvas.showPage()
    canvas.showOutline()
    finish(canvas, document)
    canvas.save()
    return output.getvalue()


def _as_part(handout: Element, document: Element, language: str, packet_language: str
             ) -> Element:
    """A handout's own Document element, made a Part of the packet's `document`."""
    handout.kind = "Part"
    handout.parent = document
    handout.language = None if language == packet_language else language
    document.kids.append(handout)
    return handout


def _bookmark(canvas: Canvas, item: AgendaItem) -> None:
    """An outline entry for the handout of `item`, opening its page: "CO 23-30 Title"."""
    key = f"handout-{item.item}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(" ".join(f"{item.number} {item.title}".split()), key, level=0)


# ------------------------------------------------------------------ the cover


@dataclass(frozen=True)
class CoverBlock:
    """One element of the cover, stacked from the top of the text area."""

    flowable: Flowable
    space_before: float = 0.0
    space_after: float = 0.0
    band: Colour | None = None
    element: Element | None = None  # a paragraph's structure element (a table tags itself)


def cover_blocks(
    packet: Packet, texts: CoverTexts, document: Element | None = None
) -> list[CoverBlock]:
    """The band, "For meeting use", the title, date, time and venue, then the agenda."""
    language = packet.language
    return [
        _role_block("series-label", texts.series_label, language, Element("P", document)),
        _role_block("cover-meeting-use", texts.meeting_use, language, Element("P", document)),
        _role_block("title", packet.title, language, Element("H1", document)),
        CoverBlock(_facts_table(texts, language, document)),
        _role_block("agenda-heading", texts.agenda, language, Element("H2", document)),
        CoverBlock(_agenda_table(packet, texts, document)),
    ]


def _role_block(role_name: str, text: str, language: str, element: Element) -> CoverBlock:
    house_role = role(role_name)
    return CoverBlock(fixed_text_paragraph(role_name, text, language),
                      house_role.space_before.points, house_role.space_after.points,
                      house_role.background, element)


def _facts_table(texts: CoverTexts, language: str, document: Element | None) -> Table:
    """Date, time and venue, each beside its label."""
    rows = [[fixed_text_paragraph("cover-fact-label", label, language),
             fixed_text_paragraph("cover-fact", value, language)]
            for label, value in texts.facts]
    label_width = COVER_FACT_LABEL_WIDTH.points
    _, cells = table_elements(document, len(rows), 2, header_columns=1)
    table = Table(rows, colWidths=[label_width, A4.text_width.points - label_width],
                  renderCB=TableTags(cells))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _agenda_table(packet: Packet, texts: CoverTexts, document: Element | None) -> Table:
    """The agenda: a header row, then one row per brief; horizontal rules only."""
    language = packet.language
    header = [fixed_text_paragraph("agenda-head-figure" if column.figure else "agenda-head",
                                   heading, language)
              for column, heading in zip(AGENDA_COLUMNS, texts.columns, strict=True)]
    rows: list[list[Flowable | list[Flowable]]] = [list(header)]
    rows.extend(_agenda_row(item) for item in packet.agenda)
    _, cells = table_elements(document, len(rows), len(header), header_rows=1)
    table = Table(rows, colWidths=[width.points for width in agenda_column_widths()],
                  repeatRows=1, renderCB=TableTags(cells))
    table.setStyle(TableStyle(_agenda_style(len(rows))))
    return table


def _agenda_row(item: AgendaItem) -> list[Flowable | list[Flowable]]:
    language = item.language
    return [
        fixed_text_paragraph("agenda-figure", str(item.item), language),
        fixed_text_paragraph("agenda-cell", item.number, language),
        fixed_text_paragraph("agenda-cell", item.title, language),
        [fixed_text_paragraph("agenda-cell", name, language) for name in item.authors],
        fixed_text_paragraph("agenda-figure", str(item.page), language),
    ]


def _agenda_style(rows: int) -> list[tuple[object, ...]]:
    table = AGENDA_TABLE
    half_gap = table.column_gap.points / 2
    padding = table.cell_padding.points
    rule, row_rule = _rgb(table.rule_colour), _rgb(table.row_rule_colour)
    style: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), half_gap),
        ("RIGHTPADDING", (0, 0), (-1, -1), half_gap),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LINEABOVE", (0, 0), (-1, 0), table.outer_rule.points, rule),
        ("LINEBELOW", (0, 0), (-1, 0), table.header_rule.points, rule),
        ("LINEBELOW", (0, -1), (-1, -1), table.outer_rule.points, rule),
    ]
    if rows > 2 and table.row_rule.points:
        style.append(("LINEBELOW", (0, 1), (-1, -2), table.row_rule.points, row_rule))
    return style


def _rgb(value: Colour) -> Color:
    return colour(value)


def _heights(blocks: list[CoverBlock]) -> list[float]:
    return [block.flowable.wrap(A4.text_width.points, A4.text_height.points)[1]
            for block in blocks]


def _check_cover_fits(packet: Packet, blocks: list[CoverBlock]) -> None:
    """An agenda too long for the cover is an error at the meeting's `briefs` key."""
    heights = _heights(blocks)
    total = sum(heights) + sum(block.space_after for block in blocks[:-1]) + sum(
        block.space_before for block in blocks[1:])
    overflow = total - A4.text_height.points
    if overflow <= 0:
        return
    where = packet.agenda_position
    message = (f"the agenda of {len(packet.handouts)} briefs overflows the cover by "
               f"{math.ceil(overflow)} pt; split the meeting into two packets")
    path, line, column = (where.path, where.line, where.column) if where else (packet.stem, 1, 1)
    raise OutputError([Diagnostic(path, line, column, message)])


def _draw_blocks(canvas: Canvas, blocks: list[CoverBlock]) -> None:
    x = A4.margin_left.points
    y = A4.height.points - A4.margin_top.points
    for number, (block, height) in enumerate(zip(blocks, _heights(blocks), strict=True)):
        if number:
            y -= block.space_before
        if block.band is not None and isinstance(block.flowable, Paragraph):
            draw_band(canvas, block.flowable, x, y - height, block.band, block.element)
        elif block.element is not None:
            with marked(canvas, block.element):
                block.flowable.drawOn(canvas, x, y - height)
        else:  # a table: it tags its cells itself (structure.TableTags)
            block.flowable.drawOn(canvas, x, y - height)
        y -= height + block.space_after
