"""Small measuring tools: timed child processes with their peak RSS, percentiles, folder sizes.

Peak RSS of a child comes from ``os.wait4``'s resource usage (``ru_maxrss``, KiB on Linux): no
psutil, exact, but it is the peak of the largest *single* process of the tree. When the child
runs worker processes, what matters is their sum, so :func:`run_timed` also samples the summed
memory of the whole process tree from ``/proc`` every 50 ms (``tree_peak_rss_mib``: the sum of
each process's PSS, so pages a forked worker shares with its parent count once).
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timed:
    """A finished child process: wall seconds, its peak RSS (MiB), its exit code and output."""

    seconds: float
    peak_rss_mib: float
    tree_peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str


def run_timed(cmd: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Timed:
    """Run ``cmd`` and measure its wall time and peak resident memory."""
    with tempfile.TemporaryFile() as out_fh, tempfile.TemporaryFile() as err_fh:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out_fh, stderr=err_fh, env=env, cwd=cwd)
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_fh.seek(0)
        err_fh.seek(0)
        out, err = out_fh.read(), err_fh.read()
    return Timed(seconds, usage.ru_maxrss / 1024.0, max(sampler.peak_kib / 1024.0, usage.ru_maxrss / 1024.0),
                 proc.returncode,
                 out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


class _TreeSampler(threading.Thread):
    """Polls the summed RSS of a process and its descendants until told to stop."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.stop = threading.Event()
        self.peak_kib = 0

    def run(self) -> None:
        page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
        while not self.stop.is_set():
            parents: dict[int, int] = {}
            rss: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/stat", "rb") as fh:
                        fields = fh.read().rsplit(b")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry)] = int(fields[1])
                rss[int(entry)] = int(fields[21]) * page_kib
            tree = {self.pid}
            grew = True
            while grew:
                grew = False
                for pid, ppid in parents.items():
                    if ppid in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid, rss.get(pid, 0)) for pid in tree))
            self.stop.wait(self.interval)


def _pss_kib(pid: int, fallback: int) -> int:
    """Proportional set size of a process (shared pages split between sharers), in KiB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return fallback


def median_of(repeats: int, fn: Callable[[], float]) -> tuple[float, list[float]]:
    """Call ``fn`` ``repeats`` times; the median of its results and all of them."""
    values = [fn() for _ in range(repeats)]
    return statistics.median(values), values


def percentiles(values: Sequence[float], points: Sequence[int] = (50, 95, 99)) -> dict[str, float]:
    """``{"p50": ..., "p95": ..., "p99": ...}`` by the nearest-rank method."""
    ordered = sorted(values)
    out = {}
    for p in points:
        if not ordered:
            out[f"p{p}"] = float("nan")
            continue
        k = max(0, min(len(ordered) - 1, -(-p * len(ordered) // 100) - 1))
        out[f"p{p}"] = ordered[k]
    return out


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symlinks not followed, each inode once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            st = os.lstat(os.path.join(root, name))
            if (st.st_dev, st.st_ino) in seen or not os.path.isfile(os.path.join(root, name)):
                continue
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def self_peak_rss_mib() -> float:
    """Peak RSS of this process so far (MiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
