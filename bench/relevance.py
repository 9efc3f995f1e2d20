"""Retrieval quality of analyzer variants: question -> paragraph, BM25F in Whoosh.

For each benchmark (a folder holding ``corpus.jsonl`` and ``qrels.tsv``), each configuration
indexes every paragraph in an in-memory Whoosh index, runs every question as an OR of its
analyzed terms (over one or more fields, with field boosts) and scores the top 10 against the
judged paragraph(s): MRR@10, Recall@10, nDCG@10 (binary relevance).

    python bench/relevance.py --data PATH/TO/ext            # all rows, all four benchmarks
    FAHRAS_BENCH_DATA=PATH/TO/ext python bench/relevance.py --markdown
    python bench/relevance.py --data ... --only lucene_light10,chosen --sets arcd

``--data`` (or ``$FAHRAS_BENCH_DATA``) is the folder holding ``arcd/``, ``mlqa_ar_dev/``,
``tydiqa_goldp_ar/`` and ``xquad_ar/``. Deterministic: no sampling, no randomness; the same
data gives the same table. See docs/relevance.md for the results and what they mean.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh import fields, scoring  # noqa: E402
from whoosh.analysis import Analyzer, StandardAnalyzer  # noqa: E402
from whoosh.filedb.filestore import FileStorage  # noqa: E402
from whoosh.query import Or, Term  # noqa: E402

from indexer import analysis  # noqa: E402

csv.field_size_limit(sys.maxsize)

SETS: dict[str, str] = {
    "arcd": "ARCD",
    "mlqa_ar_dev": "MLQA-ar dev",
    "tydiqa_goldp_ar": "TyDi-ar GoldP",
    "xquad_ar": "XQuAD-ar",
}
LABELS = {**SETS, "pooled": "pooled (all four)"}
K = 10


@dataclass
class Config:
    """One row of the table: indexed fields (name -> analyzer factory, boost) and BM25F params."""

    name: str
    label: str
    fields: dict[str, tuple[Callable[[], Analyzer], float]]
    B: float = 0.75
    K1: float = 1.2


def _chain(stemmer: str | None, stop: bool | str) -> Callable[[], Analyzer]:
    return lambda: analysis.make_analyzer(stemmer=stemmer, stop=stop)


def configs() -> list[Config]:
    """Every row, in table order. ``chosen`` is exactly what the application indexes."""
    rows = [
        Config("standard", "Whoosh StandardAnalyzer (no Arabic handling)", {"text": (StandardAnalyzer, 1.0)}),
        Config("norm", "normalization only", {"text": (_chain(None, False), 1.0)}),
        Config("norm_stop", "normalization + Lucene stop words", {"text": (_chain(None, "lucene"), 1.0)}),
        Config("lucene_light10", "Lucene-style: normalize + Lucene stop words + light10",
               {"text": (_chain("light10", "lucene"), 1.0)}),
        Config("lucene_snowball", "normalize + Lucene stop words + Snowball Arabic (PyStemmer)",
               {"text": (_chain("snowball", "lucene"), 1.0)}),
        Config("lucene_tashaphyne", "normalize + Lucene stop words + tashaphyne light stem",
               {"text": (_chain("tashaphyne", "lucene"), 1.0)}),
        Config("lucene_light10_m3", "normalize + Lucene stop words + light10_m3 (ours: stems >= 3 letters)",
               {"text": (_chain("light10_m3", "lucene"), 1.0)}),
    ]
    rows.extend(experimental_configs())
    rows.append(chosen_config())
    return rows


def experimental_configs() -> list[Config]:
    """Steps from the Lucene-style row to the chosen analyzer, one change at a time."""
    K1 = analysis.BM25_K1
    return [
        Config("ngram3", "normalize + our stop words + character 3-grams (alone)",
               {"text": (_chain("ngram3", True), 1.0)}),
        Config("ours_stop", "normalize + our stop words (question words, proclitic-aware) + light10_m3",
               {"text": (analysis.stem_analyzer, 1.0)}),
        Config("ours_stop_k1", f"... same, BM25F K1={K1}", {"text": (analysis.stem_analyzer, 1.0)}, K1=K1),
        Config("exact_stem", "... + exact field (two fields, boosts as chosen)",
               {"exact": (analysis.exact_analyzer, analysis.FIELD_BOOSTS["exact"]),
                "stem": (analysis.stem_analyzer, analysis.FIELD_BOOSTS["stem"])}, K1=K1),
    ]


def chosen_config() -> Config:
    """The application's analyzers, field boosts and BM25F parameters, exactly."""
    factories = {"exact": analysis.exact_analyzer, "stem": analysis.stem_analyzer, "gram": analysis.gram_analyzer}
    return Config(
        "chosen",
        f"chosen: exact + stemmed ({analysis.DEFAULT_STEMMER}) + 3-gram fields, field boosts "
        + ", ".join(f"{k} {v}" for k, v in analysis.FIELD_BOOSTS.items()),
        {name: (factories[name], boost) for name, boost in analysis.FIELD_BOOSTS.items()},
        B=analysis.BM25_B,
        K1=analysis.BM25_K1,
    )


# ---------------------------------------------------------------------------------------------


