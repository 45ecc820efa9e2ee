"""What every page carries besides its text: the label band, the note rule, the folio."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from generator.render.pdf.blocks import inline_style
from generator.render.pdf.markup import text_markup
from generator.render.pdf.styles import colour, paragraph_style
from generator.style.house import A4, FOOTNOTES, TEXT_BLACK, Colour, role
from generator.style.texts import page_number_label


def draw_band(canvas: Canvas, paragraph: Paragraph, x: float, y: float, fill: Colour) -> None:
    """`paragraph` (one line) on a band of `fill` as wide as the text, capitals centred."""
    style = paragraph.style
    canvas.saveState()
    canvas.setFillColor(colour(fill))
    canvas.rect(x, y, A4.text_width.points, paragraph.height, stroke=0, fill=1)
    canvas.restoreState()
    cap_height = pdfmetrics.getFont(style.fontName).face.capHeight / 1000 * style.fontSize
    # reportlab sets the first baseline one font size below the top of the line
    drawn_baseline = style.leading - style.fontSize
    centred_baseline = (style.leading - cap_height) / 2
    paragraph.drawOn(canvas, x, y - (drawn_baseline - centred_baseline))


def draw_note_rule(canvas: Canvas, y: float) -> None:
    """The short separator rule above the notes, its centre line at `y`."""
    canvas.saveState()
    canvas.setStrokeColor(colour(TEXT_BLACK))
    canvas.setLineWidth(FOOTNOTES.rule_thickness.points)
    x = A4.margin_left.points
    canvas.line(x, y, x + FOOTNOTES.rule_width.points, y)
    canvas.restoreState()


def draw_page_number(canvas: Canvas, number: int, language: str) -> None:
    """The page number, centred, its baseline at the footer distance from the page foot."""
    markup = text_markup(page_number_label(language, number), inline_style("page-number", language))
    paragraph = Paragraph(markup, paragraph_style("page-number"))
    _, height = paragraph.wrap(A4.text_width.points, A4.height.points)
    size = role("page-number").size.points
    paragraph.drawOn(canvas, A4.margin_left.points, A4.footer_distance.points - (height - size))
