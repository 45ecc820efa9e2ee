"""The body of the document: front matter, the brief's blocks, back matter, notes.

Blocks are written by a visitor dispatched by node class; an unknown class is an
error. Each paragraph refers to the named style of its house role; only nesting
(lists and quotes inside lists and quotes) adds a direct indent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass, replace
from typing import Any, cast

from docx.document import Document
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart

from generator.model import (
    Block,
    BlockQuote,
    Brief,
    Figure,
    FullTextLink,
    Heading,
    KeyPoints,
    ListBlock,
    Paragraph,
    Table,
)
from generator.render.docx.captions import CaptionContext
from generator.render.docx.faces import add_text_runs
from generator.render.docx.fields import CaptionBookmarks
from generator.render.docx.figures import write_figure
from generator.render.docx.footnotes import Footnotes
from generator.render.docx.inlines import InlineWriter
from generator.render.docx.keypoints import write_full_text, write_key_points
from generator.render.docx.layout import qr_modules_of
from generator.render.docx.numbering import ListNumbering, number_properties
from generator.render.docx.ooxml import add_paragraph, make
from generator.render.docx.properties import indentation, style_id
from generator.render.docx.tables import write_table
from generator.style.house import ROLES, Role, list_level_indents
from generator.style.texts import front_matter
from generator.style.units import Length, pt


@dataclass(frozen=True)
class Place:
    """Where blocks sit: the role of their paragraphs and the indent of their container.

    `continuation` marks the later paragraphs of a list item (no hanging bullet).
    """

    role: str = "body"
    container_indent: Length = pt(0)
    continuation: bool = False
    list_depth: int = 0  # how many lists hold this place

    def inside(self, role: str) -> Place:
        """The place of blocks nested in a paragraph of this place, set in `role`."""
        depth = self.list_depth + (role == "list-item")
        return Place(role, self.container_indent + ROLES[self.role].left_indent,
                     list_depth=depth)

    def numbering_indents_it(self) -> bool:
        """Whether the list level's own indent (house.list_level_indents) places a
        labelled list paragraph here: true unless a quote or such shifts it."""
        left, _ = list_level_indents(self.list_depth - 1)
        return self.container_indent + ROLES[self.role].left_indent == left

    def indent(self) -> BaseOxmlElement | None:
        """The direct w:ind this place needs on top of its role's style, if any."""
        if self.container_indent.points == 0 and not self.continuation:
            return None
        role = ROLES[self.role]
        first_line = pt(0) if self.continuation else role.first_line_indent
        left = role.left_indent + self.container_indent
        return indentation(left, role.right_indent, first_line)


class BlockWriter:
    """Writes block nodes into the document body.

    `roles` are the house roles, or a variant's override of some (a tightened handout);
    `captions`, the bookmarks of the document's table and figure captions, which
    cross-references name.
    """

    def __init__(
        self, body: BaseOxmlElement, part: Part, footnotes: Footnotes, front_language: str,
        roles: Mapping[str, Role] = ROLES, captions: CaptionBookmarks | None = None,
    ) -> None:
        self._body = body
        self._part = part
        self._footnotes = footnotes
        self._front_language = front_language
        self._roles = roles
        self._captions = CaptionBookmarks() if captions is None else captions
        self._lists = ListNumbering(cast(DocumentPart, part).numbering_part.element)
        self._visitors: dict[type, Callable[[Any, Place], None]] = {
            Paragraph: self.visit_paragraph,
            Heading: self.visit_heading,
            BlockQuote: self.visit_block_quote,
            ListBlock: self.visit_list_block,
            KeyPoints: self.visit_key_points,
            FullTextLink: self.visit_full_text_link,
            Table: self.visit_table,
            Figure: self.visit_figure,
        }

    def write(self, blocks: tuple[Block, ...], place: Place) -> None:
        for node in blocks:
            visitor = self._visitors.get(type(node))
            if visitor is None:
                raise TypeError(f"the DOCX renderer has no rule for {type(node).__name__}")
            visitor(node, place)

    def visit_paragraph(self, node: Paragraph, place: Place) -> None:
        self._inlines(self._paragraph(place), node, place.role)

    def visit_heading(self, node: Heading, place: Place) -> None:
        role = f"heading-{node.level}"
        if role not in ROLES:
            raise ValueError(f"no house role for a level-{node.level} heading")
        paragraph = self._paragraph(replace(place, role=role, continuation=False))
        self._inlines(paragraph, node, role)

    def visit_block_quote(self, node: BlockQuote, place: Place) -> None:
        self.write(node.blocks, place.inside("block-quote"))

    def visit_list_block(self, node: ListBlock, place: Place) -> None:
        inner = place.inside("list-item")
        num_id = self._lists.new_list(ordered=node.ordered, depth=place.list_depth,
                                      start=node.start)
        numbered = number_properties(num_id, place.list_depth)
        for item in node.items:
            self._list_item(item, inner, numbered)
        self._space_after_list()

    def _space_after_list(self) -> None:
        """The body's gap after a list, as in the PDF: its last paragraph, if a list
        item's, takes the style of a list's last paragraph."""
        style = self._body.findall(qn("w:p"))[-1].find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style.get(qn("w:val")) == style_id(ROLES["list-item"].word_style):
            style.set(qn("w:val"), style_id(ROLES["list-item-last"].word_style))

    def visit_key_points(self, node: KeyPoints, place: Place) -> None:
        self._only_at_top(node, place)
        write_key_points(self._body, node, self._front_language, self._roles)

    def visit_full_text_link(self, node: FullTextLink, place: Place) -> None:
        self._only_at_top(node, place)
        write_full_text(self._body, self._part, node, qr_modules_of(node),
                        self._front_language, self._roles)

    def visit_table(self, node: Table, place: Place) -> None:
        """A table across the text width, wherever it stands."""
        write_table(self._body, node, self._caption_context())

    def visit_figure(self, node: Figure, place: Place) -> None:
        """A figure centred on the text column, wherever it stands."""
        write_figure(self._body, node, self._caption_context())

    def _caption_context(self) -> CaptionContext:
        return CaptionContext(self._part, self._footnotes, self._captions, self._roles)

    @staticmethod
    def _only_at_top(node: Block, place: Place) -> None:
        if place != Place():
            raise ValueError(f"{type(node).__name__} can only stand at the top of a brief")

    def _list_item(self, blocks: tuple[Block, ...], place: Place,
                   numbered: BaseOxmlElement) -> None:
        """The item's first paragraph (or one of its own) is numbered: Word draws its
        label from the list's numbering."""
        paragraph = self._numbered_paragraph(place, numbered)
        rest = blocks
        if blocks and isinstance(blocks[0], Paragraph):
            self._inlines(paragraph, blocks[0], place.role)
            rest = blocks[1:]
        self.write(rest, replace(place, continuation=True))

    def _paragraph(self, place: Place) -> BaseOxmlElement:
        return add_paragraph(self._body, style_id(ROLES[place.role].word_style), place.indent())

    def _numbered_paragraph(self, place: Place, numbered: BaseOxmlElement) -> BaseOxmlElement:
        """A list item's labelled paragraph: its w:numPr after the style, and a direct
        indent only where the list level's own would misplace it."""
        indent = None if place.numbering_indents_it() else place.indent()
        paragraph = add_paragraph(self._body, style_id(ROLES[place.role].word_style), indent)
        paragraph.find(qn("w:pPr")).find(qn("w:pStyle")).addnext(deepcopy(numbered))
        return paragraph

    def _inlines(self, paragraph: BaseOxmlElement, node: Paragraph | Heading,
                 role_name: str) -> None:
        role = ROLES[role_name]
        InlineWriter(paragraph, self._part, self._footnotes, role,
                     self._captions).write(node.inlines)


