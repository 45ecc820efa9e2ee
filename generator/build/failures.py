"""A file the run could not write: named by its final path, never by a temporary.

Source problems are located (`path:line:col: error: message`, diagnostics.py); a
write failure is a problem of the output folder, not of the source, so its line
names the file that was being written and what it is:

    kinu-brief: cannot write output/co-23-30-en-full.docx (en full docx): No space left on device
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import printable


@dataclass(frozen=True, order=True)
class WriteFailure:
    path: str  # the file that could not be written, as the run names it
    what: str  # "en full docx", "thumbnail of en full pdf", "index page", "manifest", …
    reason: str  # "No space left on device"
    consequence: str = ""  # what the run did about it, when it did something

    def __str__(self) -> str:
        tail = f"; {self.consequence}" if self.consequence else ""
        return (f"kinu-brief: cannot write {printable(self.path)} ({self.what}): "
                f"{printable(self.reason)}{tail}")


def write_failure(path: Path, what: str, error: OSError, consequence: str = "") -> WriteFailure:
    """The failure to write `path` (its final path) that raised `error`."""
    return WriteFailure(str(path), what, error.strerror or str(error), consequence)
