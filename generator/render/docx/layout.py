"""The roles a DOCX is set in: a handout's as its settled layout decided (so both
formats print one page), and the house's choice of roles Word cannot justify well in
the brief's language (house.DOCX_NOT_JUSTIFIED).

A handout's page budget is decided on the PDF layout before any renderer runs
(generator.render.pdf.settle_handout, called by the build): the chosen tightening step
and the QR code's modules are recorded in the model, and read here. This renderer
never asks the PDF renderer anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from generator.model import Brief, FullTextLink, KeyPoints
from generator.style.house import DOCX_NOT_JUSTIFIED, ROLES, Role, handout_roles

QrModules = tuple[tuple[bool, ...], ...]


def roles_for(brief: Brief) -> Mapping[str, Role]:
    """The house roles (a handout's as tightened to the step settled for its page), with
    the justified roles Word sets badly in the brief's language set ragged right."""
    roles = ROLES if brief.variant != "handout" else handout_roles(_handout_step(brief))
    ragged = DOCX_NOT_JUSTIFIED.get(brief.language, frozenset())
    if not any(roles[name].alignment == "justify" for name in ragged):
        return roles
    return {name: replace(role, alignment="left")
            if name in ragged and role.alignment == "justify" else role
            for name, role in roles.items()}


def _handout_step(brief: Brief) -> int:
    steps = [block.step for block in brief.blocks if isinstance(block, KeyPoints)]
    return steps[0] if steps else 0


def qr_modules_of(node: FullTextLink) -> QrModules:
    """The QR code's modules, as settled with the handout's layout."""
    if not node.qr_modules:
        raise ValueError("a handout must be settled (generator.render.pdf.settle_handout) "
                         "before the DOCX renderer draws its QR code")
    return node.qr_modules
