"""A run that cannot write: a full disk at each stage, a read-only folder, a folder
this user may not write. After any of them the folder's manifest and the report
describe exactly what is on disk, and every error line names the file it could not
write (its final name, never a temporary), with no traceback."""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build.manifest import MANIFEST_NAME
from generator.cli import main
from tests.batch_helpers import generate_command, numbered, write_sources
from tests.conftest import MINIMAL_SOURCE, ROOT

ROOT_USER = os.geteuid() == 0
NOBODY = "nobody"

BRIEF_01 = [f"brief-01-{lang}-full.{ext}" for lang in ("en", "ko") for ext in ("docx", "pdf")]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_bytes(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file()}


def assert_records_match_the_disk(out: Path, report: dict[str, Any] | None) -> None:
    """The manifest records only files that are there, with their hashes; every output
    the report calls built, skipped or orphaned is there with its hash; no temporary."""
    assert not [path for path in out.rglob("*.partial")], "a temporary was left behind"
    manifest_path = out / MANIFEST_NAME
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for name, record in manifest["outputs"].items():
            assert sha256_of(out / name) == record["sha256"], name
        for name, record in manifest["thumbnails"].items():
            assert sha256_of(out / "thumbnails" / name) == record["sha256"], name
        if manifest["index"] is not None:
            assert sha256_of(out / "index.html") == manifest["index"]["sha256"]
    if report is not None:
        for entry in report["outputs"]:
            if entry["status"] in ("built", "skipped", "orphaned"):
                assert sha256_of(Path(entry["path"])) == entry["sha256"], entry["path"]


