"""What `generate` prints: one line per brief, located errors, a progress bar on a TTY.

Made for cron: a summary line per source on stdout (`co-23-30: built 4, skipped 0`),
and for a failure `bad: FAILED (2 errors)` there, followed by its located
`path:line:col: error: message` lines on stderr, so stderr holds only the errors.
An output that could not be written is named there by its file, not by the source:
`kinu-brief: cannot write out/x-en-full.pdf (en full pdf): No space left on device`.
`--quiet` prints failures only. The progress bar is drawn on stderr only when stderr
is a terminal, never into a log.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from generator.build.run import BuildEvents, OutputReport, SourceReport

BAR_WIDTH = 30


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: SourceReport) -> str:
    """`co-23-30: built 4, skipped 0`, or with failures, `…: FAILED (2 errors)`."""
    name = report.path.stem
    errors = plural(report.problems, "error")
    built, skipped, failed = (report.count(status) for status in ("built", "skipped", "failed"))
    if not report.failed:
        return f"{name}: built {built}, skipped {skipped}"
    if built or skipped:
        return f"{name}: built {built}, skipped {skipped}, FAILED {failed} ({errors})"
    return f"{name}: FAILED ({errors})"


class ConsoleEvents(BuildEvents):
    def __init__(self, *, quiet: bool, stdout: TextIO | None = None,
                 stderr: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.bar = not quiet and self.stderr.isatty()
        self.total = 0
        self.done = 0

    def started(self, sources: int) -> None:
        self.total = sources
        self._draw_bar()

    def source_done(self, report: SourceReport) -> None:
        self.done += 1
        self._clear_bar()
        if report.failed or not self.quiet:
            print(summary_line(report), file=self.stdout, flush=True)
        for problem in report.diagnostics:
            print(problem, file=self.stderr, flush=True)
        for failure in report.write_failures:
            print(failure, file=self.stderr, flush=True)
        self._draw_bar(report.path.stem)

    def waiting_for_lock(self, folder: Path) -> None:
        if not self.quiet:
            print(f"kinu-brief: another run is writing to {folder}; waiting for it to finish",
                  file=self.stderr, flush=True)

    def orphaned(self, reports: list[OutputReport]) -> None:
        """`co-23-31: orphaned, 4 files kept (its source src/co-23-31.yaml is gone)`."""
        if self.quiet:
            return
        self._clear_bar()
        sources: dict[Path, int] = {}
        for report in reports:
            sources[report.source] = sources.get(report.source, 0) + 1
        for source, count in sources.items():
            print(f"{source.stem}: orphaned, {plural(count, 'file')} kept (its source "
                  f"{source} is gone)", file=self.stdout, flush=True)

    def finish(self) -> None:
        self._clear_bar()

    def _draw_bar(self, current: str = "") -> None:
        if not self.bar or not self.total:
            return
        filled = BAR_WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stderr.write(f"\r[{bar}] {self.done}/{self.total} {current[:40]}\x1b[K")
        self.stderr.flush()

    def _clear_bar(self) -> None:
        if self.bar:
            self.stderr.write("\r\x1b[K")
            self.stderr.flush()
