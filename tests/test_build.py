"""generate: file names, atomic writes, one broken source never stops the others."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.build.atomic import sweep_temporaries, write_atomically
from generator.cli import main
from tests.conftest import MINIMAL_SOURCE


def test_atomic_write_replaces_the_file_whole_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomically(target, b"old")
    write_atomically(target, b"new complete file")
    assert target.read_bytes() == b"new complete file"
    mode = stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
    assert [path.name for path in target.parent.iterdir()] == ["a.pdf"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.docx"
    write_atomically(target, b"old complete file")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old complete file"
    assert [path.name for path in tmp_path.iterdir()] == ["a.docx"]


def test_leftover_temporaries_are_swept(tmp_path: Path) -> None:
    (tmp_path / ".a.pdf.x1y2.partial").write_bytes(b"half")
    (tmp_path / "a.pdf").write_bytes(b"whole")
    assert sweep_temporaries(tmp_path) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["a.pdf"]


def test_generate_writes_each_format_under_the_standard_name(tmp_path: Path) -> None:
    source = tmp_path / "sources" / "brief-one.yaml"
    source.parent.mkdir()
    source.write_text(MINIMAL_SOURCE, encoding="utf-8")
    out = tmp_path / "output"
    assert main(["generate", str(source.parent), "--out", str(out), "--quiet"]) == 0
    assert sorted(path.name for path in out.iterdir()) == [
        ".kinu-brief-manifest.json", "brief-one-en-full.docx", "brief-one-en-full.pdf",
        "index.html", "thumbnails",
    ]


def test_a_broken_source_fails_alone_and_writes_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "a-good.yaml").write_text(MINIMAL_SOURCE, encoding="utf-8")
    (folder / "b-broken.yaml").write_text(MINIMAL_SOURCE.replace("title:", "titel:"), "utf-8")
    (folder / "c-good.yaml").write_text(MINIMAL_SOURCE, encoding="utf-8")
    out = tmp_path / "output"
    assert main(["generate", str(folder), "--out", str(out), "--format", "docx"]) == 1
    assert sorted(path.name for path in out.glob("*.docx")) == [
        "a-good-en-full.docx", "c-good-en-full.docx",
    ]
    errors = capsys.readouterr().err
    assert f"{folder / 'b-broken.yaml'}:3:1: error: unknown key 'titel'" in errors


def test_asking_for_an_edition_the_source_lacks_is_a_located_error(
    tmp_path: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    source = tmp_path / "brief.yaml"
    source.write_text(MINIMAL_SOURCE, encoding="utf-8")
    assert main(["generate", str(source), "--lang", "ko", "--out", str(tmp_path / "o")]) == 1
    assert f"{source}:9:3: error: no 'ko' edition in body (it holds: en)" in capsys.readouterr().err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_missing_path_is_reported_and_fails(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(tmp_path / "nope.yaml")]) == 1
    assert f"kinu-brief: {tmp_path / 'nope.yaml'}: no such file or folder" in capsys.readouterr().err
