"""What a DOCX handout takes from its settled layout, so both formats print one page.

A handout's page budget is decided on the PDF layout before any renderer runs
(generator.render.pdf.settle_handout, called by the build): the chosen tightening step
and the QR code's modules are recorded in the model, and read here. This renderer
never asks the PDF renderer anything.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import Brief, FullTextLink, KeyPoints
from generator.style.house import ROLES, Role, handout_roles

QrModules = tuple[tuple[bool, ...], ...]


def roles_for(brief: Brief) -> Mapping[str, Role]:
    """The house roles; a handout's as tightened to the step settled for its page."""
    if brief.variant != "handout":
        return ROLES
    steps = [block.step for block in brief.blocks if isinstance(block, KeyPoints)]
    return handout_roles(steps[0] if steps else 0)


def qr_modules_of(node: FullTextLink) -> QrModules:
    """The QR code's modules, as settled with the handout's layout."""
    if not node.qr_modules:
        raise ValueError("a handout must be settled (generator.render.pdf.settle_handout) "
                         "before the DOCX renderer draws its QR code")
    return node.qr_modules
