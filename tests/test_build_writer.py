"""The writer's tuning (indexer/build.py ``open_writer``) changes how fast, never what is written."""
from __future__ import annotations

import os

import pytest
from whoosh import index as whoosh_index

from indexer import build
from indexer.build import INDEX_NAME, build_index, current_generation


def _contents(index_dir) -> dict:
    """Everything scoring and search read: terms with their postings, field lengths, stored fields."""
    ix = whoosh_index.open_dir(str(current_generation(index_dir)), indexname=INDEX_NAME)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            fields = [name for name in ix.schema.names() if ix.schema[name].indexed]
            postings = {}
            for fieldname, term in reader.all_terms():
                postings[(fieldname, term)] = [
                    (searcher.stored_fields(m.id())["id"], m.weight())
                    for m in _walk(reader.postings(fieldname, term))]
            lengths = {name: (reader.field_length(name), reader.max_field_length(name))
                       for name in fields if ix.schema[name].scorable}
            per_doc = {(searcher.stored_fields(d)["id"], name): reader.doc_field_length(d, name)
                       for d in range(reader.doc_count_all()) for name in fields}
            stored = sorted(repr(sorted(f.items())) for f in reader.all_stored_fields())
        return {"postings": postings, "lengths": lengths, "per_doc": per_doc, "stored": stored}
    finally:
        ix.close()


def _walk(matcher):
    while matcher.is_active():
        yield matcher
        matcher.next()


def test_length_columns_looked_up_once_writes_the_same_index(tmp_path, fixtures_dir, monkeypatch):
    corpus = [fixtures_dir / "upr_ranking.txt", fixtures_dir / "upr_clean.txt"]
    monkeypatch.setattr(build, "CACHE_LENGTH_COLUMNS", False)
    build_index(tmp_path / "plain", corpus)
    monkeypatch.setattr(build, "CACHE_LENGTH_COLUMNS", True)
    build_index(tmp_path / "cached", corpus)
    plain, cached = _contents(tmp_path / "plain"), _contents(tmp_path / "cached")
    assert plain["lengths"]["text"][0] > 0 and any(v for v in plain["per_doc"].values())
    assert cached == plain


def test_the_commit_stats_no_column_file_per_posting(tmp_path, fixtures_dir, monkeypatch):
    """Whoosh checks a missing length column with os.stat at every posting of an ID field; the
    cached lookup asks once per field, so the stats no longer grow with the postings."""
    stats = []
    real_stat = os.stat

    def counting_stat(path, *args, **kwargs):
        if str(path).endswith(".col") or "_L" in str(path):
            stats.append(str(path))
        return real_stat(path, *args, **kwargs)

    corpus = [fixtures_dir / "upr_ranking.txt", fixtures_dir / "upr_clean.txt"]
    monkeypatch.setattr(os, "stat", counting_stat)
    monkeypatch.setattr(build, "CACHE_LENGTH_COLUMNS", False)
    build_index(tmp_path / "plain", corpus)
    plain = len(stats)
    stats.clear()
    monkeypatch.setattr(build, "CACHE_LENGTH_COLUMNS", True)
    build_index(tmp_path / "cached", corpus)
    assert plain > 50  # 14 paragraphs x several ID / number / keyword postings each
    assert len(stats) < 30


@pytest.mark.parametrize("limitmb", [1])
def test_a_pool_that_spills_writes_the_same_index(tmp_path, fixtures_dir, monkeypatch, limitmb):
    corpus = [fixtures_dir / "upr_ranking.txt", fixtures_dir / "upr_clean.txt"]
    build_index(tmp_path / "default", corpus)
    monkeypatch.setattr(build, "WRITER_LIMITMB", limitmb)
    build_index(tmp_path / "small", corpus)
    assert _contents(tmp_path / "small") == _contents(tmp_path / "default")


def test_the_writer_bench_builds_from_loaded_documents(tmp_path, fixtures_dir, monkeypatch):
    from bench.stages import load_without_repair, time_writer

    monkeypatch.setenv("FAHRAS_PROCS", "1")
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("upr_ranking.txt", "upr_clean.txt"):
        (folder / name).write_bytes((fixtures_dir / name).read_bytes())
    documents = load_without_repair(folder)
    assert len(documents) == 2
    timed = time_writer(documents, tmp_path / "ix")
    assert timed["paragraphs"] == 14 and timed["cpu_s"] > 0
