"""Rebuilds, in this warm process, the outputs of the watched sources that changed.

A rebuild is an ordinary build of the changed sources (build.run.build_locked, the
code `generate` runs, with -j 1), so it writes the same bytes, records them in the
manifest and refreshes the index page; the watch holds the output folder's lock
throughout. A source counts as changed when its bytes differ from those last built:
touching it, or saving it unchanged, rebuilds nothing. So does an image file a
source's figures show: replacing it rebuilds the sources that show it (the build's
own plan sees the new bytes: build/stale.py).

The code is loaded once, when the watch starts: its fingerprints are taken then and
recorded with every output built, so the manifest never credits an output to code
edited since (a later `generate` rebuilds those). A developer checkout's templates are
read again when they change, and every watched source is rebuilt with them.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build.fingerprint import PACKAGE, Fingerprints, compute_fingerprints
from generator.build.manifest import ManifestFile
from generator.build.plan import VARIANTS, Options
from generator.build.run import (
    BuildEvents,
    BuildResult,
    OutputReport,
    SourceReport,
    build_locked,
)
from generator.watch.changes import ChangeBatch, absolute
from generator.watch.state import OutputView, PreviewState, SourceView

FORMAT_ORDER = ("pdf", "docx")  # as the page shows them


@dataclass(frozen=True)
class Rebuild:
    """What one batch of changes did."""

    reason: str  # `sources/co-23-30.yaml changed`, `… added`, `templates/… changed`
    result: BuildResult = field(default_factory=BuildResult)
    seconds: float = 0.0  # from the batch to the last source shown
    removed: tuple[Path, ...] = ()
    refused: str = ""  # why nothing was rebuilt although something changed


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def code_signature() -> dict[str, tuple[int, int]]:
    """(mtime, size) of every module of the generator: whether its code changed."""
    signature = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        status = path.stat()
        signature[str(path)] = (status.st_mtime_ns, status.st_size)
    return signature


@dataclass
class ImageUse:
    """An image file figures show: its digest when last built, the sources showing it."""

    named: Path  # as the user would name it: sources/figures/chart.png
    digest: str
    sources: set[Path] = field(default_factory=set)


class WatchSession:
    def __init__(self, sources: list[Path], options: Options, state: PreviewState,
                 on_shown: Callable[[SourceView], None] = lambda view: None) -> None:
        self.sources = list(sources)
        self.options = options
        self.state = state
        self.on_shown = on_shown  # e.g. have LibreOffice draw the DOCX pages
        self.fingerprints: Fingerprints = compute_fingerprints(options.formats)
        self.code = code_signature()
        self.built: dict[Path, str | None] = {}  # source -> digest of the bytes last built
        self.images: dict[Path, ImageUse] = {}  # absolute image path -> its use
        self.rebuilds = 0
        self.watching = False  # the first build is done

    def build_everything(self, events: BuildEvents, jobs: int) -> BuildResult:
        """Build every watched source (what is out of date), as `generate` would."""
        try:
            return self._build(self.sources, events, jobs, "")
        finally:
            self.watching = True

    def apply(self, batch: ChangeBatch) -> Rebuild | None:
        """Rebuild what `batch` changed; None when nothing really did."""
        start = time.perf_counter()
        changed, added, removed = self._sorted_out(batch.sources)
        for path in removed:
            self.sources.remove(path)
            self.built.pop(path, None)
            self.state.forget(path)
        if batch.templates:
            return self._templates_changed(batch, removed, start)
        images = self._changed_images(batch.images)
        changed += sorted({source for image in images for source in image.sources
                           if source in self.sources and source not in changed}, key=str)
        if not (changed or added or removed):
            return None
        self.sources.extend(added)
        reason = "; ".join([*(f"{image.named} changed" for image in images),
                            *(f"{path} changed" for path in changed
                              if not any(path in image.sources for image in images)),
                            *(f"{path} added" for path in added),
                            *(f"{path} removed" for path in removed)])
        result = self._build(changed + added, BuildEvents(), 1, reason) if changed or added \
            else BuildResult()
        return Rebuild(reason, result, time.perf_counter() - start, tuple(removed))

    def _sorted_out(self, paths: tuple[Path, ...]) -> tuple[list[Path], list[Path], list[Path]]:
        changed, added, removed = [], [], []
        for path in paths:
            digest = file_digest(path)
            if digest is None:
                if path in self.sources:
                    removed.append(path)
            elif path not in self.sources:
                added.append(path)
            elif self.built.get(path) != digest:
                changed.append(path)
        return changed, added, removed

    def _changed_images(self, images: tuple[Path, ...]) -> list[ImageUse]:
        """The uses of `images` whose bytes differ from those last built."""
        return [self.images[image] for image in images
                if image in self.images and file_digest(image) != self.images[image].digest]

    def _record_images(self, sources: list[Path]) -> None:
        """The image files `sources` now show, as the manifest records their build."""
        records = ManifestFile(self.options.out).manifest.sources
        for path in sources:
            record = records.get(path.stem)
            for relative, digest in (record.images if record is not None else {}).items():
                image = absolute(path.parent / relative)
                use = self.images.setdefault(image, ImageUse(path.parent / relative, digest))
                use.digest = digest
                use.sources.add(path)

    def _templates_changed(self, batch: ChangeBatch, removed: list[Path],
                           start: float) -> Rebuild:
        names = ", ".join(_shown_template(path) for path in batch.templates)
        reason = f"{names} changed"
        if code_signature() != self.code:
            return Rebuild(reason, removed=tuple(removed), refused=(
                "the generator's code changed since the watch started: restart "
                "kinu-brief watch to rebuild with the new templates"))
        reload_templates()
        self.fingerprints = compute_fingerprints(self.options.formats)
        self.sources.extend(path for path in batch.sources if path not in self.sources
                            and file_digest(path) is not None)
        result = self._build(self.sources, BuildEvents(), 1, reason)
        return Rebuild(reason, result, time.perf_counter() - start, tuple(removed))

    def _build(self, sources: list[Path], events: BuildEvents, jobs: int,
               reason: str) -> BuildResult:
        digests = {path: file_digest(path) for path in sources}
        result = BuildResult()
        shown = _ShowingEvents(self, events)
        build_locked(sorted(sources, key=str), self.options, jobs, False, shown, result,
                     self.fingerprints)
        self.built.update(digests)
        self._refresh_titles(sources)
        self._record_images(sources)
        return result

    def show(self, report: SourceReport) -> None:
        """Show a source's outcome on the page, as soon as its files are in place (the
        page shows the sources rebuilt last first)."""
        view = source_view(report, self.state.source(report.path))
        self.rebuilds += 1
        self.state.show(replace(view, rebuilt=self.rebuilds if self.watching else 0))
        time.sleep(0)  # let the server's threads tell the pages now, not after the build
        self.on_shown(view)

    def _refresh_titles(self, sources: list[Path]) -> None:
        """The titles of `sources` as the manifest now records them (shown in the page's
        headings; a changed title is shown once the manifest is saved)."""
        records = ManifestFile(self.options.out).manifest.sources
        for path in sources:
            view = self.state.source(path)
            record = records.get(path.stem)
            if view is not None and record is not None and view.titles != record.titles:
                self.state.show(replace(view, titles=dict(record.titles)))


class _ShowingEvents(BuildEvents):
    """Passes a build's events on, and shows each source as soon as it is done."""

    def __init__(self, session: WatchSession, events: BuildEvents) -> None:
        self.session = session
        self.events = events

    def started(self, sources: int) -> None:
        self.events.started(sources)

    def source_done(self, report: SourceReport) -> None:
        self.session.show(report)
        self.events.source_done(report)

    def orphaned(self, reports: list[OutputReport]) -> None:
        self.events.orphaned(reports)


