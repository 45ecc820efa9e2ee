"""What the page composer places: one reportlab Paragraph per block, with its spacing."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Paragraph

from generator.render.pdf.qr import QrModules
from generator.render.pdf.structure import Element
from generator.style.house import Box, Colour


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: `level` 0 for a level-2 heading, 1 for level 3."""

    title: str
    level: int


@dataclass(frozen=True, eq=False)
class Item:
    paragraph: Paragraph
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
    element: Element | None = None  # the structure element of the text (None: an artifact)
    qr_element: Element | None = None  # the QR code's (a Figure with its address as /Alt)
