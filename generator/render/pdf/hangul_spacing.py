"""Justified lines with Hangul filled by letter spacing rather than holes between words.

reportlab justifies a line by widening its spaces alone (the PDF's word spacing, `Tw`).
A narrow column of Korean has few, long words per line, so a loose line opens gaps of
most of an em. The house (HANGUL_JUSTIFICATION) lets a word gap grow by at most
`word_space_stretch` em and spreads the rest of the line's slack between its characters
(the PDF's character spacing, `Tc`, which every glyph gets, spaces included), up to
`letter_space` em; only past that do the word gaps grow further.

The line's width stays exactly reportlab's: with n characters and s spaces, c added
after every character but the last and w added to every space,
    slack = c * (n - 1) + w * s,   and a word gap grows by w + 2c (c on either side).
A line that carries a link keeps reportlab's spacing: reportlab places a link's
rectangle from the text's natural widths and would miss the letter spacing.

Drawing: reportlab draws a justified line by setting the word spacing, writing the
line, then resetting it to 0. `SpacedTextObject` counts the lines written (each ends
with `T*`) and, for a line that has a planned spacing, sets that instead.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfgen.textobject import PDFTextObject

from generator.style.house import HANGUL_JUSTIFICATION

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_FUZZ = 1e-8

Spacing = tuple[float, float]  # added to each space (Tw), after each character (Tc)


def hangul_line_spacing(paragraph: Any) -> dict[int, Spacing]:
    """Per line number of `paragraph` (broken already), the spacing of a loose justified
    line with Hangul; lines reportlab sets as it likes are left out."""
    style = paragraph.style
    if style.alignment != TA_JUSTIFY:
        return {}
    broken = paragraph.blPara
    lines = broken.lines
    last = len(lines) - 1 if not getattr(paragraph, "_JustifyLast", False) else -1
    spacing: dict[int, Spacing] = {}
    for number, line in enumerate(lines):
        if number == last:
            continue
        measured = _line_measure(broken.kind, line)
        if measured is None:
            continue
        text, slack, spaces = measured
        planned = _spacing(text, slack, spaces, style.fontSize)
        if planned is not None:
            spacing[number] = planned
    return spacing


def _line_measure(kind: int, line: Any) -> tuple[str, float, int] | None:
    """A line's text, slack and spaces as reportlab counts them; None for a line it does
    not stretch or that carries a link."""
    if kind == 0:
        slack, words = line
        text = " ".join(words)
        spaces = len(words) - 1 + text.count("\xa0")
        return text, slack, spaces
    if line.lineBreak or any(getattr(word, "link", None) for word in line.words):
        return None
    texts = [word.text for word in line.words if not hasattr(word, "cbDefn")]
    spaces = line.wordCount - 1 + sum(text.count("\xa0") for text in texts)
    return "".join(texts), line.extraSpace, spaces


def _spacing(text: str, slack: float, spaces: int, size: float) -> Spacing | None:
    """The spacing of a line of `text` with `slack` to fill over its `spaces`, or None
    if reportlab's own (the slack on the spaces alone) stays within the house's cap."""
    if slack <= _FUZZ or spaces <= 0 or not _HANGUL.search(text):
        return None
    word_cap = HANGUL_JUSTIFICATION.word_space_stretch * size
    if slack / spaces <= word_cap:
        return None
    gaps = len(text) - 1  # between characters: each gets the character spacing
    if gaps - 2 * spaces <= 0:
        return None
    # w + 2c = word_cap and c * gaps + w * spaces = slack
    letter = (slack - word_cap * spaces) / (gaps - 2 * spaces)
    letter = min(letter, HANGUL_JUSTIFICATION.letter_space * size)
    word = (slack - letter * gaps) / spaces
    return word, letter


class SpacedTextObject(PDFTextObject):  # type: ignore[misc]
    """A text object that sets the planned spacing of the lines in `spacing`."""

    def __init__(self, canvas: Any, x: float, y: float, direction: str | None,
                 spacing: dict[int, Spacing]) -> None:
        super().__init__(canvas, x, y, direction=direction)
        self._planned = spacing
        self._lines_written = 0
        self._letter_spaced = False

    def setWordSpace(self, wordSpace: float) -> None:  # noqa: N802, N803 (reportlab's names)
        planned = self._planned.get(self._lines_written) if wordSpace else None
        if planned is not None:
            super().setWordSpace(planned[0])
            self.setCharSpace(planned[1])
            self._letter_spaced = True
            return
        super().setWordSpace(wordSpace)
        if self._letter_spaced:
            self.setCharSpace(0)
            self._letter_spaced = False

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N802, N803 (reportlab's)
        super()._textOut(text, TStar)
        if TStar:
            self._lines_written += 1
