"""The PDF's closing matter (`©KINU YYYY` and the `※` disclaimer) stays on one page with
at least the last CLOSING_MATTER_BODY_LINES lines of the body: never split, never alone.

Each case is forced: bodies are made to end at every line around the foot of a page
(found on a probe render, so the test follows any change in line breaking), and a last
note is grown line by line under a body that ends mid-page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import pytest

from generator.model.nodes import Block, Brief, Footnote, FootnoteRef, Text
from generator.render.pdf import render_pdf
from generator.source import load_brief
from generator.style.house import CLOSING_MATTER_BODY_LINES
from tests.conftest import SAMPLE
from tests.test_pdf_render import Chunk, body_chunks, para, text_chunks

CASES = [(language, variant) for language in ("en", "ko") for variant in ("full", "exec")]


HANGUL_DIGITS = "영일이삼사오육칠팔구"


def words(count: int, language: str, tag: str = "w") -> str:
    """`count` distinct words, all in the edition's script (Korean: Hangul only)."""
    if language == "ko":
        return " ".join("말" + "".join(HANGUL_DIGITS[int(digit)] for digit in f"{index:03d}")
                        for index in range(count))
    return " ".join(f"{tag}{index:03d}" for index in range(count))


@cache
def sample(language: str, variant: str) -> Brief:
    return load_brief(SAMPLE, language, variant)


def brief_with(language: str, variant: str, body: tuple[Block, ...],
               notes: tuple[Footnote, ...] = ()) -> Brief:
    """The sample's front matter (and key-point box for exec) with `body` and `notes`."""
    sample_brief = sample(language, variant)
    head = sample_brief.blocks[:1] if variant == "exec" else ()
    return replace(sample_brief, blocks=head + body, footnotes=notes)


def body_lines(chunks: list[Chunk], page: int) -> int:
    return len({round(chunk.y, 1) for chunk in body_chunks(chunks) if chunk.page == page})


def assert_closing_matter_with_the_body(brief: Brief) -> None:
    chunks = text_chunks(render_pdf(brief))
    copyright_pages = [chunk.page for chunk in chunks if "©KINU" in chunk.text]
    disclaimer_pages = [chunk.page for chunk in chunks if chunk.text.lstrip().startswith("※")]
    assert len(copyright_pages) == 1 and len(disclaimer_pages) == 1
    page = copyright_pages[0]
    assert disclaimer_pages == [page], "the © line and the disclaimer are parted"
    assert body_lines(chunks, page) >= CLOSING_MATTER_BODY_LINES, f"page {page}"


def first_page_foot(language: str, variant: str) -> tuple[int, int]:
    """How many words of one paragraph fill the first page, and words per line."""
    probe = brief_with(language, variant, (para(words(1200, language)),))
    pattern = re.compile(f"말[{HANGUL_DIGITS}]{{3}}" if language == "ko" else r"w\d{3}")
    lines = [pattern.findall(chunk.text) for chunk in text_chunks(render_pdf(probe))
             if chunk.page == 1]
    return sum(len(line) for line in lines), max(len(line) for line in lines)


@pytest.mark.parametrize(("language", "variant"), CASES)
def test_closing_matter_keeps_with_a_body_ending_at_any_line_near_the_page_foot(
    language: str, variant: str
) -> None:
    foot, per_line = first_page_foot(language, variant)
    for count in range(foot - 7 * per_line, foot + 2 * per_line, max(1, per_line // 2)):
        assert_closing_matter_with_the_body(
            brief_with(language, variant, (para(words(count, language)),)))


@pytest.mark.parametrize(("language", "variant"), CASES)
def test_closing_matter_keeps_with_the_body_above_a_growing_last_note(
    language: str, variant: str
) -> None:
    foot, per_line = first_page_foot(language, variant)
    body = para(words(foot - 8 * per_line, language), FootnoteRef(1))
    for count in range(0, 16 * per_line, max(1, per_line // 2)):
        note = Footnote(1, (Text("A source. " + words(count, language, "n")),))
        assert_closing_matter_with_the_body(brief_with(language, variant, (body,), (note,)))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_one_line_last_paragraph_brings_lines_of_the_one_before(language: str) -> None:
    foot, per_line = first_page_foot(language, "full")
    for count in range(foot - 6 * per_line, foot + per_line, max(1, per_line // 2)):
        body = (para(words(count, language)), para("끝." if language == "ko" else "The end."))
        assert_closing_matter_with_the_body(brief_with(language, "full", body))


@pytest.mark.parametrize(("language", "variant"), CASES)
def test_closing_matter_keeps_with_the_body_above_a_last_note_longer_than_a_page(
    language: str, variant: str
) -> None:
    foot, per_line = first_page_foot(language, variant)
    body = (para(words(foot - 3 * per_line, language)), para("Last words.", FootnoteRef(1)))
    note = Footnote(1, (Text(words(2500, language, "n")),))
    assert_closing_matter_with_the_body(brief_with(language, variant, body, (note,)))
