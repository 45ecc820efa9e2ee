"""A box of key points (executive summary, handout) and a handout's full-text address.

The box is a run of items that share one panel (drawn by the page drawer): the
heading, then one bulleted paragraph per point, inset from the panel's edges. Its
structure: a Sect titled with the heading, holding the heading (H2) and a list (L, an
LI > LBody > P per point). The full-text address is a P, its QR code a Figure whose
alternate text is the address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from generator.model.nodes import FullTextLink, KeyPoints, Link, Text
from generator.render.pdf.fragments import FragmentBuilder, text_paragraph
from generator.render.pdf.items import Item
from generator.render.pdf.qr import qr_modules
from generator.render.pdf.role_items import inline_style_of, role_item_of
from generator.render.pdf.structure import Element
from generator.render.pdf.styles import role_paragraph_style
from generator.style.house import (
    A4,
    BULLET,
    HANDOUT_QR,
    KEY_POINTS_HEADINGS,
    KEY_POINTS_ROLES,
    SUMMARY_BOX,
    Role,
)
from generator.style.texts import render_label

_UNBOUNDED = 1e9


def key_points_items(
    node: KeyPoints, language: str, front_language: str, roles: Mapping[str, Role],
    parent: Element | None = None,
) -> list[Item]:
    """The box's heading and points; the first and last items carry its padding."""
    heading = render_label(front_language, KEY_POINTS_HEADINGS[node.purpose])
    lang = None if front_language == language else front_language
    section = Element("Sect", parent, title=heading)
    items = [_boxed_item(roles["summary-heading"], "summary-heading", heading, front_language,
                         Element("H2", section, language=lang))]
    point_name = KEY_POINTS_ROLES[node.purpose]
    points = Element("L", section)
    items += [
        _boxed_item(roles[point_name], point_name, point, language,
                    Element("P", Element("LBody", Element("LI", points))), bullet=BULLET)
        for point in node.points
    ]
    padding = SUMMARY_BOX.padding.points
    items[0] = replace(items[0], space_before=items[0].space_before + padding)
    items[-1] = replace(
        items[-1], space_after=padding + SUMMARY_BOX.space_after.points, keep_with_next=False
    )
    return items


def _boxed_item(
    house_role: Role, name: str, text: str, language: str, element: Element,
    bullet: str | None = None,
) -> Item:
    left = SUMMARY_BOX.inset.points + house_role.left_indent.points
    right = SUMMARY_BOX.padding.points + house_role.right_indent.points
    style = role_paragraph_style(house_role, name, left, right, "none" if bullet is None
                                 else "bullet")
    paragraph = text_paragraph(text, inline_style_of(house_role, language), style, bullet)
    item = role_item_of(house_role, paragraph, element)
    return replace(item, box=SUMMARY_BOX)


def full_text_item(
    node: FullTextLink, front_language: str, roles: Mapping[str, Role],
    parent: Element | None = None, language: str | None = None,
) -> Item:
    """"Full text:" and the address, with the address's QR code at their right; the
    item's space below leaves room for the code."""
    house_role = roles["full-text"]
    label = render_label(front_language, "full_text")
    address = Link(node.url, (Text(node.url),))
    beside = HANDOUT_QR.size.points + HANDOUT_QR.gap.points
    style = role_paragraph_style(house_role, "full-text", None, beside)
    paragraph = (
        FragmentBuilder(style)
        .text(label, inline_style_of(house_role, front_language, bold=True))
        .line_break()
        .inlines((address,), inline_style_of(house_role, front_language))
        .paragraph()
    )
    _, height = paragraph.wrap(A4.text_width.points, _UNBOUNDED)
    lang = None if language in (None, front_language) else front_language
    item = role_item_of(house_role, paragraph, Element("P", parent, language=lang))
    below_text = max(0.0, HANDOUT_QR.size.points - height)
    return replace(item, space_after=item.space_after + below_text,
                   qr=qr_modules(node.url, HANDOUT_QR.error_correction),
                   qr_element=Element("Figure", parent, alt=render_label(
                       front_language, "qr_code_alt", url=node.url)))


