"""The lines and shapes of a PDF's pages as a reader sees them, read with pdfium.

Independent of the renderer that made the PDF: each printed character's origin, size
and box (pypdfium2's text page), grouped into lines in the order they are drawn — a
line ends where the next character goes back to the left or jumps more than a line's
height (a raised note marker stays on its line) — and the bounds of the page's drawn
rules (path objects). Coordinates are PDF points, y upwards from the page's foot.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

_LINE_END_HYPHEN = "\x02"  # pdfium's code for a hyphen that ends a line


@dataclass(frozen=True)
class Char:
    text: str
    x: float  # origin
    baseline: float
    size: float
    top: float  # of its tight box
    bottom: float


@dataclass(frozen=True)
class PrintedLine:
    """One printed line: its characters (spaces included) and its extent."""

    page: int  # 1-based
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def size(self) -> float:
        """The size of most of its characters (a raised marker is smaller)."""
        sizes = [char.size for char in self.chars if not char.text.isspace()]
        return max(set(sizes), key=sizes.count) if sizes else 0.0

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline if self.chars else 0.0

    @property
    def top(self) -> float:
        return max(char.top for char in self.chars if not char.text.isspace())

    @property
    def bottom(self) -> float:
        return min(char.bottom for char in self.chars if not char.text.isspace())

    def __str__(self) -> str:
        return f"page {self.page}: {self.text.strip()!r}"


def _chars(text_page: pdfium.PdfTextPage) -> Iterator[Char]:
    for index in range(text_page.count_chars()):
        if pdfium_raw.FPDFText_IsGenerated(text_page, index):
            continue  # a space or line end pdfium made up, not printed
        code = pdfium_raw.FPDFText_GetUnicode(text_page, index)
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_raw.FPDFText_GetCharOrigin(text_page, index, ctypes.byref(x), ctypes.byref(y))
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        pdfium_raw.FPDFText_GetCharBox(text_page, index, ctypes.byref(left), ctypes.byref(right),
                                       ctypes.byref(bottom), ctypes.byref(top))
        text = "-" if chr(code) == _LINE_END_HYPHEN else chr(code)
        if text in "\r\n":
            continue
        yield Char(text, x.value, y.value, pdfium_raw.FPDFText_GetFontSize(text_page, index),
                   top.value, bottom.value)


def _page_lines(number: int, chars: list[Char]) -> list[PrintedLine]:
    lines: list[list[Char]] = []
    for char in chars:
        current = lines[-1] if lines else None
        if current is not None:
            last = current[-1]
            base = current[0]
            back_left = char.x < last.x - 0.5
            jumped = abs(char.baseline - base.baseline) > max(char.size, base.size)
            if not (back_left or jumped):
                current.append(char)
                continue
        lines.append([char])
    return [PrintedLine(number, tuple(line)) for line in lines
            if any(not char.text.isspace() for char in line)]


def printed_lines(pdf: Path | bytes) -> list[PrintedLine]:
    """Every printed line of every page, in drawing order."""
    document = pdfium.PdfDocument(pdf)
    try:
        lines: list[PrintedLine] = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            lines += _page_lines(index + 1, list(_chars(text_page)))
            text_page.close()
            page.close()
        return lines
    finally:
        document.close()


@dataclass(frozen=True)
class Shape:
    """A drawn path's bounds (a rule is a flat one)."""

    page: int
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom


def drawn_shapes(pdf: Path | bytes) -> list[Shape]:
    """Every path object of every page (rules, boxes, QR modules), by its bounds."""
    document = pdfium.PdfDocument(pdf)
    try:
        shapes = []
        for index in range(len(document)):
            page = document[index]
            for item in page.get_objects(filter=(pdfium_raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
                left, bottom, right, top = item.get_bounds()
                shapes.append(Shape(index + 1, left, bottom, right, top))
            page.close()
        return shapes
    finally:
        document.close()


def page_count(pdf: Path | bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