@contextlib.contextmanager
def disk_full_for(monkeypatch: pytest.MonkeyPatch, pattern: str) -> Iterator[None]:
    """`os.fsync` raises ENOSPC for files whose name matches `pattern` (temporaries are
    named `.<final name>.<random>.partial`): the disk is full when that file is
    written, and only then."""
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        name = os.path.basename(os.readlink(f"/proc/self/fd/{handle}"))
        if fnmatch.fnmatch(name, pattern):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(handle)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", fsync)
        yield


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two briefs built cleanly (last night's run); then brief-01 edited. Returns the
    sources folder, the output folder and the report path."""
    sources = tmp_path / "sources"
    write_sources(sources, 2)
    out, report = tmp_path / "www", tmp_path / "last.json"
    assert run(sources, out, report) == 0
    edited = (sources / "brief-01.yaml").read_text(encoding="utf-8")
    (sources / "brief-01.yaml").write_text(
        edited.replace("First paragraph.", "First paragraph, edited."), encoding="utf-8")
    return sources, out, report


def run(sources: Path, out: Path, report: Path, *extra: str) -> int:
    return main(["generate", str(sources), "--out", str(out), "--report", str(report),
                 "--quiet", "-j", "1", *extra])


def read_report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------ a full disk, stage by stage


@pytest.mark.parametrize("pattern, failing", [
    (".brief-01-ko-full.docx.*", "brief-01-ko-full.docx"),
    (".brief-01-en-full.pdf.*", "brief-01-en-full.pdf"),
    (".brief-01-en-full.png.*", "thumbnails/brief-01-en-full.png"),
])
def test_a_disk_full_while_a_brief_is_written_leaves_its_previous_files_all_recorded(
    built: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], pattern: str, failing: str,
) -> None:
    sources, out, report_path = built
    before = folder_bytes(out)
    with disk_full_for(monkeypatch, pattern):
        assert run(sources, out, report_path) == 1
    stdout, stderr = capsys.readouterr()
    assert "brief-01: FAILED (1 error)" in stdout
    assert stderr.splitlines()[0] == (
        f"kinu-brief: cannot write {out / failing} "
        f"({'thumbnail of brief-01-en-full.pdf' if 'png' in failing else what(failing)}): "
        "No space left on device")
    assert ".partial" not in stderr and "Traceback" not in stderr
    # Published together: none of brief-01's new files is in place, all old ones are.
    for name in BRIEF_01:
        assert (out / name).read_bytes() == before[name], name
    report = read_report(report_path)
    entries = {Path(entry["path"]).name: entry for entry in report["outputs"]}
    for name in BRIEF_01:
        entry = entries[name]
        assert entry["status"] == "failed"
        assert (entry["edition"], entry["variant"], entry["format"]) == tuple(
            name[len("brief-01-"):].replace(".", "-").split("-"))
        assert entry["errors"][0]["path"] in (str(out / name), str(out / failing))
    assert entries[Path(failing).name.replace(".png", ".pdf")]["errors"][0] == {
        "path": str(out / failing), "line": None, "column": None,
        "message": f"cannot write ({'thumbnail of brief-01-en-full.pdf' if 'png' in failing else what(failing)}): No space left on device"}
    assert {entries[name]["status"] for name in entries if name.startswith("brief-02")} == {
        "skipped"}
    assert report["totals"]["succeeded"] is False
    assert_records_match_the_disk(out, report)
    # Once there is room again, the next run completes brief-01 and nothing else.
    assert run(sources, out, report_path) == 0
    assert {entry["status"] for entry in read_report(report_path)["outputs"]
            if "brief-01" in entry["path"]} == {"built"}
    assert_records_match_the_disk(out, read_report(report_path))


def what(name: str) -> str:
    """`en full docx` for `brief-01-en-full.docx`."""
    stem, format = name.rsplit(".", 1)
    _, _, language, variant = stem.split("-")
    return f"{language} {variant} {format}"


def test_a_disk_full_when_the_manifest_is_written_removes_it_and_says_so(
    built: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sources, out, report_path = built
    with disk_full_for(monkeypatch, f".{MANIFEST_NAME}.*"):
        assert run(sources, out, report_path) == 1
    stderr = capsys.readouterr().err
    assert (f"kinu-brief: cannot write {out / MANIFEST_NAME} (manifest): No space left on "
            "device; the previous manifest was removed: the next run rebuilds every output"
            ) in stderr.splitlines()
    # The old manifest would record brief-01's old hashes; it is gone, not stale.
    assert not (out / MANIFEST_NAME).exists()
    report = read_report(report_path)
    assert report["errors"] == [{
        "path": str(out / MANIFEST_NAME), "what": "manifest",
        "message": "cannot write: No space left on device; the previous manifest was "
                   "removed: the next run rebuilds every output"}]
    assert report["totals"]["succeeded"] is False
    assert_records_match_the_disk(out, report)
    assert run(sources, out, report_path) == 0  # rebuilds, records again
    assert (out / MANIFEST_NAME).exists()
    assert_records_match_the_disk(out, read_report(report_path))


def test_a_disk_full_when_the_index_is_written_still_writes_the_report(
    built: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sources, out, report_path = built
    index_before = (out / "index.html").read_bytes()
    with disk_full_for(monkeypatch, ".index.html.*"):
        assert run(sources, out, report_path) == 1
    stderr = capsys.readouterr().err
    assert stderr.splitlines() == [
        f"kinu-brief: cannot write {out / 'index.html'} (index page): No space left on "
        "device; the previous page stays"]
    report = read_report(report_path)  # this run's, not last night's
    assert {entry["status"] for entry in report["outputs"]
            if "brief-01" in entry["path"]} == {"built"}
    assert report["errors"][0]["path"] == str(out / "index.html")
    assert report["totals"]["succeeded"] is False
    assert (out / "index.html").read_bytes() == index_before
    assert_records_match_the_disk(out, report)


def test_a_report_that_cannot_be_written_is_said_and_the_stale_one_removed(
    built: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sources, out, report_path = built
    assert report_path.exists()  # last night's, which said all was well
    with disk_full_for(monkeypatch, f".{report_path.name}.*"):
        assert run(sources, out, report_path) == 1  # although every brief was built
    stderr = capsys.readouterr().err
    assert stderr.splitlines() == [
        f"kinu-brief: cannot write the report {report_path}: No space left on device; "
        "the previous report was removed"]
    assert not report_path.exists()  # a monitor finds no report, never a stale success
    assert_records_match_the_disk(out, None)


@pytest.mark.skipif(not ROOT_USER or shutil.which("mount") is None,
                    reason="mounting a small tmpfs needs root")
def test_a_real_disk_that_fills_mid_brief_leaves_a_consistent_folder(tmp_path: Path) -> None:
    """A 900 KB tmpfs holds the first build of the sample (~680 KB, its DOCX files with
    their embedded faces); with a filler leaving ~160 KB free, the rebuild of an edited
    sample runs out of space part way through its four files."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=900k", "tmpfs", str(disk)],
                   check=True)
    try:
        source = tmp_path / "co-23-30.yaml"
        shutil.copy(ROOT / "sources" / "co-23-30.yaml", source)
        out, report_path = disk / "www", tmp_path / "r.json"
        first = subprocess.run(generate_command(str(source), "--out", str(out), "--report",
                                                str(report_path)),
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        before = folder_bytes(out)
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"\0" * max(free - 160 * 1024, 0))
        source.write_text(source.read_text(encoding="utf-8").replace(
            "Russia", "Russia (edited)"), encoding="utf-8")
        second = subprocess.run(generate_command(str(source), "--out", str(out), "--report",
                                                 str(report_path)),
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert second.returncode == 1
        lines = second.stderr.splitlines()
        assert lines and all(line.startswith(f"kinu-brief: cannot write {out}/")
                             and line.endswith("No space left on device") for line in lines)
        assert ".partial" not in second.stderr and "Traceback" not in second.stderr
        report = read_report(report_path)
        assert report["totals"]["succeeded"] is False
        for name in [name for name in before if name.endswith((".pdf", ".docx"))]:
            assert (out / name).read_bytes() == before[name], f"{name} half-updated"
        assert_records_match_the_disk(out, report)
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# --------------------------------------------------------------- folders that refuse


def test_a_read_only_output_folder_gives_one_line_per_output_and_exit_1(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, 1)
    out = tmp_path / "www"
    with read_only_folder(out):
        result = subprocess.run(
            generate_command(str(sources), "--out", str(out), "--report",
                             str(tmp_path / "r.json")),
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        reason = "Read-only file system" if ROOT_USER else "Permission denied"
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and ".partial" not in result.stderr
        assert sorted(result.stderr.splitlines()) == sorted(
            f"kinu-brief: cannot write {out / name} ({what(name)}): {reason}"
            for name in BRIEF_01)
        assert result.stdout == "brief-01: FAILED (4 errors)\n"
        report = read_report(tmp_path / "r.json")
        assert [(entry["status"], entry["errors"][0]["path"]) for entry in report["outputs"]
                ] == [("failed", str(out / name)) for name in sorted(BRIEF_01)]


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """An empty folder nobody can write: a read-only tmpfs as root (root ignores
    permissions), else a folder without write permission."""
    folder.mkdir()
    if ROOT_USER:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                       check=True)
        try:
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=False)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def as_another_user() -> Callable[[list[str]], list[str]]:
    """Run a command as a user without write permission (root ignores permissions)."""
    if not ROOT_USER:
        return lambda command: command
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to drop root's privileges")
    return lambda command: ["setpriv", "--reuid", NOBODY, "--regid", "nogroup",
                            "--clear-groups", "--", *command]


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A fresh folder any user can read (pytest's tmp_path is private to its user)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kinu-brief-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_an_output_folder_without_permission_gives_one_line_per_output_and_exit_1(
    open_folder: Path,
) -> None:
    wrap = as_another_user()
    tmp_path = open_folder
    sources = tmp_path / "sources"
    write_sources(sources, 1)
    out = tmp_path / "www"
    out.mkdir(mode=0o755)  # the user's own folder when not root, hence:
    if not ROOT_USER:
        out.chmod(0o555)
    report = tmp_path / "reports" / "r.json"
    report.parent.mkdir(mode=0o777)
    report.parent.chmod(0o777)
    try:
        result = subprocess.run(
            wrap(generate_command(str(sources), "--out", str(out), "--report", str(report))),
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "c")})
    finally:
        out.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(result.stderr.splitlines()) == sorted(
        f"kinu-brief: cannot write {out / name} ({what(name)}): Permission denied"
        for name in BRIEF_01)
    assert {entry["status"] for entry in read_report(report)["outputs"]} == {"failed"}
    assert list(out.iterdir()) == []


