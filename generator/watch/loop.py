"""`kinu-brief watch`: build, serve the preview, then rebuild what each save changes.

    lock the output folder (held until the end) → build every watched source
    → warm up (renderers, fonts, PDFium) → start the DOCX drawing thread and the
    preview server → watch: each batch of events → rebuild → one terminal line

The watcher is watchfiles (inotify on Linux, the platform's own mechanism elsewhere).
The events of one save (an editor's temporary written then renamed over the file,
several writes) are gathered into one batch: the batch is handed over once STEP_MS
pass without another event. A save made before the watcher was up (during the first
build) is caught up with as soon as it is. Ctrl-C stops it all: the server, LibreOffice, the
temporaries (a rebuild cut short leaves none), the lock; exit 130.
"""

from __future__ import annotations

import datetime
import shutil
import signal
import sys
import threading
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.build.atomic import sweep_temporaries
from generator.build.console import ConsoleEvents, plural
from generator.build.fingerprint import templates_folder
from generator.build.lock import OutputFolderBusy, output_folder_lock
from generator.build.plan import NoSources, Options, discover_sources
from generator.index.thumbnails import THUMBNAIL_FOLDER
from generator.watch.changes import ChangeBatch, WatchedPaths, batch_of, developer_templates
from generator.watch.console import error_lines, rebuild_line
from generator.watch.docx_pages import DocxPages
from generator.watch.page_images import PageImages
from generator.watch.preview_page import PreviewPage
from generator.watch.server import PreviewServer, is_loopback
from generator.watch.session import Rebuild, WatchSession
from generator.watch.state import PreviewState, SourceView

STEP_MS = 20  # a save's events: gathered until this long passes without another
DEBOUNCE_MS = 1600  # the longest a batch is held while events keep coming
CATCH_UP_MS = 500  # the watcher's idle wake-up; the first one catches up (see run)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000  # when taken, and no --port was given, any free port
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class WatchOptions:
    paths: list[Path]
    build: Options
    host: str = DEFAULT_HOST
    port: int | None = None  # None: DEFAULT_PORT, or any free port when it is taken
    open_browser: bool = False
    jobs: int = 1  # for the first build only; rebuilds run in this process


class Watch:
    """One watch: its session, the preview's state and server, the DOCX drawings."""

    def __init__(self, options: WatchOptions, sources: list[Path], stdout: TextIO,
                 stderr: TextIO) -> None:
        self.options = options
        self.stdout, self.stderr = stdout, stderr
        self.state = PreviewState()
        self.docx: DocxPages | None = None
        self.server: PreviewServer | None = None
        self.watched = WatchedPaths.named(options.paths,
                                          developer_templates(templates_folder()))
        self.session = WatchSession(sources, options.build, self.state,
                                    on_shown=self._draw_docx)
        self.stop = threading.Event()

    def start(self) -> str:
        """Take the preview's address, build everything, start the DOCX drawings and
        the server; the page's URL. (The address first: a port that cannot be had
        stops the command before it builds. The threads last: the first build may
        fork worker processes.)"""
        images = PageImages()
        self.docx = DocxPages(self.options.build.out, shutil.which("soffice"),
                              on_ready=self.state.changed)
        self.server = serve(self.options, self.state,
                            PreviewPage(self.options.build.out, images, self.docx), images)
        self.session.build_everything(ConsoleEvents(quiet=False, stdout=self.stdout,
                                                    stderr=self.stderr), self.options.jobs)
        self.watched.images.update(self.session.images)
        warm_up(self.session.sources, self.options.build)
        self.docx.start()
        for view in self.state.snapshot().sources:
            self._draw_docx(view)
        self.server.serve_in_background()
        return self.server.url

    def run(self) -> None:
        """Rebuild on every batch of changes until stopped (Ctrl-C raises here). Once
        the watcher is up (its first timeout), what was saved before it was, during
        the first build, is caught up with."""
        import watchfiles

        caught_up = False
        for events in watchfiles.watch(*self.watched.roots(), watch_filter=self.watched.wanted,
                                       step=STEP_MS, debounce=DEBOUNCE_MS,
                                       rust_timeout=CATCH_UP_MS, yield_on_timeout=True,
                                       stop_event=self.stop, raise_interrupt=True):
            if not events and caught_up:
                continue
            batch = batch_of(self.watched, events) if events else self._everything()
            caught_up = True
            rebuild = self.session.apply(batch) if batch else None
            if rebuild is not None:
                self._tell(rebuild)
            self.watched.images.update(self.session.images)

    def _everything(self) -> ChangeBatch:
        """Every watched source, known or new: a batch that rebuilds what changed."""
        try:
            found = discover_sources([*self.watched.folders.values()])
        except NoSources:
            found = []
        return ChangeBatch(tuple(sorted({*self.session.sources, *found}, key=str)),
                           images=tuple(sorted(self.session.images)))

    def _tell(self, rebuild: Rebuild) -> None:
        line = rebuild_line(rebuild, datetime.datetime.now())
        print(line, file=self.stdout, flush=True)
        for error in error_lines(rebuild):
            print(error, file=self.stderr, flush=True)
        self.state.set_status(line)

    def close(self) -> None:
        """Stop the server and LibreOffice; remove every temporary."""
        self.stop.set()
        if self.server is not None:
            self.server.stop()
        self.state.close()
        if self.docx is not None:
            self.docx.close()
        out = self.options.build.out
        for folder in (out, out / THUMBNAIL_FOLDER):
            sweep_temporaries(folder)

    def _draw_docx(self, view: SourceView) -> None:
        if self.docx is not None:
            self.docx.request([output.name for output in view.outputs
                               if output.format == "docx" and not output.stale])


