"""The index page, opened in headless Chromium: it loads, its links resolve to files,
its thumbnails load, and failures come first. Skips when chromium is absent."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.cli import main
from tests.batch_helpers import write_sources
from tests.conftest import MINIMAL_SOURCE, needs_tools

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

CHECK_SCRIPT = """
<script>
window.addEventListener("load", () => {
  const images = Array.from(document.images);
  const loaded = images.filter((image) => image.complete && image.naturalWidth > 0);
  document.body.setAttribute("data-images", String(images.length));
  document.body.setAttribute("data-images-loaded", String(loaded.length));
});
</script>
"""


class PageParts(HTMLParser):
    """Links, image sources and the body's attributes of a dumped DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []
        self.body: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        elif tag == "img":
            self.images.append(str(found["src"]))
        elif tag == "body":
            self.body = found


def dumped_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    finished = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom",
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


@needs_tools("chromium")
def test_the_index_page_loads_in_chromium_with_working_links_and_thumbnails(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    write_sources(sources, 2)
    (sources / "brief-00-broken.yaml").write_text(
        MINIMAL_SOURCE.replace("title:", "titel:"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", str(sources), "--out", str(out), "--quiet"]) == 1
    page = (out / "index.html").read_text(encoding="utf-8")
    checked = out / "index-check.html"  # beside it, so relative links are the same
    checked.write_text(page.replace("</body>", CHECK_SCRIPT + "</body>"), encoding="utf-8")

    parts = PageParts()
    dom = dumped_dom(checked, tmp_path / "chromium-profile")
    parts.feed(dom)

    assert parts.body.get("data-images") == "4"  # 2 briefs x 2 editions, one per PDF
    assert parts.body.get("data-images-loaded") == "4"
    assert sorted(parts.links) == sorted(
        f"brief-{number:02d}-{lang}-full.{ext}"
        for number in (1, 2) for lang in ("en", "ko") for ext in ("pdf", "docx", "pdf"))
    for target in parts.links + parts.images:
        assert (out / unquote(target)).is_file(), target
    assert dom.index("brief-00-broken.yaml:3:1: error: unknown key") < dom.index("<table")


def test_the_compiled_page_template_is_remembered_and_gives_the_same_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.index import page

    def index_html(out: Path) -> bytes:
        page._template.cache_clear()  # a new process's first page
        assert main(["generate", str(sample), "--out", str(out), "--format", "pdf",
                     "--lang", "en", "--quiet"]) == 0
        return (out / "index.html").read_bytes()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1694649600")
    sample = Path(__file__).resolve().parent.parent / "sources" / "co-23-30.yaml"
    compiled = index_html(tmp_path / "first")
    remembered = list((tmp_path / "cache" / "kinu-brief" / "jinja2").iterdir())
    assert len(remembered) == 1
    assert index_html(tmp_path / "second") == compiled  # from the remembered template
    monkeypatch.setenv("KINU_BRIEF_NO_CACHE", "1")
    assert index_html(tmp_path / "third") == compiled
    page._template.cache_clear()
