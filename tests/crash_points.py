"""Run `kinu-brief generate` in a forked child that kills itself (SIGKILL) at a chosen
point of its file writes, or writes slowly; the product is not touched, only the `os`
and `io` functions it writes with are wrapped, in the child alone.

Points (`Crash.event`), each for the n-th file whose final name matches `Crash.name`:

- `mid-write`: half of the file's bytes written (to whatever file the write opened);
- `written`: the file's bytes written and flushed to disk (`os.fsync` returned);
- `before-rename` / `after-rename`: around the `os.replace` that puts it in place.

A temporary `.NAME.RANDOM.partial` counts as the file NAME.
"""

from __future__ import annotations

import builtins
import fnmatch
import io
import os
import re
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from generator.cli import main

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[^.]+\.partial$")


@dataclass(frozen=True)
class Crash:
    event: str  # "mid-write", "written", "before-rename", "after-rename"
    name: str  # a glob over final file names: "*.pdf", ".kinu-brief-manifest.json"
    occurrence: int = 1  # the n-th matching file


def final_name(path: str | os.PathLike[str]) -> str:
    base = os.path.basename(os.fspath(path))
    match = _TEMPORARY.match(base)
    return match.group("name") if match else base


class _Trigger:
    def __init__(self, crash: Crash | None, slow: str = "") -> None:
        self.crash = crash
        self.slow = slow  # a glob of final names written slowly
        self.seen: dict[str, int] = {}

    def reached(self, event: str, path: str | os.PathLike[str]) -> bool:
        if self.crash is None or event != self.crash.event:
            return False
        if not fnmatch.fnmatchcase(final_name(path), self.crash.name):
            return False
        self.seen[event] = self.seen.get(event, 0) + 1
        return self.seen[event] == self.crash.occurrence


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _Writer:
    """A binary file whose `write` can stop half-way (and die) or trickle."""

    def __init__(self, stream: IO[bytes], path: str, trigger: _Trigger, pause: float) -> None:
        self._stream = stream
        self._path = path
        self._trigger = trigger
        self._pause = pause

    def write(self, data: bytes) -> int:
        if self._trigger.reached("mid-write", self._path):
            self._stream.write(bytes(data)[: len(data) // 2])
            self._stream.flush()
            _die()
        if self._pause and fnmatch.fnmatchcase(final_name(self._path), self._trigger.slow):
            step = max(1, len(data) // 8)
            for start in range(0, len(data), step):
                self._stream.write(bytes(data)[start:start + step])
                self._stream.flush()
                time.sleep(self._pause)
            return len(data)
        return self._stream.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()


def _install(trigger: _Trigger, pause: float) -> None:
    real_replace, real_fsync, real_fdopen, real_open = os.replace, os.fsync, os.fdopen, io.open

    def replace(source: Any, destination: Any, *args: Any, **kwargs: Any) -> None:
        if trigger.reached("before-rename", destination):
            _die()
        real_replace(source, destination, *args, **kwargs)
        if trigger.reached("after-rename", destination):
            _die()

    def fsync(fd: Any) -> None:
        real_fsync(fd)
        number = fd if isinstance(fd, int) else fd.fileno()
        try:
            path = os.readlink(f"/proc/self/fd/{number}")
        except OSError:
            return
        if os.path.isfile(path) and trigger.reached("written", path):
            _die()

    def wrapped(opener: Callable[..., Any]) -> Callable[..., Any]:
        def open_file(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            stream = opener(file, mode, *args, **kwargs)
            if isinstance(stream, _Writer):
                return stream  # os.fdopen opens with io.open: wrapped once already
            if "b" in mode and ("w" in mode or "a" in mode or "x" in mode):
                path = (os.readlink(f"/proc/self/fd/{file}") if isinstance(file, int)
                        else os.fspath(file))
                return _Writer(stream, path, trigger, pause)
            return stream
        return open_file

    os.replace = replace  # type: ignore[assignment]
    os.fsync = fsync
    os.fdopen = wrapped(real_fdopen)
    io.open = builtins.open = wrapped(real_open)  # type: ignore[assignment]


def start_child(arguments: Sequence[str], crash: Crash | None = None, *,
                slow: str = "", pause: float = 0.0, runs: int = 1,
                before_each: Callable[[int], None] | None = None) -> int:
    """Fork a child that runs `kinu-brief ARGUMENTS` `runs` times (calling
    `before_each(run)` first) with the crash point armed, and the files whose final
    names match the glob `slow` written in 8 pieces `pause` seconds apart; its pid."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            _install(_Trigger(crash, slow), pause)
            for run in range(runs):
                if before_each is not None:
                    before_each(run)
                code = main(list(arguments))
                if code != 0:
                    break
        finally:
            os._exit(code)
    return pid


def wait_child(pid: int) -> int:
    """The child's exit code, or -signal when a signal ended it."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def run_in_child(arguments: Sequence[str], crash: Crash | None = None, **options: Any) -> int:
    """`start_child`, waited for: the child's exit code, or -signal."""
    return wait_child(start_child(arguments, crash, **options))
