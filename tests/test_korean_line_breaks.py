"""Korean lines break between words (어절), never inside one — in every Korean PDF.

Checked against the source, not the renderer (tests/line_break_oracle.py): each printed
line, read back from the page with pdfium, must start and end where the source had a
breaking space, or inside an address after `/ ? & = - .`, or (English words in a
Korean PDF) at an en-US hyphenation point with the hyphen printed. The PDFs: the
sample's Korean edition in every variant with Korean and English front matter, its
English edition with Korean front matter, a Korean draft, the Korean and bilingual
briefs of tests/visual/briefs/, and generated Korean paragraphs (Hypothesis).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.nodes import Brief, Paragraph, Text
from generator.render.pdf import render_pdf, settle_handout
from generator.source import brief_for, load_source
from tests.conftest import SAMPLE
from tests.line_break_oracle import brief_units, line_problems, unit
from tests.printed_lines import Char, PrintedLine, printed_lines

BRIEFS = Path(__file__).resolve().parent / "visual" / "briefs"
KOREAN_BRIEFS = ("long-ko-notes", "hanja-ko", "bilingual-quotes", "continued-note")
VARIANTS = ("full", "exec", "handout")


def _sample_cases() -> list[tuple[str, str, str, str]]:
    """(source, edition, front matter, variant) of every Korean PDF: the sample's, its
    draft's, and the Korean and bilingual briefs'."""
    cases = [("co-23-30", "ko", front, variant) for front in ("ko", "en") for variant in VARIANTS]
    cases += [("co-23-30", "en", "ko", variant) for variant in VARIANTS]
    cases += [("co-23-30-draft", "ko", "ko", "full")]
    cases += [(name, "ko", "ko", variant) for name in KOREAN_BRIEFS for variant in VARIANTS]
    return cases


def _source_path(name: str, tmp: Path) -> Path:
    if name == "co-23-30":
        return SAMPLE
    if name == "co-23-30-draft":
        draft = tmp / "co-23-30-draft.yaml"
        if not draft.exists():
            draft.write_text(SAMPLE.read_text(encoding="utf-8").replace(
                "status: final\n", "status: draft\n"),
                             encoding="utf-8")
        return draft
    return BRIEFS / f"{name}.yaml"


@cache
def _brief(path: Path, edition: str, front: str, variant: str) -> Brief:
    return settle_handout(brief_for(load_source(path), edition, variant=variant,
                                    front_language=front))


def assert_breaks_between_words(brief: Brief, pdf: bytes) -> None:
    lines = printed_lines(pdf)
    assert lines, "the PDF has no text"
    problems = line_problems(lines, brief_units(brief))
    assert not problems, (f"{len(problems)} of {len(lines)} lines break where the source "
                          "has no break:\n" + "\n".join(problems[:12]))


@pytest.mark.parametrize(("name", "edition", "front", "variant"), _sample_cases(),
                         ids=str)
def test_every_line_of_a_korean_pdf_breaks_between_words(
    name: str, edition: str, front: str, variant: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = _source_path(name, tmp_path_factory.getbasetemp())
    brief = _brief(path, edition, front, variant)
    assert_breaks_between_words(brief, render_pdf(brief))


# ------------------------------------------------------------------ the oracle itself


def _line(text: str) -> PrintedLine:
    return PrintedLine(1, tuple(Char(character, 0.0, 0.0, 11.0, 0.0, 0.0)
                                for character in text))


def test_the_oracle_tells_a_break_inside_a_korean_word_from_one_between_words() -> None:
    units = [unit("북러 정상회담은 2019년 5월 블라디보스토크에서 열렸다.")]
    assert line_problems([_line("북러 정상회담은"), _line("2019년 5월 블라디보스토크에서 열렸다.")],
                         units) == []
    problems = line_problems([_line("북러 정상회"), _line("담은 2019년 5월")], units)
    assert problems and "inside a word: 북러정상회|담은2019년5월" in problems[0]


def test_the_oracle_allows_address_and_hyphenation_breaks_and_no_others() -> None:
    units = [unit("See https://www.kinu.or.kr/www/jsp?menuIdx=351 for an internationalization.")]
    assert line_problems([_line("See https://www.kinu.or.kr/"), _line("www/jsp?"),
                          _line("menuIdx=351 for an internationaliza-"), _line("tion.")],
                         units) == []
    assert line_problems([_line("See https:/"), _line("/www.kinu.or.kr/www/jsp?menuIdx=351")],
                         units), "never inside the scheme"
    assert line_problems([_line("See https://www.ki"), _line("nu.or.kr/www/jsp?menuIdx=351")],
                         units), "never inside an address's word"
    assert line_problems([_line("for an internati-"), _line("onalization.")], units), \
        "only at the patterns' hyphenation points"
    assert line_problems([_line("9월\u00a013일"), _line("러시아")],
                         [unit("9월\u00a013일 러시아")]) == []
    assert line_problems([_line("9월"), _line("13일 러시아")], [unit("9월\u00a013일 러시아")]), \
        "a no-break space joins"


# ------------------------------------------------------------------ generated Korean text

_SYLLABLES = st.integers(0xAC00, 0xD7A3).map(chr)
_KOREAN_WORD = st.text(_SYLLABLES, min_size=1, max_size=9)
_OTHER_WORD = st.sampled_from(["UN", "2023년", "9월", "S-400을", "“성전”에", "(검색일:", "90%를",
                               "‘러시아연방", "…", "TASS", "1시간", "북·러", "미-중"])
_WORDS = st.lists(st.one_of(_KOREAN_WORD, _KOREAN_WORD, _KOREAN_WORD, _OTHER_WORD),
                  min_size=30, max_size=160)


@cache
def _korean_base() -> Brief:
    return brief_for(load_source(SAMPLE), "ko", variant="full")


@settings(max_examples=25)
@given(paragraphs=st.lists(_WORDS.map(" ".join), min_size=1, max_size=3))
def test_generated_korean_paragraphs_break_between_words(paragraphs: list[str]) -> None:
    brief = replace(_korean_base(), blocks=tuple(Paragraph((Text(text),)) for text in paragraphs),
                    footnotes=())
    assert_breaks_between_words(brief, render_pdf(brief))
