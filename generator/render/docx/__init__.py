"""The DOCX renderer: a Brief → the bytes of a .docx file in the house style.

The only package of the project that imports python-docx (and, through it, lxml).
"""

from __future__ import annotations

from generator.model import Brief
from generator.render.docx.document import write_document
from generator.render.docx.embedded_fonts import embed_fonts
from generator.render.docx.layout import roles_for
from generator.render.docx.metadata import set_core_properties
from generator.render.docx.package import deterministic_bytes
from generator.render.docx.page import set_page
from generator.render.docx.stamps import write_first_page_watermark, write_stamps
from generator.render.docx.template import new_document


def render_docx(brief: Brief) -> bytes:
    """The complete .docx file of `brief`; equal briefs give equal bytes.

    A handout is set as its PDF layout decided (OutputError if it cannot fit a page).
    The styles and settings come from the house template of the brief's language and
    roles, built once per process (generator.render.docx.template).
    """
    roles = roles_for(brief)
    document = new_document(brief.language, roles)
    set_page(document, brief)
    write_stamps(document, brief)
    write_document(document, brief, roles)
    write_first_page_watermark(document, brief)
    set_core_properties(document, brief)
    embed_fonts(document)
    return deterministic_bytes(document)


__all__ = ["render_docx"]
