"""One unit of work: the stale outputs of one source, rendered and written in place.

Runs in a pool worker (or in the main process with -j 1). It returns what the main
process records in the manifest once the files are in place. A source that cannot be
loaded fails all of its outputs; an output that cannot be rendered fails alone.

A brief's outputs are put in place together: each is first staged (written to a
flushed temporary beside its final name, with its thumbnail), and only when every
one of them is staged are they renamed into place. When one cannot be written (a
full disk, a read-only folder), none is put in place: the folder keeps the previous
files of the brief, all of them, and the manifest still describes them. (Should a
rename itself fail, the files renamed before it are in place and recorded, the rest
are not: the manifest and the report say exactly which.)
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.atomic import commit, discard, stage
from generator.build.deadline import render_deadline
from generator.build.failures import WriteFailure, write_failure
from generator.build.fingerprint import output_key, source_input, thumbnail_key
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
    staged: Path | None = None  # written, not yet renamed into place
    staged_thumbnail: Path | None = None
    write_error: WriteFailure | None = None  # this output (or its thumbnail) not written
    withheld: str = ""  # staged, but not put in place, because a sibling was not written

    @property
    def failed(self) -> bool:
        return bool(self.diagnostics or self.write_error or self.withheld)


def output_label(output: Output) -> str:
    """`en full docx`, `en exec pdf, ko front`: what an output is, in a line."""
    front = "" if output.front_language == output.language else f", {output.front_language} front"
    return f"{output.language} {output.variant} {output.format}{front}"


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


def run_task(task: SourceTask, *, publish: bool = True) -> SourceOutcome:
    """The task's outputs rendered and staged, then (with `publish`) put in place."""
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
    own_input = source_input(source_sha256, dict(source.images))
    outcome = SourceOutcome(
        task.path, source_record(source, source_sha256),
        outputs=tuple(build_output(task, source, own_input, output) for output in outputs),
    )
    return published(outcome) if publish else outcome


def published(outcome: SourceOutcome) -> SourceOutcome:
    """The outcome once its staged outputs are put in place: all of them, or, when one
    could not be written, none (each staged one is then withheld and discarded)."""
    unwritten = [_shown(item) for item in outcome.outputs if item.write_error]
    if unwritten:
        return replace(outcome, outputs=tuple(
            _withheld(item, unwritten) if item.staged else item for item in outcome.outputs))
    outputs: list[OutputOutcome] = []
    for item in outcome.outputs:
        if item.staged is not None and unwritten:
            item = _withheld(item, unwritten)
        elif item.staged is not None:
            item = _committed(item)
            if item.write_error:
                unwritten.append(_shown(item))
        outputs.append(item)
    return replace(outcome, outputs=tuple(outputs))


def _shown(item: OutputOutcome) -> str:
    """The file `item` could not write, relative to the output folder."""
    assert item.write_error is not None
    return os.path.relpath(item.write_error.path, item.output.path.parent)


def _committed(item: OutputOutcome) -> OutputOutcome:
    """A staged output renamed into place (with its thumbnail, when it has one)."""
    assert item.staged is not None
    output = item.output
    try:
        commit(item.staged, output.path)
    except OSError as error:
        if item.staged_thumbnail is not None:
            discard(item.staged_thumbnail)
        return replace(item, staged=None, staged_thumbnail=None, thumbnail=None,
                       write_error=write_failure(output.path, output_label(output), error))
    thumbnail = item.thumbnail
    if item.staged_thumbnail is not None:
        from generator.index.thumbnails import thumbnail_path

        try:
            commit(item.staged_thumbnail, thumbnail_path(output.path.parent, output.path.name))
        except OSError:
            thumbnail = None  # drawn again after the run (see publish.refresh_thumbnails)
    return replace(item, staged=None, staged_thumbnail=None, thumbnail=thumbnail)


def _withheld(item: OutputOutcome, unwritten: list[str]) -> OutputOutcome:
    for staged in (item.staged, item.staged_thumbnail):
        if staged is not None:
            discard(staged)
    return replace(item, staged=None, staged_thumbnail=None, thumbnail=None, withheld=(
        f"not put in place: {', '.join(unwritten)} could not be written, and the "
        "outputs of a brief are put in place together (the previous files stay)"))


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
        editions=list(source.languages), images=dict(source.images),
    )


def build_output(task: SourceTask, source: SourceBrief, own_input: str,
                 output: Output) -> OutputOutcome:
    """`output` built; `own_input` is the source's fingerprint.source_input."""
    start = time.perf_counter()
    modelled, failed = modelled_outputs(source, [output])
    if failed:
        return failed[0]
    return render_output(task, own_input, modelled[0], start)


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


def render_outputs(task: SourceTask, source_sha256: str, modelled: list[ModelledOutput]
                   ) -> tuple[OutputOutcome, ...]:
    """Render and write outputs whose models are built (a worker's part of a split
    source: it never imports the source reader)."""
    return tuple(render_output(task, source_sha256, item, time.perf_counter())
                 for item in modelled)


def render_output(task: SourceTask, source_sha256: str, modelled: ModelledOutput,
                  start: float) -> OutputOutcome:
    output = modelled.output
    try:
        with render_deadline(task.path, output.path.name):
            brief = settled_layout(modelled.brief)
            data = render(renderer_for(output.format), brief, task.path)
    except SourceError as error:
        return OutputOutcome(output, diagnostics=error.diagnostics)
    try:
        staged = stage(output.path, data)
    except OSError as error:
        return OutputOutcome(output, write_error=write_failure(output.path,
                                                               output_label(output), error))
    outcome = OutputOutcome(
        output, input=output_key(source_sha256, task.document_fingerprints[output.format],
                                 output),
        sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
        seconds=time.perf_counter() - start, staged=staged,
    )
    return _with_extras(task, outcome, data)


def _with_extras(task: SourceTask, outcome: OutputOutcome, data: bytes) -> OutputOutcome:
    """A staged PDF's outcome with its page count and its thumbnail staged; failed (and
    the PDF discarded) when the thumbnail cannot be written."""
    try:
        pages, thumbnail, staged_thumbnail = _pdf_extras(task, outcome.output, data,
                                                         outcome.sha256)
    except _ThumbnailNotWritten as problem:
        assert outcome.staged is not None
        discard(outcome.staged)
        return replace(outcome, staged=None, write_error=problem.failure)
    return replace(outcome, pages=pages, thumbnail=thumbnail, staged_thumbnail=staged_thumbnail)


class _ThumbnailNotWritten(Exception):
    def __init__(self, failure: WriteFailure) -> None:
        self.failure = failure
        super().__init__(str(failure))


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


def _pdf_extras(task: SourceTask, output: Output, data: bytes, digest: str
                ) -> tuple[int | None, ThumbnailRecord | None, Path | None]:
    """A PDF's page count, and its thumbnail, drawn (and staged) unless the known one
    shows it."""
    if output.format != "pdf":
        return None, None, None
    from generator.index.thumbnails import page_count_and_thumbnail, thumbnail_path

    key = thumbnail_key(digest, task.thumbnail_fingerprint)
    path = thumbnail_path(task.options.out, output.path.name)
    known = task.known_thumbnails.get(path.name) == key and path.is_file()
    pages, png = page_count_and_thumbnail(data, thumbnail=not known)
    if png is None:
        return pages, None, None  # the main process checks the known file's hash
    try:
        staged = stage(path, png)
    except OSError as error:
        raise _ThumbnailNotWritten(write_failure(
            path, f"thumbnail of {output.path.name}", error)) from error
    return pages, ThumbnailRecord(key, hashlib.sha256(png).hexdigest()), staged
