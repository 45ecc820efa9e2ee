"""No page of an English PDF ends in a hyphenated word (house style: "no hyphen in the
last word of a paragraph or page"): the last body line of every page but the last
ends in a whole word, or in a hyphen the source has.

Whether a line's final hyphen is the renderer's is decided from the source text
(tests/line_break_oracle.py), the lines read back from the page (pdfium).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from generator.model.nodes import Brief
from generator.render.pdf import render_pdf
from generator.source import brief_for, load_source
from generator.style.house import ROLES
from tests.conftest import SAMPLE
from tests.line_break_oracle import Unit, brief_units, squeezed_places
from tests.printed_lines import PrintedLine, printed_lines

BRIEFS = Path(__file__).resolve().parent / "visual" / "briefs"
ENGLISH_BRIEFS = ("lists-en", "long-en-final-note", "long-en-notes", "bilingual-quotes",
                  "continued-note")
BODY_SIZE = ROLES["block-quote"].size.points  # running text is set at least this large

def _cases() -> list[tuple[str, str, str]]:
    cases = [("co-23-30", front, variant) for front in ("en", "ko") for variant in ("full", "exec")]
    cases += [(name, "en", variant) for name in ENGLISH_BRIEFS for variant in ("full", "exec")]
    return cases


@cache
def _brief(name: str, front: str, variant: str) -> Brief:
    path = SAMPLE if name == "co-23-30" else BRIEFS / f"{name}.yaml"
    return brief_for(load_source(path), "en", variant=variant, front_language=front)


def ends_in_added_hyphen(line: PrintedLine, units: list[Unit]) -> bool:
    """The line ends in a hyphen that is not in the source (the renderer's)."""
    text = "".join(line.text.split())
    if not text.endswith("-"):
        return False
    whole = list(squeezed_places(units, text))
    return not whole and bool(list(squeezed_places(units, text[:-1])))


@pytest.mark.parametrize(("name", "front", "variant"), _cases(), ids=str)
def test_no_page_of_an_english_pdf_ends_in_a_hyphenated_word(name: str, front: str,
                                                             variant: str) -> None:
    brief = _brief(name, front, variant)
    lines = printed_lines(render_pdf(brief))
    units = brief_units(brief)
    pages = max(line.page for line in lines)
    ends = []
    for page in range(1, pages):
        body = [line for line in lines if line.page == page and line.size >= BODY_SIZE - 0.01]
        last = min(body, key=lambda line: line.baseline)
        if ends_in_added_hyphen(last, units):
            ends.append(str(last))
    assert not ends, "pages end in a hyphenated word:\n" + "\n".join(ends)
