"""Printed addresses break only after / ? & = - . (house URL_BREAK_AFTER), never inside
a word: checked on the lines a reader sees, in the PDF and in LibreOffice's DOCX."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.style.house import URL_BREAK_AFTER
from tests.visual.outputs import FORMATS, SAMPLE_STEM, Renders
from tests.visual.pages import docx_paragraph_texts, page_lines

Pages = Callable[[str, str], Path]
URL = re.compile(r"https?://[^\s<>()\"“”]+")
# pdfium reports a hyphen ending a line as one of these and joins the two lines.
LINE_END_HYPHEN = re.compile("[\ufffe\x02]")
# The sample's notes (an address in note 1) and handouts (the full text's address).
NAMES = tuple(f"{SAMPLE_STEM}-{language}-{variant}" for language in ("en", "ko")
              for variant in ("full", "handout"))


def _squeezed(text: str) -> str:
    """Text without any space: pdfium shows the DOCX's zero-width break points as spaces."""
    return re.sub(r"[\s\u200b]+", "", text)


def _printed_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines, squeezed; a line pdfium joined at a line-end hyphen is split."""
    pages = []
    for lines in page_lines(pdf):
        printed: list[str] = []
        for line in lines:
            parts = LINE_END_HYPHEN.split(_squeezed(line.text))
            printed += [f"{part}-" for part in parts[:-1]] + parts[-1:]
        pages.append(printed)
    return pages


def _break_points(address: str, lines: list[str]) -> list[int]:
    """Where `address` runs from the end of one line onto the next: the positions in it."""
    breaks = []
    for before, after in zip(lines, lines[1:], strict=False):
        for cut in range(1, len(address)):
            head, tail = address[:cut], address[cut:]
            if before.endswith(head) and (after.startswith(tail) or tail.startswith(after)):
                breaks.append(cut)
    return breaks


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_addresses_break_only_after_their_break_characters(
    converted: Renders, pages: Pages, name: str, file_format: str
) -> None:
    addresses = {_squeezed(address) for text in docx_paragraph_texts(converted.docx(name))
                 for address in URL.findall(text.replace("\u200b", ""))}
    assert addresses, f"{name} prints no address"
    for number, lines in enumerate(_printed_lines(pages(name, file_format)), start=1):
        for address in addresses:
            for cut in _break_points(address, lines):
                assert address[cut - 1] in URL_BREAK_AFTER, (
                    f"page {number}: {address[:cut]}|{address[cut:]}")
