"""Meeting packets in a build: planned, rendered and recorded like a brief's outputs.

A meeting's packet (`<out>/<meeting stem>-packet.pdf` and `.docx`) is built after the
briefs, in the main process. It is up to date when the manifest records it with the
same input key: the meeting file's bytes, the bytes of every brief on its agenda
(resolved anew each run: a brief renumbered, added or removed is seen), the edition
of each, and the renderer's code. Editing one brief thus rebuilds the packets that
include it, and no other. Both files of a packet are put in place together, or none.

In the manifest a meeting is a source of kind "meeting", recorded under
`meetings/<stem>`; its packets are outputs of variant "packet".
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.atomic import stage
from generator.build.failures import write_failure
from generator.build.fingerprint import Fingerprints, digest_of, file_sha256
from generator.build.manifest import Manifest, OutputRecord, SourceRecord
from generator.build.plan import Options, Output
from generator.build.run import OutputReport, SourceReport, built_report, skipped_report
from generator.build.work import OutputOutcome, SourceOutcome, output_label, published
from generator.diagnostics import Diagnostic, SourceError

if TYPE_CHECKING:
    from generator.model import Brief, Packet
    from generator.source.meeting import SourceMeeting

PACKET_VARIANT = "packet"
MEETING_KIND = "meeting"


def meeting_key(path: Path) -> str:
    """The manifest's key of a meeting: `meetings/<stem>` (apart from the briefs')."""
    return f"meetings/{path.stem}"


def packet_path(out: Path, meeting: Path, format: str) -> Path:
    return out / f"{meeting.stem}-{PACKET_VARIANT}.{format}"


def build_packet(path: Path, options: Options, manifest: Manifest,
                 fingerprints: Fingerprints, force: bool) -> SourceReport:
    """The meeting's packet, in every format asked for, built unless up to date; the
    manifest records what was put in place. A meeting with errors writes nothing."""
    from generator.source.meeting import load_meeting

    try:
        meeting = load_meeting(path)
    except SourceError as error:
        return SourceReport(path, tuple(
            OutputReport(path, output, "failed", error.diagnostics)
            for output in _unread_outputs(path, options, manifest)), error.diagnostics)
    outputs = [Output(path, meeting.language, PACKET_VARIANT, format,
                      packet_path(options.out, path, format), meeting.language)
               for format in options.formats]
    keys = {output.format: packet_key(meeting, fingerprints.documents[output.format])
            for output in outputs}
    stale = [output for output in outputs if force or not _up_to_date(
        output, keys[output.format], manifest)]
    reports = [skipped_report(manifest, output.source, output)
               for output in outputs if output not in stale]
    problems: tuple[Diagnostic, ...] = ()
    if stale:
        rendered, numbers = _render(meeting, stale, keys)
        outcome = published(rendered)
        _record(manifest, meeting, outcome, numbers)
        reports.extend(built_report(path, item) for item in outcome.outputs)
        problems = tuple(sorted({problem for item in outcome.outputs
                                 for problem in item.diagnostics}))
    reports.sort(key=lambda report: "" if report.output is None else report.output.path.name)
    unwritten = tuple(sorted(report.write_error for report in reports if report.write_error))
    return SourceReport(path, tuple(reports), problems, unwritten)


def _unread_outputs(path: Path, options: Options, manifest: Manifest) -> list[Output]:
    """The packet files of a meeting that could not be read (in the language of their
    last build, if any: the file says no other)."""
    outputs = []
    for format in options.formats:
        target = packet_path(options.out, path, format)
        record = manifest.outputs.get(target.name)
        language = record.edition if record is not None else ""
        outputs.append(Output(path, language, PACKET_VARIANT, format, target, language))
    return outputs


def packet_key(meeting: SourceMeeting, code: str) -> str:
    """The hash of everything a packet is made of (not of its format's name: the code
    fingerprint differs by format)."""
    return digest_of({
        "kind": PACKET_VARIANT, "meeting": file_sha256(meeting.path), "code": code,
        "briefs": [[str(entry.source), file_sha256(entry.source), entry.edition]
                   for entry in meeting.entries],
    })


def _up_to_date(output: Output, key: str, manifest: Manifest) -> bool:
    record = manifest.outputs.get(output.path.name)
    if record is None or record.input != key:
        return False
    try:
        return file_sha256(output.path) == record.sha256
    except OSError:
        return False


def _render(meeting: SourceMeeting, outputs: list[Output],
            keys: dict[str, str]) -> tuple[SourceOutcome, list[str]]:
    """The packet's files rendered and staged, or every output failed with the problems;
    the numbers of the briefs on its agenda."""
    from generator.source.meeting import packet_for

    try:
        packet = _settled(meeting, packet_for(meeting))
    except SourceError as error:
        return SourceOutcome(meeting.path, outputs=tuple(
            OutputOutcome(output, diagnostics=error.diagnostics) for output in outputs)), []
    return SourceOutcome(meeting.path, outputs=tuple(
        _rendered(packet, output, keys[output.format]) for output in outputs)), [
        brief.number for brief in packet.handouts]


def _settled(meeting: SourceMeeting, packet: Packet) -> Packet:
    """Each handout's page budget decided; a handout too long for its page fails the
    packet with its brief's error and the meeting file's line that includes it."""
    from generator.render.pdf import settle_handout
    from generator.source.meeting import entry_diagnostic

    handouts: list[Brief] = []
    problems: list[Diagnostic] = []
    for entry, brief in zip(meeting.entries, packet.handouts, strict=True):
        try:
            handouts.append(settle_handout(brief))
        except SourceError as error:
            problems.extend(error.diagnostics)
            problems.append(entry_diagnostic(meeting, entry, f"its '{entry.edition}' handout "
                                             "does not fit one page (see above)"))
    if problems:
        raise SourceError(problems)
    return replace(packet, handouts=tuple(handouts))


def packet_renderer(format: str) -> Callable[[Packet], bytes]:
    if format == "pdf":
        from generator.render.pdf import render_packet_pdf

        return render_packet_pdf
    if format == "docx":
        from generator.render.docx.packet import render_packet_docx

        return render_packet_docx
    raise ValueError(f"unknown format {format!r}")


def _rendered(packet: Packet, output: Output, key: str) -> OutputOutcome:
    start = time.perf_counter()
    try:
        data = packet_renderer(output.format)(packet)
    except SourceError as error:
        return OutputOutcome(output, diagnostics=error.diagnostics)
    try:
        staged = stage(output.path, data)
    except OSError as error:
        return OutputOutcome(output, write_error=write_failure(
            output.path, output_label(output), error))
    return OutputOutcome(output, input=key, sha256=hashlib.sha256(data).hexdigest(),
                         bytes=len(data), pages=packet.pages if output.format == "pdf" else None,
                         seconds=time.perf_counter() - start, staged=staged)


def _record(manifest: Manifest, meeting: SourceMeeting, outcome: SourceOutcome,
            numbers: list[str]) -> None:
    """Record the meeting and each packet file put in place."""
    key = meeting_key(meeting.path)
    placed = [item for item in outcome.outputs if not item.failed]
    if not placed:
        return
    manifest.sources[key] = SourceRecord(
        path=str(meeting.path), sha256=file_sha256(meeting.path), number="",
        date=meeting.date.isoformat(), titles={meeting.language: meeting.title},
        editions=[meeting.language], kind=MEETING_KIND, agenda=numbers)
    for item in placed:
        output = item.output
        manifest.outputs[output.path.name] = OutputRecord(
            source=key, edition=output.language, variant=PACKET_VARIANT, format=output.format,
            front_language=output.front_language, input=item.input, sha256=item.sha256,
            bytes=item.bytes, pages=item.pages)
