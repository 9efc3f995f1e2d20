"""Interrupted indexing: Ctrl-C and kill -9 in the middle of ``fahras index`` lose nothing.

A real ``fahras index`` (see test_robust_support: repair stubbed by a fixed pause per file, so
the run lasts long enough) is interrupted once its new generation exists, i.e. once it holds
the writer lock and is adding files. Afterwards the previous index must be complete and
searchable, and the next run must work without any manual clean-up: the writer lock is an
``flock`` the kernel frees, and leftover generations are removed by the next run.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

import indexer.build as build
from indexer.build import build_index, current_generation
from search.engine import Engine
from test_robust_support import (FIXTURES, fahras_process, generations, make_corpus, plain_loader,
                                 run_fahras, wait_for)

INTERRUPTED = "fahras: interrupted; the previous index is unchanged"


def _snapshot(index_dir: Path) -> list[str]:
    with Engine(index_dir) as engine:
        assert engine.search("السجن").total > 0
        return sorted(map(repr, engine.searcher.all_stored_fields()))


@pytest.fixture
def indexed(tmp_path) -> tuple[Path, Path, list[str]]:
    """An index of two small documents, a folder of 100 more to index, and the index content."""
    index_dir = tmp_path / "ix"
    build_index(index_dir, [FIXTURES / "upr_ranking.txt", FIXTURES / "upr_clean.txt"], load=plain_loader)
    return index_dir, make_corpus(tmp_path / "many", 100), _snapshot(index_dir)


def _start_and_interrupt(index_dir: Path, folder: Path, send) -> tuple[int, str]:
    """Start indexing ``folder``, call ``send(pid)`` in the middle; return (code, stderr)."""
    before = generations(index_dir)
    proc = fahras_process("index", str(folder), "--index", str(index_dir), pause=0.05)
    try:
        wait_for(lambda: generations(index_dir) != before or proc.poll() is not None, 60,
                 "the run to create its generation")
        time.sleep(0.3)  # well inside the run: 100 files take 2.5 s or more
        assert proc.poll() is None, "the run ended before it could be interrupted"
        send(proc.pid)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, err


def _next_run_needs_no_clean_up(index_dir: Path, before: list[str]) -> None:
    started = time.monotonic()
    result = run_fahras("index", str(FIXTURES / "upr_shuffled.txt"), "--index", str(index_dir), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr and time.monotonic() - started < 30
    assert generations(index_dir) == [current_generation(index_dir).name]
    after = _snapshot(index_dir)
    assert set(before) < set(after)  # the old content plus the new file


def test_ctrl_c_keeps_the_previous_index(indexed):
    index_dir, folder, before = indexed
    code, err = _start_and_interrupt(index_dir, folder, lambda pid: os.killpg(pid, signal.SIGINT))
    assert code == 130
    assert err.splitlines()[-1] == INTERRUPTED
    assert _snapshot(index_dir) == before
    assert generations(index_dir) == [current_generation(index_dir).name]  # cleaned on the way out
    _next_run_needs_no_clean_up(index_dir, before)


def test_sigint_to_the_indexer_alone_prints_one_line(indexed):
    index_dir, folder, before = indexed
    code, err = _start_and_interrupt(index_dir, folder, lambda pid: os.kill(pid, signal.SIGINT))
    assert code == 130 and err.splitlines() == [INTERRUPTED]
    assert _snapshot(index_dir) == before


def test_ctrl_c_prints_only_one_line(indexed):
    """Ctrl-C reaches the loading workers too (same process group): they must stay silent."""
    index_dir, folder, _ = indexed
    code, err = _start_and_interrupt(index_dir, folder, lambda pid: os.killpg(pid, signal.SIGINT))
    assert code == 130 and err.splitlines() == [INTERRUPTED]


@pytest.mark.parametrize("send", [
    lambda pid: os.kill(pid, signal.SIGKILL),
    lambda pid: os.killpg(pid, signal.SIGKILL),
], ids=["indexer", "process-group"])
def test_kill_9_keeps_the_previous_index_and_the_next_run_cleans_up(indexed, send):
    index_dir, folder, before = indexed
    code, _ = _start_and_interrupt(index_dir, folder, send)
    assert code == -signal.SIGKILL
    assert _snapshot(index_dir) == before  # searchable, same content
    assert len(generations(index_dir)) == 2  # the half-built generation is still there…
    _next_run_needs_no_clean_up(index_dir, before)  # …until the next run removes it


def test_interrupt_just_after_the_swap_keeps_the_new_index(tmp_path, monkeypatch):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [FIXTURES / "upr_ranking.txt"], load=plain_loader)
    swap = build._swap_current

    def swap_then_interrupt(index_dir: Path, generation: Path) -> None:
        swap(index_dir, generation)
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "_swap_current", swap_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_index(index_dir, [FIXTURES / "upr_clean.txt"], load=plain_loader)
    with Engine(index_dir) as engine:
        assert sorted(d.doc for d in engine.documents()) == ["upr_clean", "upr_ranking"]


def test_interrupt_while_writing_metadata_keeps_the_previous_index(tmp_path, monkeypatch):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [FIXTURES / "upr_ranking.txt"], load=plain_loader)
    before = _snapshot(index_dir)

    def half_written(generation: Path, meta: dict) -> None:
        (generation / f".{build.META_FILE}.tmp").write_text("{\"schema", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "_write_meta", half_written)
    with pytest.raises(KeyboardInterrupt):
        build_index(index_dir, [FIXTURES / "upr_clean.txt"], load=plain_loader)
    monkeypatch.undo()
    assert _snapshot(index_dir) == before
    assert build.read_meta(current_generation(index_dir))["paragraphs"] == 7
    assert generations(index_dir) == [current_generation(index_dir).name]


def test_an_index_damaged_outside_fahras_gives_one_line_and_rebuild_repairs_it(tmp_path):
    from click.testing import CliRunner

    from indexer.build import IndexError_
    from search.cli import main

    index_dir = tmp_path / "ix"
    build_index(index_dir, [FIXTURES / "upr_ranking.txt"], load=plain_loader)
    for toc in current_generation(index_dir).glob("*.toc"):
        toc.unlink()  # e.g. a user "tidying up" the index folder
    with pytest.raises(IndexError_, match="damaged.*--rebuild"):
        Engine(index_dir)
    runner = CliRunner()
    for args in (["search", "السجن"], ["index", str(FIXTURES / "upr_clean.txt")]):
        result = runner.invoke(main, [*args, "--index", str(index_dir)])
        assert result.exit_code == 1 and "damaged" in result.stderr
        assert result.stderr.count("\n") == 1 and not isinstance(result.exception, IndexError_)
    rebuilt = runner.invoke(main, ["index", str(FIXTURES / "upr_ranking.txt"), "--rebuild", "--index", str(index_dir)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert _snapshot(index_dir)


def test_an_index_from_another_schema_version_is_rebuilt_without_losing_documents(tmp_path):
    """After an upgrade that changes the schema, indexing one file keeps the others."""
    import json

    folder = tmp_path / "docs"
    folder.mkdir()
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text((FIXTURES / "upr_ranking.txt").read_text(encoding="utf-8"), encoding="utf-8")
    b.write_text((FIXTURES / "upr_clean.txt").read_text(encoding="utf-8"), encoding="utf-8")
    index_dir = tmp_path / "ix"
    build_index(index_dir, [a, b], load=plain_loader)
    meta = current_generation(index_dir) / build.META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "schema_version": 0}))  # "older fahras"
    b.unlink()  # gone meanwhile: not carried over
    c = folder / "c.txt"
    c.write_text((FIXTURES / "upr_shuffled.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = build_index(index_dir, [c], load=plain_loader)
    assert sorted(Path(p).name for p in report.added) == ["a.txt", "c.txt"]
    with Engine(index_dir) as engine:
        assert {d.doc for d in engine.documents()} == {"a", "c"}
    assert build.read_meta(current_generation(index_dir))["schema_version"] == build.SCHEMA_VERSION
