"""`--report FILE`: the run as JSON, one entry per output, then totals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.atomic import write_atomically
from generator.build.clock import build_time_text
from generator.build.run import BuildResult, OutputReport
from generator.diagnostics import Diagnostic

REPORT_VERSION = 1


def report_data(result: BuildResult, out: Path) -> dict[str, Any]:
    outputs = [_output_entry(report) for source in result.sources for report in source.outputs]
    outputs += [_missing_entry(path) for path in result.missing_paths]
    return {
        "report": REPORT_VERSION,
        "generator": f"kinu-brief {__version__}",
        "generated_at": build_time_text(),
        "out": str(out),
        "outputs": outputs,
        "totals": _totals(result, outputs),
    }


def write_report(path: Path, result: BuildResult, out: Path) -> None:
    text = json.dumps(report_data(result, out), indent=2, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))


def _output_entry(report: OutputReport) -> dict[str, Any]:
    output = report.output
    return {
        "source": str(report.source),
        "edition": None if output is None else output.language,
        "variant": None if output is None else output.variant,
        "format": None if output is None else output.format,
        "front_language": None if output is None else output.front_language,
        "path": None if output is None else str(output.path),
        "status": report.status,
        "errors": [_error_entry(problem) for problem in report.diagnostics],
        "pages": report.pages,
        "bytes": report.bytes,
        "sha256": report.sha256,
        "seconds": round(report.seconds, 4),
    }


def _error_entry(problem: Diagnostic) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column,
            "message": problem.message}


def _missing_entry(path: str) -> dict[str, Any]:
    return {"source": path, "edition": None, "variant": None, "format": None,
            "front_language": None, "path": None, "status": "failed",
            "errors": [{"path": path, "line": None, "column": None,
                        "message": "no such file or folder"}],
            "pages": None, "bytes": None, "sha256": None, "seconds": 0.0}


def _totals(result: BuildResult, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = [entry["status"] for entry in outputs]
    return {
        "sources": len(result.sources) + len(result.missing_paths),
        "failed_sources": len(result.failed_sources) + len(result.missing_paths),
        "outputs": len(outputs),
        "built": statuses.count("built"),
        "skipped": statuses.count("skipped"),
        "failed": statuses.count("failed"),
        "bytes": sum(entry["bytes"] or 0 for entry in outputs if entry["status"] != "failed"),
        "seconds": round(result.seconds, 3),
        "succeeded": result.succeeded,
    }
