"""The PDF draft watermark as a reader sees it: light, behind the text and above the box
shading, so that every word under it stays legible.

Pages are rendered to pixels (pypdfium2) and compared with the same page of the final
brief; the content stream is read for the opacity in force where the watermark is shown.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace

import pypdf
import pypdfium2
import pytest
from PIL import Image, ImageChops
from pypdf.generic import ContentStream

from generator.render.pdf import render_pdf
from generator.source import load_brief
from generator.style.house import A4, ROLES, WATERMARK_OPACITY
from tests.conftest import SAMPLE

DARK = 100  # of 255: a pixel darker than this is ink a reader reads
SCALE = 100 / 72  # 100 dpi
WATERMARK_SIZE = ROLES["draft-watermark"].size.points
VARIANTS = [(language, variant) for language in ("en", "ko")
            for variant in ("full", "exec", "handout")]


def draft_and_final(language: str, variant: str) -> tuple[bytes, bytes]:
    final = load_brief(SAMPLE, language, variant)
    assert final.status == "final"
    return render_pdf(replace(final, status="draft")), render_pdf(final)


def body_area_ink(pdf: bytes) -> list[Image.Image]:
    """Per page, the text area as a mask: white where the page is dark ink."""
    box = tuple(round(value * SCALE) for value in (
        A4.margin_left.points, A4.margin_top.points,
        A4.width.points - A4.margin_right.points, A4.height.points - A4.margin_bottom.points,
    ))
    masks = []
    for page in pypdfium2.PdfDocument(pdf):
        grey = page.render(scale=SCALE, grayscale=True).to_pil().convert("L").crop(box)
        masks.append(grey.point(lambda value: 255 if value < DARK else 0))
    return masks


def ink(mask: Image.Image) -> int:
    return mask.histogram()[255]


@pytest.mark.parametrize(("language", "variant"), VARIANTS)
def test_text_under_the_draft_watermark_stays_as_dark_as_on_the_final_page(
    language: str, variant: str
) -> None:
    draft, final = draft_and_final(language, variant)
    draft_pages, final_pages = body_area_ink(draft), body_area_ink(final)
    assert len(draft_pages) == len(final_pages)
    pairs = zip(draft_pages, final_pages, strict=True)
    for number, (on_draft, on_final) in enumerate(pairs, start=1):
        hidden = ink(ImageChops.subtract(on_final, on_draft))  # ink of the final page lost
        assert hidden <= ink(on_final) // 1000, (number, hidden, ink(on_final))
        # the watermark itself is light: it adds no ink beyond the text's anti-aliased edges
        assert abs(ink(on_draft) - ink(on_final)) <= ink(on_final) // 100, number


def shown_texts(pdf: bytes) -> Iterator[tuple[int, int, float, float]]:
    """Per text-showing operator: page, position in the page's operators, font size and
    the fill opacity in force (size -1 for a filled shape: a box panel, a band)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        states = page["/Resources"].get("/ExtGState", {})
        stack, alpha, size = [], 1.0, 0.0
        operations = ContentStream(page.get_contents(), reader).operations
        for index, (operands, operator) in enumerate(operations):
            if operator == b"q":
                stack.append(alpha)
            elif operator == b"Q":
                alpha = stack.pop()
            elif operator == b"gs":
                alpha = float(states[operands[0]].get_object().get("/ca", alpha))
            elif operator == b"Tf":
                size = float(operands[1])
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                yield number, index, size, alpha
            elif operator in (b"f", b"f*"):
                yield number, index, -1.0, alpha


@pytest.mark.parametrize(("language", "variant"), VARIANTS)
def test_the_watermark_is_see_through_and_drawn_before_the_text(
    language: str, variant: str
) -> None:
    draft, _ = draft_and_final(language, variant)
    shown = list(shown_texts(draft))
    pages = {number for number, *_ in shown}
    for number in pages:
        on_page = [(index, size, alpha) for page, index, size, alpha in shown if page == number]
        stamps = [(index, alpha) for index, size, alpha in on_page if size == WATERMARK_SIZE]
        assert stamps, f"page {number} has no watermark"
        assert all(alpha <= WATERMARK_OPACITY + 1e-6 for _, alpha in stamps), number
        texts = [(index, alpha) for index, size, alpha in on_page if size > 0
                 and size != WATERMARK_SIZE]
        assert max(index for index, _ in stamps) < min(index for index, _ in texts), number
        assert all(alpha == 1.0 for _, alpha in texts), f"page {number}: faint text"
        if variant != "full" and number == 1:  # the key-point box's panel lies under it
            panels = [index for index, size, _ in on_page if size < 0]
            assert panels and min(panels) < min(index for index, _ in stamps)
