"""Compare a page with its reviewed image, as rinohtype's diffpdf does: blur both a
little (antialiasing noise goes), count the pixels that still differ by more than a
threshold, and draw a review image (reference | fresh | changes in red) for a person.

Calibrated on the English sample at 50 dpi: re-rendering the same page changes no
pixel; one changed letter ("talks" -> "walks") changes ~600 pixels beyond the threshold,
one changed digit ("13" -> "12") 5, a page shifted by one pixel (0.5 mm) over 20,000.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageOps

BLUR_RADIUS = 0.5  # pixels
PIXEL_THRESHOLD = 24  # grey levels (of 255) a blurred pixel may differ by
MAX_CHANGED_PIXELS = 4  # pixels per page that may differ by more


@dataclass(frozen=True)
class PageDifference:
    changed_pixels: int  # beyond PIXEL_THRESHOLD; every pixel when the sizes differ
    same_size: bool

    @property
    def acceptable(self) -> bool:
        return self.same_size and self.changed_pixels <= MAX_CHANGED_PIXELS

    @property
    def identical(self) -> bool:
        return self.same_size and self.changed_pixels == 0


def page_difference(reference: Image.Image, fresh: Image.Image) -> PageDifference:
    if reference.size != fresh.size:
        return PageDifference(max(_area(reference), _area(fresh)), same_size=False)
    histogram = _blurred_difference(reference, fresh).histogram()
    return PageDifference(sum(histogram[PIXEL_THRESHOLD + 1:]), same_size=True)


def pixel_exact(reference: Image.Image, fresh: Image.Image) -> bool:
    return reference.size == fresh.size and ImageChops.difference(
        reference.convert("L"), fresh.convert("L")).getbbox() is None


def review_image(reference: Image.Image, fresh: Image.Image) -> Image.Image:
    """Reference, fresh page and the fresh page with its changes in red, side by side."""
    width = max(reference.width, fresh.width)
    height = max(reference.height, fresh.height)
    reference, fresh = _padded(reference, width, height), _padded(fresh, width, height)
    changed = _blurred_difference(reference, fresh).point(
        lambda level: 255 if level > PIXEL_THRESHOLD else 0)
    faint = ImageOps.colorize(fresh.point(lambda level: 160 + level * 95 // 255),
                              black="black", white="white")
    marked = Image.composite(Image.new("RGB", (width, height), (220, 0, 0)), faint, changed)
    sheet = Image.new("RGB", (3 * width + 20, height), (255, 255, 255))
    sheet.paste(reference.convert("RGB"), (0, 0))
    sheet.paste(fresh.convert("RGB"), (width + 10, 0))
    sheet.paste(marked, (2 * width + 20, 0))
    return sheet


def _blurred_difference(reference: Image.Image, fresh: Image.Image) -> Image.Image:
    blur = ImageFilter.GaussianBlur(BLUR_RADIUS)
    return ImageChops.difference(reference.convert("L").filter(blur),
                                 fresh.convert("L").filter(blur))


def _padded(image: Image.Image, width: int, height: int) -> Image.Image:
    if image.size == (width, height):
        return image.convert("L")
    canvas = Image.new("L", (width, height), 255)
    canvas.paste(image.convert("L"), (0, 0))
    return canvas


def _area(image: Image.Image) -> int:
    return image.width * image.height
