"""One source on several CPUs: its PDFs in a worker, its DOCX files in the main process.

The split must be invisible in what is built and reported: the same files, byte for
byte, the same statuses and the same located errors as a run in one process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import pool
from tests.batch_helpers import TWO_EDITIONS, generate, snapshot


@pytest.fixture
def split_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources run split by format, in order."""
    calls: list[str] = []
    original = pool._split_by_format

    def spy(task: pool.SourceTask) -> pool.SourceOutcome:
        calls.append(task.path.name)
        return original(task)

    monkeypatch.setattr(pool, "_split_by_format", spy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1694649600")  # the index page's time
    return calls


def contents(folder: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in snapshot(folder).items()}


def test_a_split_build_writes_the_files_of_a_one_process_build(
        tmp_path: Path, split_calls: list[str]) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(TWO_EDITIONS, encoding="utf-8")
    split_code, split = generate(source, tmp_path / "split", "-j", "2")
    single_code, single = generate(source, tmp_path / "single", "-j", "1")
    assert split_calls == ["brief.yaml"]
    assert split_code == single_code == 0
    assert split == single
    assert set(split.values()) == {"built"} and len(split) == 4
    assert contents(tmp_path / "split") == contents(tmp_path / "single")


def test_a_broken_source_reports_the_same_errors_split_or_not(
        tmp_path: Path, split_calls: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(TWO_EDITIONS.replace("title:", "titel:"), encoding="utf-8")
    assert generate(source, tmp_path / "split", "-j", "2")[0] == 1
    split_errors = capsys.readouterr().err
    assert generate(source, tmp_path / "single", "-j", "1")[0] == 1
    assert capsys.readouterr().err == split_errors
    assert f"{source}:3:1: error: unknown key 'titel'" in split_errors
    assert split_calls == ["brief.yaml"]


def test_a_missing_edition_is_reported_split_or_not(
        tmp_path: Path, split_calls: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(TWO_EDITIONS, encoding="utf-8")
    assert generate(source, tmp_path / "split", "-j", "2", "--lang", "fr")[0] == 1
    assert "no 'fr' edition in body (it holds: en, ko)" in capsys.readouterr().err


def test_only_the_stale_format_is_rebuilt_without_a_split(
        tmp_path: Path, split_calls: list[str]) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(TWO_EDITIONS, encoding="utf-8")
    out = tmp_path / "out"
    assert generate(source, out, "-j", "2")[0] == 0
    (out / "brief-ko-full.pdf").unlink()
    code, second = generate(source, out, "-j", "2")
    assert code == 0
    assert second == {"brief-en-full.docx": "skipped", "brief-en-full.pdf": "skipped",
                      "brief-ko-full.docx": "skipped", "brief-ko-full.pdf": "built"}
    assert split_calls == ["brief.yaml"]  # the first run only


def _broken_worker(formats: tuple[str, ...], thumbnails: bool = True) -> None:
    raise RuntimeError("this worker cannot start")


def test_a_worker_that_cannot_start_leaves_the_pdfs_to_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "brief.yaml").write_text(TWO_EDITIONS, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1694649600")
    expected_code, expected = generate(folder, tmp_path / "single", "-j", "1")
    monkeypatch.setattr(pool, "prepare_worker", _broken_worker)  # forked workers fail
    code, found = generate(folder, tmp_path / "broken", "-j", "2")
    assert (code, found) == (expected_code, expected) == (0, found)
    assert contents(tmp_path / "broken") == contents(tmp_path / "single")
