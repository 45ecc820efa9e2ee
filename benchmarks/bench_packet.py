"""Whole-process time and size of `kinu-brief packet` for a meeting of ten briefs.

The ten briefs are copies of the sample (sources/co-23-30.yaml: full text, five key
points, a url), numbered CO 23-30 … CO 23-39, in a fresh sources folder; the meeting
hands out the Korean edition of seven and the English edition of three. Each run is a
fresh process (`--force`, so it always builds): reading the meeting and the ten
briefs, settling each handout's page, the PDF and the DOCX — what a user waits for.
Medians of wall time and of CPU time (user + system, children included) are printed,
with the files' sizes. Target: under 1 s of wall time.

    python benchmarks/bench_packet.py [--runs 9] [--briefs 10] [--format pdf,docx]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sample import ROOT, timed  # noqa: E402

TARGET_SECONDS = 1.0
SAMPLE = ROOT / "sources" / "co-23-30.yaml"


def write_meeting(folder: Path, briefs: int) -> Path:
    """`folder/sources/` with `briefs` copies of the sample and a meeting of all of them."""
    sources = folder / "sources"
    (sources / "meetings").mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    entries = []
    for index in range(briefs):
        number = f"CO 23-{30 + index:02d}"
        (sources / f"co-23-{30 + index:02d}.yaml").write_text(
            text.replace("number: CO 23-30", f"number: {number}"), encoding="utf-8")
        entries.append(f"  - {{number: {number}, edition: en}}" if index % 3 == 2
                       else f"  - {number}")
    meeting = sources / "meetings" / "working-group.yaml"
    meeting.write_text(
        "kind: meeting\ntitle: {en: Russia–DPRK Relations Working Group, ko: 북러관계 실무회의}\n"
        "date: 2023-09-20\ntime: \"14:00\"\nvenue: {en: KINU Conference Room 1, ko: "
        "통일연구원 제1회의실}\nlanguage: ko\nbriefs:\n" + "\n".join(entries) + "\n",
        encoding="utf-8")
    return meeting


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--briefs", type=int, default=10)
    parser.add_argument("--format", default="pdf,docx")
    arguments = parser.parse_args()

    compileall.compile_dir(ROOT / "generator", quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        meeting = write_meeting(work, arguments.briefs)
        out = work / "out"
        command = [sys.executable, "-m", "generator", "packet", str(meeting), "--out",
                   str(out), "--format", arguments.format, "--force", "--quiet"]
        timed(command)  # warm the file cache and the fingerprint cache
        samples = [timed(command) for _ in range(arguments.runs)]
        sizes = {path.suffix[1:]: path.stat().st_size
                 for path in sorted(out.glob("working-group-packet.*"))}
    wall = statistics.median(sample[0] for sample in samples)
    cpu = statistics.median(sample[1] for sample in samples)
    print(f"packet of {arguments.briefs} briefs ({arguments.briefs + 1} pages); formats: "
          f"{arguments.format}; median of {arguments.runs} fresh processes; "
          f"{os.cpu_count()} CPUs")
    print(f"kinu-brief packet (whole process)   {wall * 1000:5.0f} ms wall   "
          f"{cpu * 1000:5.0f} ms CPU (user + system)")
    for format, size in sizes.items():
        print(f"  {format:4s} {size / 1024:7.0f} KB")
    print(f"target: under {TARGET_SECONDS * 1000:.0f} ms wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
