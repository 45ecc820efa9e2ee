"""The DOCX outputs drawn by LibreOffice, for the preview, off the rebuild's path.

A rebuild shows its PDF pages at once; the DOCX files it wrote are handed to this
thread, which has LibreOffice (`soffice`, when installed) convert them to PDF — a
second or more each, with only the CPU time nothing else wants — and tells the page
when their pages are ready. Only the newest bytes of each file are converted: saves
that come faster than LibreOffice skip the versions in between. Until the newest is
drawn, the page shows the previous drawing marked as being updated.

LibreOffice runs with a private profile (-env:UserInstallation) in a temporary folder
of its own (its TMPDIR too), which close() removes, after ending LibreOffice if it is
still running.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CONVERSION_SECONDS = 180
# LibreOffice only gets the CPU time nothing else wants (Linux's SCHED_IDLE, through
# util-linux's chrt), or, without chrt, the least a nice value gives.
IDLE_PRIORITY = ("chrt", "--idle", "0")
LOW_PRIORITY = ("nice", "-n", "19")


@dataclass(frozen=True)
class DrawnDocx:
    sha256: str  # of the DOCX drawn
    pdf: bytes  # as LibreOffice converted it


class DocxPages:
    def __init__(self, out: Path, soffice: str | None,
                 on_ready: Callable[[], None] = lambda: None) -> None:
        self.out = out
        self.soffice = soffice
        self.on_ready = on_ready
        self._condition = threading.Condition()
        self._pending: dict[str, None] = {}  # file names, in order of request
        self._drawn: dict[str, DrawnDocx] = {}
        self._problems: dict[str, str] = {}
        self._closed = False
        self._process: subprocess.Popen[bytes] | None = None
        self._folder: Path | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start drawing (in a thread, with a temporary folder), when LibreOffice is here."""
        if self.soffice is not None and self._thread is None:
            self._folder = Path(tempfile.mkdtemp(prefix="kinu-brief-watch-"))
            self._thread = threading.Thread(target=self._work, name="docx-pages", daemon=True)
            self._thread.start()

    @property
    def available(self) -> bool:
        return self.soffice is not None

    def request(self, names: list[str]) -> None:
        """Have the newest bytes of the DOCX files `names` (in the output folder) drawn
        (once started)."""
        if not self.available:
            return
        with self._condition:
            self._pending.update(dict.fromkeys(names))
            self._condition.notify_all()

    def drawn(self, name: str) -> DrawnDocx | None:
        with self._condition:
            return self._drawn.get(name)

    def problem(self, name: str) -> str:
        with self._condition:
            return self._problems.get(name, "")

    def close(self) -> None:
        """End LibreOffice if it runs, and remove the temporary folder."""
        with self._condition:
            self._closed = True
            process = self._process
            self._condition.notify_all()
        if process is not None:
            _end(process)
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def _work(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._closed or bool(self._pending))
                if self._closed:
                    return
                names = list(self._pending)
                self._pending.clear()
            wanted = self._newest(names)
            if wanted:
                self._convert(wanted)
                self.on_ready()

    def _newest(self, names: list[str]) -> dict[str, tuple[str, bytes]]:
        """name -> (sha256, bytes) of each file whose newest bytes are not drawn yet."""
        wanted = {}
        for name in names:
            try:
                data = (self.out / name).read_bytes()
            except OSError:
                continue
            digest = hashlib.sha256(data).hexdigest()
            drawn = self.drawn(name)
            if drawn is None or drawn.sha256 != digest:
                wanted[name] = (digest, data)
        return wanted

    def _convert(self, wanted: dict[str, tuple[str, bytes]]) -> None:
        assert self._folder is not None and self.soffice is not None
        inputs, pdfs = self._folder / "docx", self._folder / "pdf"
        for folder in (inputs, pdfs):
            folder.mkdir(exist_ok=True)
        files = []
        for name, (_, data) in wanted.items():
            (inputs / name).write_bytes(data)
            files.append(str(inputs / name))
        problem = self._run([*_lower_priority(), self.soffice,
                             f"-env:UserInstallation={(self._folder / 'profile').as_uri()}",
                             "--headless", "--norestore", "--convert-to", "pdf",
                             "--outdir", str(pdfs), *files])
        with self._condition:
            for name, (digest, _) in wanted.items():
                pdf = pdfs / f"{Path(name).stem}.pdf"
                try:
                    self._drawn[name] = DrawnDocx(digest, pdf.read_bytes())
                    self._problems.pop(name, None)
                except OSError:
                    self._problems[name] = problem or "LibreOffice did not convert it"
        for folder in (inputs, pdfs):
            shutil.rmtree(folder, ignore_errors=True)

    def _environment(self) -> dict[str, str]:
        """LibreOffice's own temporaries go into the watch's folder too (TMPDIR)."""
        assert self._folder is not None
        temporary = self._folder / "tmp"
        temporary.mkdir(exist_ok=True)
        return {**os.environ, "TMPDIR": str(temporary)}

    def _run(self, command: list[str]) -> str:
        """Run LibreOffice; what went wrong, or ''."""
        with self._condition:
            if self._closed:
                return "stopped"
            self._process = subprocess.Popen(  # its own process group: ended as a whole
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, start_new_session=True, env=self._environment())
        process = self._process
        try:
            _, errors = process.communicate(timeout=CONVERSION_SECONDS)
        except subprocess.TimeoutExpired:
            _end(process)
            return f"LibreOffice took more than {CONVERSION_SECONDS} s"
        finally:
            with self._condition:
                self._process = None
        if process.returncode != 0:
            return f"LibreOffice failed (exit {process.returncode}): " + errors.decode(
                "utf-8", "replace").strip()[:200]
        return ""


def _lower_priority() -> tuple[str, ...]:
    for command in (IDLE_PRIORITY, LOW_PRIORITY):
        if shutil.which(command[0]):
            return command
    return ()


def _end(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and whatever it started: the process group it leads."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # what is left of the group, if anything
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
