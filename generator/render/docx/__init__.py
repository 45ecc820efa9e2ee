"""The DOCX renderer: a Brief → the bytes of a .docx file in the house style.

The only package of the project that imports python-docx (and, through it, lxml).
"""

from __future__ import annotations

import docx

from generator.model import Brief
from generator.render.docx.document import write_document
from generator.render.docx.layout import roles_for
from generator.render.docx.metadata import drop_template_leftovers, set_core_properties
from generator.render.docx.package import deterministic_bytes
from generator.render.docx.page import set_page
from generator.render.docx.settings import adjust_settings
from generator.render.docx.stamps import write_stamps
from generator.render.docx.styles import install_styles


def render_docx(brief: Brief) -> bytes:
    """The complete .docx file of `brief`; equal briefs give equal bytes.

    A handout is set as its PDF layout decided (OutputError if it cannot fit a page).
    """
    roles = roles_for(brief)
    document = docx.Document()
    drop_template_leftovers(document)
    adjust_settings(document, brief.language)
    install_styles(document.styles.element, brief.language, roles)
    set_page(document, brief)
    write_stamps(document, brief)
    write_document(document, brief, roles)
    set_core_properties(document, brief)
    return deterministic_bytes(document)


__all__ = ["render_docx"]
