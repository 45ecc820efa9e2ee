"""Typographic quotes: straight quotes typed by an author come out curly, as the house
style sets them, in both formats; escapes, addresses and `quotes: as-typed` keep them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.render.docx import render_docx
from generator.render.pdf import render_pdf
from generator.source import brief_for, load_source
from generator.source.typography import smart_quotes, smart_quotes_in
from tests.conftest import MINIMAL_SOURCE, SAMPLE
from tests.test_properties import docx_text, pdf_text


@pytest.mark.parametrize(("typed", "printed"), [
    ('won against "evil." Recalling', "won against \u201cevil.\u201d Recalling"),
    ("Russia's intention", "Russia\u2019s intention"),
    ("Korea as a 'weak link' in", "Korea as a \u2018weak link\u2019 in"),
    ("the students' views", "the students\u2019 views"),
    ("in the '90s", "in the \u201990s"),
    ("\"'Hello,' he said.\"", "\u201c\u2018Hello,\u2019 he said.\u201d"),
    ('("holy war")', "(\u201choly war\u201d)"),
    ("a \u2014\"quote\"", "a \u2014\u201cquote\u201d"),
    ('"악"에 맞서', "\u201c악\u201d에 맞서"),
    ("already \u201ccurly\u201d stays", "already \u201ccurly\u201d stays"),
    ('5 " 6', '5 " 6'),  # a quote alone between spaces opens and closes nothing
])
def test_straight_quotes_become_the_curly_quotes_a_typesetter_would_set(
    typed: str, printed: str
) -> None:
    assert smart_quotes_in(typed) == printed


def test_a_quote_is_judged_across_pieces_and_fixed_pieces_stay_as_typed() -> None:
    assert smart_quotes([('say "', True), ("evil", True), ('" now', True)]) == [
        "say \u201c", "evil", "\u201d now"]
    assert smart_quotes([("a ", True), ('"', False), ('b"', True)]) == ["a ", '"', "b\u201d"]


def _rendered_text(tmp_path: Path, source: str) -> tuple[str, str]:
    path = tmp_path / "brief.yaml"
    path.write_text(source, encoding="utf-8")
    brief = brief_for(load_source(path), "en")
    return docx_text(render_docx(brief)), pdf_text(render_pdf(brief))


QUOTED = MINIMAL_SOURCE.replace("title: A Title", "title: Russia's \"Holy War\"").replace(
    "    First paragraph.[^1]",
    "    Kim said \"*evil*\" and 'weak link'; escaped \\\"as typed\\\"; "
    "<https://example.org/?q='x'>.[^1]",
).replace("    [^1]: A note.", "    [^1]: \"Title,\" Month D, YYYY.")


def test_both_formats_print_curly_quotes_in_title_body_emphasis_and_notes(
    tmp_path: Path,
) -> None:
    for text in _rendered_text(tmp_path, QUOTED):
        assert "Russia\u2019s \u201cHoly War\u201d" in text
        assert "Kim said \u201cevil\u201d and \u2018weak link\u2019" in text
        assert "\u201cTitle,\u201d Month D, YYYY." in text


def test_escaped_quotes_and_addresses_keep_their_straight_quotes(tmp_path: Path) -> None:
    for text in _rendered_text(tmp_path, QUOTED):
        assert 'escaped "as typed"' in text
        assert "https://example.org/?q='x'" in text


def test_quotes_as_typed_turns_curly_quotes_off(tmp_path: Path) -> None:
    source = QUOTED.replace("body:\n", "quotes: as-typed\nbody:\n")
    for text in _rendered_text(tmp_path, source):
        assert "Russia's \"Holy War\"" in text
        assert "Kim said \"evil\" and 'weak link'" in text
        assert "\u201c" not in text and "\u2019" not in text


def test_an_unknown_quotes_setting_is_a_located_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "brief.yaml"
    path.write_text(MINIMAL_SOURCE.replace("body:\n", "quotes: fancy\nbody:\n"), "utf-8")
    assert main(["check", str(path)]) == 1
    error = capsys.readouterr().err
    assert error == (f"{path}:8:9: error: quotes must be one of 'curly', 'as-typed', "
                     "not 'fancy'\n")


def test_the_sample_has_no_straight_quote_left_in_its_english_text() -> None:
    brief = brief_for(load_source(SAMPLE), "en")
    for text in (docx_text(render_docx(brief)), pdf_text(render_pdf(brief))):
        assert '"' not in text and "'" not in text
        assert "\u201cevil.\u201d" in text and "\u2018weak link\u2019" in text
        assert "Solovyov\u2019s views" in text and "Russia\u2019s intention" in text
