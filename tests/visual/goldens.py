"""The reviewed page images ("goldens") of the sample's twelve outputs.

tests/visual/goldens/<output file name>/page-<n>.png: every page, greyscale, 50 dpi;
tests/visual/goldens/page-counts.json: the number of pages of each output. A DOCX's
pages are LibreOffice's. `python -m tests.visual.approve` re-renders and rewrites them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tests.conftest import ROOT
from tests.visual.compare import page_difference, review_image

GOLDENS = Path(__file__).resolve().parent / "goldens"
PAGE_COUNTS = GOLDENS / "page-counts.json"
GOLDEN_DPI = 50
REVIEW_FOLDER = ROOT / "output" / "visual-diff"


def golden_path(file_name: str, number: int) -> Path:
    return GOLDENS / file_name / f"page-{number}.png"


def approved_page_counts() -> dict[str, int]:
    if not PAGE_COUNTS.is_file():
        return {}
    counts: dict[str, int] = json.loads(PAGE_COUNTS.read_text(encoding="utf-8"))
    return counts


def write_page_counts(counts: dict[str, int]) -> None:
    PAGE_COUNTS.parent.mkdir(parents=True, exist_ok=True)
    PAGE_COUNTS.write_text(json.dumps(dict(sorted(counts.items())), indent=2) + "\n",
                           encoding="utf-8")


def golden_page(file_name: str, number: int) -> Image.Image | None:
    path = golden_path(file_name, number)
    if not path.is_file():
        return None
    with Image.open(path) as image:
        return image.convert("L")


def save_golden_pages(file_name: str, pages: list[Image.Image]) -> None:
    """Replace the goldens of `file_name` by `pages` (stale page files removed)."""
    folder = GOLDENS / file_name
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("page-*.png"):
        stale.unlink()
    for number, page in enumerate(pages, start=1):
        page.save(golden_path(file_name, number), optimize=True)


@dataclass(frozen=True)
class PageChange:
    number: int
    changed_pixels: int | None  # None: a page with no golden
    acceptable: bool


def page_changes(file_name: str, pages: list[Image.Image]) -> list[PageChange]:
    """How each fresh page differs from its golden (pages beyond the goldens: None)."""
    changes = []
    for number, page in enumerate(pages, start=1):
        golden = golden_page(file_name, number)
        if golden is None:
            changes.append(PageChange(number, None, acceptable=False))
            continue
        difference = page_difference(golden, page)
        changes.append(PageChange(number, difference.changed_pixels, difference.acceptable))
    return changes


def write_review_images(file_name: str, pages: list[Image.Image],
                        numbers: list[int]) -> Path:
    """Golden | fresh | changes, for each page in `numbers`; returns their folder."""
    folder = REVIEW_FOLDER / file_name
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("page-*.png"):
        stale.unlink()
    for number in numbers:
        golden = golden_page(file_name, number) or Image.new("L", pages[number - 1].size, 255)
        review_image(golden, pages[number - 1]).save(folder / f"page-{number}.png")
    return folder
