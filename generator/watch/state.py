"""What the preview shows, shared between the rebuilding thread and the server's.

One PreviewState per watch: for each watched source, its outputs (files in the output
folder), whether each is stale (its last rebuild failed, so the file is the last good
one) and the source's located errors. Every change bumps a generation number and
wakes the server threads waiting on it: they tell the page (server-sent events), and
the page fetches what changed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class OutputView:
    name: str  # the file's name in the output folder
    language: str
    variant: str
    format: str
    stale: bool = False  # the last rebuild of it failed: the file is the last good one


@dataclass(frozen=True)
class SourceView:
    path: Path  # as the user names it
    outputs: tuple[OutputView, ...] = ()
    errors: tuple[str, ...] = ()  # located lines: `path:line:col: error: message`
    titles: dict[str, str] = field(default_factory=dict)  # edition -> title
    rebuilt: int = 0  # when, in rebuilds since the watch started (0: by the first build)

    @property
    def stem(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class Snapshot:
    generation: int
    sources: tuple[SourceView, ...]  # the last rebuilt first, then by path
    status: str  # the last terminal line, for the page's header


class PreviewState:
    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._generation = 0
        self._sources: dict[Path, SourceView] = {}
        self._status = ""
        self._closed = False

    def source(self, path: Path) -> SourceView | None:
        with self._condition:
            return self._sources.get(path)

    def show(self, view: SourceView) -> None:
        """Show `view` in place of the source's previous one; tell the pages."""
        with self._condition:
            self._sources[view.path] = view
            self._bump()

    def forget(self, path: Path) -> None:
        with self._condition:
            if self._sources.pop(path, None) is not None:
                self._bump()

    def set_status(self, line: str) -> None:
        """The last rebuild's terminal line, shown in the page too."""
        with self._condition:
            self._status = line
            self._bump()

    def changed(self) -> None:
        """Something shown changed outside the views (DOCX pages became ready)."""
        with self._condition:
            self._bump()

    def snapshot(self) -> Snapshot:
        with self._condition:
            ordered = sorted(self._sources.values(),
                             key=lambda view: (-view.rebuilt, str(view.path)))
            return Snapshot(self._generation, tuple(ordered), self._status)

    @property
    def generation(self) -> int:
        with self._condition:
            return self._generation

    def wait_past(self, generation: int, timeout: float) -> int | None:
        """The generation once it is past `generation`, or after `timeout` seconds
        whatever it is; None once the state is closed (the watch is stopping)."""
        with self._condition:
            self._condition.wait_for(
                lambda: self._closed or self._generation != generation, timeout)
            return None if self._closed else self._generation

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def _bump(self) -> None:
        self._generation += 1
        self._condition.notify_all()
