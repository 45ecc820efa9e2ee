"""A build killed with SIGKILL at any moment leaves only complete files, and the next
run completes; overlapping runs on one output folder never interleave."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.build.manifest import MANIFEST_NAME
from generator.cli import EXIT_BUSY, main
from tests.batch_helpers import assert_valid_document, generate_command, run_generate, write_sources
from tests.conftest import ROOT

SOURCES = 4
KILLS = 6


def _is_temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(".partial")


def assert_folder_consistent(out: Path, *, finished: bool = True) -> None:
    """Every file is complete, and the manifest records no file that is not in place.

    After a kill (`finished` false) a recorded file may be newer than its record: a
    brief's outputs are renamed one after the other and the manifest saved after them,
    so a kill in between leaves the previous manifest with the previous files' hashes
    (the next run rebuilds what no longer matches; tests/test_crash_points.py checks
    that window exactly). Then only its presence is required."""
    for path in out.rglob("*"):
        if path.is_file() and not _is_temporary(path):
            assert_valid_document(path)
    manifest = out / MANIFEST_NAME
    if not manifest.exists():
        return
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    for name, record in recorded["outputs"].items():
        data = (out / name).read_bytes()
        assert not finished or hashlib.sha256(data).hexdigest() == record["sha256"], name
    for name, record in recorded["thumbnails"].items():
        data = (out / "thumbnails" / name).read_bytes()
        assert not finished or hashlib.sha256(data).hexdigest() == record["sha256"], name


def assert_lock_is_released(out: Path, within: float = 5.0) -> None:
    """The killed run's workers died with it: nothing holds the folder's lock."""
    handle = os.open(out, os.O_RDONLY)
    try:
        deadline = time.monotonic() + within
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                assert time.monotonic() < deadline, "a killed run's worker still holds the lock"
                time.sleep(0.05)
    finally:
        os.close(handle)


@pytest.mark.parametrize(("count", "window"), [
    (SOURCES, (0.2, 1.6)),  # a pool of workers, one task per source
    (1, (0.05, 0.45)),  # one source, split by format between a worker and the main process
])
def test_a_build_killed_at_random_moments_leaves_only_complete_files(
        tmp_path: Path, count: int, window: tuple[float, float]) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, count)
    out = tmp_path / "out"
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for attempt in range(KILLS):
        force = ("--force",) if attempt % 2 else ()
        process = subprocess.Popen(
            generate_command(str(sources), "--out", str(out), "-j", "2", "--quiet", *force),
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(*window))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if out.exists():
            try:
                assert_lock_is_released(out)
                assert_folder_consistent(out, finished=False)
            except AssertionError as error:
                raise AssertionError(f"seed {seed}, kill {attempt + 1}: {error}") from error
    finished = run_generate(str(sources), "--out", str(out), "-j", "2", "--wait")
    assert finished.returncode == 0, (seed, finished.stderr)
    assert not [path for path in out.rglob("*") if _is_temporary(path)]
    assert len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) == 2 * count
    assert_folder_consistent(out)


@contextmanager
def folder_locked(out: Path) -> Iterator[None]:
    """Hold the output folder's lock as another run would."""
    out.mkdir(parents=True, exist_ok=True)
    handle = os.open(out, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(handle)


def test_a_second_run_on_a_busy_folder_exits_75_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, 1)
    out = tmp_path / "out"
    with folder_locked(out):
        assert main(["generate", str(sources), "--out", str(out)]) == EXIT_BUSY == 75
    assert capsys.readouterr().err == (
        f"kinu-brief: another kinu-brief run is writing to {out}; not building "
        "(exit 75: try again later, or pass --wait)\n")
    assert list(out.iterdir()) == []


def test_with_wait_a_second_run_waits_for_the_first_then_builds(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, 1)
    out = tmp_path / "out"
    with folder_locked(out):
        waiting = subprocess.Popen(
            generate_command(str(sources), "--out", str(out), "--wait"), cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert waiting.poll() is None
        assert list(out.iterdir()) == []
    output, errors = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, errors
    assert "waiting for it to finish" in errors
    assert output.splitlines() == ["brief-01: built 4, skipped 0"]
