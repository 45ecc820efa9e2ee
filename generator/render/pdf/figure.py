"""A figure of a brief's body as page-composer items: its picture, then its caption
(below, house.CAPTION_PLACEMENT), never split from each other.

The picture is the model's bytes (PNG or JPEG), embedded as they are decoded (a JPEG's
data is copied into the PDF untouched), centred, at the size it is meant to print at,
scaled down to the text width and to house.FIGURE_MAX_HEIGHT_SHARE of the text height,
never enlarged. A figure that does not fit under what precedes it moves whole, caption
and all, to the next page.
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

from reportlab.lib.utils import ImageReader

from generator.model.nodes import Figure, Picture
from generator.render.pdf.captions import caption_item, destination_of
from generator.render.pdf.items import Item, WholeBlock
from generator.render.pdf.role_items import role_item
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

    def __init__(self, picture: Picture, alt: str) -> None:
        self.picture = picture
        self.alt = alt
        self.picture_width, height = picture_size(picture)
        super().__init__(height)

    def draw(self) -> None:
        left = (A4.text_width.points - self.picture_width) / 2
        image = ImageReader(BytesIO(self.picture.data))
        self.canv.drawImage(image, left, 0, self.picture_width, self.style.leading,
                            mask="auto")


def figure_items(figure: Figure, language: str) -> list[Item]:
    """The picture, kept with its whole caption under it; cross-references link to the
    picture's top."""
    picture = replace(role_item("figure", FigurePicture(figure.picture, figure.alt)),
                      keep_with_next=True, destination=destination_of(figure))
    return [picture, caption_item(figure, "figure-caption", language)]
