"""`--report FILE`: the run as JSON, one entry per output, then totals.

The report is the record of the run, written whatever else failed: outputs that
could not be written are entries with status `failed` whose error names the file;
files of the folder that could not be written (manifest, index page, thumbnails) and
paths that yielded no source are in `errors`. When the report itself cannot be
written, the previous one is removed (so that it cannot pass for this run's) and
ReportNotWritten is raised.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.atomic import write_atomically
from generator.build.clock import build_time_text
from generator.build.run import BuildResult, OutputReport
from generator.diagnostics import Diagnostic

REPORT_VERSION = 2  # 2: `errors`, status `orphaned`, write errors named by output


class ReportNotWritten(Exception):
    def __init__(self, path: Path, error: OSError, removed: bool) -> None:
        self.path = path
        after = ("the previous report was removed" if removed
                 else "the previous report could not be removed either")
        super().__init__(f"cannot write the report {path}: "
                         f"{error.strerror or error}; {after}")


def report_data(result: BuildResult, out: Path) -> dict[str, Any]:
    outputs = [_output_entry(report) for source in result.sources for report in source.outputs]
    outputs += [_output_entry(report) for report in result.orphans]
    return {
        "report": REPORT_VERSION,
        "generator": f"kinu-brief {__version__}",
        "generated_at": build_time_text(),
        "out": str(out),
        "outputs": outputs,
        "errors": _errors(result),
        "totals": _totals(result, outputs),
    }


def write_report(path: Path, result: BuildResult, out: Path) -> None:
    """Write the report to `path`; ReportNotWritten when it cannot be (after removing
    the previous report, and trying once more in the space that freed)."""
    data = (json.dumps(report_data(result, out), indent=2, ensure_ascii=False)
            + "\n").encode("utf-8")
    try:
        write_atomically(path, data)
        return
    except OSError:
        removed = _remove(path)
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ReportNotWritten(path, error, removed) from error


def _remove(path: Path) -> bool:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
        return True
    return False


def _output_entry(report: OutputReport) -> dict[str, Any]:
    output = report.output
    errors = [_error_entry(problem) for problem in report.diagnostics]
    if report.write_error is not None:
        failure = report.write_error
        errors.append({"path": failure.path, "line": None, "column": None,
                       "message": f"cannot write ({failure.what}): {failure.reason}"})
    if report.withheld and output is not None:
        errors.append({"path": str(output.path), "line": None, "column": None,
                       "message": report.withheld})
    return {
        "source": str(report.source),
        "edition": None if output is None else output.language,
        "variant": None if output is None else output.variant,
        "format": None if output is None else output.format,
        "front_language": None if output is None else output.front_language,
        "path": None if output is None else str(output.path),
        "status": report.status,
        "errors": errors,
        "pages": report.pages,
        "bytes": report.bytes,
        "sha256": report.sha256,
        "seconds": round(report.seconds, 4),
    }


def _error_entry(problem: Diagnostic) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column,
            "message": problem.message}


def _errors(result: BuildResult) -> list[dict[str, Any]]:
    """Problems of the run rather than of one output, each naming its file."""
    errors: list[dict[str, Any]] = [{"path": path, "what": "sources", "message": message}
              for path, message in result.path_problems]
    errors += [{"path": failure.path, "what": failure.what,
                "message": f"cannot write: {failure.reason}"
                + (f"; {failure.consequence}" if failure.consequence else "")}
               for failure in result.write_failures]
    if result.fatal:
        errors.append({"path": result.fatal_path or None, "what": "run",
                       "message": result.fatal})
    if result.interrupted:
        errors.append({"path": None, "what": "run",
                       "message": "interrupted (Ctrl-C): only the outputs listed were done"})
    return errors


def _totals(result: BuildResult, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = [entry["status"] for entry in outputs]
    return {
        "sources": len(result.sources),
        "failed_sources": len(result.failed_sources),
        "outputs": len(outputs),
        "built": statuses.count("built"),
        "skipped": statuses.count("skipped"),
        "failed": statuses.count("failed"),
        "orphaned": statuses.count("orphaned"),
        "errors": len(_errors(result)),
        "bytes": sum(entry["bytes"] or 0 for entry in outputs if entry["status"] != "failed"),
        "seconds": round(result.seconds, 3),
        "succeeded": result.succeeded,
    }
