"""Status stamps in the page header: an embargo's banner, a draft's watermark.

The watermark is the shape Word itself writes for one: a VML text path behind the
text, anchored in the header so that it is on every page; LibreOffice reads it too.

Word and LibreOffice draw whatever a header holds beneath the whole body, table
shading included, whatever its z-order or `behindDoc`: a header watermark vanishes
under a key-point box's tint. So when a brief opens with a box, its first page (the
box's page) has a header of its own without the watermark, and the same text path is
anchored in the body instead, in front of the text: a see-through black that looks
like the header's grey on paper, it shows over the tint, as in the PDF, and leaves the
text under it black.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu

from generator.model import Brief, KeyPoints
from generator.render.docx.ooxml import add_paragraph, add_run, checked_text
from generator.render.docx.page import write_footer
from generator.render.docx.properties import style_id
from generator.style.fonts import is_east_asian
from generator.style.house import (
    A4,
    FACES,
    ROLES,
    WATERMARK_ANGLE,
    WATERMARK_IN_FRONT_COLOUR,
    WATERMARK_IN_FRONT_OPACITY,
    WATERMARK_OPACITY,
)
from generator.style.texts import draft_watermark, embargo_banner

VML = "urn:schemas-microsoft-com:vml"
# The text-path shape type (o:spt 136) and a shape of it, as Word writes a watermark.
# Only house values are filled in here; the text is set afterwards, as an attribute.
_WATERMARK = """\
<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
  <v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
      path="m@7,l@8,m@5,21600l@6,21600e">
    <v:formulas>
      <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
      <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
      <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
      <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
      <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
    </v:formulas>
    <v:path textpathok="t" o:connecttype="custom"
        o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
    <v:textpath on="t" fitshape="t"/>
    <o:lock v:ext="edit" text="t" shapetype="t"/>
  </v:shapetype>
  <v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{shape_id}" type="#_x0000_t136"
      o:allowincell="f" fillcolor="#{colour}" stroked="f"
      style="position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;\
height:{height:.1f}pt;rotation:{rotation};z-index:{z_index};mso-position-horizontal:center;\
mso-position-horizontal-relative:margin;mso-position-vertical:center;\
mso-position-vertical-relative:margin">
    <v:fill opacity="{opacity}"/>
    <v:textpath style="font-family:&quot;{family}&quot;;font-size:1pt;font-weight:bold"/>
  </v:shape>
</w:pict>"""
# Average advance of a watermark character, in ems: bold capitals, Hangul syllables.
_ADVANCE = {"latin": 0.72, "hangul": 0.95}


# VML z-indexes as Word writes them: below the text (a watermark) or above it.
_BEHIND_TEXT, _IN_FRONT_OF_TEXT = -251654144, 251659264


def write_stamps(document: Document, brief: Brief) -> None:
    """The header of every page: the embargo banner or the draft watermark, if any
    (on the first page of a brief opening with a key-point box, see the module)."""
    banner, watermark = embargo_banner(brief), draft_watermark(brief)
    if banner is None and watermark is None:
        return
    section = document.sections[0]
    section.header_distance = Emu(A4.header_distance.emu)
    section.header.is_linked_to_previous = False
    _write_header(section.header.part.element, banner, watermark)
    if watermark is not None and opens_with_box(brief):
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        _write_header(section.first_page_header.part.element, banner, None)
        section.first_page_footer.is_linked_to_previous = False
        write_footer(section.first_page_footer.part.element, brief)


def write_first_page_watermark(document: Document, brief: Brief) -> None:
    """A draft opening with a key-point box: the watermark of its first page, in front
    of the text, anchored in the body's first paragraph (call once the body is written)."""
    watermark = draft_watermark(brief)
    if watermark is None or not opens_with_box(brief):
        return
    first = document.element.body.find(qn("w:p"))
    add_run(first).append(watermark_picture(watermark, in_front=True))


def opens_with_box(brief: Brief) -> bool:
    """Whether the body starts with a key-point box (exec, handout): on page 1."""
    return bool(brief.blocks) and isinstance(brief.blocks[0], KeyPoints)


def _write_header(header: BaseOxmlElement, banner: str | None, watermark: str | None) -> None:
    for child in list(header):
        header.remove(child)
    if banner is not None:
        add_run(add_paragraph(header, style_id(ROLES["embargo-banner"].word_style)), banner)
    if watermark is None and banner is not None:
        return
    # The watermark's anchor, or the empty paragraph a header must hold: an empty line
    # in a small style; the shape sits on the page.
    anchor = add_paragraph(header, style_id(ROLES["page-number"].word_style))
    if watermark is not None:
        add_run(anchor).append(watermark_picture(watermark))


def watermark_picture(text: str, *, in_front: bool = False) -> BaseOxmlElement:
    """A w:pict holding `text` as a pale text path across the middle of the page, behind
    the text (in a header) or `in_front` of it (in the body)."""
    role = ROLES["draft-watermark"]
    script = "hangul" if any(is_east_asian(character) for character in text) else "latin"
    picture = parse_xml(_WATERMARK.format(
        number=2 if in_front else 1,
        shape_id=1026 if in_front else 1025,
        z_index=_IN_FRONT_OF_TEXT if in_front else _BEHIND_TEXT,
        colour=(WATERMARK_IN_FRONT_COLOUR if in_front else role.colour).hex,
        opacity=WATERMARK_IN_FRONT_OPACITY if in_front else WATERMARK_OPACITY,
        width=role.size.points * _ADVANCE[script] * len(text),
        height=role.size.points,
        rotation=round((360 - WATERMARK_ANGLE) % 360),  # VML turns clockwise
        family=FACES[(role.face, script)].family,
    ))
    path = picture.find(f"{{{VML}}}shape/{{{VML}}}textpath")
    path.set("string", checked_text(text))
    return picture
