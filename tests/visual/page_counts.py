"""Print the page counts of the PDF and of the DOCX as LibreOffice sets it, for the
sample's outputs and the long briefs of tests/visual/briefs/ (a table for the README):

    .venv/bin/python -m tests.visual.page_counts
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.visual.outputs import SAMPLE_OUTPUTS, brief_outputs, build_everything
from tests.visual.pages import libreoffice_available, page_count


def main() -> int:
    if not libreoffice_available():
        print("page_counts: LibreOffice (soffice) is needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kinu-brief-page-counts-") as folder:
        renders = build_everything(Path(folder))
        names = [*SAMPLE_OUTPUTS, *brief_outputs()]
        rows = [(name, page_count(renders.pdf(name)), page_count(renders.docx_pages(name)))
                for name in names]
    width = max(len(name) for name in names)
    print(f"| {'output':<{width}} | PDF | LibreOffice |")
    print(f"|{'-' * (width + 2)}|----:|------------:|")
    for name, pdf, libreoffice in rows:
        mark = "" if pdf == libreoffice else "  ≠"
        print(f"| {name:<{width}} | {pdf:>3} | {libreoffice:>11} |{mark}")
    differing = sum(pdf != libreoffice for _, pdf, libreoffice in rows)
    print(f"\n{len(rows)} outputs, {differing} with different page counts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