def load_set(folder: Path) -> tuple[list[dict], list[tuple[str, str, set[str]]]]:
    """(paragraphs, [(qid, question, relevant pids)]). ARCD uses qrels_expanded.tsv when present
    (a paragraph copied verbatim inside a longer one counts as relevant too)."""
    with open(folder / "corpus.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    queries: list[tuple[str, str, set[str]]] = []
    with open(folder / "qrels.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            queries.append((row["qid"], row["question"], {row["pid"]}))
    expanded = folder / "qrels_expanded.tsv"
    if expanded.exists():
        extra: dict[str, set[str]] = {}
        with open(expanded, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if int(row["rel"]) > 0:
                    extra.setdefault(row["qid"], set()).add(row["pid"])
        queries = [(q, text, rel | extra.get(q, set())) for q, text, rel in queries]
    return docs, queries


@dataclass
class Scores:
    mrr: float = 0.0
    recall: float = 0.0
    ndcg: float = 0.0
    n: int = 0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def evaluate(cfg: Config, docs: list[dict], queries: list[tuple[str, str, set[str]]]) -> Scores:
    analyzers = {name: factory() for name, (factory, _) in cfg.fields.items()}
    schema = fields.Schema(
        pid=fields.ID(stored=True),
        **{name: fields.TEXT(analyzer=an, phrase=False) for name, an in analyzers.items()},
    )
    t0 = time.perf_counter()
    tmp = tempfile.mkdtemp(prefix="fahras-bench-")  # per process: RamStorage shares a temp name
    ix = FileStorage(tmp).create_index(schema)
    with ix.writer() as w:
        for d in docs:
            w.add_document(pid=d["id"], **{name: d["text"] for name in analyzers})
    sc = Scores()
    weighting = scoring.BM25F(B=cfg.B, K1=cfg.K1)
    with ix.searcher(weighting=weighting) as s:
        for _qid, question, relevant in queries:
            terms = []
            for name, an in analyzers.items():
                boost = cfg.fields[name][1]
                seen = set()
                for t in an(question, mode="query"):
                    if t.text not in seen:
                        seen.add(t.text)
                        terms.append(Term(name, t.text, boost=boost))
            ranked = [h["pid"] for h in s.search(Or(terms), limit=K)] if terms else []
            rr = 0.0
            dcg = 0.0
            for rank, pid in enumerate(ranked, 1):
                if pid in relevant:
                    if not rr:
                        rr = 1.0 / rank
                    dcg += 1.0 / math.log2(rank + 1)
            ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), K) + 1))
            sc.mrr += rr
            sc.recall += len(relevant.intersection(ranked)) / len(relevant)
            sc.ndcg += dcg / ideal
            sc.n += 1
    ix.close()
    shutil.rmtree(tmp, ignore_errors=True)
    n = max(sc.n, 1)
    sc.mrr, sc.recall, sc.ndcg = sc.mrr / n, sc.recall / n, sc.ndcg / n
    sc.seconds = time.perf_counter() - t0
    return sc


_JOBS: list = []


def _run_job(i: int) -> Scores:
    cfg, (docs, queries) = _JOBS[i]
    return evaluate(cfg, docs, queries)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.environ.get("FAHRAS_BENCH_DATA"),
                    help="folder with arcd/, mlqa_ar_dev/, tydiqa_goldp_ar/, xquad_ar/ "
                         "(default: $FAHRAS_BENCH_DATA)")
    ap.add_argument("--only", help="comma-separated row names (default: all)")
    ap.add_argument("--sets", help="comma-separated benchmark folders (default: all four)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--markdown", action="store_true", help="print markdown tables")
    ap.add_argument("--pooled", action="store_true",
                    help="add a fifth column: the four corpora pooled (1,981 paragraphs), all questions")
    args = ap.parse_args(argv)
    if not args.data:
        ap.error("give --data DIR or set FAHRAS_BENCH_DATA")
    data = Path(args.data)
    sets = args.sets.split(",") if args.sets else list(SETS)
    rows = configs()
    if args.only:
        wanted = args.only.split(",")
        rows = [c for c in rows if c.name in wanted]
    global _JOBS
    loaded = {s: load_set(data / s) for s in sets}
    if args.pooled:
        loaded["pooled"] = ([d for s in sets for d in loaded[s][0]], [q for s in sets for q in loaded[s][1]])
        sets = sets + ["pooled"]
    _JOBS = [(cfg, loaded[s]) for cfg in rows for s in sets]
    results: dict[str, dict[str, Scores]] = {cfg.name: {} for cfg in rows}
    # Each (row, benchmark) is independent: run them on worker processes (fork keeps the
    # loaded data and the row definitions). Same numbers as a serial run.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.jobs) as pool:
        for i, sc in enumerate(pool.imap(_run_job, range(len(_JOBS)))):
            cfg, s = rows[i // len(sets)], sets[i % len(sets)]
            results[cfg.name][s] = sc
            if not args.markdown:
                print(f"{cfg.name:28s} {s:16s} MRR@10 {sc.mrr:.3f}  R@10 {sc.recall:.3f}  "
                      f"nDCG@10 {sc.ndcg:.3f}  ({sc.seconds:.1f}s)", flush=True)
    if args.markdown:
        for metric, attr in (("MRR@10", "mrr"), ("Recall@10", "recall"), ("nDCG@10", "ndcg")):
            print(f"\n### {metric}\n")
            print("| row | analyzer | " + " | ".join(LABELS[s] for s in sets) + " |")
            print("|---|---|" + "---|" * len(sets))
            for cfg in rows:
                cells = " | ".join(f"{getattr(results[cfg.name][s], attr):.3f}" for s in sets)
                print(f"| `{cfg.name}` | {cfg.label} | {cells} |")
        base = results.get("lucene_light10")
        if base and "chosen" in results:
            print("\n### chosen vs Lucene-style, relative MRR@10\n")
            for s in sets:
                b, c = base[s].mrr, results["chosen"][s].mrr
                print(f"- {LABELS[s]}: {b:.3f} -> {c:.3f} ({(c / b - 1) * 100:+.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
