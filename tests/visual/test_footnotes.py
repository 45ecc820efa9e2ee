"""The rule above the notes, as LibreOffice draws the DOCX: a short rule at the left of
the text column above each page's notes (the brief `continued-note` has notes on every
page, the second page opening with the end of a note begun on the first)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.style.house import A4, CONTINUED_NOTE_RULE_WIDTH, FOOTNOTES
from generator.style.units import Length
from tests.visual.measure import horizontal_rules_mm
from tests.visual.outputs import LANGUAGES
from tests.visual.pages import MM_PER_INCH, POINTS_PER_INCH, page_images

Pages = Callable[[str, str], Path]


def _mm(length: Length) -> float:
    return length.points * MM_PER_INCH / POINTS_PER_INCH


DPI = 100
TOLERANCE_MM = 1.0
# LibreOffice draws its own footnote rule, 25% of the text width, whatever the DOCX's
# separator notes say; shorter than that is no footnote rule.
SHORTEST_RULE_MM = 0.2 * _mm(A4.text_width)


def _note_rules(pages: Pages, language: str) -> list[list[tuple[float, float, float]]]:
    """The rules in the lower half of each page of LibreOffice's continued-note DOCX."""
    images = page_images(pages(f"continued-note-{language}-full", "docx"), DPI)
    assert len(images) >= 2
    return [[rule for rule in horizontal_rules_mm(image, DPI, SHORTEST_RULE_MM)
             if rule[0] > _mm(A4.height) / 2] for image in images]


@pytest.mark.parametrize("language", LANGUAGES)
def test_libreoffice_draws_a_short_rule_above_the_notes_of_each_page(
    pages: Pages, language: str
) -> None:
    for number, rules in enumerate(_note_rules(pages, language), start=1):
        assert len(rules) == 1, f"page {number}: rules above the notes {rules}"
        (_, left, length) = rules[0]
        assert abs(left - _mm(A4.margin_left)) <= TOLERANCE_MM, f"page {number}: at {left} mm"
        assert length <= _mm(FOOTNOTES.rule_width) + TOLERANCE_MM, (
            f"page {number}: a rule of {length:.1f} mm")


@pytest.mark.xfail(strict=True, reason=(
    "LibreOffice draws one footnote rule for every page (25% of the text width) and "
    "reads neither the DOCX's continuation separator nor the separators' borders; "
    "Word draws the full-width rule from footnotes.xml (tests/test_docx_render.py)"))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_note_continued_on_the_next_page_sits_under_a_full_width_rule_in_libreoffice(
    pages: Pages, language: str
) -> None:
    continued_page = _note_rules(pages, language)[1]
    assert [round(length) for (_, _, length) in continued_page] == [
        round(_mm(CONTINUED_NOTE_RULE_WIDTH))]
