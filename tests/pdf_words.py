"""The words of a PDF as a reader sees them placed: text, page, box and font size, read
with pdfium; and the pictures on its pages. Lengths in points, y upwards from the page's
foot. A word ends at a space or a line end, or where the font size changes (so a
footnote marker is a word of its own beside the word it follows)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from itertools import groupby

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_SPACES = frozenset(" \t\r\n")


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    text: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float
    size: float


@dataclass(frozen=True)
class Picture:
    """An image drawn on `page`, its box in points."""

    page: int
    left: float
    bottom: float
    right: float
    top: float


def pdf_words(pdf: bytes) -> list[Word]:
    """Every word of every page, in pdfium's reading order."""
    document = pdfium.PdfDocument(pdf)
    try:
        words: list[Word] = []
        for index in range(len(document)):
            words += _page_words(document[index].get_textpage(), index + 1)
        return words
    finally:
        document.close()


def _page_words(textpage: pdfium.PdfTextPage, page: int) -> list[Word]:
    text = textpage.get_text_range()
    x, y = ctypes.c_double(), ctypes.c_double()
    chars = []
    for index, char in enumerate(text):
        if char in _SPACES or pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            chars.append(None)
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
        size = round(pdfium_c.FPDFText_GetFontSize(textpage.raw, index), 2)
        chars.append((char, textpage.get_charbox(index, loose=True), y.value, size))
    words = []
    for placed, run in groupby(chars, key=lambda char: None if char is None else char[3]):
        glyphs = list(run)
        if placed is None:
            continue
        boxes = [glyph[1] for glyph in glyphs if glyph is not None]
        words.append(Word(page, "".join(glyph[0] for glyph in glyphs if glyph is not None),
                          min(box[0] for box in boxes), max(box[2] for box in boxes),
                          min(box[1] for box in boxes), max(box[3] for box in boxes),
                          glyphs[0][2] if glyphs[0] else 0.0, placed))
    return words


def lines_of(words: list[Word]) -> list[list[Word]]:
    """`words` gathered into lines (same page, same baseline), top to bottom, each line
    left to right."""
    ordered = sorted(words, key=lambda word: (word.page, -round(word.baseline, 1), word.left))
    return [list(line) for _, line in groupby(
        ordered, key=lambda word: (word.page, round(word.baseline, 1)))]


def pdf_pictures(pdf: bytes) -> list[Picture]:
    """Every image drawn in `pdf`, page by page."""
    document = pdfium.PdfDocument(pdf)
    try:
        pictures = []
        for index in range(len(document)):
            for drawn in document[index].get_objects():
                if drawn.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    left, bottom, right, top = drawn.get_bounds()
                    pictures.append(Picture(index + 1, left, bottom, right, top))
        return pictures
    finally:
        document.close()
