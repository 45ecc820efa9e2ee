"""The output folder's thumbnails and index page, each rewritten only when it changed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from generator.build.atomic import write_atomically
from generator.build.clock import build_time
from generator.build.failures import WriteFailure, write_failure
from generator.build.fingerprint import digest_of, file_sha256, thumbnail_key
from generator.build.manifest import IndexRecord, Manifest, OutputRecord, ThumbnailRecord
from generator.build.plan import VARIANTS
from generator.index.page import (
    INDEX_NAME,
    IndexBrief,
    IndexFailure,
    IndexFile,
    IndexFileGroup,
    IndexPage,
    IndexThumbnail,
)
from generator.index.thumbnails import THUMBNAIL_FOLDER

INDEX_FORMATS = ("pdf", "docx")

if TYPE_CHECKING:
    from generator.build.run import SourceReport


def refresh_thumbnails(manifest: Manifest, out: Path, fingerprint: str, force: bool,
                       drawn: Collection[str] = ()) -> list[WriteFailure]:
    """Draw the thumbnail of every recorded PDF whose thumbnail is missing or stale (with
    `force`, every one but those of the PDFs in `drawn`, drawn by this run already); the
    thumbnails that could not be written (their PDFs are still listed, without one)."""
    failures: list[WriteFailure] = []
    for name, record in sorted(manifest.outputs.items()):
        if record.format != "pdf":
            continue
        png_name = f"{Path(name).stem}.png"
        key = thumbnail_key(record.sha256, fingerprint)
        known = manifest.thumbnails.get(png_name)
        path = out / THUMBNAIL_FOLDER / png_name
        if ((force and name not in drawn) or known is None or known.input != key
                or not _has_hash(path, known.sha256)):
            try:
                manifest.thumbnails[png_name] = _draw_thumbnail(out / name, path, key)
            except OSError as error:
                manifest.thumbnails.pop(png_name, None)
                failures.append(write_failure(path, f"thumbnail of {name}",
                                              error))
    return failures


def _has_hash(path: Path, sha256: str) -> bool:
    try:
        return file_sha256(path) == sha256
    except OSError:
        return False


def _draw_thumbnail(pdf: Path, path: Path, key: str) -> ThumbnailRecord:
    from generator.index.thumbnails import first_page_png

    png = first_page_png(pdf.read_bytes())
    write_atomically(path, png)
    return ThumbnailRecord(key, hashlib.sha256(png).hexdigest())


def publish_index(manifest: Manifest, out: Path, reports: Sequence[SourceReport],
                  fingerprint: str, force: bool, orphaned: Collection[str] = ()) -> None:
    """Write `<out>/index.html` unless what it shows is unchanged (OSError when it cannot
    be written: the previous page and its record stay)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    page = index_page(manifest, reports, orphaned)
    key = digest_of({"page": asdict(page), "code": fingerprint, "epoch": epoch})
    path = out / INDEX_NAME
    known = manifest.index
    if not force and known is not None and known.input == key and _has_hash(path, known.sha256):
        return
    from generator.index.page import render_index

    html = render_index(page, build_time())
    write_atomically(path, html)
    manifest.index = IndexRecord(key, hashlib.sha256(html).hexdigest())


def index_page(manifest: Manifest, reports: Sequence[SourceReport],
               orphaned: Collection[str] = ()) -> IndexPage:
    """What the page shows; `orphaned`: the source paths that no longer exist."""
    failures = tuple(
        IndexFailure(str(report.path), tuple(str(problem) for problem in report.diagnostics)
                     + tuple(str(problem) for problem in report.write_failures))
        for report in reports if report.failed
    )
    briefs = [_index_brief(manifest, stem, orphaned) for stem in manifest.sources]
    briefs.sort(key=lambda brief: (brief.date, brief.number, brief.stem), reverse=True)
    return IndexPage(tuple(brief for brief in briefs if brief.files), failures)


def _index_brief(manifest: Manifest, stem: str, orphaned: Collection[str]) -> IndexBrief:
    source = manifest.sources[stem]
    outputs = sorted(
        ((name, record) for name, record in manifest.outputs.items() if record.source == stem),
        key=lambda item: _output_order(source.editions, item[1]) + (item[0],),
    )
    return IndexBrief(
        stem=stem, number=source.number, date=source.date,
        titles=tuple((language, source.titles.get(language, "")) for language in
                     source.editions),
        editions=tuple(source.editions),
        files=_file_groups(outputs),
        thumbnails=tuple(_index_thumbnail(name, record, source.titles) for name, record
                         in outputs if record.format == "pdf"
                         and f"{Path(name).stem}.png" in manifest.thumbnails),
        source_gone=source.path if source.path in orphaned else "",
    )


def _output_order(editions: list[str], record: OutputRecord) -> tuple[int, int, str, int]:
    """Editions as the source lists them, then variants, then PDF before DOCX."""
    edition = editions.index(record.edition) if record.edition in editions else len(editions)
    variant = VARIANTS.index(record.variant) if record.variant in VARIANTS else len(VARIANTS)
    format = INDEX_FORMATS.index(record.format) if record.format in INDEX_FORMATS else 9
    return edition, variant, record.front_language, format


def _label(record: OutputRecord) -> str:
    front = "" if record.front_language == record.edition else f", {record.front_language} front"
    return f"{record.edition} {record.variant}{front}"


def _file_groups(outputs: list[tuple[str, OutputRecord]]) -> tuple[IndexFileGroup, ...]:
    """One group per edition, variant and front matter: its PDF and DOCX side by side."""
    groups: dict[str, list[IndexFile]] = {}
    for name, record in outputs:
        groups.setdefault(_label(record), []).append(IndexFile(
            href=quote(name), format=record.format.upper(), bytes=record.bytes,
            pages=record.pages))
    return tuple(IndexFileGroup(label, tuple(files)) for label, files in groups.items())


def _index_thumbnail(name: str, record: OutputRecord,
                     titles: dict[str, str]) -> IndexThumbnail:
    variant = "" if record.variant == "full" else f" {record.variant}"
    return IndexThumbnail(
        href=quote(name), src=quote(f"{THUMBNAIL_FOLDER}/{Path(name).stem}.png"),
        alt=f"First page of {titles.get(record.edition, name)} ({_label(record)})",
        caption=f"{record.edition}{variant}",
    )
