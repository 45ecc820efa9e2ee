"""Builds every requested output of every source; one bad brief never stops the rest.

    lock the output folder → sweep temporaries → read the manifest → hash the code
    → plan (skip what is up to date) → render stale outputs (pool) → record each
    → save the manifest → thumbnails and index page → save the manifest

Outcomes are reported per source, in sorted order, as soon as each is known. A file
of the folder that cannot be written (the manifest, a thumbnail, the index page) is
recorded in the result, named, and the run goes on: the result is the record of
the run, and the command writes it as the report whatever failed.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Generator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.atomic import sweep_temporaries
from generator.build.failures import WriteFailure, write_failure
from generator.build.fingerprint import Fingerprints, compute_fingerprints
from generator.build.lock import output_folder_lock
from generator.build.manifest import Manifest, ManifestFile, OutputRecord
from generator.build.plan import NoSources, Options, Output, discover
from generator.build.pool import run_tasks
from generator.build.publish import publish_index, refresh_thumbnails
from generator.build.stale import SourcePlan, plan_sources
from generator.build.work import OutputOutcome, SourceOutcome, renderer_for
from generator.diagnostics import Diagnostic, SourceError
from generator.index.page import INDEX_NAME
from generator.index.thumbnails import THUMBNAIL_FOLDER

__all__ = ["BuildEvents", "BuildResult", "NoSources", "OutputReport", "SourceReport",
           "build", "build_locked", "check_sources", "renderer_for"]


@dataclass(frozen=True)
class OutputReport:
    source: Path
    output: Output | None  # None: the source failed before its outputs were known
    status: str  # "built", "skipped", "failed" or "orphaned" (its source is gone)
    diagnostics: tuple[Diagnostic, ...] = ()
    sha256: str | None = None
    bytes: int | None = None
    pages: int | None = None
    seconds: float = 0.0
    write_error: WriteFailure | None = None  # this output (or its thumbnail) not written
    withheld: str = ""  # written, but not put in place: a sibling could not be written


@dataclass(frozen=True)
class SourceReport:
    path: Path
    outputs: tuple[OutputReport, ...]
    diagnostics: tuple[Diagnostic, ...]  # every distinct problem of the source, sorted
    write_failures: tuple[WriteFailure, ...] = ()  # outputs that could not be written

    def count(self, status: str) -> int:
        return sum(1 for report in self.outputs if report.status == status)

    @property
    def failed(self) -> bool:
        return bool(self.diagnostics or self.write_failures)

    @property
    def problems(self) -> int:
        return len(self.diagnostics) + len(self.write_failures)


@dataclass
class BuildResult:
    sources: list[SourceReport] = field(default_factory=list)
    path_problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    write_failures: list[WriteFailure] = field(default_factory=list)  # manifest, index, …
    orphans: list[OutputReport] = field(default_factory=list)  # outputs of removed sources
    fatal: str = ""  # the run stopped early: why (e.g. the output folder cannot be made)
    fatal_path: str = ""  # … and the file or folder it concerns
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def built(self) -> list[Output]:
        return [report.output for source in self.sources for report in source.outputs
                if report.status == "built" and report.output is not None]

    @property
    def failed_sources(self) -> list[Path]:
        return [source.path for source in self.sources if source.failed]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [problem for source in self.sources for problem in source.diagnostics]

    @property
    def succeeded(self) -> bool:
        return not (self.failed_sources or self.path_problems or self.write_failures
                    or self.fatal or self.interrupted)


class BuildEvents:
    """What a build tells as it goes; the command line prints it."""

    def started(self, sources: int) -> None:
        """The run holds the lock and knows how many sources it has."""

    def source_done(self, report: SourceReport) -> None:
        """One source is done (built, skipped or failed), in sorted order."""

    def waiting_for_lock(self, folder: Path) -> None:
        """Another run holds the output folder; this one waits (--wait)."""

    def orphaned(self, reports: list[OutputReport]) -> None:
        """Outputs whose source file is gone (kept on disk), once per run."""


def check_sources(paths: list[Path]) -> BuildResult:
    """Validate every source, briefs and meetings (each meeting's briefs found, in the
    editions it asks for, with key points); nothing is written. NoSources as for build()."""
    from generator.source import load_source
    from generator.source.meeting import load_meeting, packet_for

    found = discover(paths)
    result = BuildResult()
    for path in found.briefs:
        try:
            load_source(path)
        except SourceError as error:
            result.sources.append(SourceReport(path, (), error.diagnostics))
    for path in found.meetings:
        try:
            packet_for(load_meeting(path))
        except SourceError as error:
            result.sources.append(SourceReport(path, (), error.diagnostics))
    return result


def build(paths: list[Path], options: Options, *, jobs: int = 1, force: bool = False,
          wait: bool = False, events: BuildEvents | None = None,
          result: BuildResult | None = None, meetings: tuple[Path, ...] = ()) -> BuildResult:
    """Build what is out of date under an exclusive lock of the output folder: the
    briefs found in `paths`, then the packets of the meetings found there and of
    `meetings` (generator.build.packets).

    Raises NoSources, before anything is created, when a path does not exist or a
    folder holds no source; lock.OutputFolderBusy when another run holds the folder
    and `wait` is off; OSError when the output folder cannot be made or locked. What
    was done until then is in `result` (pass one to keep it if the run is interrupted).
    """
    events = events or BuildEvents()
    result = result if result is not None else BuildResult()
    start = time.perf_counter()
    try:
        found = discover(paths)
        sources = sorted(set(found.briefs), key=str)
        agendas = list(dict.fromkeys([*found.meetings, *meetings]))
        with output_folder_lock(options.out, wait=wait,
                                on_wait=lambda: events.waiting_for_lock(options.out)):
            events.started(len(sources) + len(agendas))
            build_locked(sources, options, jobs, force, events, result, meetings=agendas)
    finally:
        result.seconds = time.perf_counter() - start
    return result


def build_locked(sources: list[Path], options: Options, jobs: int, force: bool,
                 events: BuildEvents, result: BuildResult,
                 fingerprints: Fingerprints | None = None,
                 meetings: list[Path] | None = None) -> None:
    """Build what is out of date of `sources`, then the packets of `meetings`, the
    caller holding the output folder's lock (build() takes it; `kinu-brief watch` holds
    it while it watches, and passes the fingerprints of the code it loaded when it
    started)."""
    out = options.out
    for folder in (out, out / THUMBNAIL_FOLDER):
        sweep_temporaries(folder)
    manifest_file = ManifestFile(out, out / THUMBNAIL_FOLDER)
    manifest = manifest_file.manifest
    fingerprints = fingerprints or compute_fingerprints(options.formats)
    plans = plan_sources(sources, options, manifest, fingerprints, force)
    try:
        with closing(_outcomes(plans, jobs, options.formats)) as outcomes:
            for plan, outcome in outcomes:
                report = _record(manifest, plan, outcome)
                result.sources.append(report)
                events.source_done(report)
                with contextlib.suppress(OSError):  # the last save says if it fails
                    manifest_file.save_now_and_then()
        _build_packets(meetings or [], options, manifest_file, fingerprints, force, events,
                       result)
    finally:
        _prune(manifest, out)
        built_into = manifest_file.existed or bool(manifest.outputs)
        if built_into:
            _save(manifest_file, result)
    if built_into:
        built = {output.path.name for output in result.built}  # their thumbnails are new
        result.write_failures.extend(refresh_thumbnails(
            manifest, out, fingerprints.thumbnail, force, drawn=built))
        _save(manifest_file, result)
        result.orphans = orphaned_outputs(manifest, out, sources)
        if result.orphans:
            events.orphaned(result.orphans)
        orphaned = {str(report.source) for report in result.orphans}
        try:
            publish_index(manifest, out, result.sources, fingerprints.index, force, orphaned)
        except OSError as error:
            result.write_failures.append(write_failure(
                out / INDEX_NAME, "index page", error,
                "the previous page stays" if (out / INDEX_NAME).is_file() else ""))
        _save(manifest_file, result)


def _build_packets(meetings: list[Path], options: Options, manifest_file: ManifestFile,
                   fingerprints: Fingerprints, force: bool, events: BuildEvents,
                   result: BuildResult) -> None:
    """Each meeting's packet, once every brief is done (they are read from the sources)."""
    if not meetings:
        return
    from generator.build.packets import build_packet

    owners: dict[str, Path] = {}
    for meeting in meetings:
        owner = owners.setdefault(meeting.stem, meeting)
        if owner != meeting:  # its packet would replace the other's
            report = SourceReport(meeting, (), (Diagnostic(
                str(meeting), 1, 1, f"its packet would overwrite that of {owner} "
                "(same file name); rename one of them"),))
        else:
            report = build_packet(meeting, options, manifest_file.manifest, fingerprints, force)
        result.sources.append(report)
        events.source_done(report)
        with contextlib.suppress(OSError):  # the last save says if it fails
            manifest_file.save_now_and_then()


