"""The draft watermark is light and behind the text: every word under it stays legible,
and in the DOCX it shows above the key-point box's tint, as in the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.visual.measure import box_tint, count, in_both, ink, only_in, watermark_on_tint
from tests.visual.outputs import DRAFT_STEM, LANGUAGES, SAMPLE_STEM, VARIANTS
from tests.visual.pages import page_images

DPI = 100
MAX_INK_LOST = 0.002  # share of a final page's ink pixels the draft may lose (antialiasing)
MAX_INK_ADDED = 0.03  # share it may gain (text edges darkened by the light watermark)
MIN_WATERMARKED_BOX = 0.01  # share of the box's tint the watermark must visibly cover

Pages = Callable[[str, str], Path]


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_text_under_the_draft_watermark_stays_legible(
    pages: Pages, file_format: str, language: str, variant: str
) -> None:
    final = page_images(pages(f"{SAMPLE_STEM}-{language}-{variant}", file_format), DPI)
    draft = page_images(pages(f"{DRAFT_STEM}-{language}-{variant}", file_format), DPI)
    assert len(draft) == len(final)
    for number, (final_page, draft_page) in enumerate(zip(final, draft, strict=True), start=1):
        final_ink, draft_ink = ink(final_page), ink(draft_page)
        lost = count(only_in(final_ink, draft_ink)) / count(final_ink)
        added = count(only_in(draft_ink, final_ink)) / count(final_ink)
        assert lost <= MAX_INK_LOST, (
            f"page {number}: {lost:.1%} of the text's ink is washed out under the watermark")
        assert added <= MAX_INK_ADDED, (
            f"page {number}: the watermark adds {added:.1%} dark pixels")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ["exec", "handout"])
def test_the_docx_watermark_shows_above_the_key_point_box(
    pages: Pages, language: str, variant: str
) -> None:
    final = page_images(pages(f"{SAMPLE_STEM}-{language}-{variant}", "docx"), DPI)[0]
    draft = page_images(pages(f"{DRAFT_STEM}-{language}-{variant}", "docx"), DPI)[0]
    box = box_tint(final)
    assert count(box) > 0, "no key-point box on page 1"
    watermarked = count(in_both(box, watermark_on_tint(draft)))
    assert watermarked >= MIN_WATERMARKED_BOX * count(box), (
        f"the watermark shows on {watermarked} of the box's {count(box)} pixels: "
        "it is hidden behind the box's shading")
