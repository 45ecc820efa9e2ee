"""The installation's fingerprints are remembered, and forgotten when a file changes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator import user_cache
from generator.build import fingerprint_cache
from generator.build.fingerprint import (
    Fingerprints,
    hashed_fingerprints,
    installed_versions,
    library_versions,
    normalized_name,
)
from generator.build.fingerprint_cache import cached_fingerprints, installation_signature


class CountingHash:
    """Stands in for hashing the installation; counts how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, formats: Iterable[str]) -> Fingerprints:
        self.calls += 1
        return Fingerprints({format: f"{format}-{self.calls}" for format in formats},
                            f"thumbnail-{self.calls}", f"index-{self.calls}")


def cache_file() -> Path:
    return user_cache.cache_folder() / fingerprint_cache.cache_entry()


@pytest.fixture
def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A stand-in installation of two files, and a cache folder of its own."""
    files = [tmp_path / "module.py", tmp_path / "font.ttf"]
    for path in files:
        path.write_bytes(b"original")
    monkeypatch.setattr(fingerprint_cache, "installation_files", lambda: list(files))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KINU_BRIEF_NO_CACHE", raising=False)
    return files


def test_an_unchanged_installation_is_hashed_once(installation: list[Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_cache, "RECENT_SECONDS", -1e9)  # files count as old
    compute = CountingHash()
    first = cached_fingerprints(("pdf", "docx"), compute)
    again = cached_fingerprints(("pdf",), compute)
    assert compute.calls == 1
    assert again.documents == {"pdf": first.documents["pdf"]}
    assert (again.thumbnail, again.index) == (first.thumbnail, first.index)


def test_a_content_change_is_seen_even_with_the_old_modification_time(
        installation: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_cache, "RECENT_SECONDS", -1e9)
    compute = CountingHash()
    before = cached_fingerprints(("pdf",), compute)
    status = installation[1].stat()
    installation[1].write_bytes(b"modified")  # same size
    os.utime(installation[1], ns=(status.st_atime_ns, status.st_mtime_ns))
    after = cached_fingerprints(("pdf",), compute)
    assert compute.calls == 2
    assert after != before


def test_files_changed_just_now_are_not_remembered(installation: list[Path]) -> None:
    compute = CountingHash()
    cached_fingerprints(("pdf",), compute)
    cached_fingerprints(("pdf",), compute)
    assert compute.calls == 2
    assert not cache_file().exists()


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"signature": 1}', b"[]"])
def test_a_damaged_cache_is_ignored(installation: list[Path], monkeypatch: pytest.MonkeyPatch,
                                    content: bytes) -> None:
    monkeypatch.setattr(user_cache, "RECENT_SECONDS", -1e9)
    cache_file().parent.mkdir(parents=True)
    cache_file().write_bytes(content)
    compute = CountingHash()
    assert cached_fingerprints(("pdf",), compute).documents == {"pdf": "pdf-1"}
    assert cached_fingerprints(("pdf",), compute).documents == {"pdf": "pdf-1"}


def test_the_cache_can_be_turned_off(installation: list[Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(user_cache, "RECENT_SECONDS", -1e9)
    monkeypatch.setenv("KINU_BRIEF_NO_CACHE", "1")
    compute = CountingHash()
    cached_fingerprints(("pdf",), compute)
    cached_fingerprints(("pdf",), compute)
    assert compute.calls == 2


def test_the_signature_follows_each_file(installation: list[Path]) -> None:
    signature = installation_signature(installation)
    assert installation_signature(installation) == signature
    installation[0].write_bytes(b"other")
    assert installation_signature(installation) != signature


def test_the_real_installation_gives_the_hashed_fingerprints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cache of its own, filled by a first call, so that the second one answers from
    # what was remembered (with an empty cache both sides would hash alike).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KINU_BRIEF_NO_CACHE", raising=False)
    monkeypatch.setattr(user_cache, "RECENT_SECONDS", -1e9)  # the installed files count as old
    computed: list[Iterable[str]] = []

    def hashing(formats: Iterable[str]) -> Fingerprints:
        computed.append(formats)
        return hashed_fingerprints(formats)

    cached_fingerprints(("docx", "pdf"), hashing)
    assert cache_file().is_file()
    remembered = cached_fingerprints(("docx", "pdf"), hashing)
    assert len(computed) == 1, "the second call hashed again instead of remembering"
    assert remembered == hashed_fingerprints(("docx", "pdf"))


def test_library_versions_match_importlib_metadata() -> None:
    from importlib import metadata

    names = ("reportlab", "python-docx", "PyYAML", "Jinja2", "markdown-it-py", "pypdfium2")
    assert library_versions(names) == {name: metadata.version(name) for name in names}
    assert normalized_name("python_docx") == normalized_name("Python.Docx") == "python-docx"
    assert library_versions(["no-such-distribution"]) == {"no-such-distribution": "absent"}
    assert installed_versions()  # read from dist-info folders, not the slow way
