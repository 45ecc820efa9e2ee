"""A figure: its picture inline in a centred paragraph, kept with its caption below.

The picture's bytes go into the package as they are (a PNG or JPEG part; python-docx
names parts `word/media/imageN.png` in order, so equal briefs give equal parts), shown
at the size the model gives it, scaled down to fit the text width and
house.FIGURE_MAX_HEIGHT_SHARE of the text height, never enlarged. The alternative text
is the drawing's description (`wp:docPr/@descr`), what Word and screen readers read;
no title: the caption below is read as text already.
"""

from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.story import StoryPart
from docx.shared import Emu

from generator.model import Figure, Picture
from generator.render.docx.captions import CaptionContext, write_caption
from generator.render.docx.ooxml import add, add_paragraph, add_run, checked_text
from generator.render.docx.properties import style_id
from generator.style.house import A4, CAPTION_PLACEMENT, FIGURE_MAX_HEIGHT_SHARE
from generator.style.units import pt


def picture_extent(picture: Picture) -> tuple[int, int]:
    """The picture's printed width and height in EMU: its own size, scaled down (never
    up) to at most the text width and the house share of the text height."""
    scale = min(1.0, A4.text_width.points / picture.width_pt,
                A4.text_height.points * FIGURE_MAX_HEIGHT_SHARE / picture.height_pt)
    return pt(picture.width_pt * scale).emu, pt(picture.height_pt * scale).emu


def write_figure(body: BaseOxmlElement, node: Figure, context: CaptionContext) -> None:
    """The figure's picture paragraph and its caption, in the house's order."""
    if CAPTION_PLACEMENT["figure"] == "above":
        write_caption(body, "figure", node, context)
    _picture_paragraph(body, node, context)
    if CAPTION_PLACEMENT["figure"] == "below":
        write_caption(body, "figure", node, context)


def _picture_paragraph(body: BaseOxmlElement, node: Figure, context: CaptionContext) -> None:
    """The role "figure" paragraph (centred, kept with the next) holding the picture;
    its line grows with the picture (an exact line height would clip it)."""
    paragraph = add_paragraph(body, style_id(context.roles["figure"].word_style))
    add(paragraph.find(qn("w:pPr")), "w:spacing", {"w:line": "240", "w:lineRule": "auto"})
    part = context.part
    assert isinstance(part, StoryPart)
    width, height = picture_extent(node.picture)
    inline = part.new_pic_inline(io.BytesIO(node.picture.data), Emu(width), Emu(height))
    properties = inline.find(qn("wp:docPr"))
    properties.set("name", checked_text(f"{node.label} {node.number}"))
    properties.set("descr", checked_text(node.alt))
    add(add_run(paragraph), "w:drawing").append(inline)
