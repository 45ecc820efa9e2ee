"""Paragraphs built from the model as reportlab fragments, never as markup to parse.

A reportlab Paragraph is given either markup, which its HTML parser
(reportlab.platypus.paraparser.ParaParser) turns into fragments (`ParaFrag`: a piece
of text with its font, size, colour, rise, link, ...), or the fragments themselves,
and then parses nothing. The renderer hands it the fragments: author text stays data
all the way, and a Korean paragraph, which changes face at every change of script,
no longer pays for writing and parsing back a tag per run.

The fragments are exactly those reportlab's parser makes of the reference markup
(tests/pdf_markup_reference.py; tests/test_pdf_frags.py compares them attribute by
attribute), so the PDF comes out the same, byte for byte. That means doing what
reportlab does on the way:
- the whitespace of the whole paragraph is normalised first (cleanBlockQuotedText);
- `&`, `<` and `>`, written as entities, are fragments of their own;
- each fragment carries the attributes the enclosing tags give it (`__tag__`, the font
  family with bold/italic from the font registry, a marker's `supr`/`sups`, a link's
  number within the paragraph, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from itertools import chain
from typing import Any, NamedTuple

from reportlab.lib.abag import ABag
from reportlab.lib.colors import toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import platypus_link_underline

from generator.model.nodes import (
    CrossRef,
    Emphasis,
    FootnoteRef,
    Inline,
    LineBreak,
    Link,
    Strong,
    Text,
)
from generator.render.pdf.fonts import script_runs
from generator.render.pdf.inline import (
    MARKER_CALLBACK,
    InlineStyle,
    destination_name,
    link_target,
    marker_rise,
    marker_size,
)
from generator.render.pdf.line_breaking import HouseParagraph, language_style
from generator.style.house import LINK_COLOUR
from generator.style.texts import footnote_marker

Attributes = dict[str, Any]  # a fragment's attributes, as reportlab names them

_DATA = re.compile(r"[&<>]|[^&<>]+")  # the pieces the parser hands over one by one
# Private-use characters: one not in the text stands for the tags between runs.
_PLACEHOLDERS = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))


class _Run(NamedTuple):
    """Text in one face, as it stands between two tags (its whitespace not yet settled)."""

    context: Attributes
    face: str
    text: str


class _Fixed(NamedTuple):
    """A fragment that is no run of author text: a line break, a marker's tag, a space."""

    attributes: Attributes
    text: str


class FragmentBuilder:
    """Collects the content of one paragraph in `style`, then makes its fragments."""

    def __init__(self, style: ParagraphStyle) -> None:
        self.style = style
        self._contexts = [_paragraph_context(style)]
        self._pieces: list[_Run | _Fixed] = []
        self._links = 0
        self._languages: set[str] = set()

    def text(self, text: str, inline: InlineStyle) -> FragmentBuilder:
        """`text` as runs, each in the face of its script."""
        context = self._contexts[-1]
        self._languages.add(inline.language)
        runs = script_runs(text, inline.kind, bold=inline.bold, italic=inline.italic)
        self._pieces += [_Run(context, face, run) for face, run in runs]
        return self

    def inlines(self, nodes: tuple[Inline, ...], inline: InlineStyle) -> FragmentBuilder:
        for node in nodes:
            handler = _HANDLERS.get(type(node))
            if handler is None:
                raise TypeError(
                    f"the PDF renderer has no fragments for inline node {type(node).__name__}"
                )
            handler(self, node, inline)
        return self

    def line_break(self) -> FragmentBuilder:
        return self._fixed("", __tag__="br", lineBreak=True)

    def no_break_space(self) -> FragmentBuilder:
        """A no-break space in the paragraph's own font (the line of a lone list label)."""
        return self._fixed("\xa0")

    def marker_tag(self, number: int) -> FragmentBuilder:
        """The zero-width tag that tells the composer the line of note `number`'s marker."""
        tag = ABag()
        tag.name, tag.label, tag.kind = MARKER_CALLBACK, f"{number:d}", "onDraw"
        return self._fixed("", __tag__="ondraw", cbDefn=tag)

    @contextmanager
    def link(self, target: str) -> Iterator[None]:
        """Text added inside is the link to `target` (percent-encoded), in link colour."""
        links = self._links_with(target.strip())
        with self._within(__tag__="a", textColor=toColor(f"#{LINK_COLOUR.hex}"), link=links):
            yield

    @contextmanager
    def internal_link(self, destination: str) -> Iterator[None]:
        """Text added inside links to the named `destination` in this document; it keeps
        the colour of the text around it (a cross-reference reads as running text)."""
        with self._within(__tag__="a", link=self._links_with(f"#{destination}")):
            yield

    def _links_with(self, href: str) -> list[tuple[int, str]]:
        """The links of text inside one more link, to `href`, numbered in the paragraph."""
        if getattr(self.style, "linkUnderline", platypus_link_underline):
            raise ValueError("the house styles never underline links")
        links = [*self._attribute("link"), (self._links, href)]
        self._links += 1
        return links

    @contextmanager
    def superscript(self, rise: str, size: str) -> Iterator[None]:
        """Text added inside is raised by `rise` points and set at `size` points."""
        raised = self._attribute("rise") + float(rise)
        with self._within(__tag__="super", supr=rise, sups=size, rise=raised,
                          fontSize=float(size)):
            yield

    def frags(self) -> list[ParaFrag]:
        """The paragraph's fragments, as reportlab's parser would make them."""
        runs = [piece for piece in self._pieces if isinstance(piece, _Run)]
        settled = iter(settled_texts([run.text for run in runs]))
        frags: list[ParaFrag] = []
        for piece in self._pieces:
            if isinstance(piece, _Fixed):
                frags.append(_frag(piece.attributes, piece.text))
                continue
            attributes = {**piece.context, **_face_attributes(piece.face)}
            frags += [_frag(attributes, data) for data in _DATA.findall(next(settled))]
        return frags

    def paragraph(self, bullet: str | None = None) -> Paragraph:
        """The paragraph, broken by the rules of its language (line_breaking.py)."""
        language = next(iter(self._languages)) if len(self._languages) == 1 else None
        style = language_style(self.style, language)
        return HouseParagraph(None, style, bulletText=bullet, frags=self.frags())

    def _attribute(self, name: str) -> Any:
        return self._contexts[-1][name]

    def _fixed(self, text: str, **attributes: object) -> FragmentBuilder:
        fixed = {**self._contexts[-1], **attributes}
        fixed["fontName"] = tt2ps(fixed["fontName"], fixed["bold"], fixed["italic"])
        self._pieces.append(_Fixed(fixed, text))
        return self

    @contextmanager
    def _within(self, **attributes: object) -> Iterator[None]:
        self._contexts.append({**self._contexts[-1], **attributes})
        try:
            yield
        finally:
            self._contexts.pop()


