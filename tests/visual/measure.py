"""Measures taken on page images: dark pixels, the key-point box's tint and edges."""

from __future__ import annotations

from statistics import median
from typing import Any

from PIL import Image, ImageChops

from generator.style.house import SUMMARY_BOX, Colour
from tests.visual.pages import MM_PER_INCH

DARK = 100  # grey levels below this are ink (text is 0; the 20% watermark ~229, ~214 on the box)
NOT_PAPER = 250  # anything darker than this is ink, tint or rule
RULE = 200  # a hairline rule, antialiased, is at least this dark along its length


def grey_level(colour: Colour) -> int:
    """The grey level (0-255) a colour turns into on a greyscale page (ITU-R 601 luma)."""
    red, green, blue = (round(channel * 255) for channel in colour.rgb)
    return int(Image.new("RGB", (1, 1), (red, green, blue)).convert("L").getpixel((0, 0)))


BOX_TINT = grey_level(SUMMARY_BOX.background)


def ink(page: Image.Image) -> Image.Image:
    """A mask (255) of the ink pixels of a page."""
    return page.point(lambda level: 255 if level < DARK else 0)


def box_tint(page: Image.Image, tolerance: int = 2) -> Image.Image:
    """A mask (255) of the pixels of a page in the key-point box's bare tint."""
    return page.point(lambda level: 255 if abs(level - BOX_TINT) <= tolerance else 0)


def watermark_on_tint(page: Image.Image) -> Image.Image:
    """A mask (255) of the pixels darker than the box tint yet lighter than any ink:
    the watermark's grey over the box."""
    return page.point(lambda level: 255 if DARK < level < BOX_TINT - 8 else 0)


def count(mask: Image.Image) -> int:
    return mask.histogram()[255]


def only_in(mask: Image.Image, other: Image.Image) -> Image.Image:
    """A mask of the pixels set in `mask` and not in `other`."""
    return ImageChops.subtract(mask, other)


def in_both(mask: Image.Image, other: Image.Image) -> Image.Image:
    return ImageChops.multiply(mask, other)


def box_edges_mm(page: Image.Image, dpi: float) -> tuple[float, float]:
    """Left and right edges of the key-point box (tint and rule), in mm from the page's
    left edge: the median over the rows that are mostly box tint."""
    pixels = page.load()
    lefts, rights = [], []
    for y in range(page.height):
        row = [pixels[x, y] for x in range(page.width)]
        if sum(abs(level - BOX_TINT) <= 2 for level in row) < page.width // 3:
            continue
        inked = [x for x, level in enumerate(row) if level < NOT_PAPER]
        lefts.append(inked[0])
        rights.append(inked[-1] + 1)
    if not lefts:
        raise AssertionError("no key-point box on the page")
    to_mm = MM_PER_INCH / dpi
    return median(lefts) * to_mm, median(rights) * to_mm


def horizontal_rules_mm(page: Image.Image, dpi: float,
                        shortest_mm: float = 20.0) -> list[tuple[float, float, float]]:
    """The horizontal rules drawn on a page: (top, left, length) in mm from the page's
    top-left corner, for each stroke at least `shortest_mm` long with nothing drawn for
    half a millimetre above and below it (which tells it from an underline)."""
    pixels = page.load()
    clear = max(1, round(0.5 * dpi / MM_PER_INCH))
    to_mm = MM_PER_INCH / dpi
    rules: list[tuple[float, float, float]] = []
    previous_row = -2
    for y in range(clear, page.height - clear):
        left, length = _longest_dark_run([pixels[x, y] for x in range(page.width)])
        if length * to_mm < shortest_mm:
            continue
        if y == previous_row + 1:  # the same rule, a pixel further down
            previous_row = y
            continue
        span = range(left, left + length)
        top, bottom = _rule_rows(pixels, span, y, page.height)
        beside = [*range(top - clear, top), *range(bottom + 1, bottom + 1 + clear)]
        if all(0 <= row < page.height and pixels[x, row] >= NOT_PAPER
               for row in beside for x in span):
            rules.append((y * to_mm, left * to_mm, length * to_mm))
        previous_row = y
    return rules


def _longest_dark_run(row: list[int]) -> tuple[int, int]:
    best_start = best_length = start = length = 0
    for x, level in enumerate(row):
        if level < RULE:
            if length == 0:
                start = x
            length += 1
            if length > best_length:
                best_start, best_length = start, length
        else:
            length = 0
    return best_start, best_length


def _rule_rows(pixels: Any, span: range, row: int, height: int) -> tuple[int, int]:
    """The first and last rows of the rule through `row`: the rows, around it, that are
    drawn all along `span` (its antialiased edges included)."""
    def drawn(y: int) -> bool:
        return 0 <= y < height and all(pixels[x, y] < NOT_PAPER for x in span)

    top, bottom = row, row
    while drawn(top - 1):
        top -= 1
    while drawn(bottom + 1):
        bottom += 1
    return top, bottom
