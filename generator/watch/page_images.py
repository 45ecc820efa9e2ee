"""The pages of a PDF as PNG images and as text, for the preview, kept by content hash.

Pages are drawn with pypdfium2 (as the index page's thumbnails are), under the lock
every use of PDFium in the process holds, and kept for the last few PDFs: a page
asked for again, or unchanged by a rebuild, is not drawn twice.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TypeVar

from generator.index.thumbnails import PDFIUM_LOCK

PAGE_WIDTH = 760  # pixels: the page shows it 380 wide, sharp on HiDPI screens
PNG_COMPRESSION = 1  # fastest zlib level: the images go to a browser on this machine
KEPT_DOCUMENTS = 64
Key = TypeVar("Key")
Value = TypeVar("Value")


@dataclass(frozen=True)
class PdfPages:
    sha256: str
    texts: tuple[str, ...]  # one per page

    @property
    def count(self) -> int:
        return len(self.texts)


class PageImages:
    """The page images and texts of PDFs, drawn on first use and kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._documents: OrderedDict[str, PdfPages] = OrderedDict()
        self._images: OrderedDict[tuple[str, int], bytes] = OrderedDict()

    def pages(self, pdf: bytes) -> PdfPages:
        digest = hashlib.sha256(pdf).hexdigest()
        with self._lock:
            known = self._documents.get(digest)
        if known is not None:
            return known
        found = PdfPages(digest, page_texts(pdf))
        with self._lock:
            self._documents[digest] = found
            _trim(self._documents, KEPT_DOCUMENTS)
        return found

    def image(self, pdf: bytes, number: int) -> bytes | None:
        """Page `number` (from 1) as a PNG; None when there is no such page."""
        digest = hashlib.sha256(pdf).hexdigest()
        with self._lock:
            known = self._images.get((digest, number))
        if known is not None:
            return known
        image = page_png(pdf, number)
        if image is not None:
            with self._lock:
                self._images[(digest, number)] = image
                _trim(self._images, KEPT_DOCUMENTS * 4)
        return image


def _trim(cache: OrderedDict[Key, Value], size: int) -> None:
    while len(cache) > size:
        cache.popitem(last=False)


def page_texts(pdf: bytes) -> tuple[str, ...]:
    import pypdfium2

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            texts = []
            for page in document:
                textpage = page.get_textpage()
                texts.append(readable(textpage.get_text_range()))
                textpage.close()
                page.close()
            return tuple(texts)
        finally:
            document.close()


def readable(text: str) -> str:
    """A page's text as pdfium reads it, without the marks of a word hyphenated at a
    line's end (U+FFFE, where the hyphen was drawn): the word whole, as it is searched."""
    return text.replace("\r\n", "\n").replace("\ufffe", "").replace("\x02", "")


def page_png(pdf: bytes, number: int) -> bytes | None:
    import pypdfium2

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            if not 1 <= number <= len(document):
                return None
            page = document[number - 1]
            image = page.render(scale=PAGE_WIDTH / page.get_width()).to_pil()
            page.close()
        finally:
            document.close()
    stream = io.BytesIO()
    image.save(stream, format="PNG", compress_level=PNG_COMPRESSION)
    return stream.getvalue()
