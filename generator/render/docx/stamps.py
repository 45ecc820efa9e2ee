"""Status stamps in the page header: an embargo's banner, a draft's watermark.

The watermark is the shape Word itself writes for one: a VML text path behind the
text, anchored in the header so that it is on every page; LibreOffice reads it too.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu

from generator.model import Brief
from generator.render.docx.ooxml import add_paragraph, add_run, checked_text
from generator.render.docx.properties import style_id
from generator.style.fonts import is_east_asian
from generator.style.house import A4, FACES, ROLES, WATERMARK_ANGLE, WATERMARK_OPACITY
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
  <v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136"
      o:allowincell="f" fillcolor="#{colour}" stroked="f"
      style="position:absolute;margin-left:0;margin-top:0;width:{width:.1f}pt;\
height:{height:.1f}pt;rotation:{rotation};z-index:-251654144;mso-position-horizontal:center;\
mso-position-horizontal-relative:margin;mso-position-vertical:center;\
mso-position-vertical-relative:margin">
    <v:fill opacity="{opacity}"/>
    <v:textpath style="font-family:&quot;{family}&quot;;font-size:1pt;font-weight:bold"/>
  </v:shape>
</w:pict>"""
# Average advance of a watermark character, in ems: bold capitals, Hangul syllables.
_ADVANCE = {"latin": 0.72, "hangul": 0.95}


def write_stamps(document: Document, brief: Brief) -> None:
    """The header of every page: the embargo banner or the draft watermark, if any."""
    banner, watermark = embargo_banner(brief), draft_watermark(brief)
    if banner is None and watermark is None:
        return
    section = document.sections[0]
    section.header_distance = Emu(A4.header_distance.emu)
    section.header.is_linked_to_previous = False
    header = section.header.part.element
    for child in list(header):
        header.remove(child)
    if banner is not None:
        add_run(add_paragraph(header, style_id(ROLES["embargo-banner"].word_style)), banner)
    if watermark is not None:
        # The shape's anchor: an empty line in a small style; the shape sits on the page.
        anchor = add_paragraph(header, style_id(ROLES["page-number"].word_style))
        add_run(anchor).append(watermark_picture(watermark))


def watermark_picture(text: str) -> BaseOxmlElement:
    """A w:pict holding `text` as a pale text path across the middle of the page."""
    role = ROLES["draft-watermark"]
    script = "hangul" if any(is_east_asian(character) for character in text) else "latin"
    picture = parse_xml(_WATERMARK.format(
        colour=role.colour.hex,
        opacity=WATERMARK_OPACITY,
        width=role.size.points * _ADVANCE[script] * len(text),
        height=role.size.points,
        rotation=round((360 - WATERMARK_ANGLE) % 360),  # VML turns clockwise
        family=FACES[(role.face, script)].family,
    ))
    path = picture.find(f"{{{VML}}}shape/{{{VML}}}textpath")
    path.set("string", checked_text(text))
    return picture
