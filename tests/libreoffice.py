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
from xml.sax.saxutils import escape

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


# ------------------------------------------------------------------ which fonts it sees

def font_folders() -> dict[Path, set[str]]:
    """Each folder of fonts the system's fontconfig offers, with the families in it."""
    listed = subprocess.run(["fc-list", "--format", "%{file}\t%{family}\n"],
                            capture_output=True, text=True, check=True).stdout
    folders: dict[Path, set[str]] = {}
    for line in listed.splitlines():
        file_name, _, families = line.partition("\t")
        folders.setdefault(Path(file_name).parent, set()).update(families.split(","))
    return folders


def fontconfig_environment(folder: Path, font_folders: list[Path]) -> dict[str, str]:
    """The environment of a LibreOffice that sees only the fonts of `font_folders`: a
    FONTCONFIG_FILE of its own and a clean HOME (no user fonts, no user configuration)."""
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    config = folder / "fonts.conf"
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>"]
    lines += [f"  <dir>{escape(str(path))}</dir>" for path in font_folders]
    lines += [f"  <cachedir>{escape(str(folder / 'cache'))}</cachedir>", "</fontconfig>", ""]
    config.write_text("\n".join(lines), encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(home)}


def families_offered(environment: Mapping[str, str]) -> set[str]:
    """Every family name fontconfig offers in `environment`."""
    listed = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True,
                            text=True, check=True, env=dict(environment)).stdout
    return {family for line in listed.splitlines() for family in line.split(",")}
