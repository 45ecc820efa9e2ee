"""What the page composer places: one reportlab Paragraph per block, with its spacing,
or a `WholeBlock` (a table row, a figure's picture) placed whole like a single line."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from generator.render.pdf.qr import QrModules
from generator.render.pdf.structure import Element
from generator.style.house import Box, Colour


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: `level` 0 for a level-2 heading, 1 for level 3."""

    title: str
    level: int


@dataclass(frozen=True)
class WholeStyle:
    """What the composer reads of a whole block's style: its one line is its height."""

    leading: float


class WholeBlock(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A block the composer places as one line as tall as the block, never split: a
    table row, a picture. Subclasses set their height (`style.leading`) when made and
    `numbers`, the footnotes marked in them; drawn with `drawOn` like a paragraph, its
    origin at the block's bottom left."""

    def __init__(self, height: float, numbers: tuple[int, ...] = ()) -> None:
        super().__init__()
        self.style = WholeStyle(height)
        self.numbers = numbers

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.style.leading


@dataclass(frozen=True, eq=False)
class Item:
    paragraph: Paragraph  # or a WholeBlock
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    keep_together: bool = False  # never split across pages: moved whole to the next page
    # stays on one page with at least this many of the lines that come before it (the
    # closing matter with the last lines of the body)
    lines_kept_before: int = 0
    band: Colour | None = None  # painted behind the whole text width (the series label)
    outline: OutlineEntry | None = None
    box: Box | None = None  # consecutive items of a box share one panel
    qr: QrModules | None = None  # a QR code drawn at the right of the paragraph's top
    destination: str | None = None  # a named destination at its top (cross-references)
    destination_title: str | None = None  # what the destination is: its links' /Contents
    # placed first when this item starts a page: a table's header rows over its next row
    repeated_before: tuple[Item, ...] = ()
    repeat: bool = False  # one of those repeated items (not the table's own header)
    element: Element | None = None  # the structure element of the text (None: an artifact)
    qr_element: Element | None = None  # the QR code's (a Figure with its address as /Alt)
