"""How the PDF breaks and fills its lines, read back from the printed pages.

English is hyphenated (at most two hyphenated lines in a row, never the last word of a
paragraph); Korean breaks between words only and fills a loose line with a little
space between syllables rather than holes; a URL breaks only after / ? & = - or .
Lines and word gaps are measured as benchmarks/word_spaces.py measures them (the
characters' positions on the page, through pdfium).
"""

from __future__ import annotations

import marshal
import re
from functools import cache
from pathlib import Path

import pypdf
import pyphen
import pytest

from benchmarks.word_spaces import Line, justified_lines, pdf_lines, percentile
from generator.model.nodes import Paragraph, plain_text
from generator.render.pdf import render_pdf
from generator.render.pdf.fragments import FragmentBuilder
from generator.render.pdf.hyphenation_cache import dictionary_of_patterns
from generator.render.pdf.line_breaking import line_text, url_break_pairs
from generator.render.pdf.role_items import inline_style
from generator.render.pdf.styles import paragraph_style
from generator.source import load_brief
from generator.style.house import HANGUL_JUSTIFICATION, HYPHENATION, URL_BREAK_AFTER
from tests.conftest import SAMPLE
from tests.test_pdf_render import dehyphenated

BODY = 11.0  # pt: the body role's size
SAMPLE_URL = (
    "https://www.kinu.or.kr/www/jsp/prg/api/dlV.jsp?menuIdx=351&category=53&thisPage=1"
    "&biblioId=1540366"
)
# Before: English body lines stretched their spaces by up to 3.6 pt (p95 3.1 pt); the
# Korean key-point boxes had word gaps of 0.9 em.
ENGLISH_P95_STRETCH = 2.0  # pt
KOREAN_WIDEST_GAP = 0.6  # em, the space included


@cache
def sample_pdf(language: str, variant: str, directory: Path) -> Path:
    path = directory / f"{language}-{variant}.pdf"
    path.write_bytes(render_pdf(load_brief(SAMPLE, language, variant)))
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("line-breaking")


def _ends_in_renderer_hyphen(line: Line, following: Line) -> bool:
    return dehyphenated(f"{line.text}\n{following.text}") != f"{line.text}\n{following.text}"


def _hyphenated_runs(lines: list[Line]) -> list[int]:
    """The lengths of the runs of consecutive lines that end in a hyphen the renderer put."""
    runs, run = [], 0
    for line, following in zip(lines, lines[1:], strict=False):
        if line.page == following.page and _ends_in_renderer_hyphen(line, following):
            run += 1
        elif run:
            runs.append(run)
            run = 0
    return runs + ([run] if run else [])


def test_the_english_sample_is_hyphenated_at_most_two_lines_in_a_row(pages: Path) -> None:
    lines = [line for line in pdf_lines(sample_pdf("en", "full", pages)) if line.size == BODY]
    runs = _hyphenated_runs(lines)
    assert sum(runs) >= 5, "the sample's body has hyphenated lines"
    assert max(runs) <= HYPHENATION["en"].max_consecutive


def test_no_paragraph_of_the_english_sample_ends_in_a_split_word(pages: Path) -> None:
    printed = " ".join(line.text for line in pdf_lines(sample_pdf("en", "full", pages)))
    printed = re.sub(r"\s+", " ", printed)
    for block in load_brief(SAMPLE, "en").blocks:
        if isinstance(block, Paragraph):
            last_words = " ".join(plain_text(block.inlines).split()[-2:])
            assert last_words in printed, last_words


def test_the_english_sample_word_spaces_stretch_little(pages: Path) -> None:
    lines = justified_lines(pdf_lines(sample_pdf("en", "full", pages)))
    stretches = [line.excess for line in lines if line.size == BODY]
    assert len(stretches) > 100
    assert percentile(stretches, 0.95) <= ENGLISH_P95_STRETCH


def test_korean_is_never_hyphenated(pages: Path) -> None:
    text = "\n".join(line.text for line in pdf_lines(sample_pdf("ko", "full", pages)))
    assert dehyphenated(text) == text
    paragraph = _paragraph("body", "ko", "internationalization 국제화와 " * 20, 120)
    assert not any(line.rstrip().endswith("-") for line in paragraph)


