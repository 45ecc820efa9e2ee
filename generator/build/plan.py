"""What a generate run produces: source x edition x variant x format, and file names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FORMATS = ("docx", "pdf")
VARIANTS = ("full", "exec", "handout")
SOURCE_SUFFIXES = (".yaml", ".yml")  # in any case: `.YAML` too
MEETINGS_FOLDER = "meetings"  # sources/meetings/ holds meeting files, not briefs


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
    """The source files named, and those found in the folders named (recursively, each
    folder's files sorted); NoSources when a path does not exist or a folder holds none.

    In a folder, a source is a file ending in `.yaml` or `.yml` in any case; files and
    folders whose names start with a dot (editor temporaries, `.git`) are left out, and
    so is a `meetings/` folder below it (meeting files are not briefs). A file named
    explicitly is taken whatever its name.
    """
    found: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            inside = sources_in_folder(path)
            found.extend(inside)
            if not inside:
                problems.append((str(path), "no .yaml sources found"))
        elif path.is_file():
            found.append(path)
        else:
            problems.append((str(path), "no such file or folder"))
    if problems:
        raise NoSources(problems)
    return found


def sources_in_folder(folder: Path) -> list[Path]:
    """Every source below `folder`, in sorted order of their relative paths."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        top = Path(root) == folder
        folders[:] = sorted(name for name in folders if not name.startswith(".")
                            and not (top and name == MEETINGS_FOLDER))
        found.extend(Path(root) / name for name in sorted(files)
                     if is_source_name(name) and (Path(root) / name).is_file())
    return found


def is_source_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SOURCE_SUFFIXES)


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
