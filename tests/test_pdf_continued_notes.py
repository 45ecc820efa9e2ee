"""A note continued on the next page is marked as Word marks it: its rest sits under a
rule across the whole text width, where every other page's notes have the short rule.

The rules are read from the content stream (stroked lines) and from rendered pixels.
"""

from __future__ import annotations

import io

import pypdf
import pypdfium2
import pytest
from pypdf.generic import ContentStream

from generator.model.nodes import Brief, Footnote, FootnoteRef, Text
from generator.render.pdf import render_pdf
from generator.style.house import A4, CONTINUED_NOTE_RULE_WIDTH, FOOTNOTES
from tests.test_pdf_render import filler, make_brief, para

SHORT = FOOTNOTES.rule_width.points
FULL = CONTINUED_NOTE_RULE_WIDTH.points
SCALE = 2.0  # 144 dpi: a rule of half a point is a row of dark pixels


def stroked_widths(pdf: bytes) -> list[list[float]]:
    """Per page, the horizontal length of every stroked straight line."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        widths, start = [], (0.0, 0.0)
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"m":
                start = (float(operands[0]), float(operands[1]))
            elif operator == b"l" and abs(float(operands[1]) - start[1]) < 1e-3:
                widths.append(float(operands[0]) - start[0])
        pages.append(widths)
    return pages


def longest_dark_row(pdf: bytes) -> list[float]:
    """Per page, the most dark pixels in one row of the text area's lower half, as a
    share of the text width: a full-width rule reaches 1."""
    left = round(A4.margin_left.points * SCALE)
    right = round((A4.width.points - A4.margin_right.points) * SCALE)
    shares = []
    for page in pypdfium2.PdfDocument(pdf):
        image = page.render(scale=SCALE, grayscale=True).to_pil().convert("L")
        top = image.height // 2
        bottom = round((A4.height.points - A4.margin_bottom.points) * SCALE)
        area = image.crop((left, top, right, bottom)).point(lambda v: 255 if v < 160 else 0)
        rows = [area.crop((0, row, area.width, row + 1)).histogram()[255]
                for row in range(area.height)]
        shares.append(max(rows) / area.width)
    return shares


def brief_with_a_long_note() -> Brief:
    """A note of 600 words, longer than what is left of its marker's page, and a short
    note two pages on."""
    blocks = (
        para(filler(330, "a")),
        para("The marker comes here.", FootnoteRef(1), " ", filler(900, "b")),
        para("A second marker.", FootnoteRef(2), " ", filler(200, "c")),
    )
    notes = (Footnote(1, (Text(filler(600, "n")),)), Footnote(2, (Text("A short note."),)))
    return make_brief(blocks, notes)


@pytest.fixture(scope="module")
def continued() -> bytes:
    return render_pdf(brief_with_a_long_note())


def test_the_rest_of_a_continued_note_sits_under_a_full_width_rule(continued: bytes) -> None:
    widths = stroked_widths(continued)
    with_notes = [number for number, rules in enumerate(widths) if rules]
    assert len(with_notes) >= 3, widths
    marker_page, continuation_page = with_notes[0], with_notes[1]
    assert widths[marker_page] == [pytest.approx(SHORT)]
    assert widths[continuation_page] == [pytest.approx(FULL)]
    for number in with_notes[2:]:
        assert widths[number] == [pytest.approx(SHORT)], f"page {number + 1}"


def test_the_continuation_rule_is_seen_across_the_text_width(continued: bytes) -> None:
    shares = longest_dark_row(continued)
    widths = stroked_widths(continued)
    continuation_page = [number for number, rules in enumerate(widths) if rules][1]
    assert shares[continuation_page] > 0.98
    others = [share for number, share in enumerate(shares) if number != continuation_page]
    assert max(others) < 0.9 * FULL / A4.text_width.points
    assert max(others) > 0.9 * SHORT / A4.text_width.points, "the short rule is drawn"


def test_a_note_continued_past_the_end_of_the_body_is_marked_on_every_page() -> None:
    blocks = (para(filler(400, "a")), para("Last words.", FootnoteRef(1)))
    long_note = Footnote(1, (Text(filler(2500, "n")),))
    widths = stroked_widths(render_pdf(make_brief(blocks, (long_note,))))
    assert len(widths) >= 3, "the note runs onto pages of notes only"
    assert widths[0] == [pytest.approx(SHORT)]
    assert widths[1:] == [[pytest.approx(FULL)]] * (len(widths) - 1)


def test_no_rule_is_full_width_without_a_continued_note() -> None:
    blocks = (para(filler(300, "a")), para("Marker.", FootnoteRef(1), " ", filler(700, "b")))
    pdf = render_pdf(make_brief(blocks, (Footnote(1, (Text("A short note."),)),)))
    assert [rules for rules in stroked_widths(pdf) if rules] == [[pytest.approx(SHORT)]]
