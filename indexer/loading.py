"""Load documents (read -> repair -> structure) on every core, in file order.

Loading is the CPU-heavy part of indexing (repair above all, see docs/benchmarks.md), and
each file is independent, so worker processes load files while the one Whoosh writer in the
parent adds what they return. Results come back in the order of the input, a bounded number
ahead of the writer, so memory stays flat however many files there are.

Workers are forked: the load function is inherited, not pickled, so any callable works. A
file that cannot be read comes back as a :class:`LoadFailure`, never as an exception, so
one bad file does not stop the run.

``$FAHRAS_PROCS`` sets the number of worker processes (default: the number of cores;
``1`` loads in the calling process).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.records import Document
from indexer.sources import SourceError

PROCS_ENV = "FAHRAS_PROCS"
#: Fewer files than this are loaded in the calling process (a pool costs more than it saves).
MIN_PARALLEL_FILES = 4
#: Documents loaded ahead of the writer, per worker.
AHEAD_PER_WORKER = 4


@dataclass(frozen=True)
class LoadFailure:
    """A file that could not be loaded: a short reason and a one-line message for the user."""

    reason: str
    message: str


Outcome = Document | LoadFailure


def worker_count() -> int:
    """Worker processes to use: ``$FAHRAS_PROCS``, else the number of usable cores."""
    value = os.environ.get(PROCS_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def load_one(load: Callable[[Path], Document], path: Path) -> Outcome:
    """``load(path)``, with unreadable files turned into a :class:`LoadFailure`."""
    try:
        return load(path)
    except SourceError as err:
        return LoadFailure(err.reason, str(err))
    except OSError as err:
        return LoadFailure(err.strerror or str(err), f"{path}: {err.strerror or err}")


_inherited_load: Callable[[Path], Document] | None = None


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C reaches the whole process group, but only the parent acts
    on it (it stops the workers and reports once); a worker must not print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(path: Path) -> Outcome:
    assert _inherited_load is not None
    return load_one(_inherited_load, path)


def load_documents(paths: Sequence[Path], load: Callable[[Path], Document],
                   procs: int | None = None) -> Iterator[tuple[Path, Outcome]]:
    """``(path, document or failure)`` for each path, in order, loaded by ``procs`` workers.

    Close the iterator (or exhaust it) to stop the workers.
    """
    procs = worker_count() if procs is None else procs
    if procs <= 1 or len(paths) < MIN_PARALLEL_FILES or "fork" not in multiprocessing.get_all_start_methods():
        for path in paths:
            yield path, load_one(load, path)
        return
    global _inherited_load
    _inherited_load = load  # forked workers (also any respawned one) inherit it
    pool = multiprocessing.get_context("fork").Pool(min(procs, len(paths)), initializer=_ignore_interrupts)
    try:
        pending: deque = deque()
        upcoming = iter(paths)
        window = AHEAD_PER_WORKER * procs
        for path in upcoming:
            pending.append((path, pool.apply_async(_work, (path,))))
            if len(pending) >= window:
                break
        while pending:
            path, result = pending.popleft()
            outcome = result.get()
            following = next(upcoming, None)
            if following is not None:
                pending.append((following, pool.apply_async(_work, (following,))))
            yield path, outcome
        pool.close()
        pool.join()
    finally:
        pool.terminate()
        _inherited_load = None
