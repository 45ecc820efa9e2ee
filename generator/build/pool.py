"""Runs source tasks in a process pool (or in this process), outcomes in task order.

One task per source: the source is read and validated once, then each of its stale
outputs rendered. Workers are forked, import the renderers and register the fonts once
in their initializer, and die with the main process (a `kill -9` of the main process
must not leave workers writing into the folder, or holding its lock).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import signal
import sys
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from generator.build.work import SourceOutcome, SourceTask, renderer_for, run_task
from generator.diagnostics import Diagnostic
from generator.index.thumbnails import load_library

PR_SET_PDEATHSIG = 1


def run_tasks(tasks: Sequence[SourceTask], jobs: int,
              formats: Sequence[str]) -> Generator[SourceOutcome]:
    """The outcome of each task, in the order of `tasks`, as soon as it is known."""
    workers = min(jobs, len(tasks))
    if workers <= 1:
        for task in tasks:
            yield _guarded(task)
        return
    context = _context()
    if context.get_start_method() == "fork":
        import_renderers(tuple(formats))  # once here, shared by every forked worker
    gc.freeze()  # the workers' collections leave inherited objects alone: fewer copied pages
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=prepare_worker, initargs=(tuple(formats),)) as pool:
        futures = [pool.submit(run_task, task) for task in tasks]  # forks the workers
        gc.unfreeze()
        try:
            for task, future in zip(tasks, futures, strict=True):
                yield _outcome_of(task, future)
        finally:
            for future in futures:
                future.cancel()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork: workers start at once, with this process's imports."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def prepare_worker(formats: tuple[str, ...]) -> None:
    """Die with the parent; have the renderers imported before the first task."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    import_renderers(formats)


def import_renderers(formats: tuple[str, ...]) -> None:
    for format in formats:
        renderer_for(format)
    if "pdf" in formats:
        load_library()  # thumbnails


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _guarded(task: SourceTask) -> SourceOutcome:
    """The task run in this process, failing alone as it would in a worker."""
    try:
        return run_task(task)
    except OSError as error:
        return _failed(task, f"cannot write output: {error}")
    except Exception as error:  # a bug must not stop the other sources
        return _failed(task, f"internal error: {type(error).__name__}: {error}")


def _outcome_of(task: SourceTask, future: Future[SourceOutcome]) -> SourceOutcome:
    try:
        return future.result()
    except OSError as error:
        return _failed(task, f"cannot write output: {error}")
    except Exception as error:  # a worker that died (BrokenProcessPool) or a bug
        return _failed(task, f"internal error: {type(error).__name__}: {error}")


def _failed(task: SourceTask, message: str) -> SourceOutcome:
    return SourceOutcome(task.path, diagnostics=(Diagnostic(str(task.path), 1, 1, message),))
