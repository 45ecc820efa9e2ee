"""The Korean DOCX as LibreOffice sets it: Latin words whole on their line, no space
added between Hangul and figures, notes numbered with a baseline `1)`, and no holes
between the words of the key-point boxes."""

from __future__ import annotations

import re
from collections import Counter
from itertools import takewhile
from pathlib import Path

import pytest

from generator.style.house import BULLET, KEY_POINTS_HEADINGS
from generator.style.texts import render_label
from tests.docx_text import shown as shown_text
from tests.visual.outputs import LANGUAGES, SAMPLE_STEM, Renders
from tests.visual.pages import (
    Line,
    docx_note_texts,
    docx_paragraph_texts,
    page_lines,
    word_gaps,
)

LATIN_WORD = re.compile(r"[A-Za-z0-9]+")  # a split "Su|mmit" loses "Summit"
# A hyphenated Latin word inside a Korean word ("S-400을"): a Korean word is never
# broken, not even after its hyphen ("S-|400을" loses "S-400"). Elsewhere (addresses)
# a hyphen may end a line.
HYPHENATED_IN_KOREAN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?=[\u2060]?[가-힣])")
HANGUL_THEN_FIGURE = re.compile(r"[0-9][가-힣]|[가-힣][0-9]")
SPACED_HANGUL_AND_FIGURE = re.compile(r"[0-9] [가-힣]|[가-힣] [0-9]")


def _lines(pdf: Path) -> list[Line]:
    return [line for page in page_lines(pdf) for line in page]


@pytest.mark.parametrize("name", [f"{SAMPLE_STEM}-ko-full", f"{SAMPLE_STEM}-ko-full-front-en"])
def test_no_latin_word_is_split_across_lines_in_the_korean_docx(
    converted: Renders, name: str
) -> None:
    texts = docx_paragraph_texts(converted.docx(name))
    lines = [line.text for line in _lines(converted.docx_pages(name))]
    assert any(HYPHENATED_IN_KOREAN.search(text) for text in texts)  # "S-400을"
    for pattern in (LATIN_WORD, HYPHENATED_IN_KOREAN):
        written = Counter(word for text in texts for word in pattern.findall(text))
        shown = Counter(word for line in lines for word in pattern.findall(line))
        split = written - shown  # each line is searched on its own: a split word is lost
        assert not split, f"Latin words broken across lines by LibreOffice: {sorted(split)}"


def test_the_korean_docx_adds_no_space_between_hangul_and_figures(converted: Renders) -> None:
    name = f"{SAMPLE_STEM}-ko-full"
    written = shown_text("\n".join(docx_paragraph_texts(converted.docx(name))))
    shown = "\n".join(line.text for line in _lines(converted.docx_pages(name)))
    assert HANGUL_THEN_FIGURE.search(written)  # the sample has "9월 13일", "2023년"
    added = len(SPACED_HANGUL_AND_FIGURE.findall(shown)) - len(
        SPACED_HANGUL_AND_FIGURE.findall(written))
    assert added == 0, (
        f"LibreOffice sets {added} spaces between Hangul and figures, e.g. "
        f"{SPACED_HANGUL_AND_FIGURE.findall(shown)[:6]}")
    assert "9월 13일" in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_docx_notes_start_with_a_baseline_number_and_parenthesis(
    converted: Renders, language: str
) -> None:
    name = f"{SAMPLE_STEM}-{language}-full"
    lines = _lines(converted.docx_pages(name))
    notes = [shown_text(note) for note in docx_note_texts(converted.docx(name))]
    assert notes
    for number, note in enumerate(notes, start=1):
        opening = re.sub(r"^\s*\d*\)\s*", "", note)[:12]
        line = next(line for line in lines if opening in line.text)
        marker = line.text[: line.text.index(opening)].strip()
        assert marker == f"{number})", (
            f"note {number} opens with {marker!r} in LibreOffice's text, not {number}) "
            "(its number is set apart, as a superscript)")
        glyphs = [glyph for glyph in line.glyphs if not glyph.char.isspace()]
        digit, parenthesis = glyphs[0], glyphs[len(str(number))]
        assert digit.size == pytest.approx(parenthesis.size, abs=0.1)
        assert digit.baseline == pytest.approx(parenthesis.baseline, abs=0.2)


MAX_WORD_GAP_EM = 0.6  # a natural Korean word space leaves 0.4-0.55 em of white


@pytest.mark.parametrize("variant", ["exec", "handout"])
def test_the_korean_key_points_open_no_holes_between_words(
    converted: Renders, variant: str
) -> None:
    # Word and LibreOffice widen only word spaces to justify Korean: the DOCX sets the
    # box's points ragged right (house.DOCX_NOT_JUSTIFIED).
    lines = word_gaps(converted.docx_pages(f"{SAMPLE_STEM}-ko-{variant}"), 0)
    purpose = "executive-summary" if variant == "exec" else "handout"
    heading = render_label("ko", KEY_POINTS_HEADINGS[purpose])
    start = next(index for index, line in enumerate(lines) if line.text.strip() == heading) + 1
    box = list(takewhile(lambda line: line.size == lines[start].size, lines[start:]))
    assert len(box) >= 2
    for line in box:
        # After a bullet, the gap is the hanging indent, not a word space.
        gaps = line.gaps[1:] if line.text.startswith(BULLET) else line.gaps
        assert max(gaps, default=0.0) < MAX_WORD_GAP_EM, (
            f"a hole of {max(gaps):.2f} em in {line.text!r}")
