"""Whole-process time of `kinu-brief generate` on the sample, against a bare floor.

Each run is a fresh process. `kinu-brief generate` reads the YAML, validates it,
parses the Markdown and renders (imports included: what a user waits for). The render
alone is also timed: a process that unpickles the model and renders it. The bare floor
writes the same paragraphs with plain reportlab (one TTF, SimpleDocTemplate) and
python-docx, no styling. One edition (English by default), both formats.

The three commands take turns, run after run, so that a busy moment of the machine
falls on all of them alike; medians of wall time and of CPU time (user + system of the
process and its children) are printed. The project's modules are compiled to bytecode
first, as an installation does (an editable install under PYTHONDONTWRITEBYTECODE
would otherwise compile them in every run).

    python benchmarks/bench_sample.py [--runs 9] [--source sources/co-23-30.yaml]
                                      [--lang en] [--pdf-only]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5

RENDER_SCRIPT = """
import pickle, sys
from pathlib import Path
from generator.render.pdf import render_pdf
brief = pickle.loads(Path(sys.argv[1]).read_bytes())
out = Path(sys.argv[2])
formats = sys.argv[3].split(",")
(out / "brief.pdf").write_bytes(render_pdf(brief))
if "docx" in formats:
    from generator.render.docx import render_docx
    (out / "brief.docx").write_bytes(render_docx(brief))
"""


def docx_renderer_available() -> bool:
    try:
        from generator.render.docx import render_docx  # noqa: F401
    except ImportError:
        return False
    return True


def paragraphs_of(brief: object) -> list[str]:
    """Title, every body paragraph (quotes and list items too) and every note, as text."""
    from generator.model.nodes import BlockQuote, Brief, Figure, ListBlock, Table, plain_text

    assert isinstance(brief, Brief)
    texts = [brief.title, *(author.name for author in brief.authors)]
    pending = list(brief.blocks)
    while pending:
        block = pending.pop(0)
        if isinstance(block, BlockQuote):
            pending[:0] = block.blocks
        elif isinstance(block, ListBlock):
            pending[:0] = [inner for item in block.items for inner in item]
        elif isinstance(block, Table):  # the floor writes its caption and rows as text
            texts.append(plain_text(block.caption))
            texts += [" ".join(plain_text(cell) for cell in row)
                      for row in (*block.header, *block.rows)]
        elif isinstance(block, Figure):  # the floor writes no picture
            texts.append(plain_text(block.caption))
        else:
            texts.append(plain_text(block.inlines))
    texts += [plain_text(note.inlines) for note in brief.footnotes]
    return texts


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command` (its children included)."""
    cpu = children_cpu_seconds()
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - start, children_cpu_seconds() - cpu


def median_times(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands taking turns."""
    for command in commands.values():
        timed(command)  # warm the file cache (and the fingerprint cache)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command))
    return {name: (statistics.median(wall for wall, _ in found),
                   statistics.median(cpu for _, cpu in found))
            for name, found in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--source", type=Path, default=ROOT / "sources" / "co-23-30.yaml")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--pdf-only", action="store_true", help="leave DOCX out on both sides")
    arguments = parser.parse_args()

    compileall.compile_dir(ROOT / "generator", quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    from generator.source import load_brief

    brief = load_brief(arguments.source, arguments.lang)
    formats = "pdf" if arguments.pdf_only or not docx_renderer_available() else "pdf,docx"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "brief.pickle").write_bytes(pickle.dumps(brief))
        (work / "paragraphs.json").write_text(json.dumps(paragraphs_of(brief)), encoding="utf-8")
        generate = [sys.executable, "-m", "generator", "generate", str(arguments.source),
                    "--lang", arguments.lang, "--format", formats.replace("pdf,docx", "docx,pdf"),
                    "--out", folder, "--quiet", "--force"]
        render = [sys.executable, "-c", RENDER_SCRIPT, str(work / "brief.pickle"), folder,
                  formats]
        bare = [sys.executable, str(ROOT / "benchmarks" / "bare_floor.py"),
                str(work / "paragraphs.json"), folder, formats]
        results = median_times({"generate": generate, "render": render, "bare": bare},
                               arguments.runs)
    floor, floor_cpu = results["bare"]
    print(f"sample: {arguments.source.name} ({arguments.lang}); formats: {formats}; "
          f"median of {arguments.runs} fresh processes each; {os.cpu_count()} CPUs")
    print("                                      wall            CPU (user + system)")
    for name, label in (("generate", "kinu-brief generate (whole process)"),
                        ("render", "render only (model unpickled)"),
                        ("bare", "bare floor")):
        wall, cpu = results[name]
        print(f"{label:36s} {wall * 1000:5.0f} ms {wall / floor:5.2f}x   "
              f"{cpu * 1000:5.0f} ms {cpu / floor_cpu:5.2f}x")
    print(f"target: generate's wall time <= {TARGET_RATIO}x the floor's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
