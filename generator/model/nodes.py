"""Frozen nodes of a brief, one edition (language) and one variant at a time.

The node set is closed: renderers dispatch on the class and must fail loudly on a
node they do not know. Nothing here knows about YAML, fonts, points or file formats.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True)
class Text:
    """A run of author text, taken literally (never markup, never a template)."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    target: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class FootnoteRef:
    """The marker of footnote `number` (1-based, continuous through the brief)."""

    number: int


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Text | Emphasis | Strong | Link | FootnoteRef | LineBreak

# ----------------------------------------------------------------- block nodes


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 2 or 3 (`##` / `###`); the title is level 1 and lives in Brief.title
    inlines: tuple[Inline, ...]


@dataclass(frozen=True)
class BlockQuote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]


Block = Paragraph | Heading | BlockQuote | ListBlock


@dataclass(frozen=True)
class Footnote:
    number: int
    inlines: tuple[Inline, ...]


# -------------------------------------------------------------------- the brief


@dataclass(frozen=True)
class Author:
    name: str
    position: str
    division: str


@dataclass(frozen=True)
class Brief:
    """One rendered document: a source's edition in one language and one variant.

    `language` is the edition's (body) language; `front_language` the language of
    the front and back matter (labels, author fields), usually the same.
    """

    stem: str
    series: str
    number: str
    date: datetime.date
    language: str
    front_language: str
    variant: str
    title: str
    authors: tuple[Author, ...]
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...]
    summary: tuple[str, ...] = ()
    url: str | None = None
    status: str = "final"
    keywords: tuple[str, ...] = ()

    def footnote(self, number: int) -> Footnote:
        return self.footnotes[number - 1]


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The visible text of inline nodes, footnote markers left out."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
    return "".join(parts)
