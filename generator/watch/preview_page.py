"""The preview page: each watched brief's pages as images, PDF above DOCX, per edition.

It shows the pages of the three briefs rebuilt last (at first, the first three in
order of path) and lists the others, each with links to its files: saving one brings
its pages to the top. The page is one self-contained HTML document (its style and
script inline, no external scripts or fonts; a Content-Security-Policy allows nothing
else). Its script listens to the server's events (EventSource: one open connection, no
polling) and, when a rebuild is done, fetches the new contents of <main> and puts them
in place: the page updates without a reload. Errors come first, as located lines; the
pages of a brief whose last rebuild failed stay below them, marked stale.

Author text (titles, the pages' text, error messages) is data: every piece of it is
escaped here.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path
from urllib.parse import quote

from generator.watch.docx_pages import DocxPages
from generator.watch.page_images import PAGE_WIDTH, PageImages, PdfPages
from generator.watch.state import OutputView, Snapshot, SourceView

SHOWN_WIDTH = PAGE_WIDTH // 2
SHOWN_BRIEFS = 3  # the last rebuilt; the others are listed (a folder may hold hundreds)
LANGUAGE_NAMES = {"en": "English", "ko": "Korean"}

STYLE = """
:root { color-scheme: light; font-family: system-ui, sans-serif; background: #eceae6; }
body { margin: 0; }
header { background: #1d3557; color: #fff; padding: .5rem 1rem; display: flex;
  gap: 1rem; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 1rem; margin: 0; }
header p { margin: 0; font-size: .85rem; opacity: .9; }
main { padding: .5rem 1rem 2rem; }
.errors { background: #fdecea; border: 2px solid #b3261e; padding: .5rem 1rem;
  margin: .5rem 0 1rem; }
.errors h2 { color: #b3261e; font-size: 1rem; margin: .25rem 0; }
.errors pre { white-space: pre-wrap; margin: .25rem 0; font-size: .9rem; }
.brief { margin: 1rem 0 2rem; }
.brief h2 { font-size: 1.1rem; margin: .5rem 0; }
.brief h2 small { font-weight: normal; color: #555; margin-left: .5rem; }
.stale-note { background: #fff4ce; border-left: 4px solid #c77700; padding: .25rem .5rem; }
.edition h3 { font-size: .95rem; margin: 1rem 0 .25rem; }
.format h4 { font-size: .85rem; font-weight: normal; margin: .5rem 0 .25rem; color: #333; }
.pages { display: flex; gap: 12px; overflow-x: auto; padding-bottom: .5rem;
  align-items: flex-start; }
figure { margin: 0; flex: none; }
figure img { display: block; background: #fff; box-shadow: 0 1px 4px #0004;
  height: auto; }
figcaption { font-size: .75rem; color: #555; }
figcaption summary { cursor: pointer; }
figcaption pre { white-space: pre-wrap; max-width: 380px; font-size: .75rem; }
.stale img { opacity: .45; filter: grayscale(1); }
.stale h4::after { content: " \\2014 stale"; color: #b3261e; font-weight: bold; }
.note { font-size: .85rem; color: #555; margin: .25rem 0; }
.others h2 { font-size: 1rem; } .others li { margin: .2rem 0; font-size: .9rem; }
.others small { color: #555; margin: 0 .5rem; }
"""

SCRIPT = """
"use strict";
const preview = document.getElementById("preview");
const connection = document.getElementById("connection");
let shown = Number(document.body.dataset.generation);
let asked = shown;
async function refresh(generation) {
  if (generation <= asked) return;
  asked = generation;
  const response = await fetch("/main", {cache: "no-store"});
  if (!response.ok) return;
  const served = Number(response.headers.get("X-Generation"));
  const contents = await response.text();
  if (served <= shown) return;
  shown = served;
  preview.innerHTML = contents;
  document.body.dataset.generation = String(served);
}
const events = new EventSource("/events");
events.addEventListener("update", (event) => refresh(Number(event.data)));
events.addEventListener("open", () => { connection.textContent = "live"; });
events.addEventListener("error", () => { connection.textContent = "reconnecting\\u2026"; });
"""


def _source_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {_source_hash(SCRIPT)}; style-src {_source_hash(STYLE)}; "
    "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'")


class PreviewPage:
    """Writes the page from a snapshot of the state and the files of the output folder."""

    def __init__(self, out: Path, images: PageImages, docx: DocxPages) -> None:
        self.out = out
        self.images = images
        self.docx = docx

    def document(self, snapshot: Snapshot) -> str:
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>kinu-brief watch: {escape(str(self.out))}</title>"
            f"<style>{STYLE}</style></head>\n"
            f"<body data-generation=\"{snapshot.generation}\"><header>"
            "<h1>kinu-brief watch</h1>"
            f"<p>{escape(str(self.out))}</p><p id=\"connection\">connecting\u2026</p></header>\n"
            f"<main id=\"preview\">{self.main(snapshot)}</main>\n"
            f"<script>{SCRIPT}</script></body></html>\n"
        )

    def main(self, snapshot: Snapshot) -> str:
        parts = [self.errors(snapshot)]
        if snapshot.status:
            parts.append(f"<p class=\"note\" id=\"status\">{escape(snapshot.status)}</p>")
        if not snapshot.sources:
            parts.append("<p class=\"note\">No source is being watched.</p>")
        shown, listed = snapshot.sources[:SHOWN_BRIEFS], snapshot.sources[SHOWN_BRIEFS:]
        parts.extend(self.brief(view) for view in shown)
        if listed:
            parts.append(self.others(listed))
        return "\n".join(part for part in parts if part)

    def others(self, views: tuple[SourceView, ...]) -> str:
        """The briefs whose pages are not shown, one line each with links to its files."""
        items = []
        for view in views:
            title = next(iter(view.titles.values()), "") if view.titles else ""
            links = " ".join(f"<a href=\"/file/{quote(output.name)}\">{escape(output.name)}</a>"
                             for output in view.outputs)
            mark = " <strong>errors</strong>" if view.errors else ""
            items.append(f"<li>{escape(title or view.stem)} <small>{escape(str(view.path))}"
                         f"</small>{mark} {links}</li>")
        return ("<section class=\"others\" id=\"others\"><h2>The other briefs watched</h2>"
                f"<p class=\"note\">Save one to see its pages here.</p><ul>{''.join(items)}"
                "</ul></section>")

    def errors(self, snapshot: Snapshot) -> str:
        lines = [line for view in snapshot.sources for line in view.errors]
        if not lines:
            return ""
        heading = ("Errors \u2014 the pages of a brief with errors are its last good ones, "
                   "marked stale")
        return (f"<section class=\"errors\" id=\"errors\"><h2>{heading}</h2>"
                f"<pre>{escape(chr(10).join(lines))}</pre></section>")

    def brief(self, view: SourceView) -> str:
        title = next(iter(view.titles.values()), "") if view.titles else ""
        stale = any(output.stale for output in view.outputs) or bool(view.errors)
        parts = [f"<section class=\"brief{' stale' if stale else ''}\" "
                 f"id=\"brief-{escape(view.stem)}\">",
                 f"<h2>{escape(title or view.stem)}<small>{escape(str(view.path))}</small></h2>"]
        if view.errors:
            parts.append("<p class=\"stale-note\">This brief has errors (above): the pages "
                         "below are from its last good build.</p>")
        if not view.outputs:
            parts.append("<p class=\"note\">No pages yet: the brief has not been built.</p>")
        for group in _groups(view.outputs):
            parts.append(self.edition(group))
        parts.append("</section>")
        return "\n".join(parts)

    def edition(self, outputs: list[OutputView]) -> str:
        first = outputs[0]
        name = LANGUAGE_NAMES.get(first.language, first.language)
        front = Path(first.name).stem.rpartition("-front-")[2] if "-front-" in first.name \
            else ""
        label = f"{name} \u00b7 {first.variant}" + (f" \u00b7 front matter {front}" if front
                                                     else "")
        rows = [self.output(output) for output in outputs]
        return (f"<div class=\"edition\"><h3>{escape(label)}</h3>" + "".join(rows) + "</div>")

    def output(self, output: OutputView) -> str:
        link = f"/file/{quote(output.name)}"
        kind = "PDF" if output.format == "pdf" else "DOCX, as LibreOffice draws it"
        classes = f"format {output.format}{' stale' if output.stale else ''}"
        heading = (f"<h4>{kind}: <a href=\"{link}\">{escape(output.name)}</a></h4>")
        try:
            data = (self.out / output.name).read_bytes()
        except OSError:
            return (f"<div class=\"{classes}\">{heading}<p class=\"note\">Not built yet."
                    "</p></div>")
        pages = self.pdf_pages(output, data) if output.format == "pdf" else self.docx_pages(
            output, data)
        return (f"<div class=\"{classes}\" data-file=\"{escape(output.name)}\">"
                f"{heading}{pages}</div>")

    def pdf_pages(self, output: OutputView, data: bytes) -> str:
        return self.figures(output.name, self.images.pages(data))

    def docx_pages(self, output: OutputView, data: bytes) -> str:
        if not self.docx.available:
            return ("<p class=\"note\">LibreOffice (<code>soffice</code>) is not installed, "
                    "so the DOCX pages cannot be drawn here: open the file.</p>")
        drawn = self.docx.drawn(output.name)
        problem = self.docx.problem(output.name)
        current = drawn is not None and drawn.sha256 == hashlib.sha256(data).hexdigest()
        note = "" if current else (
            f"<p class=\"note\">{escape(problem)}</p>" if problem else
            "<p class=\"note\">LibreOffice is drawing the new pages\u2026</p>")
        if drawn is None:
            return note
        figures = self.figures(output.name, self.images.pages(drawn.pdf))
        return note + (figures if current else f"<div class=\"stale\">{figures}</div>")

    def figures(self, name: str, pages: PdfPages) -> str:
        version = pages.sha256[:16]
        figures = []
        for number, text in enumerate(pages.texts, start=1):
            source = f"/page/{quote(name)}/{number}.png?v={version}"
            figures.append(
                f"<figure><img src=\"{source}\" width=\"{SHOWN_WIDTH}\" "
                f"alt=\"Page {number} of {escape(name)}\">"
                f"<figcaption><details><summary>Page {number}</summary>"
                f"<pre class=\"page-text\">{escape(text)}</pre></details></figcaption></figure>")
        return f"<div class=\"pages\">{''.join(figures)}</div>"


def _groups(outputs: tuple[OutputView, ...]) -> list[list[OutputView]]:
    """The outputs grouped by edition, variant and front matter (PDF, then DOCX)."""
    groups: dict[str, list[OutputView]] = {}
    for output in outputs:
        groups.setdefault(Path(output.name).stem, []).append(output)
    return list(groups.values())
