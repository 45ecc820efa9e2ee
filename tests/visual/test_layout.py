"""Where things fall on the pages, in the PDF and in the DOCX as LibreOffice sets it:
the closing matter together with the last body lines, the same page count in both
formats, and the key-point box lined up with the text column."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.style.house import A4
from tests.conftest import ROOT
from tests.visual.measure import box_edges_mm
from tests.visual.outputs import (
    FORMATS,
    LANGUAGES,
    SAMPLE_OUTPUTS,
    SAMPLE_STEM,
    Renders,
    brief_outputs,
)
from tests.visual.pages import MM_PER_INCH, POINTS_PER_INCH, page_count, page_images, page_lines

Pages = Callable[[str, str], Path]
DPI = 100
ALIGNMENT_TOLERANCE_MM = 1.0
MIN_BODY_LINES_WITH_CLOSING = 2


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _disclaimer(language: str) -> str:
    catalogue = ROOT / "templates" / "catalogues" / f"{language}.toml"
    text: str = tomllib.loads(catalogue.read_text(encoding="utf-8"))["disclaimer"]
    return text


def _language(name: str) -> str:
    return name.rsplit("-", 2)[1]


def _mm(points: float) -> float:
    return points * MM_PER_INCH / POINTS_PER_INCH


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("name", SAMPLE_OUTPUTS + brief_outputs())
def test_the_closing_matter_stays_on_one_page_with_the_last_body_lines(
    pages: Pages, name: str, file_format: str
) -> None:
    by_page = page_lines(pages(name, file_format))
    closing = [number for number, lines in enumerate(by_page)
               if any("©KINU" in line.text for line in lines)]
    assert len(closing) == 1, f"©KINU on pages {[number + 1 for number in closing]}"
    lines = by_page[closing[0]]
    page_text = _squeezed("".join(line.text for line in lines))
    assert _squeezed(_disclaimer(_language(name))) in page_text, (
        f"the disclaimer is not whole on page {closing[0] + 1}, the page of ©KINU")
    copyright_line = next(line for line in lines if "©KINU" in line.text)
    above = [line for line in lines if line.bottom > copyright_line.top
             and not line.text.strip().isdigit()]  # a page number, a raised note marker
    assert len(above) >= MIN_BODY_LINES_WITH_CLOSING, (
        f"page {closing[0] + 1} holds the closing matter with {len(above)} body lines")


@pytest.mark.parametrize("name", SAMPLE_OUTPUTS + brief_outputs())
def test_libreoffice_sets_the_docx_on_as_many_pages_as_the_pdf(
    converted: Renders, name: str
) -> None:
    assert page_count(converted.docx_pages(name)) == page_count(converted.pdf(name))


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", ["exec", "handout"])
def test_the_key_point_box_lines_up_with_the_text_column(
    pages: Pages, file_format: str, language: str, variant: str
) -> None:
    page = page_images(pages(f"{SAMPLE_STEM}-{language}-{variant}", file_format), DPI)[0]
    left, right = box_edges_mm(page, DPI)
    column_left = _mm(A4.margin_left.points)
    column_right = _mm((A4.width - A4.margin_right).points)
    offsets = (left - column_left, right - column_right)
    assert all(abs(offset) <= ALIGNMENT_TOLERANCE_MM for offset in offsets), (
        f"the box's left edge is {offsets[0]:+.1f} mm, its right edge {offsets[1]:+.1f} mm "
        "from the text column's")
