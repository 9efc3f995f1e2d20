"""The benchmark's generator and runner work end to end on a tiny corpus (no timing asserted)."""
from __future__ import annotations

import json
import re

import pytest

from bench import corpus as bench_corpus


@pytest.fixture(scope="module")
def source_dir(tmp_path_factory, seed_path):
    """A data folder in the layout the generator reads, made from the bundled seed's sentences."""
    folder = tmp_path_factory.mktemp("bench-data")
    target = folder / "un_parallel_corpus_v1_testsets"
    target.mkdir()
    text = seed_path.read_text(encoding="utf-8").replace("\u0640", "")
    sentences = [s.strip() for s in re.split(r"[.\n]", text) if len(s.split()) >= 6]
    with open(target / "un_sentences.jsonl", "w", encoding="utf-8") as fh:
        for i, s in enumerate(sentences):
            fh.write(json.dumps({"id": f"s{i}", "text": s, "en": f"Note {i}."}, ensure_ascii=False) + "\n")
    return folder


def test_generator_is_seeded_and_shaped(source_dir, tmp_path):
    arabic, english = bench_corpus.load_source(source_dir)
    a = bench_corpus.generate(arabic, english, tmp_path / "a", 200, seed=3)
    b = bench_corpus.generate(arabic, english, tmp_path / "b", 200, seed=3)
    assert [p.read_text() for p in a.files] == [p.read_text() for p in b.files]
    text = a.files[0].read_text(encoding="utf-8")
    assert re.search(r"^1- ", text, re.M) and "أولاً- " in text and "التوصي" in text
    damaged = bench_corpus.generate(arabic, english, tmp_path / "d", 200, seed=3, damaged=True)
    assert "\u0640" in "".join(p.read_text(encoding="utf-8") for p in damaged.files)


def test_generated_corpus_parses(source_dir, tmp_path):
    from indexer.pipeline import load_document

    arabic, english = bench_corpus.load_source(source_dir)
    out = bench_corpus.generate(arabic, english, tmp_path / "c", 200, seed=5)
    found = sum(len(load_document(p).paragraphs) for p in out.files)
    assert 0 < found <= 200  # how many survive repair + structure is reported by the bench


def test_runner_writes_results(source_dir, tmp_path):
    from bench.run import main

    out = tmp_path / "out"
    main(["--data", str(source_dir), "--sizes", "200", "--damaged-sizes", "200", "--repeats", "1",
          "--queries", "5", "--cli-runs", "1", "--profile-size", "200", "--out", str(out)])
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    size = results["sizes"][0]
    assert size["fahras_index"]["paragraphs"] > 0
    assert "sqlite-fts5" in size["reference_index"]
    assert {"one-word", "three-words", "phrase", "filtered"} <= set(size["query_ms"]["fahras"])
    assert "fahras index" in (out / "results.md").read_text(encoding="utf-8")
