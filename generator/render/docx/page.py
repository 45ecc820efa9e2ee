"""Page geometry (A4 and its margins) and the footer: the page number, or on a
handout "For meeting use"."""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENTATION
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu

from generator.model import Brief
from generator.render.docx.ooxml import add, add_paragraph, add_run
from generator.render.docx.properties import style_id
from generator.style.house import A4, ROLES
from generator.style.texts import render_label


def set_page(document: Document, brief: Brief) -> None:
    """A4 portrait with the house margins, and the centred footer of `brief`'s variant."""
    section = document.sections[0]
    section.orientation = WD_ORIENTATION.PORTRAIT
    section.page_width = Emu(A4.width.emu)
    section.page_height = Emu(A4.height.emu)
    section.top_margin = Emu(A4.margin_top.emu)
    section.bottom_margin = Emu(A4.margin_bottom.emu)
    section.left_margin = Emu(A4.margin_left.emu)
    section.right_margin = Emu(A4.margin_right.emu)
    section.footer_distance = Emu(A4.footer_distance.emu)
    section.footer.is_linked_to_previous = False
    write_footer(section.footer.part.element, brief)


def write_footer(footer: BaseOxmlElement, brief: Brief) -> None:
    """The footer of `brief`'s variant: "For meeting use" on a handout, else the page number."""
    if brief.variant == "handout":
        write_meeting_use_footer(footer, brief.front_language)
    else:
        write_page_number_footer(footer)


def write_meeting_use_footer(footer: BaseOxmlElement, language: str) -> None:
    """Replace the footer's content with "For meeting use"."""
    for child in list(footer):
        footer.remove(child)
    paragraph = add_paragraph(footer, style_id(ROLES["meeting-use"].word_style))
    add_run(paragraph, render_label(language, "meeting_use"))


def write_page_number_footer(footer: BaseOxmlElement) -> None:
    """Replace the footer's content with one paragraph holding a PAGE field."""
    for child in list(footer):
        footer.remove(child)
    paragraph = add_paragraph(footer, style_id(ROLES["page-number"].word_style))
    add(add_run(paragraph), "w:fldChar", {"w:fldCharType": "begin"})
    instruction = add(add_run(paragraph), "w:instrText", {"xml:space": "preserve"})
    instruction.text = " PAGE "
    add(add_run(paragraph), "w:fldChar", {"w:fldCharType": "separate"})
    add_run(paragraph, "1")
    add(add_run(paragraph), "w:fldChar", {"w:fldCharType": "end"})
