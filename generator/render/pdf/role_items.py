"""Paragraph items set in a house role: inline style, spacing, fixed texts."""

from __future__ import annotations

from reportlab.platypus import Paragraph as Flowable

from generator.render.pdf.fragments import text_paragraph
from generator.render.pdf.inline import InlineStyle
from generator.render.pdf.items import Item
from generator.render.pdf.structure import Element
from generator.render.pdf.styles import paragraph_style
from generator.style.house import Role, role


def inline_style_of(
    house_role: Role, language: str, *, tag_markers: bool = True, bold: bool | None = None
) -> InlineStyle:
    """The inline style of text set in `house_role`; `bold` overrides the role's."""
    return InlineStyle(
        kind=house_role.face,
        size=house_role.size.points,
        language=language,
        bold=house_role.bold if bold is None else bold,
        italic=house_role.italic,
        tag_markers=tag_markers,
    )


def inline_style(role_name: str, language: str, *, tag_markers: bool = True) -> InlineStyle:
    return inline_style_of(role(role_name), language, tag_markers=tag_markers)


def role_item_of(house_role: Role, paragraph: Flowable, element: Element | None = None) -> Item:
    """`paragraph` with the spacing, keeping and band of `house_role`, the content of
    structure element `element`."""
    return Item(
        paragraph,
        space_before=house_role.space_before.points,
        space_after=house_role.space_after.points,
        keep_with_next=house_role.keep_with_next,
        band=house_role.background,
        element=element,
    )


def role_item(role_name: str, paragraph: Flowable, element: Element | None = None) -> Item:
    return role_item_of(role(role_name), paragraph, element)


def fixed_text_paragraph(role_name: str, text: str, language: str) -> Flowable:
    """A fixed text (label, date line, author line, footer, stamp) in role `role_name`."""
    return text_paragraph(text, inline_style(role_name, language), paragraph_style(role_name))


def fixed_text_item(
    role_name: str, text: str, language: str, element: Element | None = None
) -> Item:
    """An item for a fixed text (label, date line, author line) in role `role_name`."""
    return role_item(role_name, fixed_text_paragraph(role_name, text, language), element)
