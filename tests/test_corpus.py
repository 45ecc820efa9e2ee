"""The malformed-source corpus: every broken source gives its exact error lines.

tests/corpus/NN-name.yaml is a broken source (any bytes); NN-name.expected holds the
exact `path:line:col: error: message` lines `kinu-brief check` must print for it,
with `{path}` for the file's path. Sources too big to commit (the size cap, the
paragraph and footnote limits) are generated here, with their expected lines.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.source.limits import (
    MAX_BLOCK_CHARACTERS,
    MAX_BLOCKS,
    MAX_FOOTNOTES,
    MAX_SOURCE_BYTES,
)
from tests.conftest import MINIMAL_SOURCE

CORPUS = Path(__file__).resolve().parent / "corpus"
CORPUS_CASES = sorted(path.stem for path in CORPUS.glob("*.yaml"))

_BODY = "    First paragraph.[^1]\n\n    [^1]: A note.\n"
_BODY_LINE = MINIMAL_SOURCE.splitlines().index("  en: |") + 2  # file line of the body's line 1


def _with_body(lines: list[str]) -> str:
    """MINIMAL_SOURCE with `lines` (each indented) as its body."""
    return MINIMAL_SOURCE.replace(_BODY, "".join(f"    {line}\n" if line else "\n"
                                                  for line in lines))


def _too_many_paragraphs() -> tuple[str, list[str]]:
    lines = [line for number in range(MAX_BLOCKS + 1) for line in (f"Paragraph {number}.", "")]
    line = _BODY_LINE + 2 * MAX_BLOCKS
    return _with_body(lines), [f"{{path}}:{line}:5: error: more than {MAX_BLOCKS} paragraphs "
                               f"and headings in this body; the limit is {MAX_BLOCKS}"]


def _too_many_footnotes() -> tuple[str, list[str]]:
    count = MAX_FOOTNOTES + 1
    lines = ["Text" + "".join(f"[^{number}]" for number in range(count)), ""]
    lines += [line for number in range(count) for line in (f"[^{number}]: Note.", "")]
    line = _BODY_LINE + 2 + 2 * MAX_FOOTNOTES
    return _with_body(lines), [f"{{path}}:{line}:5: error: more than {MAX_FOOTNOTES} "
                               f"footnotes in this body; the limit is {MAX_FOOTNOTES}"]


def _paragraph_too_long() -> tuple[str, list[str]]:
    text = ("word " * MAX_BLOCK_CHARACTERS)[: MAX_BLOCK_CHARACTERS - 3] + "[^1]"
    return _with_body([text, "", "[^1]: A note."]), [
        f"{{path}}:{_BODY_LINE}:5: error: paragraph of {MAX_BLOCK_CHARACTERS + 1} characters; "
        f"the limit is {MAX_BLOCK_CHARACTERS} (split it with a blank line)"]


def _fifty_megabytes() -> tuple[bytes, list[str]]:
    content = (MINIMAL_SOURCE + "# padding\n" * (5 * 1024 * 1024)).encode()
    return content, [f"{{path}}:1:1: error: source is {len(content)} bytes; the limit is "
                     f"{MAX_SOURCE_BYTES} bytes"]


def _one_byte_over_the_cap() -> tuple[bytes, list[str]]:
    padding = MAX_SOURCE_BYTES + 1 - len(MINIMAL_SOURCE.encode())
    content = (MINIMAL_SOURCE + "#" * (padding - 1) + "\n").encode()
    return content, [f"{{path}}:1:1: error: source is {MAX_SOURCE_BYTES + 1} bytes; the "
                     f"limit is {MAX_SOURCE_BYTES} bytes"]


GENERATED: dict[str, Callable[[], tuple[str | bytes, list[str]]]] = {
    "g1-too-many-paragraphs": _too_many_paragraphs,
    "g2-too-many-footnotes": _too_many_footnotes,
    "g3-paragraph-too-long": _paragraph_too_long,
    "g4-fifty-megabytes": _fifty_megabytes,
    "g5-one-byte-over-the-size-cap": _one_byte_over_the_cap,
}


def _expected(stem: str) -> list[str]:
    return (CORPUS / f"{stem}.expected").read_text(encoding="utf-8").splitlines()


def _lines_for(path: Path, expected: list[str]) -> list[str]:
    return [line.replace("{path}", str(path)) for line in expected]


def _write(folder: Path, stem: str, content: str | bytes) -> Path:
    path = folder / f"{stem}.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_the_corpus_holds_enough_cases() -> None:
    assert len(CORPUS_CASES) + len(GENERATED) >= 40
    for stem in CORPUS_CASES:
        assert _expected(stem), f"{stem}.expected is missing or empty"


@pytest.mark.parametrize("stem", CORPUS_CASES)
def test_corpus_source_gives_its_exact_errors(stem: str, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    path = CORPUS / f"{stem}.yaml"
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == _lines_for(path, _expected(stem))


@pytest.mark.parametrize("stem", sorted(GENERATED))
def test_generated_source_gives_its_exact_errors(
    stem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = GENERATED[stem]()
    path = _write(tmp_path, stem, content)
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == _lines_for(path, expected)


def test_a_source_exactly_at_the_size_cap_is_read(tmp_path: Path) -> None:
    padding = MAX_SOURCE_BYTES - len(MINIMAL_SOURCE.encode())
    path = _write(tmp_path, "at-the-cap", MINIMAL_SOURCE + "#" * (padding - 1) + "\n")
    assert path.stat().st_size == MAX_SOURCE_BYTES
    assert main(["check", str(path)]) == 0


def test_generate_over_the_whole_corpus_builds_only_the_good_source(tmp_path: Path) -> None:
    """One run over every broken source and one good one, in a separate process:
    exit 1, each problem once as `path:line:col: error: message`, no traceback, and
    exactly the good source's output written."""
    folder = tmp_path / "sources"
    folder.mkdir()
    expected: list[str] = []
    for stem in CORPUS_CASES:
        path = _write(folder, stem, (CORPUS / f"{stem}.yaml").read_bytes())
        expected += _lines_for(path, _expected(stem))
    for stem, make in GENERATED.items():
        content, lines = make()
        expected += _lines_for(_write(folder, stem, content), lines)
    _write(folder, "zz-good", MINIMAL_SOURCE)
    out = tmp_path / "output"
    process = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(folder), "--out", str(out),
         "--format", "docx", "--quiet"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert process.returncode == 1, process.stderr[-2000:]
    assert "Traceback" not in process.stderr + process.stdout
    reported = [line for line in process.stderr.splitlines() if line.startswith(str(folder))]
    assert sorted(reported) == sorted(expected)
    written = sorted(path.name for path in out.rglob("*") if path.suffix in (".docx", ".pdf"))
    assert written == ["zz-good-en-full.docx"]
