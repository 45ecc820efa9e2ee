"""First-page thumbnails of PDFs, drawn with pypdfium2 and saved as PNG.

The same PDF bytes give the same PNG bytes (PNG carries no time), so thumbnails are
reproducible and only redrawn when their PDF changed.

PDFium is not thread-safe: every use of pypdfium2 in a process holds PDFIUM_LOCK (the
preview server of `kinu-brief watch` draws pages in its threads while a rebuild draws
thumbnails).
"""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

THUMBNAIL_FOLDER = "thumbnails"
THUMBNAIL_WIDTH = 192  # pixels; the page shows it at half size, sharp on HiDPI screens
PNG_COMPRESSION = 3  # zlib level: smaller and faster than Pillow's default (6) here
PDFIUM_LOCK = threading.Lock()


def thumbnail_path(out: Path, pdf_name: str) -> Path:
    """`<out>/thumbnails/<pdf stem>.png`."""
    return out / THUMBNAIL_FOLDER / f"{Path(pdf_name).stem}.png"


def load_library() -> None:
    """Import pypdfium2 and Pillow's PNG writer ahead of time (pool workers do it once,
    before any task; a split build while its worker renders)."""
    import PIL.Image
    import PIL.PngImagePlugin  # noqa: F401
    import pypdfium2  # noqa: F401

    PIL.Image.preinit()  # what the first save would do


# The one page tree node of a PDF as the PDF renderer writes it: every page a kid of it.
_FLAT_PAGE_TREE = re.compile(rb"<<\s*/Count (\d+) /Kids \[((?: \d+ 0 R)*) \] /Type /Pages\s*>>")
_PAGE_OBJECT = re.compile(rb"/Type /Page\b(?!s)")


def flat_page_count(pdf: bytes) -> int | None:
    """The number of pages of a PDF whose page tree is one uncompressed node listing
    every page (as reportlab writes it), read without a PDF library; None for any other
    PDF (and when the node's count, its kids and the page objects disagree)."""
    trees = _FLAT_PAGE_TREE.findall(pdf)
    if len(trees) != 1:
        return None
    count, kids = int(trees[0][0]), trees[0][1].count(b" R")
    if count != kids or len(_PAGE_OBJECT.findall(pdf)) != count:
        return None
    return count


def page_count_and_thumbnail(pdf: bytes, *, thumbnail: bool,
                              width: int = THUMBNAIL_WIDTH) -> tuple[int, bytes | None]:
    """The number of pages of `pdf` and, if asked, its first page as a PNG `width` wide.
    Only a thumbnail or an unusual page tree needs pdfium (and its import)."""
    if not thumbnail:
        pages = flat_page_count(pdf)
        if pages is not None:
            return pages, None
    import pypdfium2

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            pages = len(document)
            if not thumbnail:
                return pages, None
            page = document[0]
            bitmap = page.render(scale=width / page.get_width())
            image = bitmap.to_pil()
            page.close()
        finally:
            document.close()
    stream = io.BytesIO()
    image.save(stream, format="PNG", compress_level=PNG_COMPRESSION)
    return pages, stream.getvalue()


def first_page_png(pdf: bytes) -> bytes:
    _, png = page_count_and_thumbnail(pdf, thumbnail=True)
    assert png is not None
    return png
