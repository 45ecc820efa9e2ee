"""A handout's page budget: one A4 page, reached by the house's tightening steps.

The budget is decided here, on the PDF layout; the DOCX handout is set with the step
chosen here. A handout that does not fit even at the tightest step is a located error
at the source's `summary` key: it is never cut short, and never runs onto a page 2.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from generator.diagnostics import Diagnostic, OutputError
from generator.model.nodes import Block, Brief, FullTextLink, KeyPoints
from generator.render.pdf.blocks import back_matter_items, body_items, front_matter_items
from generator.render.pdf.composer import Page, PageComposer
from generator.render.pdf.items import Item
from generator.render.pdf.qr import qr_modules
from generator.render.pdf.structure import Element
from generator.style.house import A4, HANDOUT_QR, HANDOUT_TIGHTENING, Role, handout_roles
from generator.style.texts import FrontMatter, front_matter

_UNBOUNDED = 1e9
_EPSILON = 1e-6


def settle_handout(brief: Brief) -> Brief:
    """`brief` with its handout's layout decided: the tightening step at which it fits
    one page (OutputError if none) and the QR code's modules, recorded in the model so
    that the DOCX renderer sets the same page without asking this renderer."""
    if brief.variant != "handout":
        return brief
    step = handout_step(brief)
    blocks = tuple(_settled(block, step) for block in brief.blocks)
    return replace(brief, blocks=blocks)


def _settled(block: Block, step: int) -> Block:
    if isinstance(block, KeyPoints):
        return replace(block, step=step)
    if isinstance(block, FullTextLink):
        return replace(block, qr_modules=qr_modules(block.url, HANDOUT_QR.error_correction))
    return block


def page_items(brief: Brief, matter: FrontMatter, roles: Mapping[str, Role]) -> list[Item]:
    """Front matter, the brief's blocks and back matter, in that order; their structure
    elements under one Document element (`items[0].element.root()`)."""
    document = Element("Document")
    return [
        *front_matter_items(brief, matter, document),
        *body_items(brief, roles, document),
        *back_matter_items(brief, matter, document),
    ]


def handout_step(brief: Brief) -> int:
    """The first tightening step at which the handout fits its page; OutputError if none."""
    matter = front_matter(brief)
    overflow = 0.0
    for step in range(len(HANDOUT_TIGHTENING)):
        overflow = overflow_of(page_items(brief, matter, handout_roles(step)))
        if overflow <= _EPSILON:
            return step
    raise OutputError([_overflow_diagnostic(brief, overflow)])


def compose_handout(brief: Brief, matter: FrontMatter) -> list[Page]:
    """The handout's one page, at the step that fits."""
    items = page_items(brief, matter, handout_roles(handout_step(brief)))
    pages = PageComposer(A4.text_width.points, A4.text_height.points, {}).compose(items)
    if len(pages) != 1:
        raise RuntimeError(f"a handout measured to fit took {len(pages)} pages")
    return pages


def compose_settled_handout(brief: Brief) -> Page:
    """The one page of a handout settled by settle_handout, at the step recorded in it
    (not measured again)."""
    step = next((block.step for block in brief.blocks if isinstance(block, KeyPoints)), 0)
    items = page_items(brief, front_matter(brief), handout_roles(step))
    pages = PageComposer(A4.text_width.points, A4.text_height.points, {}).compose(items)
    if len(pages) != 1:
        raise RuntimeError(f"a handout settled to fit took {len(pages)} pages")
    return pages[0]


def overflow_of(items: list[Item]) -> float:
    """How far `items`, set on one endless page, reach below the text area (points)."""
    page = PageComposer(A4.text_width.points, _UNBOUNDED, {}).compose(items)[0]
    bottom = max(
        placement.top + max(placement.height, HANDOUT_QR.size.points if placement.item.qr
                            else 0.0)
        for placement in page.body
    )
    return bottom - A4.text_height.points


def _overflow_diagnostic(brief: Brief, overflow: float) -> Diagnostic:
    leading = handout_roles(len(HANDOUT_TIGHTENING) - 1)["handout-point"].leading.points
    lines = max(1, math.ceil(overflow / leading - _EPSILON))
    message = (
        f"handout overflows one page by {math.ceil(overflow)} pt (about {lines} "
        f"line{'s' if lines > 1 else ''}) even at the tightest setting; shorten "
        f"summary.{brief.language}"
    )
    where = brief.summary_position
    if where is None:
        return Diagnostic(brief.stem, 1, 1, message)
    return Diagnostic(where.path, where.line, where.column, message)
