"""Word-space stretch in the justified lines of a PDF, as a reader sees it on the page.

Measured from the placed characters (pypdfium2's text page), not from the content
stream, so that any PDF can be measured (reportlab's, or LibreOffice's of a DOCX):

- **Lines**: the characters between two line ends pdfium reports (it joins a line that
  ends in a hyphen to the next, reporting the hyphen as U+0002: that ends a line here,
  printed as "-"), with their face and
  size taken from the line's first letter. Only lines in a serif face are kept (the
  house sets justified roles in serif, left/right/centred ones in sans), grouped by
  font size (11 pt: the body; 10.5 pt: an exec box's points; 8.5 pt: notes; ...).
- **Justified lines**: of those, the lines whose last character ends within 1 pt of
  the right edge of their column (the right-most line end of that size and face on the
  page); a paragraph's short last line is left out, a line ending at the edge with no
  stretch counts (with 0).
- **Word gap** of a space between two characters: from the space's origin to the next
  character's origin (the space's advance plus whatever the justification added: the
  PDF's word spacing `Tw` and character spacing `Tc`). Its **excess** is that gap less
  the space's natural advance at that size (the width pdfium gives the space's loose
  box, which is the font's advance of the space, unstretched). A line's excess is the
  largest excess of its spaces (reportlab spreads a line's stretch evenly over them).
- Printed per size: the number of justified lines, the largest and 95th-percentile
  line excess in points, and the largest gap in em (gap / font size).

    python benchmarks/word_spaces.py FILE.pdf [--size 11] [--worst 5]
"""

from __future__ import annotations

import argparse
import ctypes
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

EDGE_TOLERANCE = 1.0  # points: how close to the column's right edge a justified line ends
SERIF_FACES = ("Serif", "Myeongjo")  # the faces of the house's justified roles
_LINE_END_HYPHEN = "\x02"  # pdfium's code for a hyphen that ends a line (it joins the lines)


@dataclass
class Line:
    """One printed line: its text, where it starts and ends, and its word gaps."""

    page: int
    face: str
    size: float
    text: str = ""
    left: float = math.inf
    right: float = -math.inf
    gaps: list[float] = field(default_factory=list)  # space origin to next origin, pt
    excesses: list[float] = field(default_factory=list)  # gap less the natural space, pt

    @property
    def excess(self) -> float:
        return max(self.excesses, default=0.0)

    @property
    def widest_gap_em(self) -> float:
        return max(self.gaps, default=0.0) / self.size


class _Char(NamedTuple):
    text: str
    x: float
    right: float
    width: float  # of its loose box: a space's natural advance
    size: float
    face: str
    generated: bool


def _chars(text_page: pdfium.PdfTextPage) -> Iterator[_Char]:
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for index in range(text_page.count_chars()):
        code = pdfium_raw.FPDFText_GetUnicode(text_page, index)
        box = pdfium_raw.FS_RECTF()
        pdfium_raw.FPDFText_GetLooseCharBox(text_page, index, ctypes.byref(box))
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_raw.FPDFText_GetCharOrigin(text_page, index, ctypes.byref(x), ctypes.byref(y))
        pdfium_raw.FPDFText_GetFontInfo(text_page, index, buffer, len(buffer), ctypes.byref(flags))
        yield _Char(
            text=chr(code),
            x=x.value,
            right=box.right,
            width=box.right - box.left,
            size=round(pdfium_raw.FPDFText_GetFontSize(text_page, index), 2),
            face=buffer.value.decode("latin-1").split("+")[-1],
            generated=bool(pdfium_raw.FPDFText_IsGenerated(text_page, index)),
        )


def _page_lines(number: int, text_page: pdfium.PdfTextPage) -> list[Line]:
    lines: list[Line] = []
    current: list[_Char] = []
    for char in [*_chars(text_page), None]:
        if char is not None and char.text == _LINE_END_HYPHEN:
            current.append(char._replace(text="-"))  # then the line ends
        elif char is not None and not (char.text in "\r\n" and char.generated):
            current.append(char)
            continue
        if current:
            lines.append(_line(number, current))
        current = []
    return lines


def _line(number: int, chars: list[_Char]) -> Line:
    first = next((char for char in chars if char.text.isalpha()), chars[0])
    line = Line(number, first.face, first.size)
    line.text = "".join(char.text for char in chars)
    printed = [char for char in chars if not char.text.isspace()]
    line.left = min((char.x for char in printed), default=math.inf)
    line.right = max((char.right for char in printed), default=-math.inf)
    for before, space, after in zip(chars, chars[1:], chars[2:], strict=False):
        if space.text == " " and not space.generated and not before.text.isspace() \
                and not after.text.isspace():
            gap = after.x - space.x
            line.gaps.append(gap)
            line.excesses.append(gap - space.width)
    return line


def pdf_lines(path: Path) -> list[Line]:
    """Every line of every page of the PDF at `path`."""
    document = pdfium.PdfDocument(path)
    try:
        lines: list[Line] = []
        for number in range(len(document)):
            page = document[number]
            text_page = page.get_textpage()
            lines += _page_lines(number + 1, text_page)
            text_page.close()
            page.close()
        return lines
    finally:
        document.close()


def justified_lines(lines: list[Line]) -> list[Line]:
    """The serif lines with spaces that reach the right edge of their column."""
    serif = [line for line in lines if line.gaps and any(f in line.face for f in SERIF_FACES)]
    edges: dict[tuple[int, str, float], float] = {}
    for line in serif:
        key = (line.page, line.face, line.size)
        edges[key] = max(edges.get(key, -math.inf), line.right)
    return [line for line in serif
            if line.right >= edges[(line.page, line.face, line.size)] - EDGE_TOLERANCE]


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` percentile of `values` (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--size", type=float, help="only lines of this font size (pt)")
    parser.add_argument("--worst", type=int, default=3, help="print this many worst lines")
    arguments = parser.parse_args()
    lines = justified_lines(pdf_lines(arguments.pdf))
    sizes = sorted({line.size for line in lines}, reverse=True)
    if arguments.size is not None:
        sizes = [size for size in sizes if abs(size - arguments.size) < 0.01]
    for size in sizes:
        group = [line for line in lines if line.size == size]
        excesses = [line.excess for line in group]
        print(f"{size:5.2f} pt: {len(group):3d} justified lines; word-space excess "
              f"max {max(excesses):+.2f} pt, p95 {percentile(excesses, 0.95):+.2f} pt; "
              f"widest gap {max(line.widest_gap_em for line in group):.2f} em")
        for line in sorted(group, key=lambda line: -line.excess)[: arguments.worst]:
            print(f"        p{line.page} {line.excess:+.2f} pt "
                  f"{line.widest_gap_em:.2f} em  {line.text[:70]!r}")


if __name__ == "__main__":
    main()
