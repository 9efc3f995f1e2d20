"""nDCG@10 and Recall@10 of fahras on judged queries over the bundled seed document.

    python bench/seed_relevance.py [--queries bench/seed_queries.tsv] [--per-query]

Builds a fresh index of the bundled data in a temporary folder, runs each query through
:meth:`search.engine.Engine.search` exactly as ``fahras search`` does, and scores the top 10
against the judgments (graded: 2 answers directly, 1 relevant context).
"""
from __future__ import annotations

import argparse
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
K = 10


@dataclass(frozen=True)
class Judged:
    qid: str
    query: str
    grades: dict[int, int]


def load_queries(path: Path) -> list[Judged]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        qid, query, judged = line.split("\t")
        grades = {int(p): int(g) for p, g in (item.split(":") for item in judged.split())}
        queries.append(Judged(qid, query, grades))
    return queries


def ndcg_at_k(ranked: list[int], grades: dict[int, int], k: int = K) -> float:
    dcg = sum((2 ** grades.get(n, 0) - 1) / math.log2(i + 2) for i, n in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at_k(ranked: list[int], grades: dict[int, int], k: int = K) -> float:
    relevant = {n for n, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def evaluate(index_dir: Path, queries: list[Judged], per_query: bool = False) -> dict[str, float]:
    from search.engine import Engine

    ndcgs, recalls = [], []
    with Engine(index_dir) as engine:
        for q in queries:
            ranked = [h.n for h in engine.search(q.query, limit=K).hits]
            ndcgs.append(ndcg_at_k(ranked, q.grades))
            recalls.append(recall_at_k(ranked, q.grades))
            if per_query:
                print(f"{q.qid}\t{ndcgs[-1]:.3f}\t{recalls[-1]:.3f}\t{q.query}\t{ranked}")
    return {"queries": len(queries), "ndcg@10": sum(ndcgs) / len(ndcgs),
            "recall@10": sum(recalls) / len(recalls)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=HERE / "seed_queries.tsv")
    parser.add_argument("--per-query", action="store_true")
    args = parser.parse_args()
    from indexer.build import build_index
    from indexer.pipeline import bundled_data_dir

    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "ix"
        build_index(index_dir, [bundled_data_dir()])
        scores = evaluate(index_dir, load_queries(args.queries), args.per_query)
    print(f"queries={scores['queries']} nDCG@10={scores['ndcg@10']:.3f} Recall@10={scores['recall@10']:.3f}")


if __name__ == "__main__":
    main()
