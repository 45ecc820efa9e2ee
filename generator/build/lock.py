"""One run at a time per output folder: an exclusive flock on the folder itself.

The lock is taken on the output folder's own file descriptor, so it leaves no file
behind (nothing extra lands in a folder that may be published) and there is no lock
file whose removal could race. The kernel drops the lock when the process ends, even
by `kill -9`; pool workers die with their parent (see pool.py), so they cannot keep
it. Without `wait`, a busy folder raises OutputFolderBusy at once.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputFolderBusy(Exception):
    """Another run holds the lock of the output folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(f"another kinu-brief run is writing to {folder}")


@contextmanager
def output_folder_lock(
    folder: Path, *, wait: bool = False, on_wait: Callable[[], None] = lambda: None
) -> Iterator[None]:
    """Hold the exclusive lock of `folder` (created if missing) for the block."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _lock(handle, folder, wait, on_wait)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _lock(handle: int, folder: Path, wait: bool, on_wait: Callable[[], None]) -> None:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not wait:
            raise OutputFolderBusy(folder) from None
        on_wait()
        fcntl.flock(handle, fcntl.LOCK_EX)
