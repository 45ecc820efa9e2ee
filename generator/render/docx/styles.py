"""Named Word styles: one paragraph style per house role, plus two character styles.

Paragraphs refer to these styles; the only direct formatting in the document is
inline emphasis and strong text, links and footnote markers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import add, make
from generator.render.docx.properties import (
    font_selection,
    language_mark,
    paragraph_properties,
    run_properties,
    style_id,
)
from generator.render.docx.table_style import table_style
from generator.style.house import LINK_COLOUR, ROLES, Role

FOOTNOTE_REFERENCE_STYLE = "Footnote Reference"
HYPERLINK_STYLE = "Hyperlink"
CAPTION_STYLE = "Caption"
BODY_STYLE = ROLES["body"].word_style
# Word's built-in heading styles, for the title and the ## and ### headings: Word's
# navigation pane, its table of contents and screen readers know them as headings. Each
# is written whole with the house's formatting (fonts, size, colour, spacing, outline
# level), replacing the template's (theme fonts, accent colour), and without the
# template's linked "Heading N Char" character style (`_replace_styles`).
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3")
# Names Word knows as built-in styles; they must not be marked w:customStyle.
_WORD_BUILT_IN = frozenset({"Footnote Text", FOOTNOTE_REFERENCE_STYLE, HYPERLINK_STYLE,
                            CAPTION_STYLE, *HEADING_STYLES})
# The names Word stores for built-in styles it names in lower case (python-docx's
# BabelFish): Word's Insert Caption and table of figures find "caption", its navigation
# pane "heading 1".
_STORED_NAMES = {CAPTION_STYLE: "caption", **{name: name.lower() for name in HEADING_STYLES}}
# Roles whose own style is based on Word's "Caption" (the table caption is "Caption"
# itself): Word lists them with the captions.
_CAPTION_ROLES = frozenset({"figure-caption"})
# The template's table styles a document keeps: Word's default table style and its
# plain grid. The 136 others (Light Shading ... Colorful Grid, each accent) are 90% of
# python-docx's styles part, and every document would parse and carry them unused.
_KEPT_TABLE_STYLES = frozenset({"TableNormal", "TableGrid"})
# Navigation-pane levels (0 = top) of the roles that are headings.
OUTLINE_LEVELS = {"title": 0, "heading-2": 1, "heading-3": 2}


def install_styles(
    styles: BaseOxmlElement, language: str, roles: Mapping[str, Role] = ROLES
) -> None:
    """Add a style for every role of `roles` (the house's, or a variant's override)."""
    drop_unused_table_styles(styles)
    set_document_defaults(styles, language)
    new_styles = [paragraph_style(role, language, OUTLINE_LEVELS.get(name),
                                  CAPTION_STYLE if name in _CAPTION_ROLES else "Normal")
                  for name, role in roles.items()]
    _replace_styles(styles, [*new_styles, footnote_reference_style(), hyperlink_style(),
                             table_style()])


def drop_unused_table_styles(styles: BaseOxmlElement) -> None:
    """Remove the template's table styles but Word's default and its plain grid."""
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and _style_id_of(style) not in _KEPT_TABLE_STYLES:
            styles.remove(style)


def set_document_defaults(styles: BaseOxmlElement, language: str) -> None:
    """Body face, size and language as the defaults, replacing the template's theme fonts."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = make("w:docDefaults")
    body = ROLES["body"]
    run = add(add(defaults, "w:rPrDefault"), "w:rPr")
    run.append(font_selection(body))
    add(run, "w:sz", {"w:val": str(body.size.half_points)})
    add(run, "w:szCs", {"w:val": str(body.size.half_points)})
    run.append(language_mark())
    paragraph = add(add(defaults, "w:pPrDefault"), "w:pPr")
    # No automatic space between Hangul and Latin letters (DE) or digits (DN): "9월".
    add(paragraph, "w:autoSpaceDE", {"w:val": "0"})
    add(paragraph, "w:autoSpaceDN", {"w:val": "0"})
    add(paragraph, "w:spacing", {"w:after": "0", "w:line": "240", "w:lineRule": "auto"})
    styles.insert(0, defaults)


def _style_shell(kind: str, name: str, based_on: str) -> BaseOxmlElement:
    attributes = {"w:type": kind, "w:styleId": style_id(name)}
    if name not in _WORD_BUILT_IN:
        attributes["w:customStyle"] = "1"
    style = make("w:style", attributes)
    add(style, "w:name", {"w:val": _STORED_NAMES.get(name, name)})
    add(style, "w:basedOn", {"w:val": based_on})
    return style


def paragraph_style(role: Role, language: str, outline_level: int | None,
                    based_on: str = "Normal") -> BaseOxmlElement:
    """The w:style of a paragraph role, complete in itself (based on Normal, or on the
    style Word files it under)."""
    style = _style_shell("paragraph", role.word_style, style_id(based_on))
    follower = role.word_style if role.word_style == "Footnote Text" else BODY_STYLE
    add(style, "w:next", {"w:val": style_id(follower)})
    add(style, "w:qFormat")
    properties = paragraph_properties(role, outline_level)
    if based_on != "Normal" and not role.keep_with_next:
        # Word's Caption keeps with the next paragraph; a figure's caption (below its
        # picture) must not, or it drags the figure onto the next page.
        properties.insert(0, make("w:keepNext", {"w:val": "0"}))
    style.append(properties)
    style.append(run_properties(role, language))
    return style


def footnote_reference_style() -> BaseOxmlElement:
    """The character style of footnote markers, upright: LibreOffice sets the number at
    the start of a note in this style too, where the house has a baseline "1)". The
    markers in the body are raised by direct formatting (generator.render.docx.footnotes)."""
    style = _style_shell("character", FOOTNOTE_REFERENCE_STYLE, "DefaultParagraphFont")
    add(style, "w:rPr")
    return style


def hyperlink_style() -> BaseOxmlElement:
    """The character style of links: link colour, single underline."""
    style = _style_shell("character", HYPERLINK_STYLE, "DefaultParagraphFont")
    properties = add(style, "w:rPr")
    add(properties, "w:color", {"w:val": LINK_COLOUR.hex})
    add(properties, "w:u", {"w:val": "single"})
    return style


def _replace_styles(styles: BaseOxmlElement, new_styles: list[BaseOxmlElement]) -> None:
    """Append `new_styles`, dropping the template's styles of the same ids first, and
    the template's styles linked to those (Word's "Heading 1 Char" of "Heading 1",
    with the theme's fonts and colour: a linked style is the paragraph style's own
    formatting applied to a run, and the new styles link none).

    Of several new styles with one id, only the last is kept, where it stands.
    """
    latest = {_style_id_of(style): style for style in new_styles}
    for existing in styles.findall(qn("w:style")):
        link = existing.find(qn("w:link"))
        linked = link is not None and link.get(qn("w:val")) in latest
        if _style_id_of(existing) in latest or linked:
            styles.remove(existing)
    styles.extend(style for style in new_styles if latest[_style_id_of(style)] is style)


def _style_id_of(style: BaseOxmlElement) -> str | None:
    return cast(str | None, style.get(qn("w:styleId")))
