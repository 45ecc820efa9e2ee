"""The `kinu-brief` command: a thin shell over generator.build.

Exit codes: 0 everything built or up to date (or checked clean); 1 a source had
errors (the others were still built), a file could not be written, or a path named
no source (then nothing was done); 2 the command line itself was wrong; 75
(EX_TEMPFAIL) another run holds the output folder (try again later, or pass --wait);
130 interrupted (`watch` ends so: Ctrl-C).

With --report, the report is written whatever happened but a busy folder (exit 75:
the run that holds it writes its own): after a failure, an interruption, a path that
named no source. If it cannot be written, the command says so and exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.build.console import ConsoleEvents
from generator.build.lock import OutputFolderBusy
from generator.build.plan import FORMATS, VARIANTS, NoSources, Options
from generator.build.run import BuildResult, build, check_sources
from generator.style.texts import available_languages

EXIT_OK = 0
EXIT_SOURCE_ERRORS = 1
EXIT_USAGE = 2
EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the output folder; try again later


def default_jobs() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("give 1 or more")
    return value


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
                          help="comma-separated variants: full,exec,handout (default: full)")
    generate.add_argument("--front-matter", choices=available_languages(), default=None,
                          help="language of the front and back matter (default: the "
                          "edition's own); the file name gains -front-<lang>")
    generate.add_argument("--out", type=Path, default=Path("output"),
                          help="output folder (default: output/)")
    generate.add_argument("-j", "--jobs", type=_positive, default=default_jobs(),
                          help="render in N worker processes (default: the number of CPUs; "
                          "1: no pool)")
    generate.add_argument("--force", action="store_true",
                          help="rebuild every output, even those that are up to date")
    generate.add_argument("--report", type=Path, default=None, metavar="FILE",
                          help="write a JSON report of the run to FILE")
    generate.add_argument("--wait", action="store_true",
                          help="if another run is writing to the output folder, wait for it "
                          "(default: exit 75 at once)")
    generate.add_argument("-q", "--quiet", action="store_true", help="print only failures")

    check = commands.add_parser("check", help="validate sources; write nothing")
    check.add_argument("paths", nargs="*", type=Path, default=[Path("sources")],
                       help="source files or folders (default: sources/)")

    packet = commands.add_parser(
        "packet", help="build the packet of handouts of each meeting file named")
    packet.add_argument("meetings", nargs="+", type=Path, metavar="FILE",
                        help="meeting files (kind: meeting), e.g. sources/meetings/x.yaml")
    packet.add_argument("--format", type=_comma_list(FORMATS), default=FORMATS,
                        help="comma-separated formats: pdf,docx (default: both)")
    packet.add_argument("--out", type=Path, default=Path("output"),
                        help="output folder (default: output/)")
    packet.add_argument("--force", action="store_true",
                        help="rebuild the packets even when they are up to date")
    packet.add_argument("--report", type=Path, default=None, metavar="FILE",
                        help="write a JSON report of the run to FILE")
    packet.add_argument("--wait", action="store_true",
                        help="if another run is writing to the output folder, wait for it")
    packet.add_argument("-q", "--quiet", action="store_true", help="print only failures")

    schema = commands.add_parser("schema", help="print the JSON Schema of a brief source")
    schema.add_argument("--meeting", action="store_true",
                        help="the schema of a meeting file instead")
    _add_watch(commands)
    return parser


def _add_watch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = commands.add_parser(
        "watch", help="build, then rebuild on every save, with a live preview in the browser")
    watch.add_argument("paths", nargs="*", type=Path, default=[Path("sources")],
                       help="source files or folders (default: sources/)")
    watch.add_argument("--lang", type=_comma_list(None), default=None,
                       help="comma-separated editions, e.g. en,ko (default: every edition "
                       "the source holds)")
    watch.add_argument("--variant", type=_comma_list(VARIANTS), default=("full",),
                       help="comma-separated variants: full,exec,handout (default: full)")
    watch.add_argument("--out", type=Path, default=Path("output"),
                       help="output folder (default: output/); locked while watching")
    watch.add_argument("--port", type=_port, default=None,
                       help="port of the preview (default: 8000, or any free port when it "
                       "is taken; 0: any free port)")
    watch.add_argument("--host", default="127.0.0.1",
                       help="address the preview listens on (default: 127.0.0.1, this "
                       "machine only; another one warns: anyone who reaches it reads the "
                       "briefs)")
    watch.add_argument("--open", action="store_true", help="open the preview in a browser")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("give 0 to 65535")
    return value


def _print_no_sources(problems: NoSources) -> None:
    for line in problems.lines:
        print(f"kinu-brief: {line}", file=sys.stderr)


def _run_generate(arguments: argparse.Namespace) -> int:
    options = Options(formats=arguments.format, languages=arguments.lang,
                      variants=arguments.variant, out=arguments.out,
                      front_language=arguments.front_matter)
    return _run_build(arguments, options, arguments.paths, ())


def _run_packet(arguments: argparse.Namespace) -> int:
    from generator.source.kinds import is_meeting_file

    refused = False
    for path in arguments.meetings:
        if not path.is_file():
            print(f"kinu-brief: {path}: no such file", file=sys.stderr)
        elif not is_meeting_file(path):
            print(f"kinu-brief: {path}: not a meeting file (it says no 'kind: meeting'); "
                  "'kinu-brief generate' builds briefs", file=sys.stderr)
        else:
            continue
        refused = True
    if refused:  # nothing is done
        return EXIT_SOURCE_ERRORS
    options = Options(formats=arguments.format, out=arguments.out)
    arguments.jobs = 1
    return _run_build(arguments, options, [], tuple(arguments.meetings))


def _run_build(arguments: argparse.Namespace, options: Options, paths: list[Path],
               meetings: tuple[Path, ...]) -> int:
    """Build briefs (`paths`) and packets (`meetings`), print and report the run."""
    events = ConsoleEvents(quiet=arguments.quiet)
    result = BuildResult()
    try:
        build(paths, options, jobs=arguments.jobs, force=arguments.force,
              wait=arguments.wait, events=events, result=result, meetings=meetings)
    except OutputFolderBusy as busy:
        print(f"kinu-brief: {busy}; not building (exit {EXIT_BUSY}: try again later, "
              "or pass --wait)", file=sys.stderr)
        return EXIT_BUSY
    except NoSources as problems:
        _print_no_sources(problems)
        result.path_problems = list(problems.problems)
    except OSError as error:  # e.g. the output folder cannot be made or locked
        where = str(error.filename) if error.filename else str(options.out)
        result.fatal, result.fatal_path = f"{error.strerror or error}", where
        what = "the output folder " if where == str(options.out) else ""
        print(f"kinu-brief: cannot use {what}{where}: {error.strerror or error}",
              file=sys.stderr)
    except Exception as error:  # a bug: its traceback, and still the report
        traceback.print_exc()
        result.fatal = f"internal error: {type(error).__name__}: {error}"
    except KeyboardInterrupt:
        result.interrupted = True
        events.finish()
        _write_report(arguments.report, result, options.out)
        raise
    finally:
        events.finish()
    for failure in result.write_failures:
        print(failure, file=sys.stderr)
    if not _write_report(arguments.report, result, options.out):
        return EXIT_SOURCE_ERRORS
    return EXIT_OK if result.succeeded else EXIT_SOURCE_ERRORS


def _write_report(path: Path | None, result: BuildResult, out: Path) -> bool:
    """Write the report if one was asked for; False (said on stderr) if it cannot be."""
    if path is None:
        return True
    from generator.build.report import ReportNotWritten, write_report

    try:
        write_report(path, result, out)
    except ReportNotWritten as problem:
        print(f"kinu-brief: {problem}", file=sys.stderr)
        return False
    return True


def _run_check(arguments: argparse.Namespace) -> int:
    try:
        result = check_sources(arguments.paths)
    except NoSources as problems:
        _print_no_sources(problems)
        return EXIT_SOURCE_ERRORS
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    return EXIT_OK if result.succeeded else EXIT_SOURCE_ERRORS


def _run_schema(arguments: argparse.Namespace) -> int:
    if arguments.meeting:
        from generator.source.meeting_schema import MEETING_SCHEMA as schema
    else:
        from generator.source import SCHEMA as schema

    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _run_watch(arguments: argparse.Namespace) -> int:
    from generator.watch.loop import CannotServe, WatchOptions, run_watch

    options = WatchOptions(
        paths=arguments.paths,
        build=Options(languages=arguments.lang, variants=arguments.variant, out=arguments.out),
        host=arguments.host, port=arguments.port, open_browser=arguments.open,
        jobs=default_jobs())
    try:
        return run_watch(options)
    except OutputFolderBusy as busy:
        print(f"kinu-brief: {busy}; not watching (exit {EXIT_BUSY}: try again later)",
              file=sys.stderr)
        return EXIT_BUSY
    except NoSources as problems:
        _print_no_sources(problems)
        return EXIT_SOURCE_ERRORS
    except CannotServe as problem:
        print(f"kinu-brief: {problem}", file=sys.stderr)
        return EXIT_SOURCE_ERRORS


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "generate":
            return _run_generate(arguments)
        if arguments.command == "watch":
            return _run_watch(arguments)
        if arguments.command == "check":
            return _run_check(arguments)
        if arguments.command == "packet":
            return _run_packet(arguments)
        return _run_schema(arguments)
    except KeyboardInterrupt:
        print("kinu-brief: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"kinu-brief: error: {error}", file=sys.stderr)
        return EXIT_SOURCE_ERRORS


def run() -> NoReturn:
    """The command's entry point (`kinu-brief`, `python -m generator`): main(), then an
    immediate exit. When main returns, every file it wrote is durable (fsynced and
    renamed into place), the worker pool is shut down and the output folder's lock is
    released with the process; the interpreter's teardown would only free the run's
    objects one by one (~50 ms, a sixth of building one brief), so it is skipped."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
