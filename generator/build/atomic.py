"""Writes a file so that it is always either the old complete file or the new one.

A write is two steps, so that several files can be put in place together: `stage`
writes the bytes to a temporary file beside the final one and flushes them to disk
(this is where a full disk or a read-only folder shows), `commit` renames the
temporary into place. `write_atomically` does both.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".partial"


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a flushed temporary file beside `path`; its path. On failure the
    temporary is removed and the OSError raised names `path`, never the temporary."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_file_mode())  # mkstemp makes files 0600
    except BaseException as error:
        if temporary is not None:
            discard(Path(temporary))
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror or str(error), str(path)) from error
        raise
    return Path(temporary)


def commit(temporary: Path, path: Path) -> None:
    """Rename a staged temporary into place (an OSError names `path`)."""
    try:
        os.replace(temporary, path)
    except OSError as error:
        discard(temporary)
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error


def discard(temporary: Path) -> None:
    """Remove a staged temporary that is not to be put in place."""
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, flush it, rename it into place."""
    commit(stage(path, data), path)


def sweep_temporaries(folder: Path) -> int:
    """Remove temporaries left by an interrupted run; returns how many."""
    if not folder.is_dir():
        return 0
    swept = 0
    for leftover in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        with contextlib.suppress(OSError):  # gone already, or a read-only folder
            leftover.unlink()
            swept += 1
    return swept
