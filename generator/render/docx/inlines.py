"""Inline nodes → runs, hyperlinks and footnote references inside one paragraph.

A visitor dispatched by node class; a node class without a rule is an error.

A link that shows its own address (https://...) breaks only where the house lets an
address break: a zero-width space after each of house.URL_BREAK_AFTER in the shown
text (the link's target stays exact), and no hyphenation (language "zxx", no
linguistic content), so neither application cuts it anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Protocol

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.part import Part
from docx.oxml.xmlchemy import BaseOxmlElement

from generator.model import (
    CrossRef,
    Emphasis,
    FootnoteRef,
    Inline,
    LineBreak,
    Link,
    Strong,
    Text,
)
from generator.render.docx.faces import WORD_JOINER, add_text_runs, joined_at_script_seams
from generator.render.docx.fields import CaptionBookmarks
from generator.render.docx.ooxml import add, add_run, checked_text, make
from generator.render.docx.properties import style_id
from generator.render.docx.styles import HYPERLINK_STYLE
from generator.style.house import LINK_COLOUR, ROLES, URL_BREAK_AFTER, Role

ZERO_WIDTH_SPACE = "\u200b"
_URL_STARTS = ("http://", "https://", "www.")
_URL_BREAK = re.compile(f"([{re.escape(URL_BREAK_AFTER)}]+)(?=[^{re.escape(URL_BREAK_AFTER)}])")


def with_url_breaks(address: str) -> str:
    """`address` with a zero-width space after each run of its break characters."""
    return _URL_BREAK.sub(lambda found: found.group(1) + ZERO_WIDTH_SPACE, address)


def shows_an_address(text: str) -> bool:
    return text.startswith(_URL_STARTS) and not any(character.isspace() for character in text)


class FootnoteReferences(Protocol):
    def reference(self, container: BaseOxmlElement, number: int) -> None: ...


@dataclass(frozen=True)
class RunFormat:
    """The direct formatting inherited by runs from the inline nodes around them."""

    italic: bool = False
    bold: bool = False
    link: bool = False
    address: bool = False  # the text is an address (URL): no hyphenation

    def properties(self) -> BaseOxmlElement:
        """The w:rPr of a run in this format (empty when plain)."""
        properties = make("w:rPr")
        if self.link:
            add(properties, "w:rStyle", {"w:val": style_id(HYPERLINK_STYLE)})
        if self.bold:
            add(properties, "w:b")
        if self.italic:
            add(properties, "w:i")
        if self.link:
            add(properties, "w:color", {"w:val": LINK_COLOUR.hex})
            add(properties, "w:u", {"w:val": "single"})
        if self.address:
            add(properties, "w:lang", {"w:val": "zxx"})
        return properties


class InlineWriter:
    """Writes inline nodes at the end of one paragraph of `part`.

    `footnotes` receives footnote references; None where notes cannot be referenced
    (inside a note). `role` is the paragraph's, whose faces set the text.
    `captions` makes cross-references to tables and figures (REF fields to their
    captions' bookmarks); None where the text can hold none.
    """

    def __init__(
        self,
        paragraph: BaseOxmlElement,
        part: Part,
        footnotes: FootnoteReferences | None,
        role: Role = ROLES["body"],
        captions: CaptionBookmarks | None = None,
    ) -> None:
        self._role = role
        self._captions = captions
        self._container = paragraph
        self._part = part
        self._footnotes = footnotes
        self._format = RunFormat()
        self._cross_ref_before = ""  # what a cross-reference just before the next text shows
        self._visitors: dict[type, Callable[[Any], None]] = {
            Text: self.visit_text,
            Emphasis: self.visit_emphasis,
            Strong: self.visit_strong,
            Link: self.visit_link,
            LineBreak: self.visit_line_break,
            FootnoteRef: self.visit_footnote_ref,
            CrossRef: self.visit_cross_ref,
        }

    def write(self, inlines: tuple[Inline, ...]) -> None:
        for node in inlines:
            visitor = self._visitors.get(type(node))
            if visitor is None:
                raise TypeError(f"the DOCX renderer has no rule for {type(node).__name__}")
            visitor(node)
            if not isinstance(node, CrossRef):
                self._cross_ref_before = ""

    def visit_text(self, node: Text) -> None:
        if self._format.link and shows_an_address(node.text):
            with self._formatted(replace(self._format, address=True)):
                self._text(with_url_breaks(node.text))
            return
        self._text(self._joined_to_cross_ref(node.text))

    def _joined_to_cross_ref(self, text: str) -> str:
        """`text`, after a word joiner if it goes on a cross-reference's number in
        another script ("표 1과"): LibreOffice would set a gap between the field and
        Hangul (the paragraph's w:autoSpaceDN notwithstanding) and may break there."""
        seam = self._cross_ref_before[-1:] + text[:1]
        if len(seam) == 2 and joined_at_script_seams(seam) != seam:
            return WORD_JOINER + text
        return text

    def _text(self, text: str) -> None:
        add_text_runs(self._container, text, self._role.face,
                      bold=self._role.bold or self._format.bold,
                      italic=self._role.italic or self._format.italic,
                      properties=self._format.properties())

    def visit_emphasis(self, node: Emphasis) -> None:
        with self._formatted(replace(self._format, italic=True)):
            self.write(node.children)

    def visit_strong(self, node: Strong) -> None:
        with self._formatted(replace(self._format, bold=True)):
            self.write(node.children)

    def visit_link(self, node: Link) -> None:
        if self._format.link:  # Word cannot nest hyperlinks: keep the outer one
            self.write(node.children)
            return
        target = checked_text(node.target)
        relationship = self._part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, True)
        hyperlink = add(self._container, "w:hyperlink", {"r:id": relationship})
        outer, self._container = self._container, hyperlink
        try:
            with self._formatted(replace(self._format, link=True)):
                self.write(node.children)
        finally:
            self._container = outer

    def visit_line_break(self, node: LineBreak) -> None:
        add(add_run(self._container, "", self._format.properties()), "w:br")

    def visit_footnote_ref(self, node: FootnoteRef) -> None:
        if self._footnotes is None:
            raise ValueError(f"footnote {node.number} is referenced from inside a footnote")
        self._footnotes.reference(self._container, node.number)

    def visit_cross_ref(self, node: CrossRef) -> None:
        """"Table 1": a REF field to the caption, a link, its result already shown."""
        if self._captions is None:
            raise ValueError(f"a cross-reference to {node.target!r} where none can be made")
        shown = f"{node.label}\N{NO-BREAK SPACE}{node.number}"
        self._captions.reference(self._container, node.target,
                                 lambda _container: self._text(shown), self._format.properties())
        self._cross_ref_before = shown

    @contextmanager
    def _formatted(self, run_format: RunFormat) -> Iterator[None]:
        outer, self._format = self._format, run_format
        try:
            yield
        finally:
            self._format = outer
