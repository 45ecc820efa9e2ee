"""What a generate run produces: source x edition x variant x format, and file names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.source.kinds import (
    MEETINGS_FOLDER,
    SOURCE_SUFFIXES,
    is_meeting_file,
    is_source_name,
    meetings_in_folder,
    sources_in_folder,
)

FORMATS = ("docx", "pdf")
VARIANTS = ("full", "exec", "handout")
__all__ = ["FORMATS", "MEETINGS_FOLDER", "SOURCE_SUFFIXES", "VARIANTS", "Discovered",
           "NoSources", "Options", "Output", "discover", "discover_sources", "is_source_name",
           "output_path", "outputs_for", "sources_in_folder"]


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = FORMATS
    languages: tuple[str, ...] | None = None  # None: every edition the source holds
    variants: tuple[str, ...] = ("full",)
    out: Path = Path("output")
    front_language: str | None = None  # None: the edition's own language


@dataclass(frozen=True)
class Output:
    source: Path
    language: str
    variant: str
    format: str
    path: Path
    front_language: str


def output_path(
    out: Path, stem: str, language: str, variant: str, format: str, front_language: str
) -> Path:
    """`<stem>-<lang>-<variant>.<ext>`; front matter in another language adds
    `-front-<lang>`, so such a file never takes the standard edition's name."""
    front = "" if front_language == language else f"-front-{front_language}"
    return out / f"{stem}-{language}-{variant}{front}.{format}"


class NoSources(Exception):
    """Paths that yield no source, each with what is wrong with it; printed as
    `sources/empty: no .yaml sources found`."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems  # (path, message)
        super().__init__("; ".join(self.lines))

    @property
    def lines(self) -> list[str]:
        return [f"{path}: {message}" for path, message in self.problems]


def discover_sources(paths: list[Path]) -> list[Path]:
    """The briefs of discover(paths)."""
    return discover(paths).briefs


@dataclass(frozen=True)
class Discovered:
    briefs: list[Path]
    meetings: list[Path]


def discover(paths: list[Path]) -> Discovered:
    """The source files named, and those found in the folders named (recursively, each
    folder's files sorted), told apart as briefs and meetings; NoSources when a path
    does not exist or a folder holds neither.

    In a folder, a source is a file ending in `.yaml` or `.yml` in any case; files and
    folders whose names start with a dot (editor temporaries, `.git`) are left out. The
    files of a `meetings/` folder at its top are meetings, each the agenda of a packet.
    A file named explicitly is taken whatever its name: a meeting if it sits in a
    `meetings/` folder or declares `kind: meeting`, else a brief.
    """
    briefs: list[Path] = []
    meetings: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            inside, agendas = sources_in_folder(path), meetings_in_folder(path)
            briefs.extend(inside)
            meetings.extend(agendas)
            if not inside and not agendas:
                problems.append((str(path), "no .yaml sources found"))
        elif path.is_file():
            (meetings if is_meeting_file(path) else briefs).append(path)
        else:
            problems.append((str(path), "no such file or folder"))
    if problems:
        raise NoSources(problems)
    return Discovered(briefs, list(dict.fromkeys(meetings)))


def outputs_for(
    source: Path, languages: tuple[str, ...], options: Options
) -> list[Output]:
    return [
        Output(source, language, variant, format,
               output_path(options.out, source.stem, language, variant, format, front),
               front)
        for language in languages
        for front in (options.front_language or language,)
        for variant in options.variants
        for format in options.formats
    ]
