"""Which files are sources, and what becomes of the outputs of a source that is gone.

A path that yields no source is an error before anything is created; folders are
searched recursively for `.yaml`/`.yml` in any case; the outputs of a deleted source
stay on disk and are reported (and shown on the index page) as orphaned.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build.plan import discover_sources
from generator.cli import main
from tests.batch_helpers import TWO_EDITIONS, numbered, write_sources
from tests.conftest import MINIMAL_SOURCE


def write(path: Path, number: int, text: str = MINIMAL_SOURCE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(numbered(text, number), encoding="utf-8")
    return path


# ------------------------------------------------------------------- discovery


def test_sources_in_nested_folders_are_found(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "yearly" / "2023" / "a.yaml", 1)
    write(tmp_path / "yearly" / "2024" / "deeper" / "b.yaml", 2)
    out = tmp_path / "out"
    assert main(["generate", str(tmp_path / "yearly"), "--out", str(out),
                 "--format", "docx"]) == 0
    assert sorted(path.name for path in out.glob("*.docx")) == [
        "a-en-full.docx", "b-en-full.docx"]
    assert capsys.readouterr().out == "a: built 1, skipped 0\nb: built 1, skipped 0\n"
    assert main(["check", str(tmp_path / "yearly")]) == 0


def test_yaml_and_yml_in_any_case_are_sources_and_other_files_are_not(tmp_path: Path) -> None:
    for index, name in enumerate(["a.yaml", "b.YAML", "c.yml", "d.Yml"], start=1):
        write(tmp_path / "src" / name, index)
    (tmp_path / "src" / "notes.txt").write_text("not a brief", encoding="utf-8")
    (tmp_path / "src" / "a.yaml.bak").write_text("not a brief", encoding="utf-8")
    write(tmp_path / "src" / ".#e.yaml", 5)  # an editor's lock file
    write(tmp_path / "src" / ".git" / "f.yaml", 6)
    assert [path.name for path in discover_sources([tmp_path / "src"])] == [
        "a.yaml", "b.YAML", "c.yml", "d.Yml"]


def test_the_meetings_folder_is_left_to_the_meeting_packets(tmp_path: Path) -> None:
    write(tmp_path / "sources" / "a.yaml", 1)
    (tmp_path / "sources" / "meetings").mkdir()
    (tmp_path / "sources" / "meetings" / "wg.yaml").write_text("kind: meeting\n",
                                                                encoding="utf-8")
    assert [path.name for path in discover_sources([tmp_path / "sources"])] == ["a.yaml"]


def test_an_empty_folder_is_an_error_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    (empty / "2024").mkdir(parents=True)
    (empty / "README.txt").write_text("no sources here", encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "r.json"
    assert main(["generate", str(empty), "--out", str(out), "--report", str(report)]) == 1
    assert capsys.readouterr().err == f"kinu-brief: {empty}: no .yaml sources found\n"
    assert not out.exists()
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["errors"] == [{"path": str(empty), "what": "sources",
                               "message": "no .yaml sources found"}]
    assert data["outputs"] == [] and data["totals"]["succeeded"] is False
    assert main(["check", str(empty)]) == 1
    assert capsys.readouterr().err == f"kinu-brief: {empty}: no .yaml sources found\n"


def test_a_missing_path_is_an_error_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "good.yaml", 1)
    missing = tmp_path / "sources" / "typo.yaml"
    out = tmp_path / "out"
    assert main(["generate", str(good), str(missing), "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"kinu-brief: {missing}: no such file or folder\n"
    assert not out.exists()  # not even the good source was built: the line is wrong
    assert main(["check", str(missing)]) == 1
    assert capsys.readouterr().err == f"kinu-brief: {missing}: no such file or folder\n"


def test_q_is_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "a.yaml", 1)
    assert main(["generate", str(source), "--out", str(tmp_path / "out"), "-q",
                 "--format", "docx"]) == 0
    assert capsys.readouterr() == ("", "")


# --------------------------------------------------------------------- orphans


def test_a_deleted_source_is_reported_orphaned_and_marked_on_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, 2, TWO_EDITIONS)
    out, report = tmp_path / "out", tmp_path / "r.json"
    arguments = ["generate", str(sources), "--out", str(out), "--report", str(report), "-q"]
    assert main(arguments) == 0
    (sources / "brief-02.yaml").unlink()
    assert main(arguments) == 0  # the files are kept, as before: not a failure
    assert main([*arguments[:-1]]) == 0  # not quiet: said once on stdout
    assert capsys.readouterr().out == (
        "brief-01: built 0, skipped 4\n"
        f"brief-02: orphaned, 4 files kept (its source {sources / 'brief-02.yaml'} is gone)\n")
    data = json.loads(report.read_text(encoding="utf-8"))
    orphaned = {Path(entry["path"]).name: entry for entry in data["outputs"]
                if entry["status"] == "orphaned"}
    assert sorted(orphaned) == sorted(f"brief-02-{lang}-full.{ext}" for lang in ("en", "ko")
                                      for ext in ("docx", "pdf"))
    for name, entry in orphaned.items():
        assert entry["source"] == str(sources / "brief-02.yaml")
        assert (out / name).is_file()
        assert entry["sha256"] is not None and entry["errors"] == []
    assert data["totals"]["orphaned"] == 4 and data["totals"]["succeeded"] is True
    index = (out / "index.html").read_text(encoding="utf-8")
    row = index[index.index('<tr id="brief-02"'):]
    row = row[:row.index("</tr>")]
    assert 'class="orphaned"' in row
    assert f"Its source {sources / 'brief-02.yaml'} no longer exists" in row
    assert "Orphaned" not in index[index.index('<tr id="brief-01"'):][:2000].split("</tr>")[0]
    assert "1 orphaned" in index


def test_outputs_deleted_by_hand_are_forgotten_with_their_thumbnails(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, 2, TWO_EDITIONS)
    out, report = tmp_path / "out", tmp_path / "r.json"
    arguments = ["generate", str(sources), "--out", str(out), "--report", str(report), "-q"]
    assert main(arguments) == 0
    assert (out / "thumbnails" / "brief-02-en-full.png").is_file()
    (sources / "brief-02.yaml").unlink()
    for path in out.glob("brief-02-*"):
        path.unlink()
    assert main(arguments) == 0
    assert sorted(path.name for path in (out / "thumbnails").iterdir()) == [
        "brief-01-en-full.png", "brief-01-ko-full.png"]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert not [entry for entry in data["outputs"] if "brief-02" in entry["path"]]
    assert "brief-02" not in (out / "index.html").read_text(encoding="utf-8")
