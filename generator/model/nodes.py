"""Frozen nodes of a brief, one edition (language) and one variant at a time.

The node set is closed: renderers dispatch on the class and must fail loudly on a
node they do not know. Nothing here knows about YAML, fonts, points or file formats.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True)
class CrossRef:
    """`@fig:launches` / `@tbl:trade` in running text: shown as the label and number of
    the figure or table it names ("Figure 1", "표 2"), linked to it."""

    target: str  # the id it names, e.g. "fig:launches"
    label: str  # "Figure", "Table", "그림", "표": the catalogue's, in the edition's language
    number: int


Inline = Text | Emphasis | Strong | Link | FootnoteRef | LineBreak | CrossRef

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


KeyPointsPurpose = Literal["executive-summary", "handout"]


@dataclass(frozen=True)
class KeyPoints:
    """The brief's key points set apart in a box: the executive summary of the `exec`
    variant, or the points of a one-page handout (`purpose`). Each point is plain text."""

    purpose: KeyPointsPurpose
    points: tuple[str, ...]
    # A handout's tightening step (house.HANDOUT_TIGHTENING), settled on the PDF layout
    # before rendering (generator.render.pdf.settle_handout); 0 is the house setting.
    step: int = 0


@dataclass(frozen=True)
class FullTextLink:
    """Where the full brief is published: its address, printed and as a QR code."""

    url: str
    # The QR code's dark modules, row by row; settled before rendering, with the step.
    qr_modules: tuple[tuple[bool, ...], ...] = ()


ColumnAlignment = Literal["left", "center", "right"]
Cell = tuple[Inline, ...]
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A numbered table with its caption (house style: above the table). Every row has
    one cell per column; `header` rows repeat after a page break."""

    number: int  # 1-based, in order of appearance among the edition's tables
    label: str  # "Table" / "표" (catalogue)
    id: str | None  # "tbl:trade", the target of cross-references
    caption: tuple[Inline, ...]
    alignments: tuple[ColumnAlignment, ...]  # one per column, from the alignment row
    header: tuple[Row, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Picture:
    """An image checked and made ready to place: bytes both renderers embed as they are
    (EXIF orientation applied, colours in RGB or grey), its size in pixels and the size
    it is meant to print at before any scaling to the text width."""

    data: bytes
    format: Literal["png", "jpeg"]
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float


@dataclass(frozen=True)
class Figure:
    """A numbered figure with its caption (house style: below the figure, never split
    from it) and its alternative text for screen readers."""

    number: int
    label: str  # "Figure" / "그림" (catalogue)
    id: str | None  # "fig:launches"
    caption: tuple[Inline, ...]
    alt: str
    picture: Picture


Block = (
    Paragraph | Heading | BlockQuote | ListBlock | KeyPoints | FullTextLink | Table | Figure
)


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
class SourcePosition:
    """A place in the source file, kept for problems found only when rendering (a
    handout whose key points overflow its page is reported at the `summary` key)."""

    path: str
    line: int
    column: int


@dataclass(frozen=True)
class Brief:
    """One rendered document: a source's edition in one language and one variant.

    `language` is the edition's (body) language; `front_language` the language of
    the front and back matter (labels, author fields), usually the same. `summary`
    holds the key points of the edition's language; variants (generator.model.variants)
    decide where they appear.
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
    status: str = "final"  # "final", "draft" (watermarked) or "embargoed" (bannered)
    keywords: tuple[str, ...] = ()
    embargo: datetime.datetime | None = None  # with status "embargoed": until when
    summary_position: SourcePosition | None = None

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
        elif isinstance(node, CrossRef):
            parts.append(f"{node.label}\N{NO-BREAK SPACE}{node.number}")
    return "".join(parts)
