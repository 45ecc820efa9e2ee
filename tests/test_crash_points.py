"""A build killed (SIGKILL) at chosen points of its writes leaves each file the old
complete one or the new complete one, a manifest that records only what is on disk,
and a folder the next run repairs; a reader polling an output while builds rewrite it
never sees a truncated file.

The kills are placed by tests/crash_points.py, which wraps the `os`/`io` functions the
build writes with in a forked child: half-way through writing a file, after its bytes
are flushed, just before and just after its rename, and so on for the manifest. The
test does not rely on how the product writes (it compares bytes on disk with complete
builds of the old and new sources).
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
import zipfile
from pathlib import Path

import pytest

from generator.build.manifest import MANIFEST_NAME
from generator.cli import main
from tests.batch_helpers import TWO_EDITIONS, numbered, statuses
from tests.crash_points import Crash, run_in_child, start_child, wait_child

KILLED = -9
OLD = numbered(TWO_EDITIONS, 1)
NEW = OLD.replace("First paragraph.", "First paragraph, rewritten.").replace("첫 문단.", "첫 문단, 고침.")
OUTPUTS = ("brief-01-en-full.docx", "brief-01-en-full.pdf", "brief-01-ko-full.docx",
           "brief-01-ko-full.pdf")
THUMBNAILS = ("thumbnails/brief-01-en-full.png", "thumbnails/brief-01-ko-full.png")
DOCUMENTS = OUTPUTS + THUMBNAILS
ANY_OUTPUT = "brief-01-*-full.*"


def build(sources: Path, out: Path, *extra: str) -> dict[str, str]:
    report = out.parent / f"{out.name}-report.json"
    code = main(["generate", str(sources), "--out", str(out), "-j", "1", "--quiet",
                 "--report", str(report), *extra])
    assert code == 0
    return statuses(report)


def files(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def new_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The documents of a complete build of the new source."""
    folder = tmp_path_factory.mktemp("new")
    (folder / "sources").mkdir()
    (folder / "sources" / "brief-01.yaml").write_text(NEW, encoding="utf-8")
    build(folder / "sources", folder / "out")
    return {name: data for name, data in files(folder / "out").items() if name in DOCUMENTS}