def _save(manifest_file: ManifestFile, result: BuildResult) -> None:
    """Save the manifest; when it cannot be written, the previous one is removed (it
    would describe files this run replaced) and the failure is recorded once."""
    result.write_failures[:] = [failure for failure in result.write_failures
                                if failure.what != "manifest"]
    try:
        manifest_file.save()
    except OSError as error:
        removed = manifest_file.remove()
        consequence = ("the previous manifest could not be removed either" if not removed
                       else "the previous manifest was removed: the next run rebuilds "
                       "every output" if manifest_file.removed_previous
                       else "the next run rebuilds every output")
        result.write_failures.append(write_failure(manifest_file.path, "manifest", error,
                                                   consequence))


def _outcomes(plans: list[SourcePlan], jobs: int,
              formats: tuple[str, ...]) -> Generator[tuple[SourcePlan, SourceOutcome | None]]:
    """Each plan with the outcome of its task (None when it had none), in plan order."""
    tasks = [plan.task for plan in plans if plan.task is not None]
    with closing(run_tasks(tasks, jobs, formats)) as outcomes:
        for plan in plans:
            yield plan, None if plan.task is None else next(outcomes)


def _record(manifest: Manifest, plan: SourcePlan,
            outcome: SourceOutcome | None) -> SourceReport:
    """Record what a source's task put in place; its report."""
    reports = [skipped_report(manifest, plan.path, output) for output in plan.skipped]
    problems = [plan.problem] if plan.problem else []
    unwritten: list[WriteFailure] = []
    if outcome is not None:
        if outcome.record is not None:
            manifest.sources[plan.path.stem] = outcome.record
        for built in outcome.outputs:
            _record_output(manifest, built, plan.path.stem)
            problems.extend(built.diagnostics)
            if built.write_error is not None:
                unwritten.append(built.write_error)
        reports.extend(built_report(plan.path, built) for built in outcome.outputs)
        problems.extend(outcome.diagnostics)
        if outcome.diagnostics:
            reports.extend(_failed_reports(plan, outcome.diagnostics))
    elif plan.problem:
        reports.extend(_failed_reports(plan, (plan.problem,)))
    reports.sort(key=lambda report: "" if report.output is None else report.output.path.name)
    return SourceReport(plan.path, tuple(reports), tuple(sorted(set(problems))),
                        tuple(sorted(unwritten)))


