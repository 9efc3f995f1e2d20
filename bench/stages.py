"""Where indexing time goes: one cProfile run, its time grouped by pipeline stage.

The profile runs the pipeline in this process, serially, on one corpus: load every document
(read -> repair -> structure), then ``build_index`` with the loaded documents (analysis and
the Whoosh writer). Each function's own time goes to the stage of the module that defines it;
time in built-ins (regex, ``str`` methods) goes to the stage of the function that called them.
"""
from __future__ import annotations

import cProfile
import pstats
from collections import defaultdict
from pathlib import Path

#: Module file -> stage (the first matching fragment of the path wins).
STAGE_OF_FILE: tuple[tuple[str, str], ...] = (
    ("indexer/sources.py", "read"),
    ("indexer/pipeline.py", "read"),
    ("indexer/repair", "repair"),
    ("indexer/lexicon.py", "repair"),
    ("indexer/structure.py", "structure"),
    ("indexer/ordinals.py", "structure"),
    ("pyarabic", "structure"),
    ("indexer/analysis.py", "analyze"),
    ("indexer/normalize.py", "analyze"),
    ("indexer/stopwords.py", "analyze"),
    ("indexer/unicode_forms.py", "analyze"),
    ("whoosh/analysis", "analyze"),
    ("whoosh/", "whoosh-write"),
    ("indexer/build.py", "whoosh-write"),
)
STAGES = ("read", "repair", "structure", "analyze", "whoosh-write", "other")


def stage_of(filename: str) -> str:
    for fragment, stage in STAGE_OF_FILE:
        if fragment in filename:
            return stage
    return "other"


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Seconds per stage from a profile (own time; built-ins charged to their callers)."""
    totals: dict[str, float] = defaultdict(float)
    for func, (_cc, _nc, tottime, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        filename = func[0]
        if filename != "~" and not filename.startswith("<"):
            totals[stage_of(filename)] += tottime
            continue
        charged = 0.0
        for caller, edge in callers.items():
            caller_file = caller[0]
            stage = stage_of(caller_file) if caller_file != "~" else "other"
            totals[stage] += edge[2]
            charged += edge[2]
        totals["other"] += max(0.0, tottime - charged)
    return {stage: totals.get(stage, 0.0) for stage in STAGES}


def top_functions(stats: pstats.Stats, n: int = 15) -> list[dict]:
    """The ``n`` functions with the most own time."""
    rows = []
    for func, (_cc, nc, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        filename, line, name = func
        where = name if filename == "~" else f"{_short(filename)}:{line}({name})"
        rows.append({"function": where, "calls": nc, "own_s": round(tottime, 3), "cum_s": round(cumtime, 3)})
    rows.sort(key=lambda r: -r["own_s"])
    return rows[:n]


def _short(filename: str) -> str:
    parts = Path(filename).parts
    for anchor in ("indexer", "search", "whoosh", "bench"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor):])
    return Path(filename).name


def profile_index(corpus: Path, index_dir: Path, out_prof: Path | None = None) -> dict:
    """Profile loading and indexing ``corpus`` into ``index_dir``; stage seconds and shares."""
    from indexer.build import build_index
    from indexer.pipeline import iter_source_files, load_document

    files = list(iter_source_files([corpus]))
    profiler = cProfile.Profile()
    profiler.enable()
    loaded = {str(path.resolve()): load_document(path) for path in files}
    build_index(index_dir, [corpus], rebuild=True, load=lambda path: loaded[str(Path(path).resolve())])
    profiler.disable()
    if out_prof:
        profiler.dump_stats(str(out_prof))
    stats = pstats.Stats(profiler)
    times = stage_times(stats)
    total = sum(times.values()) or 1.0
    return {
        "corpus": str(corpus),
        "files": len(files),
        "seconds": {k: round(v, 3) for k, v in times.items()},
        "share": {k: round(v / total, 3) for k, v in times.items()},
        "top": top_functions(stats),
    }


def load_without_repair(corpus: Path) -> dict[str, object]:
    """Every document of ``corpus`` loaded once (repair replaced by the identity), by path."""
    import functools

    from indexer import structure
    from indexer.loading import load_documents
    from indexer.pipeline import iter_source_files, load_document

    parse = structure.parse_text
    structure.parse_text = functools.partial(parse, repair=lambda lines: list(lines))
    try:
        files = [path.resolve() for path in iter_source_files([corpus])]
        return {str(path): outcome for path, outcome in load_documents(files, load_document)}
    finally:
        structure.parse_text = parse


def time_writer(documents: dict[str, object], index_dir: Path) -> dict:
    """Build an index from documents already in memory: the writer's wall and CPU seconds.

    Analysis, ``add_document`` and the commit only, in this process (set ``FAHRAS_PROCS=1`` so
    that no loader worker passes the documents through a pipe); compare the CPU seconds of two
    variants run alternately (the wall time follows the machine's load).
    """
    import time

    from indexer.build import build_index

    wall, cpu = time.perf_counter(), time.process_time()
    report = build_index(index_dir, [Path(p) for p in documents], rebuild=True,
                         load=lambda path: documents[str(path)])  # type: ignore[return-value]
    return {"paragraphs": report.paragraphs, "wall_s": round(time.perf_counter() - wall, 2),
            "cpu_s": round(time.process_time() - cpu, 2)}
