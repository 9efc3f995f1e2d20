"""Run the fahras benchmarks: ``python -m bench.run --data DIR --sizes 1000,10000,100000``.

For each size: generate the corpus (seeded), index it with ``fahras index`` as a separate
process (median of ``--repeats`` runs), index the same tokens with SQLite FTS5 and tantivy,
run the query sets on a warm searcher in every engine, time ``fahras search`` as a whole
process against ``python -c "import whoosh"``, and re-index one changed document. The damaged
variant is indexed end to end at ``--damaged-sizes``. One cProfile run (``--profile-size``)
says where the indexing time goes. Results: ``OUT/results.json`` and ``OUT/results.md``.
See docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

from bench import corpus as corpus_mod
from bench.engines import BenchQuery, Fts5, Row, Tantivy
from bench.measure import folder_bytes, percentiles, run_timed
from bench.queries import KINDS, sample_queries
from bench.report import write_markdown

DEFAULT_OUT = Path("bench/results")


def fahras_cmd() -> list[str]:
    """The ``fahras`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "fahras"
    return [str(script)] if script.exists() else [sys.executable, "-m", "search.cli"]


def machine() -> dict:
    """What the numbers were measured on."""
    import sqlite3

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "cpu": cpu or platform.processor(), "cores": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(), "whoosh": _version("whoosh-reloaded"),
        "sqlite": sqlite3.sqlite_version,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }
    info["tantivy"] = _version("tantivy")
    info["loadavg"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return info


def _version(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


# -- corpus ------------------------------------------------------------------------------------


def ensure_corpus(work: Path, data: Path, size: int, seed: int, damaged: bool) -> Path:
    """Generate the corpus unless the same one (size, seed, variant) is already there."""
    folder = work / f"corpus-{size}{'-damaged' if damaged else ''}"
    stamp = folder / ".bench-corpus.json"
    wanted = {"size": size, "seed": seed, "damaged": damaged, "generator": 1}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    arabic, english = corpus_mod.load_source(data)
    corpus_mod.generate(arabic, english, folder, size, seed=seed, damaged=damaged)
    stamp.write_text(json.dumps(wanted))
    return folder


# -- fahras indexing ---------------------------------------------------------------------------


INDEXED = re.compile(r"indexed (\d+) file\(s\), (\d+) paragraph")


def index_e2e(corpus: Path, index_dir: Path, repeats: int) -> dict:
    """``fahras index CORPUS --index DIR --rebuild``, ``repeats`` times: median wall, peak memory."""
    runs = []
    for _ in range(repeats):
        shutil.rmtree(index_dir, ignore_errors=True)
        timed = run_timed([*fahras_cmd(), "index", str(corpus), "--index", str(index_dir), "--rebuild"])
        if timed.returncode != 0:
            raise RuntimeError(f"fahras index failed: {timed.stderr[-2000:]}")
        runs.append(timed)
    match = INDEXED.search(runs[-1].stdout)
    paragraphs = int(match.group(2)) if match else 0
    seconds = statistics.median(r.seconds for r in runs)
    return {
        "seconds": round(seconds, 3), "runs": [round(r.seconds, 3) for r in runs],
        "paragraphs": paragraphs, "paragraphs_per_s": round(paragraphs / seconds, 1),
        "peak_rss_mib": round(max(r.peak_rss_mib for r in runs), 1),
        "tree_peak_mib": round(max(r.tree_peak_rss_mib for r in runs), 1),
        "index_bytes": folder_bytes(index_dir / "current") if (index_dir / "current").exists()
        else folder_bytes(index_dir),
    }


def build_without_repair(corpus: str, index_dir: str) -> None:
    """Child process body of :func:`index_without_repair`: build with the repair stage skipped."""
    import functools

    from indexer import structure
    from indexer.build import build_index

    structure.parse_text = functools.partial(structure.parse_text, repair=lambda lines: list(lines))
    report = build_index(Path(index_dir), [Path(corpus)], rebuild=True)
    print(f"indexed {len(report.added)} file(s), {report.paragraphs} paragraph(s)")


def index_without_repair(corpus: Path, index_dir: Path) -> dict:
    """The index built by a child process with the repair stage skipped (a clean corpus needs none).

    For sizes where the end-to-end run takes too long: read, structure, analysis and the Whoosh
    writer, with the same worker processes as ``fahras index``; one run.
    """
    shutil.rmtree(index_dir, ignore_errors=True)
    code = f"from bench.run import build_without_repair; build_without_repair({str(corpus)!r}, {str(index_dir)!r})"
    timed = run_timed([sys.executable, "-c", code])
    if timed.returncode != 0:
        raise RuntimeError(f"index without repair failed: {timed.stderr[-2000:]}")
    match = INDEXED.search(timed.stdout)
    paragraphs = int(match.group(2)) if match else 0
    return {"seconds": round(timed.seconds, 3), "runs": [round(timed.seconds, 3)], "paragraphs": paragraphs,
            "paragraphs_per_s": round(paragraphs / timed.seconds, 1), "repair": False,
            "peak_rss_mib": round(timed.peak_rss_mib, 1), "tree_peak_mib": round(timed.tree_peak_rss_mib, 1),
            "index_bytes": folder_bytes(index_dir / "current")}


def stored_paragraphs(index_dir: Path) -> list[dict]:
    """Every stored paragraph of a fahras index (text, rec, doc, n)."""
    from search.engine import Engine

    with Engine(index_dir) as engine:
        return [{"text": f.get("text", ""), "rec": f.get("rec", ""), "doc": f["doc"], "n": f["n"]}
                for f in engine.searcher.all_stored_fields()]


def analyze_rows(paragraphs: list[dict]) -> tuple[list[Row], dict]:
    """Stem tokens of every paragraph, and the analyzer's speed against a bare Whoosh chain."""
    from whoosh.analysis import LowercaseFilter, RegexTokenizer

    from indexer.analysis import stem_analyzer, exact_analyzer

    texts = [p["text"] for p in paragraphs]
    ana = stem_analyzer()
    exact = exact_analyzer()
    bare = RegexTokenizer() | LowercaseFilter()

    def run(analyzer) -> tuple[float, int]:
        started = time.perf_counter()
        count = 0
        for text in texts:
            for _ in analyzer(text, positions=True, chars=True):
                count += 1
        return time.perf_counter() - started, count

    rows = [Row(i, " ".join(t.text for t in ana(text)),
                tuple(int(r) for r in p["rec"].split())) for i, (text, p) in enumerate(zip(texts, paragraphs))]
    timings = {}
    for name, analyzer in (("bare-whoosh", bare), ("fahras-stem", ana), ("fahras-exact", exact)):
        seconds = statistics.median(run(analyzer)[0] for _ in range(3))
        timings[name] = {"seconds": round(seconds, 3), "tokens_per_s": round(run(analyzer)[1] / seconds)}
    base = timings["bare-whoosh"]["tokens_per_s"]
    for value in timings.values():
        value["ratio_to_bare"] = round(value["tokens_per_s"] / base, 3)
    return rows, timings


# -- reference engines -------------------------------------------------------------------------


def reference_builds(rows: list[Row], work: Path, repeats: int) -> dict:
    engines = [Fts5(work / "fts5")]
    if Tantivy.available():
        engines.append(Tantivy(work / "tantivy"))
    out = {}
    for engine in engines:
        seconds = statistics.median(engine.build(rows) for _ in range(repeats))
        out[engine.name] = {"seconds": round(seconds, 3), "paragraphs_per_s": round(len(rows) / seconds, 1),
                            "index_bytes": engine.size(), "engine": engine}
    return out


# -- queries -----------------------------------------------------------------------------------


def time_queries(run_one, queries: list[BenchQuery], repeats: int) -> dict:
    """Per kind, p50/p95/p99 of each query's median latency (ms) over ``repeats`` passes."""
    for q in queries:  # warm-up pass
        run_one(q)
    per_query: dict[int, list[float]] = {i: [] for i in range(len(queries))}
    for _ in range(repeats):
        for i, q in enumerate(queries):
            started = time.perf_counter()
            run_one(q)
            per_query[i].append((time.perf_counter() - started) * 1000)
    out = {}
    for kind in KINDS:
        values = [statistics.median(per_query[i]) for i, q in enumerate(queries) if q.kind == kind]
        if values:
            out[kind] = {k: round(v, 3) for k, v in percentiles(values).items()}
    any_word = [statistics.median(per_query[i]) for i, q in enumerate(queries)
                if q.kind in ("one-word", "three-words")]
    out["1-3 words"] = {k: round(v, 3) for k, v in percentiles(any_word).items()}
    return out


def query_latencies(index_dir: Path, queries: list[BenchQuery], refs: dict, repeats: int) -> dict:
    from search.engine import Engine
    from search.query import parse_user_query

    out = {}
    with Engine(index_dir) as engine:
        out["fahras"] = time_queries(
            lambda q: engine.search(q.text, rec=q.rec, limit=10), queries, repeats)

        def bare(q: BenchQuery):
            parsed = parse_user_query(q.text, engine.ix.schema, reader=engine.searcher.reader())
            flt = engine.filter_query(rec=q.rec) if q.rec is not None else None
            return [h.docnum for h in engine.searcher.search(parsed.query, filter=flt, limit=10)]

        out["whoosh-bare"] = time_queries(bare, queries, repeats)
    for name, ref in refs.items():
        engine = ref["engine"]
        engine.open()
        out[name] = time_queries(lambda q: engine.search(q), queries, repeats)
        engine.close()
    return out


def cli_latency(index_dir: Path, queries: list[BenchQuery], runs: int) -> dict:
    """Wall time of ``fahras search`` processes against ``python -c "import whoosh"``, interleaved."""
    words = [q.text for q in queries if q.kind == "one-word"][:runs] or ["حقوق"]
    # as installed normally: byte code cached (an editable install under PYTHONDONTWRITEBYTECODE
    # would compile every fahras module at every start); the first run writes the cache
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run_timed([*fahras_cmd(), "search", words[0], "--index", str(index_dir), "--json"], env=env)
    fahras, whoosh_only, bare_python = [], [], []
    for i in range(runs):
        whoosh_only.append(run_timed([sys.executable, "-c", "import whoosh"], env=env).seconds)
        timed = run_timed([*fahras_cmd(), "search", words[i % len(words)], "--index", str(index_dir), "--json"],
                          env=env)
        if timed.returncode != 0:
            raise RuntimeError(f"fahras search failed: {timed.stderr[-2000:]}")
        fahras.append(timed.seconds)
        bare_python.append(run_timed([sys.executable, "-c", "pass"], env=env).seconds)
    f, w, p = (statistics.median(v) for v in (fahras, whoosh_only, bare_python))
    return {"fahras_search_s": round(f, 4), "import_whoosh_s": round(w, 4), "python_s": round(p, 4),
            "ratio_to_import_whoosh": round(f / w, 2), "runs": runs}


def incremental(corpus: Path, index_dir: Path, repeats: int) -> dict:
    """Change one document, re-index the corpus (all others unchanged): median wall seconds."""
    files = sorted(corpus.glob("*.txt"))
    target = files[len(files) // 2]
    original = target.read_text(encoding="utf-8")
    runs = []
    try:
        for k in range(repeats):
            target.write_text(original.replace("\n", f" تعديل{k}\n", 1), encoding="utf-8")
            timed = run_timed([*fahras_cmd(), "index", str(corpus), "--index", str(index_dir)])
            if timed.returncode != 0:
                raise RuntimeError(f"fahras index failed: {timed.stderr[-2000:]}")
            runs.append(timed.seconds)
    finally:
        target.write_text(original, encoding="utf-8")
        run_timed([*fahras_cmd(), "index", str(corpus), "--index", str(index_dir)])
    return {"seconds": round(statistics.median(runs), 3), "runs": [round(r, 3) for r in runs],
            "file": target.name}


# -- one size ----------------------------------------------------------------------------------


def bench_size(size: int, args, work: Path) -> dict:
    log = lambda msg: print(f"[{size}] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    corpus = ensure_corpus(work, args.data, size, args.seed, damaged=False)
    index_dir = work / f"index-{size}"
    result: dict = {"size": size, "files": len(list(corpus.glob("*.txt")))}
    if args.reuse_indexes and (index_dir / "current").exists():
        log("index reused (no indexing measured)")
        result["fahras_index"] = {"reused": True, "seconds": None, "paragraphs": len(stored_paragraphs(index_dir)),
                                  "paragraphs_per_s": None, "peak_rss_mib": None, "tree_peak_mib": None,
                                  "index_bytes": folder_bytes(index_dir / "current")}
    elif size in args.no_repair_sizes:
        log("index without repair (in process)")
        result["fahras_index"] = index_without_repair(corpus, index_dir)
    else:
        log("fahras index")
        result["fahras_index"] = index_e2e(corpus, index_dir, args.index_repeats or args.repeats)
    log(f"  {result['fahras_index']}")
    paragraphs = stored_paragraphs(index_dir)
    rows, result["analyzer"] = analyze_rows(paragraphs)
    log(f"analyzer {result['analyzer']}")
    refs = reference_builds(rows, work / f"ref-{size}", args.repeats)
    result["reference_index"] = {k: {kk: vv for kk, vv in v.items() if kk != "engine"} for k, v in refs.items()}
    log(f"reference {result['reference_index']}")
    queries = sample_queries(paragraphs, args.queries, seed=args.seed)
    result["queries"] = {"per_kind": args.queries, "examples": [asdict(q) for q in queries[::args.queries]]}
    result["query_ms"] = query_latencies(index_dir, queries, refs, args.repeats)
    log(f"queries {result['query_ms']}")
    if "cli" not in args.skip:
        result["cli"] = cli_latency(index_dir, queries, args.cli_runs)
        log(f"cli {result['cli']}")
    if "incremental" not in args.skip:
        result["incremental"] = incremental(corpus, index_dir, args.repeats)
        log(f"incremental {result['incremental']}")
    if size in args.damaged_sizes and "damaged" not in args.skip:
        damaged = ensure_corpus(work, args.data, size, args.seed, damaged=True)
        result["damaged_index"] = index_e2e(damaged, work / f"index-{size}-damaged", args.repeats)
        log(f"damaged {result['damaged_index']}")
    base = result["reference_index"].get("tantivy") or result["reference_index"]["sqlite-fts5"]
    if result["fahras_index"]["paragraphs_per_s"]:
        result["fahras_index"]["ratio_to_reference"] = round(
            result["fahras_index"]["paragraphs_per_s"] / base["paragraphs_per_s"], 4)
    if not args.keep:
        shutil.rmtree(work / f"ref-{size}", ignore_errors=True)
    return result


def parse_sizes(text: str) -> list[int]:
    return [int(s.replace("_", "").replace("k", "000")) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="fahras benchmarks (docs/benchmarks.md)")
    parser.add_argument("--data", help=f"Arabic text folder (default ${corpus_mod.DATA_ENV})")
    parser.add_argument("--sizes", default="1000,10000", help="paragraph counts, e.g. 1000,10000,100000")
    parser.add_argument("--damaged-sizes", default="1000", help="sizes also run on the damaged variant")
    parser.add_argument("--profile-size", type=int, default=None,
                        help="corpus size to profile once (default: the smallest; 0: no profile)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--index-repeats", type=int, default=None,
                        help="end-to-end index runs per size (default: --repeats)")
    parser.add_argument("--no-repair-sizes", default="",
                        help="sizes indexed in process with the repair stage skipped (too slow end to end)")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--cli-runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--work", type=Path, default=None, help="corpora and indexes (default OUT/work)")
    parser.add_argument("--keep", action="store_true", help="keep the reference engines' indexes")
    parser.add_argument("--reuse-indexes", action="store_true",
                        help="query the fahras indexes already in WORK instead of building them")
    parser.add_argument("--skip", default="", help="parts to leave out: incremental,cli,damaged")
    args = parser.parse_args(argv)
    args.data = corpus_mod.data_dir(args.data)
    sizes = parse_sizes(args.sizes)
    args.damaged_sizes = set(parse_sizes(args.damaged_sizes))
    args.no_repair_sizes = set(parse_sizes(args.no_repair_sizes))
    work = args.work or args.out / "work"
    work.mkdir(parents=True, exist_ok=True)
    results = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": machine(),
               "args": {k: (sorted(v) if isinstance(v, set) else str(v) if isinstance(v, Path) else v)
                        for k, v in vars(args).items()},
               "sizes": []}
    profile_size = min(sizes) if args.profile_size is None else args.profile_size
    if profile_size:
        from bench.stages import profile_index

        print(f"[profile] {profile_size} paragraphs", file=sys.stderr, flush=True)
        clean = ensure_corpus(work, args.data, profile_size, args.seed, damaged=False)
        results["profile"] = {"clean": profile_index(clean, work / "profile-index", args.out / "profile-clean.prof")}
        damaged = ensure_corpus(work, args.data, profile_size, args.seed, damaged=True)
        results["profile"]["damaged"] = profile_index(damaged, work / "profile-index",
                                                      args.out / "profile-damaged.prof")
    for size in sizes:
        results["sizes"].append(bench_size(size, args, work))
        _save(results, args.out)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    _save(results, args.out)
    print(f"results: {args.out / 'results.json'} and {args.out / 'results.md'}")


def _save(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "results.md").write_text(write_markdown(results), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
