"""A figure of a brief's body as page-composer items: its picture, then its caption
(below, house.CAPTION_PLACEMENT), never split from each other.

The picture is the model's bytes (PNG or JPEG), embedded as they are decoded (a JPEG's
data is copied into the PDF untouched), centred, at the size it is meant to print at,
scaled down to the text width and to house.FIGURE_MAX_HEIGHT_SHARE of the text height,
never enlarged. A figure that does not fit under what precedes it moves whole, caption
and all, to the next page.

Tags (PDF/UA): the picture is a `Figure` element with the model's alt text as /Alt and
its bounding box on the page (/BBox, a layout attribute); the caption is a `Caption`
right after it, its sibling, not its child: /Alt stands for an element and all its
children, so an assistive technology that reads a figure's /Alt skips what is inside
it, and a caption inside the Figure would never be read.
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from typing import Any

from reportlab.lib.utils import ImageReader

from generator.model.nodes import Figure, Picture
from generator.render.pdf.captions import caption_item, destination_of, destination_title
from generator.render.pdf.items import Item, WholeBlock
from generator.render.pdf.role_items import role_item
from generator.render.pdf.structure import Element, marked
from generator.style.house import A4, FIGURE_MAX_HEIGHT_SHARE


def picture_size(picture: Picture) -> tuple[float, float]:
    """Width and height (points) the picture is drawn at: its own size, scaled down to
    fit the text width and the house's share of the text height."""
    most_width = A4.text_width.points
    most_height = A4.text_height.points * FIGURE_MAX_HEIGHT_SHARE
    scale = min(1.0, most_width / picture.width_pt, most_height / picture.height_pt)
    return picture.width_pt * scale, picture.height_pt * scale


class FigurePicture(WholeBlock):
    """A figure's picture, centred in the text width; `alt` is its alternative text."""

    marks_itself = True  # the picture is its Figure element's content

    def __init__(self, picture: Picture, alt: str, element: Element | None = None) -> None:
        self.picture = picture
        self.alt = alt
        self.element = element
        self.picture_width, height = picture_size(picture)
        self.left = (A4.text_width.points - self.picture_width) / 2
        super().__init__(height)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        """Draw at (x, y) of the page, which is where the Figure's /BBox says it is."""
        if self.element is not None:
            self.element.layout_box = (x + self.left, y, x + self.left + self.picture_width,
                                       y + self.style.leading)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        image = ImageReader(BytesIO(self.picture.data))
        with marked(self.canv, self.element):
            self.canv.drawImage(image, self.left, 0, self.picture_width, self.style.leading,
                                mask="auto")


def figure_items(figure: Figure, language: str, parent: Element | None = None) -> list[Item]:
    """The picture, kept with its whole caption under it; cross-references link to the
    picture's top. The Figure and its Caption are made under `parent`."""
    element = Element("Figure", parent, alt=figure.alt)
    picture = replace(role_item("figure", FigurePicture(figure.picture, figure.alt, element),
                                element),
                      keep_with_next=True, destination=destination_of(figure),
                      destination_title=destination_title(figure))
    caption = caption_item(figure, "figure-caption", language, Element("Caption", parent))
    return [picture, caption]
