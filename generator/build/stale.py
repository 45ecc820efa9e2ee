"""Which outputs of a source are up to date, judged by content hashes, never by time.

An output is up to date when the manifest records it with the same input key (source
bytes, the bytes of the images its figures show, code, fonts, libraries, options) and
the file on disk still has the recorded hash. Deciding this reads hashes only: no
source is parsed, no renderer imported. The images of an unchanged source are those
the manifest recorded when it was built (they depend on its text alone).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from generator.build.fingerprint import (
    Fingerprints,
    file_sha256,
    image_hashes,
    output_key,
    source_input,
)
from generator.build.manifest import Manifest
from generator.build.plan import Options, Output, outputs_for
from generator.build.work import SourceTask
from generator.diagnostics import Diagnostic


@dataclass(frozen=True)
class SourcePlan:
    path: Path
    skipped: tuple[Output, ...] = ()
    stale: tuple[Output, ...] = ()  # known when the source is unchanged; else empty
    task: SourceTask | None = None
    problem: Diagnostic | None = None  # the source cannot be built at all


def plan_sources(sources: list[Path], options: Options, manifest: Manifest,
                 fingerprints: Fingerprints, force: bool) -> list[SourcePlan]:
    plans: list[SourcePlan] = []
    owners: dict[str, Path] = {}
    for path in sources:
        owner = owners.setdefault(path.stem, path)
        if owner != path:
            plans.append(SourcePlan(path, problem=Diagnostic(
                str(path), 1, 1, f"its outputs would overwrite those of {owner} "
                "(same file name); rename one of them")))
            continue
        plans.append(plan_source(path, options, manifest, fingerprints, force))
    return plans


def plan_source(path: Path, options: Options, manifest: Manifest,
                fingerprints: Fingerprints, force: bool) -> SourcePlan:
    task = SourceTask(path, options, fingerprints.documents, fingerprints.thumbnail,
                      known_thumbnails={} if force else _thumbnails_of(path.stem, manifest))
    try:
        source_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return SourcePlan(path, task=task)  # the task reports the located error
    record = manifest.sources.get(path.stem)
    if force or record is None or record.sha256 != source_sha256:
        return SourcePlan(path, task=task)
    languages = options.languages or tuple(record.editions)
    if not set(languages) <= set(record.editions):
        return SourcePlan(path, task=task)  # the task reports the missing edition
    if record.path != str(path):
        manifest.sources[path.stem] = replace(record, path=str(path))
    outputs = outputs_for(path, languages, options)
    own_input = source_input(source_sha256, image_hashes(path.parent, record.images))
    stale = tuple(output for output in outputs
                  if not up_to_date(output, own_input, manifest, fingerprints))
    skipped = tuple(output for output in outputs if output not in stale)
    only = frozenset(output.path.name for output in stale)
    return SourcePlan(path, skipped, stale, replace(task, only=only) if stale else None)


def up_to_date(output: Output, source_sha256: str, manifest: Manifest,
               fingerprints: Fingerprints) -> bool:
    record = manifest.outputs.get(output.path.name)
    if record is None or record.input != output_key(
            source_sha256, fingerprints.documents[output.format], output):
        return False
    try:
        return file_sha256(output.path) == record.sha256
    except OSError:
        return False  # deleted by hand: rebuilt


def _thumbnails_of(stem: str, manifest: Manifest) -> dict[str, str]:
    return {name: record.input for name, record in manifest.thumbnails.items()
            if name.startswith(f"{stem}-")}