@pytest.fixture
def built_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, bytes]]:
    """A folder built from the old source, the source then rewritten: (sources, out,
    the old files)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1694649600")
    sources = tmp_path / "sources"
    sources.mkdir()
    source = sources / "brief-01.yaml"
    source.write_text(OLD, encoding="utf-8")
    out = tmp_path / "out"
    build(sources, out)
    old = files(out)
    assert set(DOCUMENTS) <= set(old)
    source.write_text(NEW, encoding="utf-8")
    return sources, out, old


def assert_manifest_records_only_what_is_on_disk(out: Path) -> None:
    data = json.loads((out / MANIFEST_NAME).read_bytes())  # whole JSON
    for group, folder in (("outputs", out), ("thumbnails", out / "thumbnails")):
        for name, record in data[group].items():
            on_disk = folder / name
            assert on_disk.is_file(), f"the manifest records {name}, which is not there"
            assert hashlib.sha256(on_disk.read_bytes()).hexdigest() == record["sha256"], (
                f"the manifest records another {name} than the one on disk")


def versions(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, str]:
    """Each document: "old" or "new" (complete), anything else fails the test."""
    found = {}
    now = files(out)
    for name in DOCUMENTS:
        data = now.get(name)
        if data == old[name]:
            found[name] = "old"
        elif data == new[name]:
            found[name] = "new"
        else:
            size = "missing" if data is None else f"{len(data)} bytes"
            pytest.fail(f"{name} is neither the old nor the new complete file ({size}; old "
                        f"{len(old[name])}, new {len(new[name])} bytes)")
    return found


def assert_next_run_repairs(sources: Path, out: Path, new: dict[str, bytes]) -> None:
    build(sources, out)
    now = files(out)
    assert {name: now.get(name) for name in DOCUMENTS} == new, "the next run left old files"
    assert not [name for name in now if name.endswith(".partial")], "temporaries left"
    assert_manifest_records_only_what_is_on_disk(out)
    assert set(build(sources, out).values()) == {"skipped"}, "the run after it rebuilt again"


# (point, files expected new: how many of the four outputs, and whether the manifest is
# the old one byte for byte)
CRASHES = {
    "half-way through writing an output": (Crash("mid-write", ANY_OUTPUT), 0, True),
    "after an output's temporary is written and flushed": (Crash("written", ANY_OUTPUT), 0, True),
    "after the last output's temporary is written": (Crash("written", ANY_OUTPUT, 4), 0, True),
    "just before the first rename": (Crash("before-rename", ANY_OUTPUT), 0, True),
    "between the renames of one brief's outputs": (Crash("after-rename", ANY_OUTPUT), 1, True),
    "after the last rename of the brief": (Crash("after-rename", ANY_OUTPUT, 6), 4, True),
    "half-way through writing the manifest": (Crash("mid-write", MANIFEST_NAME), 4, True),
    "after the manifest's temporary is written": (Crash("written", MANIFEST_NAME), 4, True),
    "just after the manifest's rename": (Crash("after-rename", MANIFEST_NAME), 4, False),
}


@pytest.mark.parametrize("point", list(CRASHES))
def test_a_build_killed_at_a_chosen_point_leaves_old_or_new_complete_files(
    point: str, built_old: tuple[Path, Path, dict[str, bytes]], new_files: dict[str, bytes],
) -> None:
    crash, new_outputs, old_manifest = CRASHES[point]
    sources, out, old = built_old
    code = run_in_child(["generate", str(sources), "--out", str(out), "-j", "1", "--quiet"],
                        crash)
    assert code == KILLED, f"the build was not killed {point} (exit {code}): the point was never reached"
    found = versions(out, old, new_files)
    assert sum(found[name] == "new" for name in OUTPUTS) == new_outputs, found
    if crash.event == "written":  # its temporary lies beside it, where a rename is atomic
        assert list((out / Path(crash.name).parent).glob(f".{crash.name}.*.partial")), (
            f"no temporary of {crash.name} beside it in {out}")
    manifest = (out / MANIFEST_NAME).read_bytes()
    if old_manifest:
        # The previous manifest, whole: it records the old files' hashes, so an output
        # renamed since no longer matches its record and the next run rebuilds it.
        assert manifest == old[MANIFEST_NAME], "the manifest is neither the old one nor complete"
    else:
        assert manifest != old[MANIFEST_NAME]
        assert_manifest_records_only_what_is_on_disk(out)
    assert_next_run_repairs(sources, out, new_files)


# ------------------------------------------------------------------ a reader meanwhile


def _complete(name: str, data: bytes) -> bool:
    if name.endswith(".pdf"):
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.testzip() is None and "word/document.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


def test_a_reader_polling_the_outputs_during_rebuilds_never_sees_a_truncated_file(
    built_old: tuple[Path, Path, dict[str, bytes]], new_files: dict[str, bytes],
) -> None:
    sources, out, old = built_old
    source = sources / "brief-01.yaml"
    watched = [out / name for name in OUTPUTS]
    seen: list[str] = []
    versions_read: set[tuple[str, bytes]] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            time.sleep(0.002)
            for path in watched:
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    seen.append(f"{path.name} missing")
                    continue
                versions_read.add((path.name, data[:0] if data == old[path.name] else b"new"))
                if data not in (old[path.name], new_files[path.name]):
                    seen.append(f"{path.name}: {len(data)} bytes, "
                                f"{'complete' if _complete(path.name, data) else 'truncated'}")

    def alternate(run: int) -> None:  # in the child: new, old, new, … so every run writes
        time.sleep(0.2 if run == 0 else 0)  # the reader starts
        source.write_text(NEW if run % 2 == 0 else OLD, encoding="utf-8")

    # Forked before the reader thread starts; each file written in 8 pieces 2 ms apart,
    # so that a write in place would show.
    pid = start_child(["generate", str(sources), "--out", str(out), "-j", "1", "--quiet"],
                      slow=ANY_OUTPUT, pause=0.002, runs=4, before_each=alternate)
    reader = threading.Thread(target=read)
    reader.start()
    try:
        code = wait_child(pid)
    finally:
        stop.set()
        reader.join()
    assert code == 0
    assert not seen, f"the reader saw {len(seen)} bad reads, e.g. {sorted(set(seen))[:4]}"
    assert len(versions_read) == 2 * len(OUTPUTS), "the reader saw each file old and new"
