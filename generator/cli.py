"""The `kinu-brief` command: a thin shell over generator.build.

Exit codes: 0 everything built (or checked clean); 1 a source had errors (the
others were still built); 2 the command line itself was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__
from generator.build.plan import FORMATS, VARIANTS, Options
from generator.build.run import BuildResult, build, check_sources
from generator.style.texts import available_languages

EXIT_OK = 0
EXIT_SOURCE_ERRORS = 1
EXIT_USAGE = 2


def _comma_list(allowed: Sequence[str] | None) -> Callable[[str], tuple[str, ...]]:
    def parse(text: str) -> tuple[str, ...]:
        items = tuple(dict.fromkeys(item.strip() for item in text.split(",") if item.strip()))
        if not items:
            raise argparse.ArgumentTypeError("give at least one value")
        unknown = [item for item in items if allowed is not None and item not in allowed]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown value {unknown[0]!r} (choose from {', '.join(allowed or ())})")
        return items

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kinu-brief",
        description="Render KINU Online Series briefs from YAML sources to DOCX and PDF.",
    )
    parser.add_argument("--version", action="version", version=f"kinu-brief {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    generate = commands.add_parser("generate", help="render briefs into output files")
    generate.add_argument("paths", nargs="*", type=Path, default=[Path("sources")],
                          help="source files or folders (default: sources/)")
    generate.add_argument("--format", type=_comma_list(FORMATS), default=FORMATS,
                          help="comma-separated formats: docx,pdf (default: both)")
    generate.add_argument("--lang", type=_comma_list(None), default=None,
                          help="comma-separated editions, e.g. en,ko (default: every "
                          "edition the source holds)")
    generate.add_argument("--variant", type=_comma_list(VARIANTS), default=("full",),
                          help="comma-separated variants (default: full)")
    generate.add_argument("--front-matter", choices=available_languages(), default=None,
                          help="language of the front and back matter (default: the "
                          "edition's own); the file name gains -front-<lang>")
    generate.add_argument("--out", type=Path, default=Path("output"),
                          help="output folder (default: output/)")
    generate.add_argument("--quiet", action="store_true", help="print only errors")

    check = commands.add_parser("check", help="validate sources; write nothing")
    check.add_argument("paths", nargs="*", type=Path, default=[Path("sources")])

    commands.add_parser("schema", help="print the JSON Schema of a brief source")
    return parser


def _report_problems(result: BuildResult) -> None:
    for missing in result.missing_paths:
        print(f"{missing}: error: no such file or folder", file=sys.stderr)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)


def _run_generate(arguments: argparse.Namespace) -> int:
    options = Options(formats=arguments.format, languages=arguments.lang,
                      variants=arguments.variant, out=arguments.out,
                      front_language=arguments.front_matter)
    quiet = arguments.quiet
    result = build(
        arguments.paths, options,
        on_built=lambda output: None if quiet else print(f"built {output.path}"),
    )
    _report_problems(result)
    return EXIT_OK if result.succeeded else EXIT_SOURCE_ERRORS


def _run_check(arguments: argparse.Namespace) -> int:
    result = check_sources(arguments.paths)
    _report_problems(result)
    return EXIT_OK if result.succeeded else EXIT_SOURCE_ERRORS


def _run_schema() -> int:
    from generator.source import SCHEMA

    print(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "generate":
            return _run_generate(arguments)
        if arguments.command == "check":
            return _run_check(arguments)
        return _run_schema()
    except KeyboardInterrupt:
        print("kinu-brief: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"kinu-brief: error: {error}", file=sys.stderr)
        return EXIT_SOURCE_ERRORS
