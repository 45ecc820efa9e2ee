"""House roles as WordprocessingML paragraph and run properties (w:pPr, w:rPr).

Children are appended in the order the schema prescribes, so no reordering is needed.
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add, make
from generator.style.house import FACES, Colour, Role
from generator.style.units import Length, pt

_JUSTIFICATION = {"left": "left", "right": "right", "center": "center", "justify": "both"}
_LANGUAGE_TAGS = {"en": "en-US", "ko": "ko-KR"}
EAST_ASIAN_LANGUAGE = "ko-KR"
# The language of Latin-script text in either edition: Word and LibreOffice break and
# hyphenate a Latin word by the language of its run, and cut one tagged Korean anywhere.
LATIN_LANGUAGE = "en-US"
_BAND_LINE_FACTOR = 1.2  # a text line of a band, in multiples of its type size


def language_tag(language: str) -> str:
    """The Word language tag of a brief language: "en" → "en-US"."""
    return _LANGUAGE_TAGS.get(language, language)


def style_id(word_style: str) -> str:
    """The w:styleId of a named Word style: its name without spaces."""
    return word_style.replace(" ", "")


def indentation(left: Length, right: Length, first_line: Length) -> BaseOxmlElement:
    """A w:ind; a negative first line becomes a hanging indent."""
    attributes = {"w:left": str(left.twips), "w:right": str(right.twips)}
    if first_line.points < 0:
        attributes["w:hanging"] = str(-first_line.twips)
    else:
        attributes["w:firstLine"] = str(first_line.twips)
    return make("w:ind", attributes)


def band_padding(role: Role) -> int:
    """Whole points of band above and below the text line of a shaded role.

    Word sets the text of an exact-height line at its bottom; to centre the text in
    a band `role.leading` high, the line shrinks to about the type size and the rest
    becomes border spacing above and below, which the shading fills too.
    """
    return max(0, int((role.leading.points - role.size.points * _BAND_LINE_FACTOR) / 2))


def band_border(role: Role, colour: Colour) -> BaseOxmlElement:
    """A w:pBdr of rules in the band colour that pull the shading out to the margin.

    Shading starts at the left indent; a left rule as far from the text as the indent
    widens the band to the margin, so the text sits inside it, inset by the indent.
    """
    borders = make("w:pBdr")
    padding, inset = str(band_padding(role)), str(int(role.left_indent.points))
    for side, space in (("top", padding), ("left", inset), ("bottom", padding)):
        rule = {"w:val": "single", "w:sz": "4", "w:space": space, "w:color": colour.hex}
        add(borders, f"w:{side}", rule)
    return borders


def line_height(role: Role) -> Length:
    """The exact line height of `role`: its leading, less a band's padding."""
    return role.leading - pt(2 * band_padding(role)) if role.background else role.leading


def paragraph_properties(role: Role, outline_level: int | None = None) -> BaseOxmlElement:
    """The w:pPr of a paragraph style for `role`."""
    properties = make("w:pPr")
    if role.keep_with_next:
        add(properties, "w:keepNext")
    if role.background is not None:
        properties.append(band_border(role, role.background))
        shading = {"w:val": "clear", "w:color": "auto", "w:fill": role.background.hex}
        add(properties, "w:shd", shading)
    no_automatic_spacing(properties)
    spacing = {
        "w:before": str(role.space_before.twips),
        "w:after": str(role.space_after.twips),
        "w:line": str(line_height(role).twips),
        "w:lineRule": "exact",
    }
    add(properties, "w:spacing", spacing)
    properties.append(indentation(role.left_indent, role.right_indent, role.first_line_indent))
    add(properties, "w:jc", {"w:val": _JUSTIFICATION[role.alignment]})
    if outline_level is not None:
        add(properties, "w:outlineLvl", {"w:val": str(outline_level)})
    return properties


def no_automatic_spacing(properties: BaseOxmlElement) -> None:
    """No space added between Hangul and Latin letters (DE) or digits (DN): "9월 13일",
    as written. LibreOffice reads it from each paragraph style, not the defaults."""
    add(properties, "w:autoSpaceDE", {"w:val": "0"})
    add(properties, "w:autoSpaceDN", {"w:val": "0"})


def font_selection(role: Role) -> BaseOxmlElement:
    """A w:rFonts: the role's Latin face for Latin text, its Hangul face for Hangul."""
    latin = FACES[(role.face, "latin")].family
    hangul = FACES[(role.face, "hangul")].family
    attributes = {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": hangul, "w:cs": latin}
    return make("w:rFonts", attributes)


def language_mark() -> BaseOxmlElement:
    """A w:lang tagging each character by its own script, in either edition: Latin
    (w:val) English, Hangul and Hanja (w:eastAsia) Korean."""
    return make("w:lang", {"w:val": LATIN_LANGUAGE, "w:eastAsia": EAST_ASIAN_LANGUAGE})


def run_properties(role: Role, language: str) -> BaseOxmlElement:
    """The w:rPr of a paragraph style for `role` in a brief of `language`."""
    properties = make("w:rPr")
    properties.append(font_selection(role))
    if role.bold:
        add(properties, "w:b")
        add(properties, "w:bCs")
    if role.italic:
        add(properties, "w:i")
        add(properties, "w:iCs")
    add(properties, "w:color", {"w:val": role.colour.hex})
    add(properties, "w:sz", {"w:val": str(role.size.half_points)})
    add(properties, "w:szCs", {"w:val": str(role.size.half_points)})
    properties.append(language_mark())
    return properties
