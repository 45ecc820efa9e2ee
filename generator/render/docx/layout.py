"""What a DOCX takes from the PDF layout, so that both formats print the same page.

A handout's page budget is checked on the PDF layout (generator.render.pdf.handout):
the DOCX handout is set at the tightening step chosen there, and fails as it does.
Its QR code is the PDF's module matrix, drawn here as a PNG image.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import Brief
from generator.style.house import HANDOUT_QR, ROLES, Role, handout_roles

QrModules = tuple[tuple[bool, ...], ...]


def roles_for(brief: Brief) -> Mapping[str, Role]:
    """The house roles; a handout's as tightened for its PDF page (or OutputError)."""
    if brief.variant != "handout":
        return ROLES
    from generator.render.pdf import handout_step

    return handout_roles(handout_step(brief))


def qr_modules_of(url: str) -> QrModules:
    """The QR code's modules for `url`, exactly as the PDF draws them."""
    from generator.render.pdf import qr_modules

    return qr_modules(url, HANDOUT_QR.error_correction)
