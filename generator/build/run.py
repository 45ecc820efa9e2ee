"""Builds every requested output of every source; one bad brief never stops the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.atomic import sweep_temporaries, write_atomically
from generator.build.plan import Options, Output, discover_sources, outputs_for
from generator.diagnostics import Diagnostic, SourceError
from generator.model import Brief
from generator.source import SourceBrief, brief_for, load_source

Renderer = Callable[[Brief], bytes]


def renderer_for(format: str) -> Renderer:
    """The renderer of `format`, imported only when a file of it is built."""
    if format == "docx":
        from generator.render.docx import render_docx

        return render_docx
    if format == "pdf":
        from generator.render.pdf import render_pdf

        return render_pdf
    raise ValueError(f"unknown format {format!r}")


@dataclass
class BuildResult:
    built: list[Output] = field(default_factory=list)
    failed_sources: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    missing_paths: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return not self.failed_sources and not self.missing_paths


def check_sources(paths: list[Path]) -> BuildResult:
    """Validate every source; nothing is written."""
    sources, missing = discover_sources(paths)
    result = BuildResult(missing_paths=missing)
    for path in sources:
        try:
            load_source(path)
        except SourceError as error:
            result.failed_sources.append(path)
            result.diagnostics.extend(error.diagnostics)
    return result


def build(paths: list[Path], options: Options,
          on_built: Callable[[Output], None] = lambda output: None,
          on_failed: Callable[[list[Diagnostic]], None] = lambda diagnostics: None,
          ) -> BuildResult:
    sources, missing = discover_sources(paths)
    result = BuildResult(missing_paths=missing)
    sweep_temporaries(options.out)
    for path in sources:
        try:
            rendered = _render_source(path, options)
        except SourceError as error:
            result.failed_sources.append(path)
            result.diagnostics.extend(error.diagnostics)
            on_failed(list(error.diagnostics))
            continue
        for output, data in rendered:
            write_atomically(output.path, data)
            result.built.append(output)
            on_built(output)
    return result


def _render_source(path: Path, options: Options) -> list[tuple[Output, bytes]]:
    """Every output of one source, rendered in memory; SourceError if any fails.

    Nothing of a source is written unless all of its outputs rendered.
    """
    source = load_source(path)
    languages = _languages_to_build(source, options)
    rendered: list[tuple[Output, bytes]] = []
    for output in outputs_for(path, languages, options):
        brief = brief_for(source, output.language, variant=output.variant,
                          front_language=output.front_language)
        rendered.append((output, _render(renderer_for(output.format), brief, path)))
    return rendered


def _languages_to_build(source: SourceBrief, options: Options) -> tuple[str, ...]:
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


def _render(renderer: Renderer, brief: Brief, path: Path) -> bytes:
    try:
        return renderer(brief)
    except SourceError:
        raise
    except Exception as error:  # a renderer bug must not hide the other briefs
        raise SourceError([Diagnostic(
            str(path), 1, 1, f"internal error while rendering {brief.language} "
            f"{brief.variant}: {type(error).__name__}: {error}",
        )]) from error
