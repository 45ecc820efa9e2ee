"""What a generate run produces: source x edition x variant x format, and file names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMATS = ("docx", "pdf")
VARIANTS = ("full", "exec", "handout")
SOURCE_SUFFIXES = (".yaml", ".yml")


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


def discover_sources(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Source files named or found in folders (sorted), and paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(
                item for item in path.iterdir()
                if item.suffix in SOURCE_SUFFIXES and item.is_file()
            ))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(str(path))
    return found, missing


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
