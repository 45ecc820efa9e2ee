"""The brief's front matter, blocks, back matter and notes as composer items.

Block nodes are dispatched on their class; an unknown node is an error. Containers
(block quotes, list items) only accumulate indents; sizes and faces come from roles.

Each handler also makes the node's structure elements (generator/render/pdf/structure.py),
the one place where a block kind maps to tags: a paragraph is a P, a heading H2/H3, a
quote a BlockQuote around its blocks, a list L > LI > LBody, the key points a Sect with
its heading and a list, the full-text address a P and its QR code a Figure. A note is a
Note element right after the element that cites it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from reportlab.platypus import Paragraph as Flowable

from generator.model.nodes import (
    Block,
    BlockQuote,
    Brief,
    Emphasis,
    Figure,
    FootnoteRef,
    FullTextLink,
    Heading,
    Inline,
    KeyPoints,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    plain_text,
)
from generator.render.pdf.fragments import FragmentBuilder
from generator.render.pdf.items import Item, OutlineEntry
from generator.render.pdf.keypoints import full_text_item, key_points_items
from generator.render.pdf.role_items import fixed_text_item, inline_style, role_item
from generator.render.pdf.structure import Element, element_before
from generator.render.pdf.styles import paragraph_style
from generator.style.house import CLOSING_MATTER_BODY_LINES, ROLES, Role, list_label, role
from generator.style.texts import FrontMatter, footnote_marker


@dataclass(frozen=True)
class Container:
    """Where a block sits: the role of its paragraphs and the indents around it."""

    role_name: str = "body"
    left: float = 0.0
    right: float = 0.0
    list_depth: int = 0  # how many lists hold the block
    element: Element | None = field(default=None, compare=False)  # the structure parent


def other_language(brief: Brief) -> str | None:
    """The front matter's language where it is not the edition's (an element's /Lang)."""
    return None if brief.front_language == brief.language else brief.front_language


def front_matter_items(
    brief: Brief, matter: FrontMatter, parent: Element | None = None
) -> list[Item]:
    """Series label, date line, title (the H1) and author lines, each its element."""
    language, lang = brief.front_language, other_language(brief)
    items = [
        fixed_text_item("series-label", matter.series_label, language,
                        Element("P", parent, language=lang)),
        fixed_text_item("date-line", matter.date_line, language,
                        Element("P", parent, language=lang)),
        fixed_text_item("title", brief.title, language, Element("H1", parent, language=lang)),
    ]
    items.extend(fixed_text_item(role_name, line, language, Element("P", parent, language=lang))
                 for role_name, line in matter.author_lines)
    return items


def back_matter_items(
    brief: Brief, matter: FrontMatter, parent: Element | None = None
) -> list[Item]:
    """The closing matter: the © line and the disclaimer, kept whole on one page with
    the last lines of the body (house.CLOSING_MATTER_BODY_LINES)."""
    language, lang = brief.front_language, other_language(brief)
    copyright_item = fixed_text_item("copyright", matter.copyright, language,
                                     Element("P", parent, language=lang))
    disclaimer = fixed_text_item("disclaimer", matter.disclaimer, language,
                                 Element("P", parent, language=lang))
    return [
        replace(copyright_item, keep_with_next=True, keep_together=True,
                lines_kept_before=CLOSING_MATTER_BODY_LINES),
        replace(disclaimer, keep_together=True),
    ]


def footnote_paragraphs(brief: Brief) -> dict[int, Flowable]:
    """Each note as a paragraph in role "footnote" that starts with its label, "1) "."""
    style = inline_style("footnote", brief.language, tag_markers=False)
    paragraph = paragraph_style("footnote", label="inline")
    return {
        note.number: FragmentBuilder(paragraph)
        .text(footnote_marker(brief.language, note.number) + " ", style)
        .inlines(note.inlines, style)
        .paragraph()
        for note in brief.footnotes
    }


class BodyBuilder:
    """Walks the body blocks into items, one paragraph each.

    `roles` are the house roles, or a variant's override of some (a tightened handout).
    """

    def __init__(
        self, language: str, front_language: str, roles: Mapping[str, Role] = ROLES
    ) -> None:
        self.language = language
        self.front_language = front_language
        self.roles = roles
        self.items: list[Item] = []
        self.notes: dict[int, Element] = {}  # the Note element of each note cited
        self._handlers: dict[type, Callable[[Block, Container, str | None], None]] = {
            Paragraph: self._paragraph,
            Heading: self._heading,
            BlockQuote: self._block_quote,
            ListBlock: self._list,
            KeyPoints: self._key_points,
            FullTextLink: self._full_text,
            Table: self._table,
            Figure: self._figure,
        }

    def blocks(
        self, blocks: tuple[Block, ...], container: Container, label: str | None = None
    ) -> None:
        for index, block in enumerate(blocks):
            self.block(block, container, label if index == 0 else None)

    def block(self, block: Block, container: Container, label: str | None = None) -> None:
        handler = self._handlers.get(type(block))
        if handler is None:
            raise TypeError(f"the PDF renderer has no layout for block node {type(block).__name__}")
        handler(block, container, label)

    def _builder(self, role_name: str, container: Container, label: str | None) -> FragmentBuilder:
        bullet = "none" if label is None else "bullet"
        return FragmentBuilder(paragraph_style(role_name, container.left, container.right, bullet))

    def _add(self, role_name: str, paragraph: Flowable, element: Element | None) -> Item:
        item = role_item(role_name, paragraph, element)
        self.items.append(item)
        return item

    def _add_inlines(
        self, role_name: str, inlines: tuple[Inline, ...], container: Container,
        label: str | None, kind: str = "P",
    ) -> Item:
        """A paragraph of `inlines`, the content of a new element of `kind`, followed by
        a Note element for each note it cites."""
        builder = self._builder(role_name, container, label)
        builder.inlines(inlines, inline_style(role_name, self.language))
        item = self._add(role_name, builder.paragraph(label), Element(kind, container.element))
        self._note_elements(footnote_numbers(inlines), container)
        return item

    def _note_elements(self, numbers: list[int], container: Container) -> None:
        """A Note element for each of the notes `numbers`, next in `container`."""
        for number in numbers:
            self.notes[number] = Element("Note", container.element, identifier=f"note-{number}")

    def _paragraph(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Paragraph)
        self._add_inlines(container.role_name, block.inlines, container, label)

    def _heading(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Heading)
        role_name = f"heading-{block.level}"
        item = self._add_inlines(role_name, block.inlines, container, label, f"H{block.level}")
        outline = OutlineEntry(plain_text(block.inlines), block.level - 2)
        self.items[-1] = replace(item, outline=outline)

    def _block_quote(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, BlockQuote)
        quote_role = role("block-quote")
        self._label_alone(container, label)
        inner = Container(
            "block-quote",
            container.left + quote_role.left_indent.points,
            container.right + quote_role.right_indent.points,
            container.list_depth,
            Element("BlockQuote", container.element),
        )
        self.blocks(block.blocks, inner)

    def _list(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, ListBlock)
        self._label_alone(container, label)
        indent = role("list-item").left_indent.points
        depth = container.list_depth
        whole = Element("L", container.element)
        for index, item_blocks in enumerate(block.items):
            mark = list_label(ordered=block.ordered, number=block.start + index, depth=depth)
            item_body = Element("LBody", Element("LI", whole))
            inner = Container("list-item", container.left + indent, container.right, depth + 1,
                              item_body)
            if item_blocks:
                self.blocks(item_blocks, inner, mark)
            else:
                self._label_alone(inner, mark)
        body_gap = role("body").space_after.points
        if self.items and self.items[-1].space_after < body_gap:
            self.items[-1] = replace(self.items[-1], space_after=body_gap)

    def _key_points(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, KeyPoints)
        _only_at_top(block, container, label)
        self.items += key_points_items(block, self.language, self.front_language, self.roles,
                                       container.element)

    def _full_text(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, FullTextLink)
        _only_at_top(block, container, label)
        self.items.append(full_text_item(block, self.front_language, self.roles,
                                         container.element, self.language))

    def _table(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Table)
        self._label_alone(container, label)  # in a list or quote too, across the text width
        from generator.render.pdf.table import table_items  # only a brief with a table

        self.items += table_items(block, self.language, container.element)
        cells = (cell for row in (*block.header, *block.rows) for cell in row)
        self._note_elements(footnote_numbers((*block.caption, *(node for cell in cells
                                                                 for node in cell))),
                            container)

    def _figure(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Figure)
        self._label_alone(container, label)
        from generator.render.pdf.figure import figure_items  # only a brief with a figure

        self.items += figure_items(block, self.language, container.element)
        self._note_elements(footnote_numbers(block.caption), container)

    def _label_alone(self, container: Container, label: str | None) -> None:
        """A list label whose item does not start with a paragraph gets a line of its own."""
        if label is not None:
            builder = self._builder(container.role_name, container, label)
            self._add(container.role_name, builder.no_break_space().paragraph(label),
                      _label_element(container))


def _only_at_top(block: Block, container: Container, label: str | None) -> None:
    if container != Container() or label is not None:
        raise ValueError(f"{type(block).__name__} can only stand at the top of a brief")


def _label_element(container: Container) -> Element | None:
    """A list label on a line of its own: the Lbl of its list item, before the body."""
    body = container.element
    if body is None or body.kind != "LBody" or body.parent is None:
        return Element("P", body)
    return element_before("Lbl", body)


def footnote_numbers(inlines: tuple[Inline, ...]) -> list[int]:
    """The numbers of the notes `inlines` cite, in order."""
    numbers: list[int] = []
    for node in inlines:
        if isinstance(node, FootnoteRef):
            numbers.append(node.number)
        elif isinstance(node, Emphasis | Strong | Link):
            numbers += footnote_numbers(node.children)
    return numbers


def body_items(
    brief: Brief, roles: Mapping[str, Role] = ROLES, parent: Element | None = None
) -> list[Item]:
    builder = BodyBuilder(brief.language, brief.front_language, roles)
    builder.blocks(brief.blocks, Container(element=parent))
    return builder.items
