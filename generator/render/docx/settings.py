"""Document settings: no stale state from the template, justification as intended."""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn

from generator.render.docx.ooxml import make
from generator.render.docx.properties import EAST_ASIAN_LANGUAGE, language_tag


def adjust_settings(document: Document, language: str) -> None:
    """Theme fonts in the brief's languages, no proofing state, unstretched line breaks."""
    settings = document.settings.element
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
