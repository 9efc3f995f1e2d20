"""Concurrency: one writer at a time, and searches never fail while an index is swapped.

* two ``fahras index`` runs on one index: the second says it waits, then both succeed and the
  index holds what both indexed (``build_index`` checks the document count after each commit);
* a writer that cannot get the lock in time gives up with one clear line;
* searches in a loop in another process during many swaps always answer from a complete
  index, the old one or the new one: a reader leases its generation (shared ``flock``) and
  the writer removes only generations nobody leases.
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.build import (LOCK_FILE, META_FILE, IndexError_, build_index, clear_stale,
                           current_generation, writer_lock)
from search.engine import Engine
from test_robust_support import (FIXTURES, ROOT, fahras_process, generations, make_corpus,
                                 plain_loader, wait_for)

RANKING = FIXTURES / "upr_ranking.txt"
CLEAN = FIXTURES / "upr_clean.txt"


def test_second_writer_waits_with_a_message_then_both_runs_land(tmp_path):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [RANKING], load=plain_loader)
    first_generation = current_generation(index_dir).name
    big = make_corpus(tmp_path / "big", 30)
    first = fahras_process("index", str(big), "--index", str(index_dir), pause=0.05)
    # the first run holds the lock once its new generation folder exists
    wait_for(lambda: len(generations(index_dir)) > 1 or first.poll() is not None, 30, "first run to start")
    assert first.poll() is None, first.communicate()
    second = fahras_process("index", str(CLEAN), "--index", str(index_dir))
    out2, err2 = second.communicate(timeout=120)
    out1, err1 = first.communicate(timeout=120)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "another indexing run holds" in err2 and "waiting" in err2
    assert err2.count("\n") == 1 and "Traceback" not in err1 + err2
    with Engine(index_dir) as engine:
        docs = {d.doc: d.paragraphs for d in engine.documents()}
    assert docs["upr_ranking"] == 7 and docs["upr_clean"] == 7
    assert sum(1 for d in docs if d.startswith("d0")) == 30
    assert sum(docs.values()) == 7 + 7 + 30 * 8
    assert current_generation(index_dir).name != first_generation
    assert generations(index_dir) == [current_generation(index_dir).name]


def test_writer_gives_up_after_timeout_with_one_line(tmp_path):
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    holder = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another open file description: conflicts like a process
    waited = []
    try:
        started = time.monotonic()
        with pytest.raises(IndexError_) as err:
            with writer_lock(index_dir, wait=lambda: waited.append(True), timeout=0.5):
                pass
        assert time.monotonic() - started < 5
    finally:
        os.close(holder)
    assert waited == [True]
    assert "another fahras index is still running" in str(err.value) and "\n" not in str(err.value)
    with writer_lock(index_dir, timeout=0.5):  # free again once the holder is gone
        pass


def test_open_engine_keeps_its_generation_until_closed(tmp_path):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [RANKING], load=plain_loader)
    engine = Engine(index_dir)
    leased = engine.generation
    before = engine.search("الصحفيين").total
    build_index(index_dir, [CLEAN], rebuild=True, load=plain_loader)
    build_index(index_dir, [CLEAN], rebuild=True, load=plain_loader)
    assert leased.exists() and current_generation(index_dir) != leased
    # the old engine still answers from the generation it opened, lazily read files included
    assert engine.search("الصحفيين").total == before > 0
    assert engine.themes()[0].theme == "حرية التعبير"
    engine.close()
    assert clear_stale(index_dir) == [leased]
    assert generations(index_dir) == [current_generation(index_dir).name]


def test_generations_share_no_rewritten_file(tmp_path):
    """An update hard-links segments only: metadata and leases of the old generation stay its own."""
    index_dir = tmp_path / "ix"
    build_index(index_dir, [RANKING], load=plain_loader)
    with Engine(index_dir) as engine:
        old = engine.generation
        build_index(index_dir, [CLEAN], load=plain_loader)
        new = current_generation(index_dir)
        assert json.loads((old / META_FILE).read_text())["paragraphs"] == 7
        assert json.loads((new / META_FILE).read_text())["paragraphs"] == 14
        for name in (META_FILE, ".readers"):
            assert not os.path.samefile(old / name, new / name)


READER = """
import json, sys, time
from search.engine import Engine, ensure_index
index_dir, seconds, query = sys.argv[1], float(sys.argv[2]), sys.argv[3]
totals, errors, searches = set(), [], 0
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    try:
        # as ``fahras search`` does: build from the bundled data only if there is no index
        ensure_index(index_dir, announce=lambda message: errors.append(message))
        with Engine(index_dir) as engine:
            totals.add(engine.search(query).total)
            engine.themes()
        searches += 1
    except Exception as err:
        errors.append(f"{type(err).__name__}: {err}")
