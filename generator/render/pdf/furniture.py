"""What pages carry besides their text: the label band, boxes, the note rule, the footer."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from generator.render.pdf.role_items import fixed_text_paragraph
from generator.render.pdf.structure import Element, artifact, marked
from generator.render.pdf.styles import colour
from generator.style.house import (
    A4,
    CONTINUED_NOTE_RULE_WIDTH,
    FOOTNOTES,
    TEXT_BLACK,
    Box,
    Colour,
    role,
)
from generator.style.texts import packet_page_label, page_number_label, render_label


def draw_band(
    canvas: Canvas, paragraph: Paragraph, x: float, y: float, fill: Colour,
    element: Element | None = None,
) -> None:
    """`paragraph` (one line) on a band of `fill` as wide as the text, capitals centred;
    the band an artifact, the text the content of `element` (or an artifact too)."""
    style = paragraph.style
    with artifact(canvas):
        canvas.saveState()
        canvas.setFillColor(colour(fill))
        canvas.rect(x, y, A4.text_width.points, paragraph.height, stroke=0, fill=1)
        canvas.restoreState()
    cap_height = pdfmetrics.getFont(style.fontName).face.capHeight / 1000 * style.fontSize
    # reportlab sets the first baseline one font size below the top of the line
    drawn_baseline = style.leading - style.fontSize
    centred_baseline = (style.leading - cap_height) / 2
    with marked(canvas, element, text=True):
        paragraph.drawOn(canvas, x, y - (drawn_baseline - centred_baseline))


def draw_note_rule(canvas: Canvas, y: float, continued: bool = False) -> None:
    """The separator rule above the notes, its centre line at `y`: short, or across the
    text width above the rest of a note `continued` from the previous page."""
    width = CONTINUED_NOTE_RULE_WIDTH if continued else FOOTNOTES.rule_width
    with artifact(canvas):
        canvas.saveState()
        canvas.setStrokeColor(colour(TEXT_BLACK))
        canvas.setLineWidth(FOOTNOTES.rule_thickness.points)
        x = A4.margin_left.points
        canvas.line(x, y, x + width.points, y)
        canvas.restoreState()


def draw_box(canvas: Canvas, box: Box, top: float, bottom: float) -> None:
    """The panel of `box` across the text width from `top` down to `bottom` (page y)."""
    x = A4.margin_left.points
    with artifact(canvas):
        canvas.saveState()
        canvas.setFillColor(colour(box.background))
        canvas.rect(x, bottom, A4.text_width.points, top - bottom, stroke=0, fill=1)
        canvas.setFillColor(colour(box.rule_colour))
        canvas.rect(x, bottom, box.rule_width.points, top - bottom, stroke=0, fill=1)
        canvas.restoreState()


def draw_page_number(canvas: Canvas, number: int, language: str) -> None:
    """The page number, centred, its baseline at the footer distance from the page foot."""
    _draw_footer(canvas, "page-number", page_number_label(language, number), language)


def draw_meeting_use(canvas: Canvas, language: str) -> None:
    """A handout's footer, "For meeting use", where the page number would be."""
    _draw_footer(canvas, "meeting-use", render_label(language, "meeting_use"), language)


def draw_packet_page_number(canvas: Canvas, page: int, pages: int, language: str) -> None:
    """A packet page's footer: its number among all of the packet's pages, "3 / 7"."""
    _draw_footer(canvas, "page-number", packet_page_label(language, page, pages), language)


def _draw_footer(canvas: Canvas, role_name: str, text: str, language: str) -> None:
    paragraph = fixed_text_paragraph(role_name, text, language)
    _, height = paragraph.wrap(A4.text_width.points, A4.height.points)
    size = role(role_name).size.points
    with artifact(canvas, "Pagination", "Footer"):
        paragraph.drawOn(canvas, A4.margin_left.points,
                         A4.footer_distance.points - (height - size))
