"""Save to preview: how long after a source is saved the page hears that both formats
are written, in a warm `kinu-brief watch` process, against a cold `generate`.

The real command runs (`kinu-brief watch SOURCE --lang L --port 0`, a fresh output
folder). This script listens to the preview's server-sent events as the page does,
then saves the sample 20 times as an editor does (the new text written to a temporary
beside the file, flushed, renamed over it), alternating two edits of the first body
paragraph of the edition, each save after the previous rebuild is over. A save's time
runs from the rename to the arrival of the first `update` event after it; at that
moment both files of the edition must have new bytes (checked). The page's own
fetches (its <main>, the page images) come after, and are not in the figure.

The cold figure is the whole `kinu-brief generate SOURCE --lang L --force` process,
median of as many runs, each a fresh process into a fresh folder.

LibreOffice, when installed, draws each new DOCX in the background at a lower CPU
priority while the next saves are timed, as it does for an author: the figures
include its competition for this machine's two CPUs (--without-libreoffice runs the
watch with an empty PATH, where it finds no `soffice`, to tell the two apart).

    python benchmarks/bench_watch.py [--saves 20] [--lang en,ko] [--without-libreoffice]
                                     [--source sources/co-23-30.yaml]
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = Path(sys.executable).parent / "kinu-brief"
TARGETS_MS = {"en": 120, "ko": 200}
EDITS = {"en": ("Vostochny Cosmodrome Space Center", "Vostochny Cosmodrome Space Centre"),
         "ko": ("러시아 극동 지역의", "러시아 극동지역의")}


def saved_like_an_editor(path: Path, text: str) -> float:
    """Write `text` to a temporary beside `path`, flush it, rename it over `path`; the
    moment of the rename."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    moment = time.perf_counter()
    os.replace(temporary, path)
    return moment


def listen(url: str, arrivals: queue.Queue[tuple[float, int]]) -> None:
    """Put (arrival time, generation) of every `update` event of the preview."""
    match = re.match(r"http://([^:/]+):(\d+)/", url)
    assert match is not None, url
    connection = http.client.HTTPConnection(match.group(1), int(match.group(2)))
    connection.request("GET", "/events")
    response = connection.getresponse()
    while True:
        line = response.readline()
        if not line:
            return
        if line.startswith(b"data: "):
            arrivals.put((time.perf_counter(), int(line[6:])))


def digests(out: Path, language: str) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest()
            for name in (f"co-23-30-{language}-full.pdf", f"co-23-30-{language}-full.docx")}


def start_watch(source: Path, language: str, out: Path,
                libreoffice: bool) -> tuple[subprocess.Popen[str], str]:
    environment = None if libreoffice else {**os.environ, "PATH": ""}
    process = subprocess.Popen(
        [str(COMMAND), "watch", str(source), "--lang", language, "--out", str(out),
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=environment)
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"preview at (http://\S+/)", line)
        if found:
            return process, found.group(1)
    raise SystemExit(f"kinu-brief watch did not start (exit {process.wait()})")


def wait_for_line(lines: queue.Queue[str], timeout: float = 30) -> str:
    return lines.get(timeout=timeout)


def notified(arrivals: queue.Queue[tuple[float, int]], out: Path, language: str,
             before: dict[str, str]) -> float:
    """The arrival of the first event at which both files have new bytes (LibreOffice's
    drawings send events too, whenever they are ready)."""
    while True:
        arrival, _ = arrivals.get(timeout=30)
        now = digests(out, language)
        if all(now[name] != before[name] for name in now):
            return arrival


def time_saves(source: Path, language: str, saves: int, folder: Path,
               libreoffice: bool) -> list[float]:
    out = folder / f"out-{language}"
    process, url = start_watch(source, language, out, libreoffice)
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()],
                     daemon=True).start()
    arrivals: queue.Queue[tuple[float, int]] = queue.Queue()
    threading.Thread(target=listen, args=(url, arrivals), daemon=True).start()
    arrivals.get(timeout=30)  # the event sent on connecting
    original = source.read_text(encoding="utf-8")
    old, new = EDITS[language]
    assert old in original, old
    texts = [original.replace(old, new, 1), original]
    timings = []
    try:
        for number in range(saves + 1):  # the first save warms nothing up: not timed
            before = digests(out, language)
            while not arrivals.empty():
                arrivals.get()
            moment = saved_like_an_editor(source, texts[number % 2])
            arrival = notified(arrivals, out, language, before)
            if number:
                timings.append((arrival - moment) * 1000)
            line = wait_for_line(lines)
            assert "rebuilt 2 files" in line, line
            time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        source.write_text(original, encoding="utf-8")
    return timings


def cold_generate(source: Path, language: str, runs: int, folder: Path) -> list[float]:
    timings = []
    for run in range(runs):
        out = folder / f"cold-{language}-{run}"
        start = time.perf_counter()
        subprocess.run([str(COMMAND), "generate", str(source), "--lang", language, "--out",
                        str(out), "--force", "-q"], check=True)
        timings.append((time.perf_counter() - start) * 1000)
        shutil.rmtree(out)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--lang", default="en,ko")
    parser.add_argument("--source", type=Path, default=ROOT / "sources" / "co-23-30.yaml")
    parser.add_argument("--without-libreoffice", action="store_true")
    arguments = parser.parse_args()
    libreoffice = bool(shutil.which("soffice")) and not arguments.without_libreoffice
    print(f"LibreOffice: {'drawing the DOCX pages' if libreoffice else 'not used'}; "
          f"{os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as name:
        folder = Path(name)
        source = folder / "sources" / "co-23-30.yaml"
        source.parent.mkdir()
        shutil.copyfile(arguments.source, source)
        for language in arguments.lang.split(","):
            warm = time_saves(source, language, arguments.saves, folder, libreoffice)
            cold = cold_generate(source, language, arguments.saves, folder)
            print(f"{language}: save -> page notified, warm: median "
                  f"{statistics.median(warm):.0f} ms (min {min(warm):.0f}, max {max(warm):.0f}; "
                  f"target <= {TARGETS_MS[language]}) | cold generate: median "
                  f"{statistics.median(cold):.0f} ms (min {min(cold):.0f}, max {max(cold):.0f})",
                  flush=True)


if __name__ == "__main__":
    main()
