"""What the page composer places: one reportlab Paragraph per block, with its spacing."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Paragraph

from generator.render.pdf.qr import QrModules
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
    band: Colour | None = None  # painted behind the whole text width (the series label)
    outline: OutlineEntry | None = None
    box: Box | None = None  # consecutive items of a box share one panel
    qr: QrModules | None = None  # a QR code drawn at the right of the paragraph's top
