"""The record of an output folder: what each file was built from, and its hash.

`<out>/.kinu-brief-manifest.json` holds, per output file, the hash of its inputs
(fingerprint.output_key) and of its bytes; per source, the hash of its bytes and what
the index page shows of it; per thumbnail, the hash of the PDF it shows. It holds no
time and no absolute output path, so two clean builds write the same manifest. It is
written atomically, and only after the files it records are in place: a killed run
leaves at worst outputs that are not recorded yet (and are rebuilt), never a record
of an output that is not there.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build.atomic import write_atomically

MANIFEST_NAME = ".kinu-brief-manifest.json"
MANIFEST_VERSION = 1
FLUSH_INTERVAL_SECONDS = 2.0


@dataclass(frozen=True)
class SourceRecord:
    path: str
    sha256: str
    number: str  # a meeting has none
    date: str
    titles: dict[str, str]
    editions: list[str]
    kind: str = "brief"  # or "meeting" (its outputs are packets), keyed `meetings/<stem>`
    agenda: list[str] = field(default_factory=list)  # a meeting's briefs, by number
    # The image files a brief's figures show: path relative to the source's folder ->
    # sha256 of the bytes built from (fingerprint.source_input).
    images: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OutputRecord:
    source: str  # the source's stem, a key of Manifest.sources
    edition: str
    variant: str
    format: str
    front_language: str
    input: str
    sha256: str
    bytes: int
    pages: int | None


@dataclass(frozen=True)
class ThumbnailRecord:
    input: str
    sha256: str


@dataclass(frozen=True)
class IndexRecord:
    input: str
    sha256: str


@dataclass
class Manifest:
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    thumbnails: dict[str, ThumbnailRecord] = field(default_factory=dict)
    index: IndexRecord | None = None

    def to_bytes(self) -> bytes:
        data = {
            "manifest": MANIFEST_VERSION,
            "sources": {key: vars(value) for key, value in self.sources.items()},
            "outputs": {key: vars(value) for key, value in self.outputs.items()},
            "thumbnails": {key: vars(value) for key, value in self.thumbnails.items()},
            "index": None if self.index is None else vars(self.index),
        }
        return (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode()


def manifest_from_data(data: Any) -> Manifest:
    """The manifest in `data`; KeyError/TypeError/ValueError when it is not one."""
    if data.get("manifest") != MANIFEST_VERSION:
        raise ValueError("another manifest version")
    index = data.get("index")
    return Manifest(
        sources={key: SourceRecord(**value) for key, value in data["sources"].items()},
        outputs={key: OutputRecord(**value) for key, value in data["outputs"].items()},
        thumbnails={key: ThumbnailRecord(**value) for key, value in data["thumbnails"].items()},
        index=None if index is None else IndexRecord(**index),
    )


class ManifestFile:
    """The manifest of one output folder: read once, saved when it changed."""

    def __init__(self, folder: Path, *subfolders: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self._folders = (folder, *subfolders)
        self.existed = self.path.is_file()
        self.removed_previous = False  # remove() took away the manifest a run found
        self._saved = b""
        self._last_flush = time.monotonic()
        self.manifest = self._read()

    def _read(self) -> Manifest:
        try:
            self._saved = self.path.read_bytes()
            return manifest_from_data(json.loads(self._saved))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return Manifest()  # missing or damaged: everything is rebuilt

    def save(self) -> None:
        """Write the manifest if it changed, after making the renames it records durable."""
        self._last_flush = time.monotonic()
        data = self.manifest.to_bytes()
        if data == self._saved:
            return
        for folder in self._folders:
            fsync_folder(folder)
        write_atomically(self.path, data)
        self._saved = data
        self.existed = True

    def remove(self) -> bool:
        """Remove the manifest on disk (one that could not be replaced would describe
        files a run replaced since); whether there is none left. The next save writes it
        whole."""
        self._saved = b""
        self.existed = False
        try:
            self.path.unlink()
        except FileNotFoundError:
            return True
        except OSError:
            return False
        self.removed_previous = True
        return True

    def save_now_and_then(self) -> None:
        """Save at most every FLUSH_INTERVAL_SECONDS, so a killed long run keeps most work."""
        if time.monotonic() - self._last_flush >= FLUSH_INTERVAL_SECONDS:
            self.save()


def fsync_folder(folder: Path) -> None:
    """Make the renames done in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
