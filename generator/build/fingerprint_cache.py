"""The installation's fingerprints, remembered across runs under a stat signature.

Hashing every font, template and module of the installation costs tens of
milliseconds, on every run, to learn what is almost always the same answer. The
fingerprints are therefore kept in the user's cache folder
(`$XDG_CACHE_HOME/kinu-brief/`, by default `~/.cache/kinu-brief/`), under the
signature of the files they were hashed from: the path, size, inode, modification and
change time of each, the library versions and the Python and generator versions.

A file cannot change without its change time (ctime) changing, so an unchanged
signature means unchanged content, as in git's index and make. A file modified in the
last user_cache.RECENT_SECONDS could still change within one timestamp tick of a
coarse filesystem, so fingerprints are only remembered once every file is older.
The cache is only ever an optimisation: unreadable, damaged, stale or not writable, it
is ignored and the fingerprints are hashed again. `KINU_BRIEF_NO_CACHE=1` turns it off.
It sits outside the output folder, so output folders stay byte-identical across builds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from generator import user_cache
from generator.build.fingerprint import (
    COMMON_LIBRARIES,
    FORMAT_LIBRARIES,
    INDEX_LIBRARIES,
    PACKAGE,
    THUMBNAIL_LIBRARIES,
    Fingerprints,
    installation_files,
    library_versions,
    runtime_versions,
)

ALL_FORMATS = ("docx", "pdf")
CACHE_VERSION = 1


def cache_entry() -> str:
    """One entry per installation (the package's folder), so two checkouts never fight."""
    installation = hashlib.sha256(str(PACKAGE).encode()).hexdigest()[:16]
    return f"fingerprints-{installation}.json"


def cached_fingerprints(formats: Sequence[str],
                        compute: Callable[[Iterable[str]], Fingerprints]) -> Fingerprints:
    """The fingerprints of `formats`: remembered ones when the installation's signature
    is unchanged, otherwise those `compute` hashes (remembered for the next run)."""
    if not user_cache.enabled() or not set(formats) <= set(ALL_FORMATS):
        return compute(formats)
    files = installation_files()
    signature = installation_signature(files)
    remembered = _read(signature)
    if remembered is None:
        remembered = compute(ALL_FORMATS)
        if user_cache.settled(*files):
            _write(signature, remembered)
    return Fingerprints({format: remembered.documents[format] for format in formats},
                        remembered.thumbnail, remembered.index)


def installation_signature(files: list[Path]) -> str:
    """The digest of the stat signature of every one of `files` and of the versions the
    fingerprints name."""
    entries = [user_cache.stat_signature(path) for path in files]
    libraries = (*COMMON_LIBRARIES, *(name for names in FORMAT_LIBRARIES.values()
                                      for name in names), *THUMBNAIL_LIBRARIES,
                 *INDEX_LIBRARIES)
    described = {"cache": CACHE_VERSION, "files": entries, "runtime": runtime_versions(),
                 "libraries": library_versions(libraries)}
    text = json.dumps(described, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _read(signature: str) -> Fingerprints | None:
    try:
        data = json.loads(user_cache.read_entry(cache_entry()) or b"")
        if data["signature"] != signature:
            return None
        documents = {format: str(data["documents"][format]) for format in ALL_FORMATS}
        return Fingerprints(documents, str(data["thumbnail"]), str(data["index"]))
    except (ValueError, KeyError, TypeError):
        return None


def _write(signature: str, fingerprints: Fingerprints) -> None:
    data = {"signature": signature, "documents": fingerprints.documents,
            "thumbnail": fingerprints.thumbnail, "index": fingerprints.index}
    user_cache.write_entry(cache_entry(), json.dumps(data, sort_keys=True).encode())
