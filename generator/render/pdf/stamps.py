"""Status stamps on every page: a draft's diagonal watermark, an embargo's banner.

Both are real text (in the page's text layer), set in their house roles. The watermark
is drawn behind the page's text and above its box panels (the page drawer calls
`draw_watermark_stamp` between the two); the banner is drawn last, in the header.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from generator.model.nodes import Brief
from generator.render.pdf.fragments import text_paragraph
from generator.render.pdf.furniture import draw_band
from generator.render.pdf.role_items import fixed_text_paragraph, inline_style
from generator.render.pdf.structure import artifact
from generator.render.pdf.styles import paragraph_style
from generator.style.house import A4, WATERMARK_ANGLE, WATERMARK_OPACITY, role
from generator.style.texts import draft_watermark, embargo_banner


def draw_watermark_stamp(canvas: Canvas, brief: Brief) -> None:
    """A draft's watermark across the page; nothing for any other status."""
    watermark = draft_watermark(brief)
    if watermark is not None:
        draw_watermark(canvas, watermark, brief.front_language)


def draw_banner_stamp(canvas: Canvas, brief: Brief) -> None:
    """An embargoed brief's banner in the header; nothing for any other status."""
    banner = embargo_banner(brief)
    if banner is not None:
        draw_embargo_banner(canvas, banner, brief.front_language)


def watermark_paragraph(text: str, language: str) -> Paragraph:
    """`text` in role "draft-watermark", its colour see-through at the house opacity.

    The alpha travels with the colour: Paragraph.drawOn sets the fill colour from the
    style, which would undo a setFillAlpha made before it.
    """
    style = paragraph_style("draft-watermark")
    grey = style.textColor
    see_through = Color(grey.red, grey.green, grey.blue, alpha=WATERMARK_OPACITY)
    faint = ParagraphStyle(f"{style.name}:faint", parent=style, textColor=see_through)
    return text_paragraph(text, inline_style("draft-watermark", language), faint)


def draw_watermark(canvas: Canvas, text: str, language: str) -> None:
    """`text` large and see-through, centred on the page, rising at the house angle."""
    paragraph = watermark_paragraph(text, language)
    width = A4.height.points  # room enough on the diagonal; the text is centred in it
    _, height = paragraph.wrap(width, A4.height.points)
    style = paragraph.style
    cap_height = pdfmetrics.getFont(style.fontName).face.capHeight / 1000 * style.fontSize
    with artifact(canvas, "Pagination", "Watermark"):
        canvas.saveState()
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
    with artifact(canvas, "Pagination", "Header"):
        draw_band(canvas, paragraph, A4.margin_left.points, y, fill)
