"""Which watched files a batch of file-system events concerns.

An editor's save is several events: many editors write a temporary beside the file
and rename it over it (the temporary added, then deleted; the file added), vim
also writes `4913` and `.x.yaml.swp`, others truncate the file and write it. The
watcher gathers the events of a save into one batch (see loop.py); this module keeps
only those of watched files: the sources named, the sources found in the folders
named (by the names discovery takes: plan.is_source_name, no dot folders, no
`meetings/`), the image files their figures show (as the last build recorded them;
they are inside the sources' folders, so under the watched roots), and, in a developer
checkout, the templates. Whether a source really
changed is decided by its bytes (session.py), so a touch rebuilds nothing.

Paths are compared absolute (os.path.abspath, symlinks kept as named, as the watcher
reports them) and shown as the user named them: `sources/co-23-30.yaml`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.plan import MEETINGS_FOLDER, is_source_name

TEMPLATE_SUFFIXES = (".toml", ".j2")
INSTALLED_FOLDERS = ("site-packages", "dist-packages")


def absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


@dataclass(frozen=True)
class WatchedPaths:
    """The sources named on the command line (files and folders) and the templates."""

    files: dict[Path, Path]  # absolute path -> the path as named
    folders: dict[Path, Path]  # absolute folder -> the folder as named
    templates: Path | None = None  # a developer checkout's templates folder, absolute
    # The image files the watched sources' figures show, absolute (the session keeps
    # it current after each build).
    images: set[Path] = field(default_factory=set)

    @classmethod
    def named(cls, paths: list[Path], templates: Path | None) -> WatchedPaths:
        files = {absolute(path): path for path in paths if not path.is_dir()}
        folders = {absolute(path): path for path in paths if path.is_dir()}
        return cls(files, folders, None if templates is None else absolute(templates))

    def roots(self) -> list[Path]:
        """What the watcher watches: each folder, the folder of each file named (a file
        replaced by a rename is a new file: only its folder sees it), the templates."""
        roots = {*self.folders, *(path.parent for path in self.files)}
        if self.templates is not None:
            roots.add(self.templates)
        return sorted(roots)

    def shown(self, path: Path) -> Path | None:
        """The source `path` (absolute) as the user would name it; None when it is not
        a watched source."""
        if path in self.files:
            return self.files[path]
        for folder, named in self.folders.items():
            if path.is_relative_to(folder) and _discoverable(path.relative_to(folder)):
                return named / path.relative_to(folder)
        return None

    def is_template(self, path: Path) -> bool:
        return (self.templates is not None and path.is_relative_to(self.templates)
                and path.suffix in TEMPLATE_SUFFIXES
                and not any(part.startswith(".") for part in path.relative_to(
                    self.templates).parts))

    def wanted(self, change: object, path: str) -> bool:
        """The watcher's filter: whether an event on `path` may concern a watched file."""
        candidate = absolute(Path(path))
        return (self.shown(candidate) is not None or candidate in self.images
                or self.is_template(candidate))


def _discoverable(relative: Path) -> bool:
    """Whether discovery would take `relative` (inside a named folder) as a source."""
    parts = relative.parts
    if any(part.startswith(".") for part in parts[:-1]):
        return False
    if len(parts) > 1 and parts[0] == MEETINGS_FOLDER:
        return False
    return is_source_name(parts[-1])


@dataclass(frozen=True)
class ChangeBatch:
    """The watched files one batch of events touched, each once, sorted."""

    sources: tuple[Path, ...] = ()  # as the user names them; existing or gone
    templates: tuple[Path, ...] = field(default=())  # absolute
    images: tuple[Path, ...] = field(default=())  # absolute: figures' image files

    def __bool__(self) -> bool:
        return bool(self.sources or self.templates or self.images)


def batch_of(watched: WatchedPaths, events: Iterable[tuple[object, str]]) -> ChangeBatch:
    """The watched files among the paths of `events` (their kind does not matter: the
    file is looked at afterwards)."""
    sources: set[Path] = set()
    templates: set[Path] = set()
    images: set[Path] = set()
    for _, path in events:
        candidate = absolute(Path(path))
        shown = watched.shown(candidate)
        if shown is not None:
            sources.add(shown)
        elif candidate in watched.images:
            images.add(candidate)
        elif watched.is_template(candidate):
            templates.add(candidate)
    return ChangeBatch(tuple(sorted(sources, key=str)), tuple(sorted(templates)),
                       tuple(sorted(images)))


def developer_templates(folder: Path) -> Path | None:
    """`folder` (the templates in use) when it is a developer checkout's, which an
    author may edit; None for an installed copy."""
    if any(part in INSTALLED_FOLDERS for part in absolute(folder).parts):
        return None
    return folder if folder.is_dir() else None
