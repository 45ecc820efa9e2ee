"""The caption of a table or figure: its label and number in bold ("Table 1." / "표 1.",
house.CAPTION_NUMBER_FORMAT), a space, then the caption's inline content."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Paragraph

from generator.model.nodes import Figure, Table, plain_text
from generator.render.pdf.fragments import FragmentBuilder
from generator.render.pdf.inline import destination_name
from generator.render.pdf.items import Item
from generator.render.pdf.role_items import inline_style, inline_style_of, role_item
from generator.render.pdf.structure import Element
from generator.render.pdf.styles import paragraph_style
from generator.style.house import CAPTION_NUMBER_FORMAT, role


def caption_paragraph(node: Table | Figure, role_name: str, language: str) -> Paragraph:
    number = CAPTION_NUMBER_FORMAT.format(label=node.label, number=node.number)
    label_style = inline_style_of(role(role_name), language, bold=True)
    builder = FragmentBuilder(paragraph_style(role_name)).text(number + " ", label_style)
    return builder.inlines(node.caption, inline_style(role_name, language)).paragraph()


def caption_item(node: Table | Figure, role_name: str, language: str,
                 element: Element | None = None) -> Item:
    """The caption in `role_name`, never split across pages, the content of `element`
    (its Caption); a table's caption (above the table) is where its cross-references
    link to."""
    item = role_item(role_name, caption_paragraph(node, role_name, language), element)
    return replace(item, keep_together=True)


def destination_of(node: Table | Figure) -> str | None:
    """Where cross-references to `node` link, None for a node without an id."""
    return None if node.id is None else destination_name(node.id)


def destination_title(node: Table | Figure) -> str:
    """What a cross-reference to `node` leads to, for its link's /Contents (PDF/UA's
    alternate description): the caption's number and text, "Table 1. Russia–DPRK trade"."""
    number = CAPTION_NUMBER_FORMAT.format(label=node.label, number=node.number)
    return f"{number} {plain_text(node.caption)}"