def test_an_output_folder_that_cannot_be_made_is_named_and_reported(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(numbered(MINIMAL_SOURCE, 1), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    report_path = tmp_path / "r.json"
    assert main(["generate", str(source), "--out", str(blocker / "www"), "--report",
                 str(report_path)]) == 1
    assert capsys.readouterr().err == (
        f"kinu-brief: cannot use the output folder {blocker / 'www'}: Not a directory\n")
    report = read_report(report_path)
    assert report["errors"] == [{"path": str(blocker / "www"), "what": "run",
                                 "message": "Not a directory"}]
    assert report["totals"]["succeeded"] is False


def test_an_interrupted_run_still_writes_its_report(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build.console import ConsoleEvents

    sources = tmp_path / "sources"
    write_sources(sources, 2)
    report_path = tmp_path / "r.json"
    report_path.write_text('{"totals": {"succeeded": true}}', encoding="utf-8")  # last night's
    source_done = ConsoleEvents.source_done

    def then_ctrl_c(self: ConsoleEvents, report: Any) -> None:
        source_done(self, report)
        raise KeyboardInterrupt

    monkeypatch.setattr(ConsoleEvents, "source_done", then_ctrl_c)
    assert run(sources, tmp_path / "www", report_path) == 130
    report = read_report(report_path)
    assert report["errors"] == [{"path": None, "what": "run",
                                 "message": "interrupted (Ctrl-C): only the outputs listed "
                                            "were done"}]
    assert sorted(Path(entry["path"]).name for entry in report["outputs"]) == sorted(BRIEF_01)
    assert report["totals"]["succeeded"] is False
    assert_records_match_the_disk(tmp_path / "www", report)


def test_a_bug_mid_run_still_writes_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from generator.build import run as build_run

    def broken(*_arguments: Any, **_keywords: Any) -> None:
        raise ValueError("a bug in the index page")

    monkeypatch.setattr(build_run, "publish_index", broken)
    sources = tmp_path / "sources"
    write_sources(sources, 1)
    report_path = tmp_path / "r.json"
    assert run(sources, tmp_path / "www", report_path) == 1
    assert "ValueError: a bug in the index page" in capsys.readouterr().err  # the traceback
    report = read_report(report_path)
    assert report["errors"] == [{"path": None, "what": "run", "message":
                                 "internal error: ValueError: a bug in the index page"}]
    assert {entry["status"] for entry in report["outputs"]} == {"built"}
    assert report["totals"]["succeeded"] is False
