"""`<out>/index.html`: one self-contained page listing every brief of an output folder.

The page is rendered from templates/index/index.html.j2 with autoescaping on: titles,
numbers and error messages are author data and reach the page escaped. Links are
relative (the folder can be moved or served as it is); no script, inline CSS only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

INDEX_NAME = "index.html"
TEMPLATE = ("index", "index.html.j2")
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}


@dataclass(frozen=True)
class IndexFile:
    href: str  # relative, URL-quoted
    format: str  # "PDF", "DOCX"
    bytes: int
    pages: int | None


@dataclass(frozen=True)
class IndexFileGroup:
    label: str  # "en full", "en full, ko front"
    files: tuple[IndexFile, ...]


@dataclass(frozen=True)
class IndexThumbnail:
    href: str  # the PDF
    src: str  # the PNG
    alt: str
    caption: str  # "en", "ko exec"


@dataclass(frozen=True)
class IndexBrief:
    stem: str
    number: str
    date: str  # ISO
    titles: tuple[tuple[str, str], ...]  # (edition, title)
    editions: tuple[str, ...]
    files: tuple[IndexFileGroup, ...]
    thumbnails: tuple[IndexThumbnail, ...]
    source_gone: str = ""  # the source's path when it no longer exists (orphaned files)
    agenda: tuple[str, ...] = ()  # a meeting's packet: the numbers of its briefs


@dataclass(frozen=True)
class IndexFailure:
    source: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class IndexPage:
    briefs: tuple[IndexBrief, ...]
    failures: tuple[IndexFailure, ...]
    packets: tuple[IndexBrief, ...] = ()  # meetings' packets of handouts


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def load_page_template() -> None:
    """Import jinja2 and load the page's template ahead of time (a split build does it
    while its worker renders the PDFs)."""
    _template()


@cache
def _template() -> jinja2.Template:
    import jinja2  # on first use: a build imports it only when it writes the page

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.templates", TEMPLATE[0]),
        bytecode_cache=_bytecode_cache(), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters["size"] = human_size
    environment.filters["language_name"] = lambda code: LANGUAGE_NAMES.get(code, code)
    return environment.get_template(TEMPLATE[1])  # shipped template text, never author text


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """jinja2's own cache of the compiled page template, in the user cache: compiling
    it costs more than the rest of writing the page. jinja2 checks each entry against
    the template's text and the running Python, and writes it by atomic rename."""
    import jinja2

    from generator import user_cache

    if not user_cache.enabled():
        return None
    folder = user_cache.cache_folder() / "jinja2"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render_index(page: IndexPage, generated_at: datetime.datetime) -> bytes:
    """The page's UTF-8 bytes; equal pages and times give equal bytes."""
    html = _template().render(
        page=page, generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        generated_iso=generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        documents=sum(len(group.files) for brief in (*page.briefs, *page.packets)
                      for group in brief.files),
        orphaned=sum(1 for brief in (*page.briefs, *page.packets) if brief.source_gone),
    )
    return html.encode("utf-8")
