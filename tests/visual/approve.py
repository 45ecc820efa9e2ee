"""Re-render the sample's twelve outputs and approve their pages as the new goldens.

    .venv/bin/python -m tests.visual.approve          # show what changed, then approve
    .venv/bin/python -m tests.visual.approve --check  # show what changed, write nothing

Prints, per output, the pages that changed (and by how many pixels beyond the test's
tolerance), writes golden | new | changes images of them to output/visual-diff/ for
review, then (without --check) rewrites the goldens and page-counts.json. Only pages
whose pixels changed are rewritten, so `git diff --stat` lists exactly what moved.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PIL import Image

from tests.visual.compare import pixel_exact
from tests.visual.goldens import (
    GOLDEN_DPI,
    REVIEW_FOLDER,
    approved_page_counts,
    golden_page,
    page_changes,
    save_golden_pages,
    write_page_counts,
    write_review_images,
)
from tests.visual.outputs import SAMPLE_FILES, build_sample
from tests.visual.pages import libreoffice_available, page_images


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.visual.approve",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report changes, write nothing")
    options = parser.parse_args(arguments)
    if not libreoffice_available():
        print("approve: LibreOffice (soffice) is needed to render the DOCX pages", file=sys.stderr)
        return 2
    counts = approved_page_counts()
    with tempfile.TemporaryDirectory(prefix="kinu-brief-approve-") as folder:
        renders = build_sample(Path(folder))
        rendered = {name: page_images(renders.pages_of(name), GOLDEN_DPI)
                    for name in SAMPLE_FILES}
    changed = [name for name in SAMPLE_FILES if report(name, rendered[name], counts.get(name))]
    if not changed:
        print("approve: every page is as approved")
        return 0
    if options.check:
        print(f"approve --check: {len(changed)} outputs changed; nothing written")
        return 1
    for name in changed:
        save_golden_pages(name, rendered[name])
    write_page_counts({name: len(rendered[name]) for name in SAMPLE_FILES})
    print(f"approve: wrote the goldens of {len(changed)} outputs; review them with git diff")
    return 0


def report(name: str, pages: list[Image.Image], approved_count: int | None) -> bool:
    """Print how `name` changed; True when any pixel or its page count did."""
    lines = []
    if approved_count != len(pages):
        lines.append(f"pages {approved_count or 'none'} -> {len(pages)}")
    for change in page_changes(name, pages):
        if change.changed_pixels is None:
            lines.append(f"page {change.number}: new")
        elif change.changed_pixels or not _same_pixels(name, change.number, pages):
            verdict = "within tolerance" if change.acceptable else "CHANGED"
            lines.append(f"page {change.number}: {verdict} "
                         f"({change.changed_pixels} pixels beyond the threshold)")
    if not lines:
        print(f"{name}: unchanged ({len(pages)} page{'' if len(pages) == 1 else 's'})")
        return False
    numbers = [int(line.split()[1].rstrip(":")) for line in lines if line.startswith("page ")]
    folder = write_review_images(name, pages, numbers) if numbers else REVIEW_FOLDER
    print(f"{name}: " + "; ".join(lines) + (f"  [review: {folder}]" if numbers else ""))
    return True


def _same_pixels(name: str, number: int, pages: list[Image.Image]) -> bool:
    golden = golden_page(name, number)
    return golden is not None and pixel_exact(golden, pages[number - 1])


if __name__ == "__main__":
    sys.exit(main())