def text_paragraph(
    text: str, inline: InlineStyle, style: ParagraphStyle, bullet: str | None = None
) -> Paragraph:
    """A paragraph of plain `text` (a fixed text, a key point)."""
    return FragmentBuilder(style).text(text, inline).paragraph(bullet)


def settled_texts(texts: list[str]) -> list[str]:
    """`texts`, the runs of one paragraph in order, with their whitespace normalised as
    reportlab normalises a paragraph's markup, tags standing between every two runs:
    each stretch of whitespace becomes one space, line ends trimmed (cleanBlockQuotedText)."""
    if not texts:
        return []
    everything = "".join(texts)
    free = (chr(code) for code in chain(*_PLACEHOLDERS) if chr(code) not in everything)
    tags = next(free, None)
    if tags is None:
        raise ValueError("a paragraph uses every private-use character")
    cleaned = cleanBlockQuotedText(tags + tags.join(texts) + tags)
    return list(cleaned.split(tags)[1:-1])


def _paragraph_context(style: ParagraphStyle) -> Attributes:
    """What the parser's opening <para> sets: the paragraph style's font, size, colour."""
    family, bold, italic = ps2tt(style.fontName)
    return {
        "rise": 0, "greek": 0, "link": [], "fontName": family, "bold": bold, "italic": italic,
        "fontSize": style.fontSize, "textColor": style.textColor, "us_lines": [],
        "__tag__": "para",
    }


@cache
def _face_attributes(face: str) -> Attributes:
    """What a <font face="..."> sets: the face's family and its bold and italic flags,
    the family resolved back to a face as the parser does for each piece of text."""
    family, bold, italic = ps2tt(face)
    return {"__tag__": "font", "fontName": tt2ps(family, bold, italic), "bold": bold,
            "italic": italic}


def _frag(attributes: Attributes, text: str) -> ParaFrag:
    """A fragment of `text` with `attributes` (the font name already resolved)."""
    frag = ParaFrag()
    frag.__dict__.update(attributes)
    frag.text = text
    return frag


def _text(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    assert isinstance(node, Text)
    builder.text(node.text, inline)


def _emphasis(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    assert isinstance(node, Emphasis)
    builder.inlines(node.children, replace(inline, italic=True))


def _strong(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    assert isinstance(node, Strong)
    builder.inlines(node.children, replace(inline, bold=True))


def _link(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    assert isinstance(node, Link)
    target = link_target(node.target)
    if target is None:  # not a web or mail address: its text, not a link
        builder.inlines(node.children, inline)
        return
    with builder.link(target):
        builder.inlines(node.children, inline)


def _footnote_ref(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    assert isinstance(node, FootnoteRef)
    with builder.superscript(marker_rise(inline), marker_size(inline)):
        builder.text(footnote_marker(inline.language, node.number), inline)
    if inline.tag_markers:
        builder.marker_tag(node.number)


def _cross_ref(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    """"Figure 1": the label, a no-break space and the number, linked to the figure."""
    assert isinstance(node, CrossRef)
    with builder.internal_link(destination_name(node.target)):
        builder.text(f"{node.label}\N{NO-BREAK SPACE}{node.number:d}", inline)


def _line_break(builder: FragmentBuilder, node: Inline, inline: InlineStyle) -> None:
    assert isinstance(node, LineBreak)
    builder.line_break()


_HANDLERS: dict[type, Callable[[FragmentBuilder, Inline, InlineStyle], None]] = {
    Text: _text,
    Emphasis: _emphasis,
    Strong: _strong,
    Link: _link,
    FootnoteRef: _footnote_ref,
    LineBreak: _line_break,
    CrossRef: _cross_ref,
}
