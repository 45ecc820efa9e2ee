"""One unit of work: the stale outputs of one source, rendered and written in place.

Runs in a pool worker (or in the main process with -j 1). It writes each output
atomically and returns what the main process records in the manifest once the
file is in place. A source that cannot be loaded fails all of its outputs; an output
that cannot be rendered fails alone.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.atomic import write_atomically
from generator.build.deadline import render_deadline
from generator.build.fingerprint import output_key, thumbnail_key
from generator.build.manifest import SourceRecord, ThumbnailRecord
from generator.build.plan import Options, Output, outputs_for
from generator.diagnostics import Diagnostic, SourceError

if TYPE_CHECKING:  # imported where used: a main process forks its workers before it reads
    from generator.model import Brief
    from generator.source import SourceBrief

Renderer = Callable[["Brief"], bytes]


def renderer_for(format: str) -> Renderer:
    """The renderer of `format`, imported only when a file of it is built."""
    if format == "docx":
        from generator.render.docx import render_docx

        return render_docx
    if format == "pdf":
        from generator.render.pdf import render_pdf

        return render_pdf
    raise ValueError(f"unknown format {format!r}")


@dataclass(frozen=True)
class SourceTask:
    path: Path
    options: Options
    document_fingerprints: dict[str, str]
    thumbnail_fingerprint: str
    only: frozenset[str] | None = None  # output file names to build; None: all
    known_thumbnails: dict[str, str] = field(default_factory=dict)  # name -> input key
    source: SourceBrief | None = None  # read already (a task split by format), else None


@dataclass(frozen=True)
class OutputOutcome:
    output: Output
    input: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()  # empty: built
    sha256: str = ""
    bytes: int = 0
    pages: int | None = None
    seconds: float = 0.0
    thumbnail: ThumbnailRecord | None = None


@dataclass(frozen=True)
class ModelledOutput:
    """An output and its document model, ready to render."""

    output: Output
    brief: Brief


@dataclass(frozen=True)
class SourceOutcome:
    path: Path
    record: SourceRecord | None = None  # None: the source did not load
    diagnostics: tuple[Diagnostic, ...] = ()  # problems of the whole source
    outputs: tuple[OutputOutcome, ...] = ()


def run_task(task: SourceTask) -> SourceOutcome:
    from generator.source import load_source

    try:
        source_sha256 = hashlib.sha256(task.path.read_bytes()).hexdigest()
    except OSError:
        source_sha256 = ""  # load_source reports the located error
    try:
        source = task.source or load_source(task.path)
        outputs = task_outputs(task, source)
    except SourceError as error:
        return SourceOutcome(task.path, diagnostics=error.diagnostics)
    return SourceOutcome(
        task.path, source_record(source, source_sha256),
        outputs=tuple(build_output(task, source, source_sha256, output) for output in outputs),
    )


def task_outputs(task: SourceTask, source: SourceBrief) -> list[Output]:
    """The outputs `task` builds of `source`; SourceError when an edition is missing."""
    languages = languages_to_build(source, task.options)
    return [output for output in outputs_for(task.path, languages, task.options)
            if task.only is None or output.path.name in task.only]


def languages_to_build(source: SourceBrief, options: Options) -> tuple[str, ...]:
    if options.languages is None:
        return source.languages
    missing = [lang for lang in options.languages if lang not in source.languages]
    if missing:
        where = source.index.value_position(("body",))
        raise SourceError([Diagnostic(
            str(source.path), where.line, where.column,
            f"no '{missing[0]}' edition in body (it holds: {', '.join(source.languages)})",
        )])
    return options.languages


def source_record(source: SourceBrief, sha256: str) -> SourceRecord:
    from generator.source.loader import text_in

    titles = {language: text_in(source.title, language) for language in source.languages}
    fallback = text_in(source.title, source.languages[0]) or ""
    return SourceRecord(
        path=str(source.path), sha256=sha256, number=source.number,
        date=source.date.isoformat(),
        titles={language: title or fallback for language, title in titles.items()},
        editions=list(source.languages),
    )


def build_output(task: SourceTask, source: SourceBrief, source_sha256: str,
                 output: Output) -> OutputOutcome:
    start = time.perf_counter()
    modelled, failed = modelled_outputs(source, [output])
    if failed:
        return failed[0]
    return render_output(task, source_sha256, modelled[0], start)


def modelled_outputs(source: SourceBrief, outputs: list[Output]
                     ) -> tuple[list[ModelledOutput], list[OutputOutcome]]:
    """The document model of each output; the outcomes of those it cannot be built for."""
    from generator.source import brief_for

    modelled, failed = [], []
    for output in outputs:
        try:
            modelled.append(ModelledOutput(output, brief_for(
                source, output.language, variant=output.variant,
                front_language=output.front_language)))
        except SourceError as error:
            failed.append(OutputOutcome(output, diagnostics=error.diagnostics))
    return modelled, failed


def render_outputs(task: SourceTask, source_sha256: str, modelled: list[ModelledOutput], *,
                   extras: bool = True) -> tuple[OutputOutcome, ...]:
    """Render and write outputs whose models are built (a worker's part of a split
    source: it never imports the source reader). Without `extras`, PDFs come back
    without page count and thumbnail (see with_pdf_extras)."""
    return tuple(render_output(task, source_sha256, item, time.perf_counter(), extras=extras)
                 for item in modelled)


def with_pdf_extras(task: SourceTask, outcome: OutputOutcome) -> OutputOutcome:
    """A built PDF's outcome with its page count and thumbnail, from the written file."""
    if outcome.diagnostics or outcome.output.format != "pdf":
        return outcome
    data = outcome.output.path.read_bytes()
    pages, thumbnail = _pdf_extras(task, outcome.output, data, outcome.sha256)
    return replace(outcome, pages=pages, thumbnail=thumbnail)