def warm_up(sources: list[Path], options: Options) -> None:
    """Import the renderers, read the fonts, and render the first source that loads
    once in memory in each edition and format (the first build may have rendered in
    worker processes), so that the first rebuild is as fast as the next ones."""
    from generator.build.pool import import_renderers
    from generator.build.work import languages_to_build, renderer_for, settled_layout
    from generator.diagnostics import SourceError
    from generator.index.thumbnails import load_library
    from generator.source import brief_for, load_source

    import_renderers(options.formats)
    load_library()
    for path in sources:
        try:
            source = load_source(path)
            for language in languages_to_build(source, options):
                brief = settled_layout(brief_for(source, language, variant=options.variants[0],
                                                 front_language=options.front_language))
                for format in options.formats:
                    renderer_for(format)(brief)
        except SourceError:
            continue
        return


class CannotServe(Exception):
    """The preview's address cannot be had (the port is taken, the host is not here)."""


def serve(options: WatchOptions, state: PreviewState, page: PreviewPage,
          images: PageImages) -> PreviewServer:
    """The preview server, listening; CannotServe when the address cannot be had."""
    out = options.build.out
    port = DEFAULT_PORT if options.port is None else options.port
    try:
        try:
            return PreviewServer((options.host, port), out, state, page, images)
        except OSError:
            if options.port is not None:
                raise
            return PreviewServer((options.host, 0), out, state, page, images)
    except OSError as error:
        raise CannotServe(f"cannot serve the preview on {options.host}:{port}: "
                          f"{error.strerror or error}") from error


def run_watch(options: WatchOptions, stdout: TextIO | None = None,
              stderr: TextIO | None = None) -> int:
    """The command: 130 once stopped by Ctrl-C; OutputFolderBusy and NoSources raised
    (the command line reports them as `generate` does), CannotServe when it cannot."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    sources = discover_sources(options.paths)  # before anything is made
    with output_folder_lock(options.build.out), _stopped_by_signals():
        watch = Watch(options, sources, stdout, stderr)
        try:
            url = watch.start()
            _announce(watch, url, stdout, stderr)
            watch.run()
        except KeyboardInterrupt:
            print("kinu-brief: stopped", file=stderr, flush=True)
            return EXIT_INTERRUPTED
        except Stopped as stopped:
            print(f"kinu-brief: stopped ({stopped.name})", file=stderr, flush=True)
            return 128 + stopped.number
        finally:
            watch.close()
    return EXIT_INTERRUPTED  # the watcher only ends when stopped


class Stopped(Exception):
    """SIGTERM or SIGHUP: stop as Ctrl-C does (exit 128 + the signal's number)."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.name = signal.Signals(number).name
        super().__init__(self.name)


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Stopped for the block (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise Stopped(number)

    previous = {number: signal.signal(number, stop)
                for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _announce(watch: Watch, url: str, stdout: TextIO, stderr: TextIO) -> None:
    host = watch.options.host
    if not is_loopback(host):
        print(f"kinu-brief: warning: the preview listens on {host}, not only on this "
              "machine: anyone who can reach it can read the briefs in "
              f"{watch.options.build.out}", file=stderr, flush=True)
    count = plural(len(watch.session.sources), "source")
    docx = "" if watch.docx is not None and watch.docx.available else (
        " (no LibreOffice: the preview shows PDF pages only)")
    print(f"Watching {count}; preview at {url}{docx} — Ctrl-C to stop",
          file=stdout, flush=True)
    if watch.options.open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


__all__ = ["EXIT_INTERRUPTED", "CannotServe", "OutputFolderBusy", "WatchOptions", "run_watch"]
