"""Helpers shared by the robustness tests: a real ``fahras`` in a subprocess, a fast loader.

The subprocess runs the real command line (``search.cli.main``) with one change: the text
repair is replaced by the identity plus a fixed pause per file, so how long a run takes is
set by the number of files, not by the speed of the repair heuristics. That makes "kill it
in the middle" and "start a second run while the first holds the lock" deterministic.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from indexer.records import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Python run by :func:`fahras_process`: patch the repair, then the real CLI.
CLI_PRELUDE = """
import os, sys, time
import indexer.repair as repair
pause = float(os.environ.get("FAHRAS_TEST_PAUSE", "0"))
def identity(lines):
    time.sleep(pause)
    return list(lines)
repair.repair_lines = identity
from search.cli import main
main(sys.argv[1:], prog_name="fahras")
"""


def fahras_process(*args: str, pause: float = 0.0, **popen) -> subprocess.Popen:
    """Start ``fahras ARGS`` (repair stubbed, ``pause`` seconds per file) in a new session."""
    env = {**os.environ, "FAHRAS_TEST_PAUSE": str(pause), "PYTHONUNBUFFERED": "1"}
    env.pop("FAHRAS_INDEX", None)
    return subprocess.Popen([sys.executable, "-c", CLI_PRELUDE, *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **popen)


def run_fahras(*args: str, pause: float = 0.0, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``fahras ARGS`` to the end (see :func:`fahras_process`)."""
    proc = fahras_process(*args, pause=pause)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def make_corpus(folder: Path, count: int, template: str = "upr_clean.txt") -> Path:
    """``count`` distinct small documents (doc ids ``d0000``…) made from a fixture."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (FIXTURES / template).read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"d{i:04d}.txt").write_text(f"{text}\n8- فقرة رقم {i}.\n", encoding="utf-8")
    return folder


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` every 10 ms; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.01)


def generations(index_dir: Path) -> list[str]:
    """Names of the generation folders in an index directory."""
    return sorted(p.name for p in index_dir.iterdir() if p.name.startswith("gen-")) if index_dir.exists() else []


def plain_loader(path: Path) -> Document:
    """Read and parse a file without the repair step (fast, for tests of the index machinery)."""
    from indexer.pipeline import document_id, document_metadata
    from indexer.sources import read_source
    from indexer.structure import parse_text

    path = Path(path)
    source = read_source(path)
    parsed = parse_text(source.text, document_id(path, document_metadata(path)), repair=list)
    return Document(parsed.doc, parsed.sections, parsed.paragraphs, parsed.footnotes)