def render_output(task: SourceTask, source_sha256: str, modelled: ModelledOutput,
                  start: float, *, extras: bool = True) -> OutputOutcome:
    output = modelled.output
    try:
        with render_deadline(task.path, output.path.name):
            brief = settled_layout(modelled.brief)
            data = render(renderer_for(output.format), brief, task.path)
    except SourceError as error:
        return OutputOutcome(output, diagnostics=error.diagnostics)
    write_atomically(output.path, data)
    digest = hashlib.sha256(data).hexdigest()
    pages, thumbnail = _pdf_extras(task, output, data, digest) if extras else (None, None)
    return OutputOutcome(
        output, input=output_key(source_sha256, task.document_fingerprints[output.format],
                                 output),
        sha256=digest, bytes=len(data), pages=pages,
        seconds=time.perf_counter() - start, thumbnail=thumbnail,
    )


def settled_layout(brief: Brief) -> Brief:
    """A handout with its page budget decided on the PDF layout (both formats print
    that page); other variants as they are."""
    if brief.variant != "handout":
        return brief
    from generator.render.pdf import settle_handout

    return settle_handout(brief)


def render(renderer: Renderer, brief: Brief, path: Path) -> bytes:
    try:
        return renderer(brief)
    except SourceError:
        raise
    except Exception as error:  # a renderer bug must not hide the other briefs
        raise SourceError([Diagnostic(
            str(path), 1, 1, f"internal error while rendering {brief.language} "
            f"{brief.variant}: {type(error).__name__}: {error}",
        )]) from error


def _pdf_extras(task: SourceTask, output: Output, data: bytes,
                digest: str) -> tuple[int | None, ThumbnailRecord | None]:
    """A PDF's page count, and its thumbnail, drawn unless the known one shows it."""
    if output.format != "pdf":
        return None, None
    from generator.index.thumbnails import page_count_and_thumbnail, thumbnail_path

    key = thumbnail_key(digest, task.thumbnail_fingerprint)
    path = thumbnail_path(task.options.out, output.path.name)
    known = task.known_thumbnails.get(path.name) == key and path.is_file()
    pages, png = page_count_and_thumbnail(data, thumbnail=not known)
    if png is None:
        return pages, None  # the main process checks the known file's hash
    write_atomically(path, png)
    return pages, ThumbnailRecord(key, hashlib.sha256(png).hexdigest())