def _record_output(manifest: Manifest, built: OutputOutcome, stem: str) -> None:
    if built.failed:
        return  # the previous file (if any) stays, and so does its record
    output = built.output
    manifest.outputs[output.path.name] = OutputRecord(
        source=stem, edition=output.language, variant=output.variant, format=output.format,
        front_language=output.front_language, input=built.input, sha256=built.sha256,
        bytes=built.bytes, pages=built.pages,
    )
    if built.thumbnail is not None:
        manifest.thumbnails[f"{output.path.stem}.png"] = built.thumbnail


def skipped_report(manifest: Manifest, source: Path, output: Output) -> OutputReport:
    """An output left as it is: its report, from its manifest record."""
    record = manifest.outputs[output.path.name]
    return OutputReport(source, output, "skipped", sha256=record.sha256, bytes=record.bytes,
                        pages=record.pages)


def built_report(source: Path, built: OutputOutcome) -> OutputReport:
    """The report of an output rendered this run (built, or failed)."""
    if built.failed:
        return OutputReport(source, built.output, "failed", built.diagnostics,
                            write_error=built.write_error, withheld=built.withheld)
    return OutputReport(source, built.output, "built", sha256=built.sha256, bytes=built.bytes,
                        pages=built.pages, seconds=built.seconds)


def _failed_reports(plan: SourcePlan,
                    problems: tuple[Diagnostic, ...]) -> list[OutputReport]:
    """A source that failed as a whole: its known outputs failed, or one report for it."""
    if plan.stale:
        return [OutputReport(plan.path, output, "failed", problems) for output in plan.stale]
    return [OutputReport(plan.path, None, "failed", problems)]


def _prune(manifest: Manifest, out: Path) -> None:
    """Forget outputs whose files are gone, and sources and thumbnails left without one;
    remove the thumbnails of PDFs that are gone (deleted by hand)."""
    for name in [name for name in manifest.outputs if not (out / name).is_file()]:
        del manifest.outputs[name]
    sources = {record.source for record in manifest.outputs.values()}
    pdfs = {Path(name).stem for name, record in manifest.outputs.items()
            if record.format == "pdf"}
    for stem in [stem for stem in manifest.sources if stem not in sources]:
        del manifest.sources[stem]
    for name in [name for name in manifest.thumbnails if Path(name).stem not in pdfs]:
        del manifest.thumbnails[name]
    _remove_stray_thumbnails(out)


def _remove_stray_thumbnails(out: Path) -> None:
    """Remove `thumbnails/<name>.png` whose `<name>.pdf` is no longer in the folder."""
    folder = out / THUMBNAIL_FOLDER
    if not folder.is_dir():
        return
    for png in folder.glob("*.png"):
        if not (out / f"{png.stem}.pdf").is_file():
            with contextlib.suppress(OSError):
                png.unlink()


def orphaned_outputs(manifest: Manifest, out: Path, sources: list[Path]) -> list[OutputReport]:
    """The recorded outputs whose source file no longer exists (they stay on disk, and
    on the index page, until deleted by hand), sorted by file name."""
    built_now = {path.stem for path in sources}
    gone = {stem for stem, record in manifest.sources.items()
            if stem not in built_now and not Path(record.path).is_file()}
    return [
        OutputReport(Path(manifest.sources[record.source].path),
                     Output(Path(manifest.sources[record.source].path), record.edition,
                            record.variant, record.format, out / name,
                            record.front_language),
                     "orphaned", sha256=record.sha256, bytes=record.bytes, pages=record.pages)
        for name, record in sorted(manifest.outputs.items()) if record.source in gone
    ]