print(json.dumps({"searches": searches, "totals": sorted(totals), "errors": errors[:5]}))
"""


def _total(tmp_path: Path, source: Path, query: str) -> int:
    index_dir = tmp_path / f"alone-{source.stem}"
    build_index(index_dir, [source], load=plain_loader)
    with Engine(index_dir) as engine:
        return engine.search(query).total


#: Queries of which one, at least, the two fixtures answer with different totals.
TELLING_QUERIES = ("الحكومة", "الصحفيين", "السجن", "الطفل")


def test_searches_during_swaps_always_answer(tmp_path):
    # a query the two indexes answer differently, so old and new answers can be told apart
    query, expected = next((q, e) for q in TELLING_QUERIES
                           if len(e := {_total(tmp_path / q, RANKING, q), _total(tmp_path / q, CLEAN, q)}) == 2)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [RANKING], load=plain_loader)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(index_dir), "1.5", query], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    swaps = 0
    try:
        time.sleep(0.5)  # let the reader start searching
        while reader.poll() is None and swaps < 300:
            build_index(index_dir, [CLEAN if swaps % 2 == 0 else RANKING], rebuild=True, load=plain_loader)
            swaps += 1
        out, err = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    summary = json.loads(out)
    assert swaps >= 10 and summary["searches"] >= 5, (swaps, summary)
    assert summary["errors"] == [], summary
    # every answer is the old index's or the new one's (usually both are seen)
    assert summary["totals"] and set(summary["totals"]) <= expected, (expected, summary)
    clear_stale(index_dir)
    assert generations(index_dir) == [current_generation(index_dir).name]


def test_an_index_from_before_leases_still_opens_and_is_replaced(tmp_path):
    """Generations written before ``.readers`` existed: readable, and cleared like any other."""
    index_dir = tmp_path / "ix"
    build_index(index_dir, [RANKING], load=plain_loader)
    legacy = current_generation(index_dir)
    (legacy / ".readers").unlink()
    with Engine(index_dir) as engine:
        assert engine.generation == legacy and engine.search("السجن").total > 0
    build_index(index_dir, [CLEAN], load=plain_loader)
    assert not legacy.exists()
    assert generations(index_dir) == [current_generation(index_dir).name]
    with Engine(index_dir) as engine:
        assert {d.doc for d in engine.documents()} == {"upr_ranking", "upr_clean"}


def test_first_search_during_a_first_index_run_waits_and_adds_nothing(tmp_path):
    """``fahras search`` builds the bundled index only if no run has built one meanwhile."""
    index_dir = tmp_path / "ix"
    first = fahras_process("index", str(make_corpus(tmp_path / "docs", 30)), "--index", str(index_dir),
                           pause=0.05)
    wait_for(lambda: generations(index_dir) or first.poll() is not None, 30, "the first run to start")
    assert first.poll() is None and current_generation(index_dir) is None
    search = fahras_process("search", "السجن", "--json", "--index", str(index_dir))
    out, err = search.communicate(timeout=120)
    first.communicate(timeout=120)
    assert first.returncode == 0 and search.returncode == 0, err
    assert "waiting" in err and "Traceback" not in err
    assert json.loads(out)["total"] >= 0
    with Engine(index_dir) as engine:
        assert {d.doc for d in engine.documents()} == {f"d{i:04d}" for i in range(30)}
