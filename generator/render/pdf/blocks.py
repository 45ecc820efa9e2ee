"""The brief's front matter, blocks, back matter and notes as composer items.

Block nodes are dispatched on their class; an unknown node is an error. Containers
(block quotes, list items) only accumulate indents; sizes and faces come from roles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from reportlab.platypus import Paragraph as Flowable

from generator.model.nodes import (
    Block,
    BlockQuote,
    Brief,
    Figure,
    FullTextLink,
    Heading,
    Inline,
    KeyPoints,
    ListBlock,
    Paragraph,
    Table,
    plain_text,
)
from generator.render.pdf.fragments import FragmentBuilder
from generator.render.pdf.items import Item, OutlineEntry
from generator.render.pdf.keypoints import full_text_item, key_points_items
from generator.render.pdf.role_items import fixed_text_item, inline_style, role_item
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


def front_matter_items(brief: Brief, matter: FrontMatter) -> list[Item]:
    language = brief.front_language
    items = [
        fixed_text_item("series-label", matter.series_label, language),
        fixed_text_item("date-line", matter.date_line, language),
        fixed_text_item("title", brief.title, language),
    ]
    items.extend(fixed_text_item(role_name, line, language)
                 for role_name, line in matter.author_lines)
    return items


def back_matter_items(brief: Brief, matter: FrontMatter) -> list[Item]:
    """The closing matter: the © line and the disclaimer, kept whole on one page with
    the last lines of the body (house.CLOSING_MATTER_BODY_LINES)."""
    language = brief.front_language
    copyright_item = fixed_text_item("copyright", matter.copyright, language)
    disclaimer = fixed_text_item("disclaimer", matter.disclaimer, language)
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

    def _add(self, role_name: str, paragraph: Flowable) -> Item:
        item = role_item(role_name, paragraph)
        self.items.append(item)
        return item

    def _add_inlines(
        self, role_name: str, inlines: tuple[Inline, ...], container: Container, label: str | None
    ) -> Item:
        builder = self._builder(role_name, container, label)
        builder.inlines(inlines, inline_style(role_name, self.language))
        return self._add(role_name, builder.paragraph(label))

    def _paragraph(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Paragraph)
        self._add_inlines(container.role_name, block.inlines, container, label)

    def _heading(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Heading)
        role_name = f"heading-{block.level}"
        item = self._add_inlines(role_name, block.inlines, container, label)
        outline = OutlineEntry(plain_text(block.inlines), block.level - 2)
        self.items[-1] = replace(item, outline=outline)

    def _block_quote(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, BlockQuote)
        quote_role = role("block-quote")
        inner = Container(
            "block-quote",
            container.left + quote_role.left_indent.points,
            container.right + quote_role.right_indent.points,
            container.list_depth,
        )
        self._label_alone(container, label)
        self.blocks(block.blocks, inner)

    def _list(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, ListBlock)
        self._label_alone(container, label)
        indent = role("list-item").left_indent.points
        depth = container.list_depth
        inner = Container("list-item", container.left + indent, container.right, depth + 1)
        for index, item_blocks in enumerate(block.items):
            mark = list_label(ordered=block.ordered, number=block.start + index, depth=depth)
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
        self.items += key_points_items(block, self.language, self.front_language, self.roles)

    def _full_text(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, FullTextLink)
        _only_at_top(block, container, label)
        self.items.append(full_text_item(block, self.front_language, self.roles))

    def _table(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Table)
        self._label_alone(container, label)  # in a list or quote too, across the text width
        from generator.render.pdf.table import table_items  # only a brief with a table

        self.items += table_items(block, self.language)

    def _figure(self, block: Block, container: Container, label: str | None) -> None:
        assert isinstance(block, Figure)
        self._label_alone(container, label)
        from generator.render.pdf.figure import figure_items  # only a brief with a figure

        self.items += figure_items(block, self.language)

    def _label_alone(self, container: Container, label: str | None) -> None:
        """A list label whose item does not start with a paragraph gets a line of its own."""
        if label is not None:
            builder = self._builder(container.role_name, container, label)
            self._add(container.role_name, builder.no_break_space().paragraph(label))


def _only_at_top(block: Block, container: Container, label: str | None) -> None:
    if container != Container() or label is not None:
        raise ValueError(f"{type(block).__name__} can only stand at the top of a brief")


def body_items(brief: Brief, roles: Mapping[str, Role] = ROLES) -> list[Item]:
    builder = BodyBuilder(brief.language, brief.front_language, roles)
    builder.blocks(brief.blocks, Container())
    return builder.items
