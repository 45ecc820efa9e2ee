"""Key points are plain text: Markdown in one is a located error, never printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.source import load_source
from tests.conftest import MINIMAL_SOURCE


def with_key_points(*lines: str) -> str:
    """MINIMAL_SOURCE with a `summary` block: each line as written after `    - `."""
    return MINIMAL_SOURCE + "summary:\n  en:\n" + "".join(f"    - {line}\n" for line in lines)


def errors_of(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> list[str]:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["check", str(path)])
    errors = [line.replace(f"{path}:", "", 1) for line in capsys.readouterr().err.splitlines()]
    assert code == (1 if errors else 0)
    return errors


SUMMARY_LINE = MINIMAL_SOURCE.count("\n") + 3  # the first key point's line


def test_bold_in_a_key_point_is_refused_at_its_asterisks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    errors = errors_of(tmp_path, capsys, with_key_points("Plain point.", "A **bold** claim."))
    assert errors == [
        f"{SUMMARY_LINE + 1}:9: error: key points are plain text, not Markdown: strong "
        "emphasis '**bold**' would be printed with its markup; write the point without it"]


@pytest.mark.parametrize("point, column, what", [
    ("An *emphasised* word.", 10, "emphasis '*emphasised*'"),
    ("See [the report](https://example.org).", 11, "a link '[the report](https://example.org)'"),
    ("See <https://example.org>.", 11, "a link '<https://example.org>'"),
    ("Run `make`.", 11, "code '`make`'"),
    ("A <b>tag</b>.", 9, "raw HTML '<b>'"),
])
def test_every_inline_construct_is_refused_where_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], point: str, column: int, what: str,
) -> None:
    errors = errors_of(tmp_path, capsys, with_key_points(point))
    assert errors[0].startswith(f"{SUMMARY_LINE}:{column}: error: key points are plain "
                                f"text, not Markdown: {what} would be printed")


def test_a_quoted_key_point_is_located_inside_its_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    errors = errors_of(tmp_path, capsys, with_key_points('"Caf\\u00e9 **now**"'))
    assert errors[0].startswith(f"{SUMMARY_LINE}:18: error: key points are plain text")


def test_lone_asterisks_and_underscores_are_ordinary_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    points = ("Growth of 2 * 3 percent.", "The snake_case_name stays.",
              "A footnote-like mark * here, and _ there.", "Brackets [1] and a < b.")
    assert errors_of(tmp_path, capsys, with_key_points(*points)) == []
    source = load_source(tmp_path / "brief.yaml")
    assert source.summaries["en"][0] == "Growth of 2 * 3 percent."
