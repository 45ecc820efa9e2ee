"""Nightly-build benchmark: 100 briefs, both editions, both formats, in a pool.

Writes N copies of the sample (distinct numbers CO 23-00, CO 23-01, ...) into a temp
folder — with --with-figures every other copy is of the second example brief,
sources/co-23-31.yaml, which has a table and a figure (its figures/ copied beside
them) — and times, each as a fresh process:
  1. a clean build: `kinu-brief generate <folder> --variant full -j J` (400 documents
     for 100 briefs), with wall time, seconds per document and peak memory of the
     whole process tree (the main process and its workers, sampled from /proc: the
     sum of RSS, and the sum of PSS, which counts pages shared after fork once);
  2. a rebuild with nothing changed (median of several runs).

    python benchmarks/bench_batch.py [--briefs 100] [--jobs 2] [--runs 5] [--with-figures]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "co-23-30.yaml"
WITH_FIGURES = ROOT / "sources" / "co-23-31.yaml"  # a table and a figure (figures/)
TARGETS = {"clean": 10.0, "noop": 1.0, "memory_mb": 300.0}


def write_sources(folder: Path, count: int, with_figures: bool = False) -> None:
    texts = [SAMPLE.read_text(encoding="utf-8")]
    if with_figures:
        texts.append(WITH_FIGURES.read_text(encoding="utf-8"))
        shutil.copytree(WITH_FIGURES.parent / "figures", folder / "figures")
    for number in range(count):
        copy = re.sub(r"^number: CO 23-3[01]$", f"number: CO 23-{number % 100:02d}",
                      texts[number % len(texts)], flags=re.MULTILINE)
        (folder / f"co-23-{number:03d}.yaml").write_text(copy, encoding="utf-8")


def tree_of(pid: int) -> list[int]:
    """`pid` and its descendants, read from /proc."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending.extend(int(child) for child in children)
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros once it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(Rss|Pss):\s+(\d+) kB", text, flags=re.MULTILINE))
    return int(values.get("Rss", 0)), int(values.get("Pss", 0))


class TreeMemory(threading.Thread):
    """Samples the memory of a process tree every few milliseconds; keeps the peaks."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss = pid, 0, 0
        self.running = True

    def run(self) -> None:
        while self.running:
            samples = [memory_kb(pid) for pid in tree_of(self.pid)]
            self.peak_rss = max(self.peak_rss, sum(rss for rss, _ in samples))
            self.peak_pss = max(self.peak_pss, sum(pss for _, pss in samples))
            time.sleep(0.01)


def generate(sources: Path, out: Path, jobs: int, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", str(sources), "--out", str(out),
            "--variant", "full", "--format", "docx,pdf", "-j", str(jobs), "--quiet", *extra]


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_with_memory(command: list[str]) -> tuple[float, TreeMemory]:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    sampler = TreeMemory(process.pid)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    sampler.running = False
    sampler.join()
    if code != 0:
        raise SystemExit(f"generate exited {code}")
    return elapsed, sampler


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--with-figures", action="store_true",
                        help="every other brief a copy of co-23-31 (a table and a figure)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sources, out = Path(folder) / "sources", Path(folder) / "out"
        sources.mkdir()
        write_sources(sources, arguments.briefs, arguments.with_figures)
        cpu_before = children_cpu_seconds()
        clean, memory = timed_with_memory(generate(sources, out, arguments.jobs))
        cpu = children_cpu_seconds() - cpu_before
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        documents = len(list(out.glob("*.pdf"))) + len(list(out.glob("*.docx")))
        noop = statistics.median(timed(generate(sources, out, arguments.jobs))
                                 for _ in range(arguments.runs))
    print(f"{arguments.briefs} briefs x 2 editions x full x docx,pdf = {documents} documents, "
          f"-j {arguments.jobs}, {os.cpu_count()} CPUs")
    print(f"clean build:        {clean:6.2f} s  ({clean / documents * 1000:.1f} ms per document; "
          f"target < {TARGETS['clean']:.0f} s)")
    print(f"  CPU time, tree:   {cpu:6.2f} s  ({cpu / clean:.2f} CPUs busy on average; the wall "
          f"time is CPU / {arguments.jobs} at best)")
    print(f"no-op rebuild:      {noop:6.2f} s  (median of {arguments.runs}; "
          f"target < {TARGETS['noop']:.0f} s)")
    print(f"peak memory, tree:  {memory.peak_pss / 1024:6.0f} MB PSS, "
          f"{memory.peak_rss / 1024:.0f} MB RSS summed over processes "
          f"(target < {TARGETS['memory_mb']:.0f} MB)")
    print(f"largest process:    {largest / 1024:6.0f} MB RSS (getrusage RUSAGE_CHILDREN)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