def source_view(report: SourceReport, previous: SourceView | None) -> SourceView:
    """What the page shows of a source after `report`: its outputs (the last good ones,
    marked stale, when the source could not be built at all) and its errors."""
    outputs = [item for item in report.outputs if item.output is not None]
    errors = tuple(str(problem) for problem in report.diagnostics) + tuple(
        str(failure) for failure in report.write_failures)
    titles = previous.titles if previous is not None else {}
    if not outputs:
        kept = () if previous is None else tuple(
            replace(view, stale=True) for view in previous.outputs)
        return SourceView(report.path, kept, errors, titles)
    views = []
    for item in outputs:
        assert item.output is not None
        output = item.output
        views.append(OutputView(output.path.name, output.language, output.variant,
                                output.format, stale=item.status == "failed"))
    languages = list(dict.fromkeys(view.language for view in views))
    views.sort(key=lambda view: (languages.index(view.language),
                                 VARIANTS.index(view.variant), Path(view.name).stem,
                                 FORMAT_ORDER.index(view.format)))
    return SourceView(report.path, tuple(views), errors, titles)


def reload_templates() -> None:
    """Forget the templates read so far: the next use reads them from disk again."""
    from generator.index import page
    from generator.style import texts

    texts.catalogue.cache_clear()
    page._template.cache_clear()


def _shown_template(path: Path) -> str:
    from generator.build.fingerprint import templates_folder

    folder = templates_folder()
    return f"templates/{path.relative_to(folder).as_posix()}" if path.is_relative_to(
        folder) else str(path)