@pytest.mark.parametrize("variant", ["exec", "handout"])
def test_korean_justified_lines_have_no_holes_between_words(pages: Path, variant: str) -> None:
    lines = justified_lines(pdf_lines(sample_pdf("ko", variant, pages)))
    hangul = [line for line in lines if re.search("[가-힣]", line.text)]
    assert len(hangul) >= 5
    widest = max(hangul, key=lambda line: line.widest_gap_em)
    assert widest.widest_gap_em <= KOREAN_WIDEST_GAP, widest.text


def test_korean_loose_lines_spread_at_most_the_house_letter_space(pages: Path) -> None:
    content = pypdf.PdfReader(sample_pdf("ko", "exec", pages)).pages[0].get_contents()
    spacings = [float(value) for value in re.findall(rb"([-\d.]+) Tc", content.get_data())]
    assert any(spacing > 0 for spacing in spacings), "the box's loose lines are letter-spaced"
    size = 11.5  # the largest size of justified Korean (a handout's points)
    assert max(spacings) <= HANGUL_JUSTIFICATION.letter_space * size + 1e-6


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_handout_url_breaks_only_after_the_house_characters(
    pages: Path, language: str
) -> None:
    lines = [line.text.strip() for line in pdf_lines(sample_pdf(language, "handout", pages))]
    first = next(index for index, text in enumerate(lines) if text.startswith("https://"))
    pieces = []
    while "".join(pieces) != SAMPLE_URL:
        pieces.append(lines[first + len(pieces)])
        assert SAMPLE_URL.startswith("".join(pieces)), pieces
    assert len(pieces) >= 2, "the address is longer than its column"
    assert all(piece[-1] in URL_BREAK_AFTER for piece in pieces[:-1]), pieces


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_handout_url_links_to_the_exact_address(pages: Path, language: str) -> None:
    page = pypdf.PdfReader(sample_pdf(language, "handout", pages)).pages[0]
    targets = [annotation.get_object()["/A"]["/URI"] for annotation in page["/Annots"]]
    assert targets and set(targets) == {SAMPLE_URL}


def test_a_note_url_breaks_only_after_the_house_characters() -> None:
    address = "<https://globalaffairs.ru/articles/k-75-letiyu-kndr/?page=12&sort=date>"
    lines = _paragraph("footnote", "en", f"See {address} (Accessed September 14, 2023).", 110)
    assert "".join(lines).replace(" ", "").find(address) >= 0
    for line, following in zip(lines, lines[1:], strict=False):
        if line.rstrip()[-1:] not in " ," and address.find(line.split()[-1]) >= 0:
            assert line.rstrip()[-1] in URL_BREAK_AFTER, (line, following)


def test_url_break_points_are_never_inside_a_word() -> None:
    pairs = url_break_pairs(SAMPLE_URL)
    assert pairs
    heads = [head for head, _ in pairs]
    assert heads == sorted(heads, key=len, reverse=True), "the longest head first"
    assert all(head[-1] in URL_BREAK_AFTER for head in heads)
    assert "https:" not in heads and "https:/" not in heads
    assert url_break_pairs("hyphenation") is None, "a word is no address"


def test_a_narrow_english_paragraph_keeps_the_hyphenation_rules() -> None:
    lines = _paragraph("body", "en", "internationalization responsibilities " * 12, 120)
    hyphenated = [line.endswith("-") for line in lines]
    assert any(hyphenated)
    limit = HYPHENATION["en"].max_consecutive
    for start in range(len(lines) - limit):
        assert not all(hyphenated[start : start + limit + 1]), lines
    assert not hyphenated[-2] or len(lines[-1].split()) > 1, lines


def _paragraph(role_name: str, language: str, text: str, width: float) -> list[str]:
    """`text` set in `role_name` at `width` points: its lines."""
    paragraph = FragmentBuilder(paragraph_style(role_name)).text(
        text, inline_style(role_name, language)).paragraph()
    paragraph.wrap(width, 1e9)
    return [line_text(paragraph.blPara, line) for line in paragraph.blPara.lines]


def test_remembered_hyphenation_patterns_equal_the_parsed_ones() -> None:
    parsed = pyphen.HyphDict(Path(pyphen.LANGUAGES[HYPHENATION["en"].patterns]))
    remembered = dictionary_of_patterns(marshal.loads(marshal.dumps(parsed.patterns)))
    assert vars(remembered) == vars(parsed)
