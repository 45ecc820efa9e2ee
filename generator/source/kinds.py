"""Which files are sources, and which of them are meetings rather than briefs.

Light on purpose (no YAML, no Markdown): the build's planning and the command line
use it before they read any source.

A folder's briefs are its `.yaml`/`.yml` files, below it at any depth, except those
in a `meetings/` folder at its top: those are meeting files (`kind: meeting`), each
the agenda of a packet of handouts. A meeting's briefs are found in the folder that
holds its `meetings/` folder (or, for a meeting file anywhere else, in its own folder).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SOURCE_SUFFIXES = (".yaml", ".yml")  # in any case: `.YAML` too
MEETINGS_FOLDER = "meetings"  # sources/meetings/ holds meeting files, not briefs
MEETING_KIND = "meeting"
# `kind: meeting` at the top level of a file, as a meeting file declares itself.
_MEETING_DECLARATION = re.compile(r"^kind:[ \t]*([\"']?)meeting\1[ \t]*(#.*)?$", re.MULTILINE)


def is_source_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SOURCE_SUFFIXES)


def sources_in_folder(folder: Path) -> list[Path]:
    """Every brief below `folder`, in sorted order of their relative paths."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        top = Path(root) == folder
        folders[:] = sorted(name for name in folders if not name.startswith(".")
                            and not (top and name == MEETINGS_FOLDER))
        found.extend(Path(root) / name for name in sorted(files)
                     if is_source_name(name) and (Path(root) / name).is_file())
    return found


def meetings_in_folder(folder: Path) -> list[Path]:
    """The meeting files of `folder`: those in its top-level `meetings/` folder, sorted."""
    meetings = folder / MEETINGS_FOLDER
    if not meetings.is_dir():
        return []
    return sorted(path for path in meetings.iterdir()
                  if is_source_name(path.name) and path.is_file())


def is_meeting_file(path: Path) -> bool:
    """Whether the file named `path` is a meeting: it sits in a `meetings/` folder, or
    it declares `kind: meeting` at its top level."""
    if path.parent.name == MEETINGS_FOLDER:
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return False
    return _MEETING_DECLARATION.search(head.decode("utf-8", "replace")) is not None


def sources_root_of(meeting: Path) -> Path:
    """The folder whose briefs a meeting file draws on: the one holding its `meetings/`
    folder, or its own folder."""
    folder = meeting.parent
    return folder.parent if folder.name == MEETINGS_FOLDER else folder
