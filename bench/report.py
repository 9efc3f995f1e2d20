"""The markdown report of a benchmark run (``results.md`` next to ``results.json``)."""
from __future__ import annotations

from bench.queries import KINDS

MIB = 2**20


def _mb(n: int | float | None) -> str:
    return "—" if n is None else f"{n / MIB:.1f}"


def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "—"
    r = a / b
    return f"{r:,.0f}x" if r >= 100 else f"{r:.3g}x"


def write_markdown(results: dict) -> str:
    m = results.get("machine", {})
    lines = [
        f"# fahras benchmark run {results.get('started', '')}",
        "",
        f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB; Python {m.get('python')}, "
        f"Whoosh {m.get('whoosh')}, SQLite {m.get('sqlite')}, tantivy {m.get('tantivy')}. "
        f"Every figure is the median of {results.get('args', {}).get('repeats')} runs in this run "
        f"(end-to-end indexing: {results.get('args', {}).get('index_repeats') or results.get('args', {}).get('repeats')}"
        f" run(s)); load average at the start: {results.get('machine', {}).get('loadavg', '?')}.",
        "",
        "## Indexing (end to end: `fahras index --rebuild`, a separate process)",
        "",
        "| paragraphs | files | fahras s | fahras par/s | vs tantivy | peak memory MiB (tree / largest proc) "
        "| index MiB | FTS5 par/s | tantivy par/s | FTS5 MiB | tantivy MiB | paragraphs found |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in results.get("sizes", []):
        f = s["fahras_index"]
        if f.get("reused"):
            continue
        ref = s.get("reference_index", {})
        fts, tan = ref.get("sqlite-fts5", {}), ref.get("tantivy", {})
        memory = "—" if f.get("tree_peak_mib") is None else f"{f['tree_peak_mib']:.0f} / {f['peak_rss_mib']:.0f}"
        note = " (no repair)" if f.get("repair") is False else ""
        lines.append(
            f"| {s['size']:,}{note} | {s['files']} | {f['seconds']:.1f} | {f['paragraphs_per_s']:,.0f} | "
            f"{_ratio(f['paragraphs_per_s'], tan.get('paragraphs_per_s'))} | "
            f"{memory} | {_mb(f['index_bytes'])} | "
            f"{fts.get('paragraphs_per_s', 0):,.0f} | {tan.get('paragraphs_per_s', 0):,.0f} | "
            f"{_mb(fts.get('index_bytes'))} | {_mb(tan.get('index_bytes'))} | {f['paragraphs']:,} |")
    damaged = [s for s in results.get("sizes", []) if "damaged_index" in s]
    if damaged:
        lines += ["", "Damaged variant (tatweel, split words, lines in shuffled piece order):", "",
                  "| paragraphs generated | fahras s | par/s | vs clean | peak memory MiB | paragraphs found |",
                  "|---|---|---|---|---|---|"]
        for s in damaged:
            d, c = s["damaged_index"], s["fahras_index"]
            lines.append(f"| {s['size']:,} | {d['seconds']:.1f} | {d['paragraphs_per_s']:,.0f} | "
                         f"{_ratio(d['paragraphs_per_s'], c['paragraphs_per_s'])} | {d['tree_peak_mib']:.0f} | "
                         f"{d['paragraphs']:,} |")
    lines += ["", "Reference engines index fahras's own stem tokens (analysis not included in their time).", ""]
    lines += ["## Queries on a warm searcher, top 10 (ms, p50 / p95 / p99)", "",
              "`fahras` = `Engine.search` (all-words pass, any-word pass, theme facets, highlighting of the "
              "top 10); `whoosh-bare` = the parsed query alone on the same searcher.", "",
              "| paragraphs | engine | " + " | ".join(KINDS) + " | 1–3 words p95 | vs tantivy p95 |",
              "|---|---|" + "---|" * (len(KINDS) + 2)]
    for s in results.get("sizes", []):
        qms = s.get("query_ms", {})
        tan95 = qms.get("tantivy", {}).get("1-3 words", {}).get("p95")
        for engine, kinds in qms.items():
            cells = []
            for kind in KINDS:
                k = kinds.get(kind)
                cells.append("—" if not k else f"{k['p50']:.2f} / {k['p95']:.2f} / {k['p99']:.2f}")
            p95 = kinds.get("1-3 words", {}).get("p95")
            lines.append(f"| {s['size']:,} | {engine} | " + " | ".join(cells) +
                         f" | {p95:.2f} | {_ratio(p95, tan95)} |")
    lines += ["", "## Whole `fahras search` process and incremental re-index", "",
              "| paragraphs | `fahras search --json` s | `python -c \"import whoosh\"` s | ratio | `python -c pass` s "
              "| re-index 1 changed file s |",
              "|---|---|---|---|---|---|"]
    for s in results.get("sizes", []):
        c, inc = s.get("cli", {}), s.get("incremental", {})
        lines.append(f"| {s['size']:,} | {c.get('fahras_search_s')} | {c.get('import_whoosh_s')} | "
                     f"{c.get('ratio_to_import_whoosh')}x | {c.get('python_s')} | {inc.get('seconds')} |")
    lines += ["", "## Analyzer (tokens/s over the indexed paragraphs, positions and offsets)", "",
              "| paragraphs | bare Whoosh RegexTokenizer+LowercaseFilter | fahras stem | ratio | fahras exact | ratio |",
              "|---|---|---|---|---|---|"]
    for s in results.get("sizes", []):
        a = s.get("analyzer", {})
        if a:
            lines.append(f"| {s['size']:,} | {a['bare-whoosh']['tokens_per_s']:,} | "
                         f"{a['fahras-stem']['tokens_per_s']:,} | {a['fahras-stem']['ratio_to_bare']}x | "
                         f"{a['fahras-exact']['tokens_per_s']:,} | {a['fahras-exact']['ratio_to_bare']}x |")
    profile = results.get("profile")
    if profile:
        stages = list(next(iter(profile.values()))["share"])
        lines += ["", "## Where indexing time goes (one cProfile run, serial, own time by stage)", "",
                  "| corpus | files | " + " | ".join(stages) + " | total s |", "|---|---|" + "---|" * (len(stages) + 1)]
        for name, p in profile.items():
            total = sum(p["seconds"].values())
            lines.append(f"| {name} | {p['files']} | " + " | ".join(
                f"{p['share'][k] * 100:.0f}% ({p['seconds'][k]:.1f} s)" for k in stages) + f" | {total:.1f} |")
        for name, p in profile.items():
            lines += ["", f"Top functions by own time ({name}):", "", "| function | calls | own s | cum s |",
                      "|---|---|---|---|"]
            lines += [f"| `{r['function']}` | {r['calls']:,} | {r['own_s']} | {r['cum_s']} |" for r in p["top"][:10]]
    return "\n".join(lines) + "\n"
