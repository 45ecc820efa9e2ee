"""Writes a file so that it is always either the old complete file or the new one."""

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


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, flush it, rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _default_file_mode())  # mkstemp makes files 0600
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def sweep_temporaries(folder: Path) -> int:
    """Remove temporaries left by an interrupted run; returns how many."""
    if not folder.is_dir():
        return 0
    swept = 0
    for leftover in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            swept += 1
    return swept
