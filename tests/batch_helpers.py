"""Helpers shared by the batch tests: small sources, snapshots, file checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pypdf

from generator.cli import main
from tests.conftest import MINIMAL_SOURCE, ROOT

TWO_EDITIONS = MINIMAL_SOURCE + """\
  ko: |
    첫 문단.[^1]

    [^1]: 주석.
"""


def numbered(source: str, number: int) -> str:
    """`source` with the series number CO 23-NN."""
    return source.replace("number: CO 23-30", f"number: CO 23-{number:02d}")


def write_sources(folder: Path, count: int, source: str = TWO_EDITIONS) -> list[Path]:
    """`brief-01.yaml` … with distinct numbers; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, count + 1):
        path = folder / f"brief-{index:02d}.yaml"
        path.write_text(numbered(source, index), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below `folder`: its bytes and mtime_ns."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def generate(sources: Path, out: Path, *extra: str) -> tuple[int, dict[str, str]]:
    """Run `generate` in this process; the exit code and each output's status."""
    report = out.parent / f"{out.name}-report.json"
    code = main(["generate", str(sources), "--out", str(out), "--report", str(report),
                 "--quiet", *extra])
    return code, statuses(report)


def statuses(report: Path) -> dict[str, str]:
    """File name → status, from a --report file."""
    data = json.loads(report.read_text(encoding="utf-8"))
    return {Path(entry["path"]).name: entry["status"] for entry in data["outputs"]
            if entry["path"] is not None}


def load_report(report: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def assert_valid_document(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        assert data.startswith(b"%PDF-"), path
        assert data.rstrip().endswith(b"%%EOF"), path
        assert len(pypdf.PdfReader(path).pages) >= 1, path
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
            assert "word/document.xml" in archive.namelist(), path
    elif path.suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82"), path
    elif path.suffix == ".json":
        json.loads(data)
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>"), path


def generate_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", *arguments]


def run_generate(*arguments: str, env: dict[str, str] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(generate_command(*arguments), cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})
