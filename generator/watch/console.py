"""What the watch prints: one line per rebuild on stdout, its located errors on stderr.

    14:03:05 sources/co-23-30.yaml changed: rebuilt 4 files (en, ko; full; pdf, docx) in 148 ms
    14:03:09 sources/co-23-30.yaml changed: 1 error, the preview keeps the last good pages (24 ms)
    sources/co-23-30.yaml:8:1: error: unknown key 'titel' in the brief (did you mean 'title'?)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from generator.build.console import plural
from generator.build.plan import FORMATS, VARIANTS
from generator.watch.session import Rebuild

FORMAT_ORDER = ("pdf", "docx")


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def rebuild_line(rebuild: Rebuild, now: datetime.datetime) -> str:
    """The one line a rebuild prints."""
    stamp = now.strftime("%H:%M:%S")
    result = rebuild.result
    if rebuild.refused:
        return f"{stamp} {rebuild.reason}: not rebuilt: {rebuild.refused}"
    problems = len(result.diagnostics) + sum(len(source.write_failures)
                                             for source in result.sources)
    if problems:
        return (f"{stamp} {rebuild.reason}: {plural(problems, 'error')}, the preview keeps "
                f"the last good pages ({duration(rebuild.seconds)})")
    built = result.built
    if not built:
        if rebuild.removed and not result.sources:
            return f"{stamp} {rebuild.reason}: its outputs stay in the output folder"
        return (f"{stamp} {rebuild.reason}: its outputs are up to date "
                f"({duration(rebuild.seconds)})")
    briefs = {output.source for output in built}
    what = "; ".join([
        ", ".join(_ordered((output.language for output in built), ())),
        ", ".join(_ordered((output.variant for output in built), VARIANTS)),
        ", ".join(_ordered((output.format for output in built), FORMAT_ORDER + FORMATS)),
    ])
    of = f" of {plural(len(briefs), 'brief')}" if len(briefs) > 1 else ""
    return (f"{stamp} {rebuild.reason}: rebuilt {plural(len(built), 'file')}{of} ({what}) "
            f"in {duration(rebuild.seconds)}")


def error_lines(rebuild: Rebuild) -> list[str]:
    """The located errors of a rebuild, each once, in source order."""
    lines: list[str] = []
    for source in rebuild.result.sources:
        lines.extend(str(problem) for problem in source.diagnostics)
        lines.extend(str(failure) for failure in source.write_failures)
    lines.extend(str(failure) for failure in rebuild.result.write_failures)
    return list(dict.fromkeys(lines))


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> list[str]:
    found = list(dict.fromkeys(values))
    return sorted(found, key=lambda value: (order.index(value) if value in order
                                            else len(order), found.index(value)))
