"""Helpers for the watch tests: the real `kinu-brief watch` as a child process, an
editor's save, and raw HTTP requests to the preview."""

from __future__ import annotations

import contextlib
import http.client
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

COMMAND = Path(sys.executable).parent / "kinu-brief"


class WatchProcess:
    """`kinu-brief watch ARGS` running; its stdout and stderr lines as they come.
    TMPDIR is `temporary` (a test checks that nothing is left in it)."""

    def __init__(self, arguments: list[str], temporary: Path, cwd: Path | None = None,
                 environment: dict[str, str] | None = None) -> None:
        temporary.mkdir(parents=True, exist_ok=True)
        environment = {**os.environ, **(environment or {}), "TMPDIR": str(temporary)}
        self.process = subprocess.Popen(
            [str(COMMAND), "watch", *arguments], cwd=cwd, env=environment, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self._arrived: queue.Queue[None] = queue.Queue()
        for stream, lines in ((self.process.stdout, self.stdout),
                              (self.process.stderr, self.stderr)):
            threading.Thread(target=self._collect, args=(stream, lines), daemon=True).start()
        self.url = ""

    def _collect(self, stream: object, lines: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.append(line.rstrip("\n"))
            self._arrived.put(None)

    def __enter__(self) -> WatchProcess:
        line = self.wait_for(r"preview at (http://\S+/)", timeout=120)
        found = re.search(r"preview at (http://\S+/)", line)
        assert found is not None
        self.url = found.group(1)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].strip("/"))

    def lines_matching(self, pattern: str, stream: str = "stdout") -> list[str]:
        lines = self.stdout if stream == "stdout" else self.stderr
        return [line for line in list(lines) if re.search(pattern, line)]

    def wait_for(self, pattern: str, *, count: int = 1, stream: str = "stdout",
                 timeout: float = 60) -> str:
        """The `count`-th line matching `pattern`, once it has come."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.lines_matching(pattern, stream)
            if len(found) >= count:
                return found[count - 1]
            if self.process.poll() is not None and self._arrived.empty():
                raise AssertionError(f"the watch ended ({self.process.returncode}) without "
                                     f"{pattern!r}:\n" + "\n".join(self.stdout + self.stderr))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {pattern!r} in {timeout} s:\n"
                                     + "\n".join(self.stdout + self.stderr))
            with contextlib.suppress(queue.Empty):
                self._arrived.get(timeout=min(remaining, 0.5))

    def stop(self) -> int:
        """Ctrl-C; the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)


def save_like_an_editor(path: Path, text: str) -> None:
    """What many editors do: the new text to a temporary beside the file (vim's `4913`
    probe and swap file too), flushed, renamed over the file."""
    probe = path.with_name("4913")
    probe.write_text("")
    probe.unlink()
    swap = path.with_name(f".{path.name}.swp")
    swap.write_bytes(b"swap")
    temporary = path.with_name(f".{path.name}.tmp-save")
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
    swap.unlink()


def get(port: int, path: str, host: str = "127.0.0.1",
        headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    """A GET of `path` sent verbatim (nothing normalised): status, body, headers."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", (headers or {}).get("Host", f"127.0.0.1:{port}"))
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()
