"""MRR@10 / Recall@10 / nDCG@10 of the application's own search path on the QA benchmarks.

``bench/relevance.py`` compares analyzers with one plain OR query per question. This script
measures what a user of ``fahras search`` actually gets: the fahras index schema (exact and
stemmed fields, the per-segment vocabulary), the query parser, the all-words-first ranking, the
vocabulary-level 3-gram matching and the field boosts, through :meth:`search.engine.Engine.search`.

    FAHRAS_BENCH_DATA=<folder with arcd/, mlqa_ar_dev/, ...> python bench/relevance_app.py
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from relevance import K, SETS, load_set  # noqa: E402

from indexer.records import Document, Paragraph  # noqa: E402


def corpus_document(docs: list[dict]) -> Document:
    """The benchmark's paragraphs as one fahras document, numbered in corpus order."""
    paragraphs = tuple(Paragraph(doc="bench", n=i, section=None, theme=None, recs=(), text=d["text"],
                                 raw=d["text"]) for i, d in enumerate(docs, 1))
    return Document("bench", (), paragraphs)


def evaluate(folder: Path) -> dict[str, float]:
    from indexer.build import build_index
    from search.engine import Engine
    from search.query import QueryError

    docs, queries = load_set(folder)
    pid_of = {i: d["id"] for i, d in enumerate(docs, 1)}
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "corpus.txt"
        marker.write_text("bench", encoding="utf-8")
        build_index(Path(tmp) / "ix", [marker], load=lambda _path: corpus_document(docs))
        mrr = recall = ndcg = 0.0
        started = time.perf_counter()
        with Engine(Path(tmp) / "ix") as engine:
            for _qid, question, relevant in queries:
                try:
                    ranked = [pid_of[h.n] for h in engine.search(question, limit=K).hits]
                except QueryError:
                    ranked = []
                first = next((r for r, pid in enumerate(ranked, 1) if pid in relevant), 0)
                mrr += 1.0 / first if first else 0.0
                recall += len(relevant.intersection(ranked)) / len(relevant)
                dcg = sum(1.0 / math.log2(r + 1) for r, pid in enumerate(ranked, 1) if pid in relevant)
                ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), K) + 1))
                ndcg += dcg / ideal
        n = len(queries)
        return {"mrr@10": mrr / n, "recall@10": recall / n, "ndcg@10": ndcg / n, "queries": n,
                "ms_per_query": 1000 * (time.perf_counter() - started) / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("FAHRAS_BENCH_DATA"), required=False)
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    if not args.data:
        parser.error("give --data or set FAHRAS_BENCH_DATA")
    results = {name: evaluate(Path(args.data) / name) for name in args.sets.split(",")}
    print(json.dumps(results, indent=2))
    print("| set | MRR@10 | Recall@10 | nDCG@10 | ms/query |\n|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['mrr@10']:.3f} | {r['recall@10']:.3f} | {r['ndcg@10']:.3f} | {r['ms_per_query']:.1f} |")


if __name__ == "__main__":
    main()
