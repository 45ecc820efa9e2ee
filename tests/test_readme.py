"""The README's front door works as shown.

- The Quick start's generate command is run in a fresh folder holding a copy of
  `sources/`. Its install part (`python3 -m venv .venv && .venv/bin/pip install -q -e .`)
  is not run: it would need the package index (network) and a minute. In its place the
  folder's `.venv/bin/kinu-brief` is this test environment's own `kinu-brief`, which is
  what that install puts there; the rest of the line runs verbatim, through `sh`.
- The Quick start's test command is not run from inside the test suite (it runs this
  very suite); it must be, verbatim, the command `.ci/run` runs, so CI proves it.
- Every `kinu-brief …` command shown in the README and docs/ (in code blocks and inline
  code) parses with the command's real argument parser; `check` and `schema` are run.
- The README stays a front door: at most 120 lines, and its links lead somewhere.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import _parser, main
from tests.conftest import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
INSTALL_STEPS = ("python3 -m venv .venv", ".venv/bin/pip install")
COMMAND = re.compile(
    r"(?:^|[\s`(])(?:\S*/)?kinu-brief ((?:generate|watch|check|schema|packet)\b[^`\n&|>;)]*)")


def quick_start_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.DOTALL)


def test_the_readme_fits_on_a_screen_or_two() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 120


def test_the_quick_start_has_the_two_commands() -> None:
    blocks = quick_start_blocks()
    assert len(blocks) == 2
    assert all("\n" not in block for block in blocks)  # one line each, to copy


def test_the_quick_start_generates_the_sample_in_a_fresh_folder(tmp_path: Path) -> None:
    generate_line = quick_start_blocks()[0]
    steps = generate_line.split(" && ")
    assert [step for step in steps if step.startswith(INSTALL_STEPS)] == steps[:2]
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    command = Path(sys.executable).parent / "kinu-brief"
    assert command.is_file(), "kinu-brief is not installed beside this Python"
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "kinu-brief").symlink_to(command)
    result = subprocess.run(["sh", "-c", " && ".join(steps[2:])], cwd=tmp_path,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "co-23-30: built 4, skipped 0\n"
    assert sorted(path.name for path in (tmp_path / "output").glob("co-23-30-*")) == [
        "co-23-30-en-full.docx", "co-23-30-en-full.pdf",
        "co-23-30-ko-full.docx", "co-23-30-ko-full.pdf"]
    assert (tmp_path / "output" / "index.html").is_file()


def test_the_quick_start_test_command_is_what_ci_runs() -> None:
    test_line = quick_start_blocks()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_line in ci_lines
    for tool in ("ruff", "mypy", "pytest"):
        assert f".venv/bin/{tool}" in test_line
    for folder in re.search(r"ruff check ([^&]+)", test_line).group(1).split():  # type: ignore[union-attr]
        assert (ROOT / folder).is_dir(), folder


def shown_commands() -> list[tuple[str, str]]:
    """(file, arguments after `kinu-brief`) for every command shown, synopses aside."""
    found = []
    for path in [README, *DOCS]:
        for match in COMMAND.finditer(path.read_text(encoding="utf-8")):
            arguments = match.group(1).strip()
            if "[" not in arguments and "…" not in arguments:
                found.append((path.name, arguments))
    return found


def test_the_readme_shows_commands() -> None:
    shown = [arguments for name, arguments in shown_commands() if name == "README.md"]
    assert "generate sources/co-23-30.yaml" in shown
    assert any(arguments.startswith("check") for arguments in shown)
    assert any(arguments.startswith("watch") for arguments in shown)


@pytest.mark.parametrize("where, arguments", shown_commands())
def test_every_command_shown_parses(where: str, arguments: str) -> None:
    try:
        _parser().parse_args(shlex.split(arguments))
    except SystemExit as exit:
        pytest.fail(f"{where}: `kinu-brief {arguments}` is refused (exit {exit.code})")


def test_the_check_and_schema_commands_shown_run(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    shown = {arguments for _, arguments in shown_commands()}
    assert "check sources/" in shown and "schema" in shown
    assert main(["check", "sources/"]) == 0
    assert main(["schema"]) == 0
    assert '"$schema"' in capsys.readouterr().out


def test_the_links_of_the_readme_and_docs_lead_somewhere() -> None:
    for path in [README, *DOCS]:
        # Markdown shown as code (a brief's figure syntax) holds no links of the page.
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"`[^`\n]+`", "", text)
        for target in re.findall(r"\]\(([^)#\s]+)", text):
            if re.match(r"[a-z]+:", target):
                continue
            resolved = (path.parent / target).resolve()
            assert resolved.exists(), f"{path.name}: {target}"
