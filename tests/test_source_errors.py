"""Every broken source gives exact `path:line:col: error: message` lines and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL_SOURCE


def _replace(old: str, new: str) -> str:
    assert old in MINIMAL_SOURCE, old
    return MINIMAL_SOURCE.replace(old, new, 1)


# (case name, source text or bytes, expected error lines with {path} for the file)
BROKEN_SOURCES: list[tuple[str, str | bytes, list[str]]] = [
    ("unknown key with hint", _replace("title:", "titel:"), [
        "{path}:1:1: error: missing required field 'title' in the brief",
        "{path}:3:1: error: unknown key 'titel' in the brief (did you mean 'title'?)",
    ]),
    ("unknown author key", _replace("    position:", "    rank: x\n    position:"), [
        "{path}:6:5: error: unknown key 'rank' in authors[0] (known keys: division, name, position)",
    ]),
    ("number malformed", _replace("CO 23-30", "CO 2023-30"), [
        "{path}:1:9: error: number must look like 'CO 23-30' (CO, space, two-digit year, "
        "hyphen, two-digit sequence)",
    ]),
    ("number year differs from date", _replace("CO 23-30", "CO 22-30"), [
        "{path}:1:9: error: number CO 22-30 says 2022, but the date is in 2023",
    ]),
    ("date not in calendar", _replace("2023-09-14", "2023-02-30"), [
        "{path}:2:7: error: date 2023-02-30 is not a real calendar date",
    ]),
    ("date not ISO", _replace("2023-09-14", "14.09.2023"), [
        "{path}:2:7: error: date must be an ISO date like 2023-09-14",
    ]),
    ("duplicate key", _replace("title: A Title", "title: A\nnumber: CO 23-31"), [
        "{path}:4:1: error: duplicate key 'number' (first given at line 1)",
    ]),
    ("missing field", _replace("title: A Title\n", ""), [
        "{path}:1:1: error: missing required field 'title' in the brief",
    ]),
    ("wrong type", _replace("authors:\n", "authors: Hyun\nx:\n"), [
        "{path}:4:10: error: authors must be a list",
        "{path}:5:1: error: unknown key 'x' in the brief (known keys: authors, body, date, "
        "keywords, number, series, status, summary, title, url)",
    ]),
    ("empty title", _replace("title: A Title", "title: ''"), [
        "{path}:3:8: error: title must not be empty",
    ]),
    ("bad status and url", _replace("title: A Title", "status: published\ntitle: A\nurl: ftp://x"), [
        "{path}:3:9: error: status must be one of 'final', 'draft', 'embargoed', not 'published'",
        "{path}:5:6: error: url must be an http:// or https:// address without spaces",
    ]),
    ("body language without title text", _replace("title: A Title", "title: {ko: 제목}"), [
        "{path}:3:8: error: title has no 'en' text, but the body has an edition in 'en'",
    ]),
    ("bad language code", _replace("  en: |", "  English: |"), [
        "{path}:9:3: error: 'English' in body must be a two-letter lowercase language code "
        "such as 'en' or 'ko'",
    ]),
    ("undefined footnote", _replace("First paragraph.[^1]", "First paragraph.[^1] and [^9]"), [
        "{path}:10:30: error: footnote [^9] is not defined",
    ]),
    ("unused footnote", _replace("    [^1]: A note.", "    [^1]: A note.\n\n    [^2]: Unused."), [
        "{path}:14:5: error: footnote [^2] is defined but never referenced",
    ]),
    ("duplicate footnote", _replace("    [^1]: A note.", "    [^1]: A note.\n    [^1]: Again."), [
        "{path}:13:5: error: footnote [^1] is defined twice (first at line 12)",
    ]),
    ("raw html", _replace("First paragraph.", "First <b>bold</b> paragraph."), [
        "{path}:10:11: error: raw HTML is not supported",
    ]),
    ("image", _replace("First paragraph.", "An ![chart](chart.png) here."), [
        "{path}:10:8: error: images are not supported",
    ]),
    ("inline code", _replace("First paragraph.", "Some `code` here."), [
        "{path}:10:10: error: code is not supported",
    ]),
    ("level-1 heading", _replace("  en: |\n", "  en: |\n    # Big heading\n\n"), [
        "{path}:10:5: error: level-1 headings are not supported in the body (use ## or ###; "
        "the title is its own field)",
    ]),
    ("table", _replace("    First paragraph.[^1]\n", "    First.[^1]\n\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n"), [
        "{path}:12:5: error: tables are not supported",
    ]),
    ("javascript link", _replace("First paragraph.", "A [link](javascript:alert(1))."), [
        "{path}:10:14: error: link target 'javascript:alert(1)' must start with http://, "
        "https:// or mailto:",
    ]),
    ("yaml syntax", "number: CO 23-30\ntitle: [unclosed\n", [
        "{path}:3:1: error: YAML syntax: expected ',' or ']', but got '<stream end>'",
    ]),
    ("tab indentation", "number: CO 23-30\n\tdate: 2023-09-14\n", [
        "{path}:2:1: error: tab character: YAML indentation must use spaces",
    ]),
    ("anchor and alias", "number: &a CO 23-30\ndate: *a\n", [
        "{path}:1:9: error: YAML anchors and aliases are not allowed in a brief",
    ]),
    ("deep nesting", "a: " + "[" * 100 + "]" * 100 + "\n", [
        "{path}:1:35: error: nesting deeper than 32 levels",
    ]),
    ("empty file", "", [
        "{path}:1:1: error: the file is empty: a brief is a mapping of keys such as 'number', "
        "'date', 'title', 'authors', 'body'",
    ]),
    ("top-level list", "- a\n- b\n", [
        "{path}:1:1: error: the file is not a mapping: a brief is a mapping of keys such as "
        "'number', 'date', 'title', 'authors', 'body'",
    ]),
    ("control character", _replace("title: A Title", 'title: "bad \\x0b char"'), [
        "{path}:3:13: error: control character U+000B cannot go into a document",
    ]),
    ("NUL in body", _replace("First paragraph.", "First \\0 paragraph.").replace(
        "  en: |\n    First \\0 paragraph.[^1]\n\n    [^1]: A note.\n",
        '  en: "First \\0 paragraph.[^1]\\n\\n[^1]: A note.\\n"\n'), [
        "{path}:9:14: error: control character U+0000 cannot go into a document",
    ]),
    ("noncharacter", _replace("title: A Title", 'title: "A \\uFFFE"'), [
        "{path}:3:11: error: noncharacter U+FFFE cannot go into a document",
    ]),
    ("character no font covers", _replace("First paragraph.", "Thai ก here."), [
        "{path}:10:10: error: character U+0E01 THAI CHARACTER KO KAI is not covered by any "
        "shipped font",
    ]),
    ("emoji above the BMP", _replace("First paragraph.", "Smile 😀."), [
        "{path}:10:11: error: character U+1F600 GRINNING FACE is outside the Basic "
        "Multilingual Plane, which the PDF text layer cannot carry",
    ]),
    ("right-to-left text", _replace("First paragraph.", "Arabic ب here."), [
        "{path}:10:12: error: right-to-left character U+0628 ARABIC LETTER BEH is not supported",
    ]),
    ("invalid UTF-8", b"number: CO 23-30\ntitle: caf\xe9\n", [
        "{path}:2:11: error: invalid UTF-8 byte 0xE9",
    ]),
    ("UTF-16", "number: CO 23-30\n".encode("utf-16"), [
        "{path}:1:1: error: source is UTF-16; save it as UTF-8",
    ]),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [(content, expected) for _, content, expected in BROKEN_SOURCES],
    ids=[name for name, _, _ in BROKEN_SOURCES],
)
def test_broken_source_reports_every_problem_at_its_place(
    write_source, capsys, content: str | bytes, expected: list[str]  # type: ignore[no-untyped-def]
) -> None:
    path = write_source(content)
    assert main(["check", str(path)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert printed == [line.format(path=path) for line in expected]


def test_valid_minimal_source_checks_clean(write_source, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_source(MINIMAL_SOURCE)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().err == ""


def test_yaml_scalars_keep_their_text(write_source) -> None:  # type: ignore[no-untyped-def]
    from generator.source import load_brief

    source = MINIMAL_SOURCE.replace("title: A Title", "title: NO").replace(
        "position: Research Fellow", "position: 012").replace("division: Global", "division: 1.10 Global")
    brief = load_brief(write_source(source))
    assert brief.title == "NO"
    assert brief.authors[0].position == "012"
    assert brief.authors[0].division.startswith("1.10 ")


def test_oversized_source_is_refused(write_source, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_source(MINIMAL_SOURCE + "#" * (2 * 1024 * 1024) + "\n")
    assert main(["check", str(path)]) == 1
    assert "the limit is 1048576 bytes" in capsys.readouterr().err


def test_broken_source_as_a_process_exits_1_without_traceback(write_source) -> None:  # type: ignore[no-untyped-def]
    path = write_source("number: &a CO 23-30\n")
    process = subprocess.run([sys.executable, "-m", "generator", "check", str(path)],
                             capture_output=True, text=True, check=False)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert process.stderr.startswith(f"{path}:1:9: error: ")


def test_unknown_command_line_option_exits_2() -> None:
    process = subprocess.run([sys.executable, "-m", "generator", "generate", "--format", "rtf"],
                             capture_output=True, text=True, check=False)
    assert process.returncode == 2
    assert "unknown value 'rtf'" in process.stderr


def test_schema_command_prints_the_json_schema(capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["required"]) == {"number", "date", "title", "authors", "body"}


def test_sample_source_is_valid(sample_path: Path) -> None:
    assert main(["check", str(sample_path)]) == 0
