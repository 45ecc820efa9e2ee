"""Pages as a reader sees them: PDF pages as greyscale images and as lines of placed text,
and DOCX files turned into PDF pages by LibreOffice (as a reader without Word sees them;
tests/libreoffice.py).

Pages are drawn with pdfium (pypdfium2, a dependency of the project), so only the DOCX
needs an outside tool (`soffice`). Lengths are PDF points, y upwards from the page's foot.
"""

from __future__ import annotations

import ctypes
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from tests import libreoffice

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Glyph:
    """One character as placed: its baseline origin and its font size, in points."""

    char: str
    x: float
    baseline: float
    size: float


@dataclass(frozen=True)
class Line:
    """One line of text as pdfium groups it, with the box of its glyphs in points."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    glyphs: tuple[Glyph, ...]


def page_images(pdf: Path, dpi: float) -> list[Image.Image]:
    """Every page of `pdf` drawn in greyscale ("L") at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[index].render(scale=dpi / POINTS_PER_INCH, grayscale=True)
            .to_pil().convert("L")
            for index in range(len(document))
        ]
    finally:
        document.close()


def page_count(pdf: Path) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def page_size(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page, in points."""
    document = pdfium.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
        return float(width), float(height)
    finally:
        document.close()


def page_lines(pdf: Path) -> list[list[Line]]:
    """The text lines of every page, in pdfium's reading order."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_lines_of(document[index].get_textpage()) for index in range(len(document))]
    finally:
        document.close()


def _lines_of(textpage: pdfium.PdfTextPage) -> list[Line]:
    text = textpage.get_text_range()
    lines: list[Line] = []
    for start, end in _line_spans(text):
        if text[start:end].strip():
            # the space a PDF line ends with between two words (for extraction) shows nothing
            end = start + len(text[start:end].rstrip(" "))
            lines.append(_line(textpage, text, start, end))
    return lines


# pdfium joins the two lines of a hyphenated word, keeping one of these marks where the
# first line ended; the line is split back there, the mark ending the first line.
JOINED_LINE_MARKS = "\ufffe\x02"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `text`: lines end at "\r\n" and after a joined
    hyphenation mark."""
    spans, start = [], 0
    for index, character in enumerate(text):
        if character == "\r" and text.startswith("\r\n", index):
            spans.append((start, index))
            start = index + 2
        elif character in JOINED_LINE_MARKS:
            spans.append((start, index + 1))
            start = index + 1
    spans.append((start, len(text)))
    return spans


def _line(textpage: pdfium.PdfTextPage, text: str, start: int, end: int) -> Line:
    x, y = ctypes.c_double(), ctypes.c_double()
    boxes, glyphs = [], []
    for index in range(start, end):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        boxes.append(textpage.get_charbox(index))
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        glyphs.append(Glyph(text[index], x.value, y.value, size))
    if not boxes:  # only generated characters: place it nowhere
        return Line(text[start:end], 0.0, 0.0, 0.0, 0.0, ())
    return Line(
        text=text[start:end],
        left=min(box[0] for box in boxes),
        bottom=min(box[1] for box in boxes),
        right=max(box[2] for box in boxes),
        top=max(box[3] for box in boxes),
        glyphs=tuple(glyphs),
    )


@dataclass(frozen=True)
class WordGaps:
    """One line and the white gaps at its spaces: from the ink of the character before
    a space to the ink of the one after, in ems of the line's largest font size."""

    text: str
    size: float
    gaps: tuple[float, ...]


def word_gaps(pdf: Path, page_index: int) -> list[WordGaps]:
    """The lines of a page with their word gaps. Spaces count whether the PDF prints them
    or pdfium infers them from the positions (LibreOffice's justified lines)."""
    document = pdfium.PdfDocument(pdf)
    try:
        textpage = document[page_index].get_textpage()
        text = textpage.get_text_range()
        lines, current = [], []
        for index, char in enumerate(text):
            if char in "\r\n":
                lines.append(current)
                current = []
            else:
                size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
                current.append((char, textpage.get_charbox(index), size))
        lines.append(current)
        return [_word_gaps(line) for line in lines if line]
    finally:
        document.close()


def _word_gaps(line: list[tuple[str, tuple[float, float, float, float], float]]) -> WordGaps:
    size = max(char_size for _, _, char_size in line)
    gaps = tuple(
        (after[1][0] - before[1][2]) / size
        for before, space, after in zip(line, line[1:], line[2:], strict=False)
        if space[0] == " " and not before[0].isspace() and not after[0].isspace()
    )
    return WordGaps("".join(char for char, _, _ in line), size, gaps)


def libreoffice_available() -> bool:
    return libreoffice.available()


def convert_with_libreoffice(documents: list[Path], out: Path, profile: Path) -> None:
    """Convert every DOCX in `documents` to `out/<stem>.pdf`, each in a LibreOffice run
    of its own (tests/libreoffice.py says why), with private profiles under `profile`.
    Stems must be distinct."""
    libreoffice.convert_each(documents, out, profile)


def docx_paragraph_texts(document: Path) -> list[str]:
    """The text of every paragraph a DOCX holds (body, notes, headers, footers)."""
    texts: list[str] = []
    with zipfile.ZipFile(document) as package:
        parts = [name for name in package.namelist()
                 if re.fullmatch(r"word/(document|footnotes|header\d*|footer\d*)\.xml", name)]
        for name in sorted(parts):
            xml = package.read(name).decode("utf-8")
            for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.DOTALL):
                texts.append(_unescaped(_shown_xml_text(paragraph)))
    return texts


_SHOWN_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|(<w:noBreakHyphen/>)")


def _shown_xml_text(xml: str) -> str:
    """The text of the w:t elements in `xml`, with "-" for each non-breaking hyphen."""
    return "".join("-" if hyphen else text
                   for text, hyphen in _SHOWN_TEXT.findall(xml))


def _unescaped(xml_text: str) -> str:
    return (xml_text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def docx_note_texts(document: Path) -> list[str]:
    """The text of each footnote of a DOCX, in order (the number, a field, left out)."""
    with zipfile.ZipFile(document) as package:
        xml = package.read("word/footnotes.xml").decode("utf-8")
    notes = re.findall(r'<w:footnote w:id="([1-9]\d*)">(.*?)</w:footnote>', xml, flags=re.DOTALL)
    return [_unescaped(_shown_xml_text(body)) for _, body in notes]
