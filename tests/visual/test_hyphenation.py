"""English body text is hyphenated (en-US patterns) in both formats, so justified lines
do not open wide word spaces: the English sample has lines that end inside a word."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.visual.outputs import FORMATS, SAMPLE_STEM, Renders
from tests.visual.pages import docx_paragraph_texts, page_lines

# How a hyphen at a line's end comes out of pdfium: drawn "-", a soft hyphen, U+2010,
# or pdfium's own marks for a hyphen that ends a line.
LINE_END_HYPHENS = "-\u00ad\u2010\x02\ufffe"
# pdfium may join the two lines of a hyphenated word and keep only its mark between them.
JOINED_HYPHENATION = re.compile(r"([A-Za-z]+)[\x02\ufffe]([A-Za-z]+)")


def _words(texts: list[str]) -> set[str]:
    return {word.lower() for text in texts for word in re.findall(r"[A-Za-z]+", text)}


@pytest.mark.parametrize("file_format", FORMATS)
def test_english_body_lines_end_with_a_hyphenated_word(
    renders: Renders, pages: Callable[[str, str], Path], file_format: str
) -> None:
    name = f"{SAMPLE_STEM}-en-full"
    words = _words(docx_paragraph_texts(renders.docx(name)))
    hyphenated = []
    for lines in page_lines(pages(name, file_format)):
        hyphenated += [f"{head}-|{tail}" for line in lines
                       for head, tail in JOINED_HYPHENATION.findall(line.text)
                       if (head + tail).lower() in words]
        for line, following in zip(lines, lines[1:], strict=False):
            text = line.text.rstrip()
            if not text or text[-1] not in LINE_END_HYPHENS:
                continue
            head = re.search(r"([A-Za-z]+)$", text[:-1])
            tail = re.match(r"\s*([A-Za-z]+)", following.text)
            # A word split by hyphenation, not a compound broken after its own hyphen.
            if head and tail and (head[1] + tail[1]).lower() in words:
                hyphenated.append(f"{head[1]}-|{tail[1]}")
    assert hyphenated, "no line of the English sample ends with a hyphenated word"
