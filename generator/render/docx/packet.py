"""A meeting packet to DOCX bytes: one section per page, as the PDF's pages.

The first section is the cover and agenda; each next one a brief's handout, written
as `--variant handout` writes it (front matter, key-point box, address and QR code,
closing matter), at the step settled for it. Each section's footer gives the packet
page, "3 / 7", as PAGE and NUMPAGES fields; an embargoed handout's section has the
banner in its header, a draft's handout the watermark in front of its text.

Handouts may be set at different tightening steps, or (Korean) ragged right: a role
that differs from the house's gets a Word style of its own, "KINU Handout Point 2".
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import replace

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu

from generator.model import Brief, Packet
from generator.render.docx.document import BlockWriter, Place, write_back_matter, write_front_matter
from generator.render.docx.embedded_fonts import embed_fonts
from generator.render.docx.footnotes import Footnotes
from generator.render.docx.layout import roles_for
from generator.render.docx.metadata import DocumentFacts, set_properties
from generator.render.docx.ooxml import add_paragraph, add_run, make
from generator.render.docx.package import deterministic_bytes
from generator.render.docx.packet_cover import write_cover
from generator.render.docx.page import add_field, set_page_geometry
from generator.render.docx.properties import style_id
from generator.render.docx.stamps import watermark_picture, write_header
from generator.render.docx.template import new_document
from generator.style.house import A4, PACKET_ROLES, ROLES, Role
from generator.style.texts import (
    cover_texts,
    draft_watermark,
    embargo_banner,
    packet_page_label,
)

Roles = Mapping[str, Role]


def render_packet_docx(packet: Packet) -> bytes:
    """The packet's .docx: the cover section, then one section per handout; equal
    packets give equal bytes. The handouts must be settled (settle_handout)."""
    handout_roles, template_roles = packet_roles(packet.handouts)
    document = new_document(packet.language, template_roles)
    set_page_geometry(document.sections[0])
    body = document.element.body
    write_cover(body, packet)
    footnotes = Footnotes(document, packet.handouts[0])  # the part Word expects; no notes
    for brief, roles in zip(packet.handouts, handout_roles, strict=True):
        end_section(body)
        _write_handout(document, brief, roles, footnotes)
    _write_page_furniture(document, packet)
    texts = cover_texts(packet)
    set_properties(document, DocumentFacts(
        title=packet.title, authors=packet.authors,
        subject=f"{texts.series_label} {', '.join(brief.number for brief in packet.handouts)}",
        keywords=(), language=packet.language, date=packet.date))
    embed_fonts(document)
    return deterministic_bytes(document)


def packet_roles(handouts: tuple[Brief, ...]) -> tuple[list[Roles], dict[str, Role]]:
    """The roles of each handout, and every role the template must hold: the house's,
    the cover's, and each handout role that differs from the house's under a style name
    of its own (numbered in order of first use)."""
    template: dict[str, Role] = {**ROLES, **PACKET_ROLES}
    renamed: dict[tuple[str, Role], Role] = {}
    per_handout: list[Roles] = []
    for brief in handouts:
        roles = dict(roles_for(brief))
        for name, value in roles.items():
            if value == template[name]:
                continue
            if (name, value) not in renamed:
                number = len(renamed) + 1
                renamed[(name, value)] = replace(value, word_style=f"{value.word_style} {number}")
                template[f"{name} {number}"] = renamed[(name, value)]
            roles[name] = renamed[(name, value)]
        per_handout.append(roles)
    return per_handout, template


def end_section(body: BaseOxmlElement) -> None:
    """End the section at the body's last paragraph, with the page set as the body's."""
    last = body.findall(qn("w:p"))[-1]
    properties = last.find(qn("w:pPr"))
    if properties is None:
        properties = make("w:pPr")
        last.insert(0, properties)
    properties.append(copy.deepcopy(body.find(qn("w:sectPr"))))


def _write_handout(document: Document, brief: Brief, roles: Roles,
                   footnotes: Footnotes) -> None:
    body = document.element.body
    before = len(body.findall(qn("w:p")))
    write_front_matter(body, brief)
    BlockWriter(body, document.part, footnotes, brief.front_language, roles).write(
        brief.blocks, Place())
    write_back_matter(body, brief)
    watermark = draft_watermark(brief)
    if watermark is not None:  # a handout opens with its box: the watermark in front
        first = body.findall(qn("w:p"))[before]
        add_run(first).append(watermark_picture(watermark, in_front=True))


def _write_page_furniture(document: Document, packet: Packet) -> None:
    """Each section's footer (its packet page) and, when a handout is embargoed, every
    section's header (its banner, or nothing)."""
    banners = [None, *(embargo_banner(brief) for brief in packet.handouts)]
    for page, (section, banner) in enumerate(zip(document.sections, banners, strict=True),
                                             start=1):
        section.footer.is_linked_to_previous = False
        write_packet_footer(section.footer.part.element, packet.language, page,
                            packet.pages)
        if any(banners):
            section.header_distance = Emu(A4.header_distance.emu)
            section.header.is_linked_to_previous = False
            write_header(section.header.part.element, banner, None)


_PAGE, _PAGES = "\ue000", "\ue001"  # where the catalogue's label puts the two numbers


def write_packet_footer(footer: BaseOxmlElement, language: str, page: int, pages: int) -> None:
    """The footer of a packet's section: "3 / 7" (the catalogue's packet_page_number),
    its numbers as PAGE and NUMPAGES fields showing those numbers until updated."""
    for child in list(footer):
        footer.remove(child)
    paragraph = add_paragraph(footer, style_id(ROLES["page-number"].word_style))
    label = packet_page_label(language, _PAGE, _PAGES)
    fields = {_PAGE: ("PAGE", str(page)), _PAGES: ("NUMPAGES", str(pages))}
    for part in re.split(f"([{_PAGE}{_PAGES}])", label):
        if part in fields:
            add_field(paragraph, *fields[part])
        elif part:
            add_run(paragraph, part)
