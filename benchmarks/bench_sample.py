"""Whole-process time of rendering the sample, against the bare floor.

Each run is a fresh `python` process: imports, render, write. The brief is loaded
once here and handed over pickled (the YAML loader is not what is measured); the
bare floor gets the same paragraphs as a JSON list. Formats: PDF, plus DOCX when
`generator.render.docx.render_docx` is importable (the floor then writes both too).

    python benchmarks/bench_sample.py [--runs 9] [--source sources/co-23-30.yaml] [--pdf-only]
"""

from __future__ import annotations

import argparse
import json
import pickle
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
    from generator.model.nodes import BlockQuote, Brief, ListBlock, plain_text

    assert isinstance(brief, Brief)
    texts = [brief.title, *(author.name for author in brief.authors)]
    pending = list(brief.blocks)
    while pending:
        block = pending.pop(0)
        if isinstance(block, BlockQuote):
            pending[:0] = block.blocks
        elif isinstance(block, ListBlock):
            pending[:0] = [inner for item in block.items for inner in item]
        else:
            texts.append(plain_text(block.inlines))
    texts += [plain_text(note.inlines) for note in brief.footnotes]
    return texts


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--source", type=Path, default=ROOT / "sources" / "co-23-30.yaml")
    parser.add_argument("--pdf-only", action="store_true", help="leave DOCX out on both sides")
    arguments = parser.parse_args()

    from generator.source import load_brief

    brief = load_brief(arguments.source)
    formats = "pdf" if arguments.pdf_only or not docx_renderer_available() else "pdf,docx"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "brief.pickle").write_bytes(pickle.dumps(brief))
        (work / "paragraphs.json").write_text(json.dumps(paragraphs_of(brief)), encoding="utf-8")
        ours_command = [
            sys.executable,
            "-c",
            RENDER_SCRIPT,
            str(work / "brief.pickle"),
            folder,
            formats,
        ]
        bare_command = [
            sys.executable,
            str(ROOT / "benchmarks" / "bare_floor.py"),
            str(work / "paragraphs.json"),
            folder,
            formats,
        ]
        timed(ours_command), timed(bare_command)  # warm the file cache
        ours, bare = [], []
        for _ in range(arguments.runs):
            ours.append(timed(ours_command))
            bare.append(timed(bare_command))
    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    ratio = ours_median / bare_median
    print(f"formats: {formats}; runs: {arguments.runs} each, fresh process per run")
    print(f"kinu-brief render: median {ours_median * 1000:.0f} ms")
    print(f"bare floor:        median {bare_median * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
