"""Document settings: no stale state from the template, justification as intended."""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.render.docx.ooxml import make
from generator.render.docx.properties import EAST_ASIAN_LANGUAGE, language_tag
from generator.style.house import HYPHENATION


def adjust_settings(document: Document, language: str) -> None:
    """Theme fonts in the brief's languages, no proofing state, unstretched line breaks,
    hyphenation as the house hyphenates the brief's language."""
    settings = document.settings.element
    set_hyphenation(settings, language)
    declare_embedded_fonts(settings)
    for proof_state in settings.findall(qn("w:proofState")):
        settings.remove(proof_state)  # the template claims its spelling was checked
    for theme_language in settings.findall(qn("w:themeFontLang")):
        theme_language.set(qn("w:val"), language_tag(language))
        theme_language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)
    compatibility = settings.find(qn("w:compat"))
    if compatibility is None:
        compatibility = make("w:compat")
        settings.append(compatibility)
    if compatibility.find(qn("w:doNotExpandShiftReturn")) is None:
        # A justified line ending in a line break is not stretched; it comes early
        # in CT_Compat, before the template's w:useFELayout and w:compatSetting.
        compatibility.insert(0, make("w:doNotExpandShiftReturn"))


# CT_Settings children that come before w:embedTrueTypeFonts, in their order.
_BEFORE_EMBEDDED_FONTS = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
    "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
    "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
)


def declare_embedded_fonts(settings: BaseOxmlElement) -> None:
    """The document carries its TrueType faces, as subsets (generator.render.docx.
    embedded_fonts); Word keeps embedding them, as subsets, when it saves the file."""
    position = 0
    for index, child in enumerate(settings):
        if child.tag in {qn(tag) for tag in _BEFORE_EMBEDDED_FONTS}:
            position = index + 1
    settings.insert(position, make("w:saveSubsetFonts"))
    settings.insert(position, make("w:embedTrueTypeFonts"))


def set_hyphenation(settings: BaseOxmlElement, language: str) -> None:
    """Automatic hyphenation for a language the house hyphenates (English), at most
    `max_consecutive` hyphenated lines in a row; none for Korean, which breaks between
    words. The settings follow w:defaultTabStop, as CT_Settings orders them."""
    hyphenation = HYPHENATION.get(language)
    if hyphenation is None:
        return
    tab_stop = settings.find(qn("w:defaultTabStop"))
    elements = [
        make("w:autoHyphenation"),
        make("w:consecutiveHyphenLimit", {"w:val": str(hyphenation.max_consecutive)}),
        make("w:hyphenationZone", {"w:val": str(hyphenation.zone.twips)}),
    ]
    for element in reversed(elements):
        if tab_stop is None:
            settings.insert(1, element)
        else:
            tab_stop.addnext(element)
