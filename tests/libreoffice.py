"""DOCX files turned into PDF by LibreOffice, each in a soffice process of its own.

One document per process, as a reader opens one brief: LibreOffice stores the fonts a
document embeds by family and style name for the rest of its session (vcl's
EmbeddedFontsHelper: an existing temporary font file is "assumed to have been added
correctly"), so in a run that converts several of our DOCX files the first file's
subset of each face would be used for all the others, and a character it lacks would
be drawn in a fallback face. Up to WORKERS processes run at once, each with a private
user profile of its own (other LibreOffice processes may run at the same time).
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TIMEOUT = 240  # seconds, for one document
WORKERS = max(2, min(4, os.cpu_count() or 2))


def available() -> bool:
    return shutil.which("soffice") is not None


def convert_each(
    documents: list[Path], out: Path, profiles: Path,
    environment: Mapping[str, str] | None = None,
) -> list[Path]:
    """Convert every DOCX of `documents` to `out/<stem>.pdf` (stems must be distinct),
    each in its own soffice run, with profiles under `profiles`; the PDFs, in order.

    `environment` replaces the process environment (e.g. a FONTCONFIG_FILE); the
    build time (SOURCE_DATE_EPOCH) is always passed on."""
    out.mkdir(parents=True, exist_ok=True)
    base = dict(os.environ if environment is None else environment)
    base.setdefault("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "0"))
    free: queue.Queue[Path] = queue.Queue()
    for number in range(min(WORKERS, max(1, len(documents)))):
        free.put(profiles / f"profile-{number}")

    def convert(document: Path) -> Path:
        profile = free.get()
        try:
            return _convert(document, out, profile, base)
        finally:
            free.put(profile)

    with ThreadPoolExecutor(free.qsize()) as pool:
        return list(pool.map(convert, documents))


def _convert(document: Path, out: Path, profile: Path, environment: dict[str, str]) -> Path:
    completed = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(document)],
        capture_output=True, text=True, timeout=TIMEOUT, env=environment,
    )
    converted = out / f"{document.stem}.pdf"
    if completed.returncode != 0 or not converted.is_file():
        raise RuntimeError(f"soffice exited {completed.returncode} on {document.name}\n"
                           f"{completed.stdout}\n{completed.stderr}")
    return converted
