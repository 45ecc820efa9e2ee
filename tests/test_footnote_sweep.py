"""A note marker moved line by line through the foot of a page: at every position the
note starts on its marker's page (its rest continued on the next page only), and the
notes never overlap the body — the lowest body text above the note rule, the rule
above the highest note text.

Measured from what is printed (pdfium's character boxes and the page's drawn paths,
tests/printed_lines.py), not from the composer's own numbers. The marker's line is
moved by hard line breaks before it, one line per case, from well above the page
foot to past it, for a one-line note, a note of several lines and one longer than
the room left (continued).
"""

from __future__ import annotations

import re

import pytest

from generator.model.nodes import Brief, Footnote, FootnoteRef, Inline, LineBreak, Text
from generator.render.pdf import render_pdf
from generator.style.house import A4
from tests.printed_lines import PrintedLine, Shape, drawn_shapes, printed_lines
from tests.test_pdf_render import filler, make_brief, para

MARKER_TEXT = "The marker comes here."
NOTE_WORDS = {"one-line": 6, "several-line": 60, "continued": 420}
# How many lines come before the marker's: from about eight lines above the last line
# page 1 can hold with the note to past it (the marker on page 2). The long note starts
# to continue when fewer than about four lines are left under its marker.
LINES_BEFORE = {"one-line": range(24, 34), "several-line": range(23, 33),
                "continued": (*range(14, 23), 30, 31, 32)}
_NOTE_TOKEN = re.compile(r"(?:^|\s)n\d{3}\b")
RULE_THICKNESS = 2.0  # pt: a drawn path no taller than this is a rule


def sweep_brief(lines_before: int, note_words: int) -> Brief:
    """A paragraph whose marker's line comes after `lines_before` one-line lines (hard
    breaks), its note `note_words` long, and enough text after it to fill pages."""
    inlines: list[Inline | str] = []
    for index in range(lines_before):
        inlines += [f"Line {index:02d} of the lines before the marker.", LineBreak()]
    inlines += [MARKER_TEXT, FootnoteRef(1), " ", filler(300, "b")]
    note = Footnote(1, (Text("Note " + filler(note_words, "n")),))
    return make_brief((para(*inlines), para(filler(300, "c"))), (note,))


def is_note(line: PrintedLine) -> bool:
    return line.text.lstrip().startswith("1) Note") or bool(_NOTE_TOKEN.search(line.text))


def in_text_area(line: PrintedLine) -> bool:
    """Not the page number below the text area."""
    return line.top > A4.margin_bottom.points - 2


def page_problems(page: int, lines: list[PrintedLine], shapes: list[Shape]) -> list[str]:
    """Where the notes of `page` touch the body or lack their rule."""
    notes = [line for line in lines if line.page == page and is_note(line)]
    if not notes:
        return []
    body = [line for line in lines
            if line.page == page and not is_note(line) and in_text_area(line)]
    note_top = max(line.top for line in notes)
    problems = []
    if body:
        body_bottom = min(line.bottom for line in body)
        if note_top >= body_bottom:
            lowest = min(body, key=lambda line: line.bottom)
            problems.append(f"page {page}: the notes reach {note_top - body_bottom:.1f} pt into "
                            f"the body (its last line {lowest.text.strip()[:40]!r})")
    else:
        body_bottom = A4.height.points
    rules = [shape for shape in shapes if shape.page == page
             and shape.height <= RULE_THICKNESS and note_top <= shape.bottom
             and shape.top <= body_bottom]
    if not rules:
        drawn = [f"{shape.bottom:.1f}–{shape.top:.1f}" for shape in shapes
                 if shape.page == page and shape.height <= RULE_THICKNESS]
        problems.append(f"page {page}: no note rule between the body (its lowest text at "
                        f"{body_bottom:.1f} pt) and the notes (their highest at {note_top:.1f} "
                        f"pt); rules drawn at {drawn}")
    return problems


def sweep_problems(lines_before: int, note_words: int) -> tuple[int, bool, list[str]]:
    """The marker's page, whether the note was continued, and every problem of one
    position of the sweep."""
    pdf = render_pdf(sweep_brief(lines_before, note_words))
    lines = printed_lines(pdf)
    shapes = drawn_shapes(pdf)
    marker = [line for line in lines if MARKER_TEXT in line.text]
    assert len(marker) == 1 and "1)" in marker[0].text, marker
    page = marker[0].page
    problems = []
    notes = [line for line in lines if is_note(line)]
    first = [line for line in notes if line.text.lstrip().startswith("1) Note")]
    if len(first) != 1 or first[0].page != page:
        problems.append(f"the note starts on page {[line.page for line in first]}, its marker "
                        f"is on page {page}")
    elsewhere = sorted({line.page for line in notes} - {page, page + 1})
    if elsewhere:
        problems.append(f"note text on page(s) {elsewhere}: a note continues on the next page only")
    if note_words != NOTE_WORDS["continued"] and {line.page for line in notes} != {page}:
        problems.append("a short note was split")
    for on in sorted({line.page for line in notes}):
        problems += page_problems(on, lines, shapes)
    return page, len({line.page for line in notes}) > 1, problems


@pytest.mark.parametrize("note", sorted(NOTE_WORDS))
def test_a_note_marker_moved_through_the_page_foot_keeps_its_note_on_its_page_below_the_body(
    note: str,
) -> None:
    failures = []
    pages = []
    split = 0
    for lines_before in LINES_BEFORE[note]:
        page, continued, problems = sweep_problems(lines_before, NOTE_WORDS[note])
        pages.append(page)
        split += continued
        failures += [f"marker after {lines_before} lines (page {page}): {problem}"
                     for problem in problems]
    assert pages[0] == 1 and pages[-1] == 2, f"the sweep does not cross the page foot: {pages}"
    assert (split > 0) == (note == "continued"), f"{note}: continued at {split} positions"
    assert not failures, "\n".join(failures)
