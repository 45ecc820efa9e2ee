"""A wall-clock deadline around rendering one output: a brief that would render for
minutes fails alone, with a located error, and the run goes on.

Uses SIGALRM (setitimer), so it works in the main thread of the process doing the
rendering — the command itself, or a pool worker. Elsewhere (another thread, a
platform without setitimer) it does nothing.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from generator.diagnostics import Diagnostic, SourceError
from generator.source import limits


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` swallows it."""


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _Expired


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def render_deadline(path: Path, what: str, seconds: float | None = None) -> Iterator[None]:
    """Run the block with a deadline (default: limits.RENDER_DEADLINE_SECONDS); past
    it, SourceError at `path` naming `what`."""
    seconds = limits.RENDER_DEADLINE_SECONDS if seconds is None else seconds
    if not _usable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise SourceError([Diagnostic(
            str(path), 1, 1, f"rendering {what} took longer than {seconds:g} seconds (the "
            "limit for one output) and was stopped; shorten the brief")]) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
