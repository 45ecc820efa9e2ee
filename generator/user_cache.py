"""The per-user cache folder: results that are slow to compute and rarely change.

`$XDG_CACHE_HOME/kinu-brief/` (by default `~/.cache/kinu-brief/`) holds the
installation's fingerprints (build/fingerprint_cache.py) and the parsed metrics of
each font (render/pdf/face_cache.py). Every entry is keyed by what it was computed
from, so a stale one is never used; every read tolerates a missing, damaged or
unreadable file (the value is then computed again), and every write is atomic and
skipped when it fails. `KINU_BRIEF_NO_CACHE=1` turns the cache off. Nothing in it
changes what is rendered: only how soon.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RECENT_SECONDS = 2.0
"""A file changed this recently could change again within one timestamp tick of a
coarse filesystem: what is computed from it is not remembered yet."""


def enabled() -> bool:
    return not os.environ.get("KINU_BRIEF_NO_CACHE")


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kinu-brief"


def stat_signature(path: Path) -> list[object]:
    """What changes whenever the file's content does: a content change always changes
    the change time (ctime); size, inode and mtime catch a replaced file."""
    status = path.stat()
    return [str(path), status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns]


def settled(*paths: Path) -> bool:
    """Whether every one of `paths` is older than RECENT_SECONDS (what comes of them may
    be remembered)."""
    now = time.time()
    return all(now - max(status.st_mtime, status.st_ctime) > RECENT_SECONDS
               for status in (path.stat() for path in paths))


def read_entry(name: str) -> bytes | None:
    """The cached bytes under `name`, or None."""
    if not enabled():
        return None
    try:
        return (cache_folder() / name).read_bytes()
    except OSError:
        return None


def entry_for_file(folder: str, path: Path, *versions: object) -> str:
    """The name of an entry computed from the file at `path` by code of `versions`: a
    new name whenever the file, those versions or the running Python change."""
    key = json.dumps([*versions, stat_signature(path), python_tag()])
    return f"{folder}/{path.stem}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.marshal"


def read_marshalled(name: str) -> Any:
    """The value marshalled under `name`, or None when it is missing or damaged."""
    data = read_entry(name)
    if data is None:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None


def write_entry(name: str, data: bytes) -> None:
    """Remember `data` under `name`, if the cache folder can be written."""
    if not enabled():
        return
    with contextlib.suppress(OSError):
        _replace(cache_folder() / name, data)


def _replace(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path` and rename it into place: readers see the
    old entry or the new one. Not fsynced: an entry lost in a crash is computed again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def python_tag() -> str:
    """The running Python, for entries whose encoding may depend on it."""
    return f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
