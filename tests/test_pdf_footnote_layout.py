"""Page-bottom footnotes in the PDF: each note at the foot of its marker's page.

Positions are read back from the text layer (baseline y in points from the page
foot); body text is everything set at least as large as the block-quote role.
"""

from __future__ import annotations

import re

import pytest

from generator.model.nodes import Brief, Footnote, FootnoteRef, Heading, Paragraph, Text, plain_text
from generator.render.pdf import render_pdf
from tests.test_pdf_render import (
    BODY_SIZE,
    NOTE_SIZE,
    Chunk,
    body_chunks,
    dehyphenated,
    filler,
    make_brief,
    para,
    squeeze,
    text_chunks,
)

DESCENT = 0.25  # of the font size: how far glyphs reach below their baseline


def marker(chunks: list[Chunk], number: int) -> Chunk:
    """The superscript marker `number)` in the body."""
    found = [c for c in chunks if c.size < NOTE_SIZE - 0.01 and c.text.strip() == f"{number})"]
    assert len(found) == 1, (number, found)
    return found[0]


def note_label(chunks: list[Chunk], number: int) -> Chunk:
    """The line that starts note `number)` at a page foot."""
    found = [
        c
        for c in chunks
        if abs(c.size - NOTE_SIZE) < 0.01 and c.text.lstrip().startswith(f"{number}) ")
    ]
    assert len(found) == 1, (number, found)
    return found[0]


def lowest_body_baseline(chunks: list[Chunk], page: int) -> float:
    return min(chunk.y for chunk in body_chunks(chunks) if chunk.page == page)


def assert_below_the_body(chunks: list[Chunk], chunk: Chunk) -> None:
    """`chunk` (note text) lies wholly below the last body line of its page."""
    body_bottom = lowest_body_baseline(chunks, chunk.page) - DESCENT * BODY_SIZE
    assert chunk.y + chunk.size < body_bottom, (chunk, body_bottom)


def assert_notes_under_their_markers(brief: Brief) -> list[Chunk]:
    chunks = text_chunks(render_pdf(brief))
    for note in brief.footnotes:
        label = note_label(chunks, note.number)
        assert label.page == marker(chunks, note.number).page, note.number
        assert_below_the_body(chunks, label)
    return chunks


def tokens(chunks: list[Chunk], tag: str) -> list[tuple[int, str]]:
    """(page, token) for every `tag`NNN word, in reading order."""
    ordered = sorted(chunks, key=lambda chunk: (chunk.page, -chunk.y))
    return [(c.page, token) for c in ordered for token in re.findall(rf"{tag}\d{{3}}", c.text)]


# -------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def sample_chunks() -> list[Chunk]:
    from generator.source import load_brief
    from tests.test_pdf_render import SAMPLE

    return assert_notes_under_their_markers(load_brief(SAMPLE))


def test_each_sample_note_sits_below_the_last_body_line_of_its_markers_page(
    sample_chunks: list[Chunk],
) -> None:
    labels = [note_label(sample_chunks, number) for number in (1, 2)]
    for label in labels:
        note_text = [c for c in sample_chunks if c.page == label.page and c.y <= label.y + 0.01]
        note_text = [c for c in note_text if abs(c.size - NOTE_SIZE) < 0.01 and "Sans" not in c.font]
        assert note_text
        for chunk in note_text:
            assert_below_the_body(sample_chunks, chunk)


def test_a_page_ends_mid_paragraph_above_its_notes(sample_chunks: list[Chunk]) -> None:
    page = note_label(sample_chunks, 1).page
    last_line = _line_text(sample_chunks, page, lowest=True)
    assert not last_line.rstrip().endswith((".", "”", '"')), last_line
    first_next = _line_text(sample_chunks, page + 1, lowest=False)
    across = squeeze(dehyphenated(f"{last_line}\n{first_next}"))
    from generator.source import load_brief
    from tests.test_pdf_render import SAMPLE
    paragraphs = [squeeze(plain_text(block.inlines)) for block in load_brief(SAMPLE).blocks
                  if isinstance(block, Paragraph)]
    assert any(across in paragraph for paragraph in paragraphs), across