def write_document(
    document: Document, brief: Brief, roles: Mapping[str, Role] = ROLES
) -> None:
    """Fill the empty body of `document` with `brief`, footnotes included."""
    body = document.element.body
    footnotes = Footnotes(document, brief)
    captions = CaptionBookmarks()
    write_front_matter(body, brief)
    writer = BlockWriter(body, document.part, footnotes, brief.front_language, roles, captions)
    writer.write(brief.blocks, Place())
    write_back_matter(body, brief)
    footnotes.check_every_note_referenced()
    for note in brief.footnotes:
        paragraph = footnotes.note_paragraph(note.number)
        InlineWriter(paragraph, footnotes.part, None, ROLES["footnote"],
                     captions).write(note.inlines)
    captions.check_every_target_bookmarked()


def write_front_matter(body: BaseOxmlElement, brief: Brief) -> None:
    """Series label, date line, title, then each author's lines."""
    front = front_matter(brief)
    _plain_paragraph(body, "series-label", front.series_label)
    _plain_paragraph(body, "date-line", front.date_line)
    _plain_paragraph(body, "title", brief.title)
    for role_name, line in front.author_lines:
        _plain_paragraph(body, role_name, line)


def write_back_matter(body: BaseOxmlElement, brief: Brief) -> None:
    """The © line and the disclaimer, kept on one page with the body's last lines.

    The body's last paragraph is kept with the © line (Word and LibreOffice then move
    its last lines, at least CLOSING_MATTER_BODY_LINES under widow control, with it),
    the © line with the disclaimer, and neither closing paragraph is split.
    """
    last_body = _last_paragraph(body)
    if last_body is not None:
        _keep(last_body, "w:keepNext", "w:widowControl")
    front = front_matter(brief)
    _keep(_plain_paragraph(body, "copyright", front.copyright), "w:keepNext", "w:keepLines")
    _keep(_plain_paragraph(body, "disclaimer", front.disclaimer), "w:keepLines")


def _last_paragraph(body: BaseOxmlElement) -> BaseOxmlElement | None:
    paragraphs = body.findall(qn("w:p"))
    return paragraphs[-1] if paragraphs else None


def _keep(paragraph: BaseOxmlElement, *flags: str) -> None:
    """Set keep `flags` (in schema order) right after the paragraph's style."""
    properties = paragraph.find(qn("w:pPr"))
    anchor = properties.find(qn("w:pStyle"))
    for flag in flags:
        if properties.find(qn(flag)) is None:
            element = make(flag)
            anchor.addnext(element)
            anchor = element


def _plain_paragraph(body: BaseOxmlElement, role_name: str, text: str) -> BaseOxmlElement:
    role = ROLES[role_name]
    paragraph = add_paragraph(body, style_id(role.word_style))
    add_text_runs(paragraph, text, role.face, bold=role.bold, italic=role.italic)
    return paragraph
