"""Source checking: clean sources pass, scalars keep their text, broken ones exit 1.

The table of broken sources and their exact error lines is the corpus in
tests/corpus/ (tests/test_corpus.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.cli import main
from tests.conftest import MINIMAL_SOURCE


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