def _line_text(chunks: list[Chunk], page: int, *, lowest: bool) -> str:
    """The text of the last (or first) body line of `page`."""
    on_page = [chunk for chunk in body_chunks(chunks) if chunk.page == page]
    y = (min if lowest else max)(chunk.y for chunk in on_page)
    return "".join(chunk.text for chunk in on_page if chunk.y == y)


def test_a_note_longer_than_half_a_page_continues_in_the_next_pages_note_area() -> None:
    long_note = Footnote(1, (Text(filler(600, "n")),))
    brief = make_brief(
        (
            para(filler(330, "a")),
            para("The marker comes here.", FootnoteRef(1), " ", filler(200, "b")),
            para(filler(900, "c")),
        ),
        (long_note,),
    )
    chunks = assert_notes_under_their_markers(brief)
    note_size = [c for c in chunks if abs(c.size - NOTE_SIZE) < 0.01]
    placed = tokens(note_size, "n")
    assert [token for _, token in placed] == [f"n{index:03d}" for index in range(600)]
    first_page = marker(chunks, 1).page
    pages = sorted({page for page, _ in placed})
    assert pages == [first_page, first_page + 1], "split once, onto the very next page"
    last_page = max(chunk.page for chunk in chunks)
    assert last_page > first_page + 1, "the body goes on after the continuation"
    for chunk in note_size:
        if re.search(r"n\d{3}", chunk.text):
            assert_below_the_body(chunks, chunk)
    continuation = [c for c in note_size if c.page == first_page + 1 and "n" in c.text]
    assert max(c.y for c in continuation) > min(c.y for c in continuation) + NOTE_SIZE
    assert not re.search(r"\d\)", " ".join(c.text for c in continuation)), "no second label"


def test_five_notes_on_one_page_stack_in_order_under_their_markers() -> None:
    sentences = []
    for number in range(1, 6):
        sentences += [f"Claim number {number} is made here.", FootnoteRef(number), " "]
    notes = tuple(
        Footnote(number, (Text(f"Source {number}. " + filler(12 * number, f"s{number}x")),))
        for number in range(1, 6)
    )
    brief = make_brief((para(filler(120, "a")), para(*sentences), para(filler(120, "z"))), notes)
    chunks = assert_notes_under_their_markers(brief)
    labels = [note_label(chunks, number) for number in range(1, 6)]
    assert len({label.page for label in labels}) == 1
    assert [label.y for label in labels] == sorted((label.y for label in labels), reverse=True)
    assert max(chunk.page for chunk in chunks) == labels[0].page, "nothing moved to the end"


def test_a_note_whose_marker_ends_the_document_stays_on_that_page() -> None:
    brief = make_brief(
        (para(filler(700, "a")), para("Last words.", FootnoteRef(1))),
        (Footnote(1, (Text("The only note."),)),),
    )
    chunks = assert_notes_under_their_markers(brief)
    assert note_label(chunks, 1).page == max(chunk.page for chunk in chunks)


@pytest.mark.parametrize("words_before", range(530, 650, 10))
def test_a_heading_keeps_with_the_first_two_lines_of_what_follows(words_before: int) -> None:
    brief = make_brief(
        (
            para(filler(words_before, "a")),
            Heading(2, (Text("Keep Heading"),)),
            para(filler(120, "k")),
        )
    )
    chunks = text_chunks(render_pdf(brief))
    heading = [c for c in chunks if "Keep Heading" in c.text]
    assert len(heading) == 1
    following = [c for c in sorted(chunks, key=lambda c: (c.page, -c.y)) if "k0" in c.text][:2]
    assert {chunk.page for chunk in following} == {heading[0].page}
