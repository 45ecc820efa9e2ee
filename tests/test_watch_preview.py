"""The preview of `kinu-brief watch` in headless Chromium: it shows the sample's pages,
follows the source as it is edited on disk without being reloaded, shows a located
error at the top (the last good pages kept, marked stale), and the pages again once
fixed. Skips when Chromium is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.chromium_devtools import Chromium, Page
from tests.conftest import SAMPLE, needs_tools
from tests.watch_helpers import WatchProcess, save_like_an_editor

TITLE = "Assessment and Prospect of Russia-North Korea Summit"
NEW_TITLE = "Assessment and Prospect of the Quokka Summit"

PAGES_SHOWN = """(() => {
  const images = [...document.querySelectorAll('.pdf figure img')];
  return images.length > 0 && images.every((image) => image.complete && image.naturalWidth > 0);
})()"""


def page_text(selector: str) -> str:
    """The text of the pages `selector` finds, white space as single spaces."""
    return (f"[...document.querySelectorAll('{selector} .page-text')]"
            ".map((element) => element.textContent).join(' ').replace(/\\s+/g, ' ')")


def pdf_text_includes(phrase: str) -> str:
    return f"{page_text('.pdf')}.includes({phrase!r})"


@needs_tools("chromium")
def test_the_preview_follows_the_source_as_it_is_edited(tmp_path: Path) -> None:
    source = tmp_path / "sources" / "co-23-30.yaml"
    source.parent.mkdir()
    shutil.copyfile(SAMPLE, source)
    original = source.read_text(encoding="utf-8")
    watch = WatchProcess([str(source), "--out", str(tmp_path / "out"), "--port", "0"],
                         tmp_path / "tmp")
    with watch, Chromium(tmp_path / "chromium-profile") as browser:
        page = browser.open(watch.url)
        page.wait_until(PAGES_SHOWN, what="the PDF pages")
        assert page.evaluate("document.querySelectorAll('.pdf').length") == 2  # en, ko
        assert page.evaluate(pdf_text_includes(TITLE))
        assert page.evaluate(pdf_text_includes("북러 정상회담 평가와 전망"))
        assert not page.evaluate("document.getElementById('errors')")
        page.evaluate("window.notReloaded = true")
        first_page = page.evaluate("document.querySelector('.pdf img').src")

        save_like_an_editor(source, original.replace(TITLE, NEW_TITLE))
        page.wait_until(pdf_text_includes("Quokka"), what="the new title on the PDF page")
        page.wait_until(PAGES_SHOWN, what="the new page images")
        assert page.evaluate("document.querySelector('.pdf img').src") != first_page
        assert page.evaluate("window.notReloaded") is True

        invalid = original.replace(TITLE, NEW_TITLE).replace("\ntitle:", "\ntitel:")
        save_like_an_editor(source, invalid)
        page.wait_until("!!document.getElementById('errors')", what="the errors")
        errors = page.evaluate("document.getElementById('errors').innerText")
        assert "co-23-30.yaml:8:1: error: unknown key 'titel' in the brief" in errors
        assert page.evaluate("""document.getElementById('errors')
            .compareDocumentPosition(document.querySelector('.brief')) === 4""")  # on top
        assert page.evaluate("document.querySelector('.brief').classList.contains('stale')")
        assert page.evaluate(PAGES_SHOWN)  # the last good pages, still there
        assert page.evaluate(pdf_text_includes("Quokka"))

        save_like_an_editor(source, original)
        page.wait_until("!document.getElementById('errors') && "
                        f"{pdf_text_includes(TITLE)}", what="the pages again")
        page.wait_until(PAGES_SHOWN, what="the page images again")
        assert not page.evaluate("document.querySelector('.brief.stale')")
        assert page.evaluate("window.notReloaded") is True
        if shutil.which("soffice"):
            _docx_pages_follow(page, source, original.replace(TITLE, NEW_TITLE))
        assert watch.stop() == 130


def _docx_pages_follow(page: Page, source: Path, edited: str) -> None:
    """LibreOffice's drawing of the DOCX follows the PDF pages: the new title."""
    save_like_an_editor(source, edited)
    page.wait_until(pdf_text_includes("Quokka"), what="the new title on the PDF page")
    page.wait_until(f"{page_text('.docx')}.includes('Quokka') && "
                    "!document.querySelector('.docx .stale')",
                    timeout=180, what="the DOCX pages drawn by LibreOffice")
    page.wait_until("""(() => {
      const images = [...document.querySelectorAll('.docx figure img')];
      return images.length > 0 && images.every((image) => image.complete && image.naturalWidth > 0);
    })()""", what="the DOCX page images")
