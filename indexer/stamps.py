"""File stamps: skip re-reading a file whose size and modification time have not changed.

Deciding which files changed hashes every file (indexer/build.py, :func:`content_hash`); at
100k paragraphs (about 1,250 files, 100 MB) that alone is a large share of re-indexing one
changed file. Like ``git status``, a file whose size and modification time (and its sidecar's)
are what they were when it was last hashed is taken to have the same content, and its hash is
reused. A file modified within :data:`RACY_NS` of that hashing is hashed again (its time stamp
cannot tell a later write in the same tick apart); ``fahras index --rebuild`` hashes everything.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

#: A file modified this close to (or after) the moment it was hashed is hashed again.
RACY_NS = 2_000_000_000

Stamp = list[int]


def stamp(path: Path) -> Stamp | None:
    """``[size, mtime_ns, sidecar size, sidecar mtime_ns, taken at (ns)]``; None if unreadable."""
    taken = time.time_ns()
    try:
        st = os.stat(path)
    except OSError:
        return None
    sidecar = path.with_suffix(".json")
    try:
        side = os.stat(sidecar) if sidecar != path else None
    except OSError:
        side = None
    return [st.st_size, st.st_mtime_ns, side.st_size if side else -1, side.st_mtime_ns if side else -1, taken]


def known_digest(now: Stamp | None, before: list | None) -> str | None:
    """The content hash recorded with ``before`` (``stamp + [digest]``) if ``now`` matches it
    and neither file was modified near the time it was hashed; else None (hash the file).

    >>> known_digest([10, 5, -1, -1, 9_000_000_000], [10, 5, -1, -1, 4_000_000_000, "ab12"])
    'ab12'
    >>> known_digest([10, 5, -1, -1, 9_000_000_000], [10, 5, -1, -1, 1_000_000_000, "ab12"]) is None
    True
    """
    if not now or not before or len(before) != 6 or now[:4] != before[:4]:
        return None
    return before[5] if max(before[1], before[3]) < before[4] - RACY_NS else None
