"""Status stamps on every page: a draft's diagonal watermark, an embargo's banner.

Both are real text (in the page's text layer), set in their house roles.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from generator.model.nodes import Brief
from generator.render.pdf.furniture import draw_band
from generator.render.pdf.role_items import fixed_text_paragraph
from generator.style.house import A4, WATERMARK_ANGLE, WATERMARK_OPACITY, role
from generator.style.texts import draft_watermark, embargo_banner


def draw_stamps(canvas: Canvas, brief: Brief) -> None:
    """A draft's watermark over the page, or an embargoed brief's banner in its header."""
    watermark = draft_watermark(brief)
    if watermark is not None:
        draw_watermark(canvas, watermark, brief.front_language)
    banner = embargo_banner(brief)
    if banner is not None:
        draw_embargo_banner(canvas, banner, brief.front_language)


def draw_watermark(canvas: Canvas, text: str, language: str) -> None:
    """`text` large and see-through, centred on the page, rising at the house angle."""
    paragraph = fixed_text_paragraph("draft-watermark", text, language)
    width = A4.height.points  # room enough on the diagonal; the text is centred in it
    _, height = paragraph.wrap(width, A4.height.points)
    style = paragraph.style
    cap_height = pdfmetrics.getFont(style.fontName).face.capHeight / 1000 * style.fontSize
    canvas.saveState()
    canvas.setFillAlpha(WATERMARK_OPACITY)
    canvas.translate(A4.width.points / 2, A4.height.points / 2)
    canvas.rotate(WATERMARK_ANGLE)
    # reportlab sets the first baseline one font size below the top: centre the capitals
    paragraph.drawOn(canvas, -width / 2, -height + style.fontSize - cap_height / 2)
    canvas.restoreState()


def draw_embargo_banner(canvas: Canvas, text: str, language: str) -> None:
    """The banner across the text width, its top at the header distance."""
    paragraph = fixed_text_paragraph("embargo-banner", text, language)
    _, height = paragraph.wrap(A4.text_width.points, A4.height.points)
    y = A4.height.points - A4.header_distance.points - height
    fill = role("embargo-banner").background
    assert fill is not None, "the embargo banner is a band"
    draw_band(canvas, paragraph, A4.margin_left.points, y, fill)
