"""Peak memory on big files, and the time hostile queries take: the numbers behind
docs/guarantees.md.

Each memory case runs in its own child process and its peak resident set size (RSS) is read
from ``wait4`` (the child and any workers it forked and reaped). The big files are generated
in a temporary folder at run time and deleted afterwards, never committed.

    python bench/robustness_rss.py            # all cases, about a minute
    python bench/robustness_rss.py --json     # the same as one JSON object

Cases:

* ``baseline``: ``fahras index`` of one small file (interpreter, Whoosh, analyzer loaded);
* ``index-200MB``: ``fahras index`` of a folder holding that small file and a 200 MB text
  file: the big file is hashed in 1 MiB blocks, then refused by size before being read;
* ``read-N-MB``: ``read_source`` of an accepted file of N MB (bytes, then text);
* ``structure-N-MB``: reading plus ``parse_text`` without the repair step, N MB.

The repair step is not in the memory cases: its time, not its memory, is what limits big
files today (see docs/repair.md).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "upr_clean.txt"
LINE = ("{n}- " + "تعمل الحكومة على حماية حقوق الطفل في جميع المحافظات " * 12 + "\n")

HOSTILE_QUERIES = {
    "unbalanced quote": '"حماية الطفل',
    "nested brackets x1000": "(" * 1000 + "حقوق" + ")" * 1000,
    "operator soup": "AND OR NOT " * 300,
    "NOT NOT NOT": "NOT NOT NOT حقوق",
    "10,000 characters": "حقوق الطفل " * 910,
    "10,000-letter word": "ح" * 10000,
    "300 unknown words": " ".join(a + b + "ظظظ" for a in "ابتثجحخدذرزسشصض" for b in "ابتثجحخدذرزسشصضطظعغ"),
    "* alone": "*",
    "2 leading wildcards": "*حق* *ال*",
    "8 prefix wildcards": " ".join(f"{a}*" for a in ("حق", "ال", "من", "عل", "في", "ات", "ون", "ين")),
    "3 leading wildcards": "*حق* *ال* *من*",
    "400 wildcards": " ".join(f"*{a}{b}*" for a in "ابتثجحخدذرزسشصضطظعغ" for b in "ابتثجحخدذرزسشصضطظعغ"),
    "unknown fields": "foo:bar date:2020 حقوق",
    "control + RLO": "\x00\x1b[31m\u202eحقوق\u202c",
    "phrase of 500 words": '"' + "حقوق الطفل " * 250 + '"',
}


def write_text_file(path: Path, megabytes: int) -> Path:
    """Numbered Arabic paragraphs up to ``megabytes`` MB, written in 1 MiB blocks."""
    with open(path, "wb") as fh:
        n = 1
        while fh.tell() < megabytes * 1024 * 1024:
            fh.write("".join(LINE.format(n=n + i) + "\n" for i in range(200)).encode("utf-8"))
            n += 200
    return path


def child_peak_rss(args: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """Run ``args``; return (peak RSS in MiB, seconds, exit code)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.perf_counter() - started, proc.returncode


def python_case(code: str, *args: str) -> tuple[float, float, int]:
    return child_peak_rss([sys.executable, "-c", code, *args])


READ = "import sys; from indexer.sources import read_source; read_source(sys.argv[1])"
STRUCTURE = ("import sys; from indexer.sources import read_source; from indexer.structure import parse_text; "
             "d = parse_text(read_source(sys.argv[1]).text, 'big', repair=list); print(len(d.paragraphs))")


def memory_cases(tmp: Path, sizes: list[int]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    small = tmp / "small"
    small.mkdir()
    (small / "clean.txt").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    fahras = [sys.executable, "-m", "search.cli", "index"]

    def record(name: str, measured: tuple[float, float, int], **extra) -> None:
        rss, seconds, code = measured
        results[name] = {"peak_rss_mib": round(rss, 1), "seconds": round(seconds, 2), "exit": code, **extra}
        print(f"{name:>18}: peak RSS {rss:7.1f} MiB  {seconds:6.2f} s  exit {code}", file=sys.stderr)

    record("baseline", child_peak_rss([*fahras, str(small), "--index", str(tmp / "ix1")]))
    big = tmp / "big"
    big.mkdir()
    (big / "clean.txt").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    write_text_file(big / "huge.txt", 200)
    record("index-200MB", child_peak_rss([*fahras, str(big), "--index", str(tmp / "ix2")]),
           file_mib=round((big / "huge.txt").stat().st_size / 2**20))
    (big / "huge.txt").unlink()
    for mb in sizes:
        path = write_text_file(tmp / f"text-{mb}.txt", mb)
        file_mib = round(path.stat().st_size / 2**20, 1)
        record(f"read-{mb}MB", python_case(READ, str(path)), file_mib=file_mib)
        record(f"structure-{mb}MB", python_case(STRUCTURE, str(path)), file_mib=file_mib)
        path.unlink()
    return results


def query_times(tmp: Path) -> dict[str, dict]:
    """Seconds each hostile query takes on an index of the bundled document and the fixtures."""
    from indexer.build import build_index
    from indexer.pipeline import bundled_data_dir
    from search.engine import Engine
    from search.query import QueryError

    index_dir = tmp / "qix"
    build_index(index_dir, [bundled_data_dir(), ROOT / "tests" / "fixtures"])
    results = {}
    with Engine(index_dir) as engine:
        engine.search("حقوق")  # warm the analyzers and the stored-field catalog
        for name, query in HOSTILE_QUERIES.items():
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                try:
                    outcome = f"{engine.search(query).total} hits"
                except QueryError as err:
                    outcome = f"refused: {err}"
                best = min(best, time.perf_counter() - started)
            results[name] = {"seconds": round(best, 4), "outcome": outcome[:90]}
            print(f"{name:>22}: {best * 1000:8.1f} ms  {outcome[:70]}", file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--sizes", default="16,60", help="MB of the accepted-file cases (default 16,60)")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fahras-rss-") as tmp:
        report = {}
        if not args.skip_memory:
            report["memory"] = memory_cases(Path(tmp), [int(s) for s in args.sizes.split(",") if s])
        if not args.skip_queries:
            report["queries"] = query_times(Path(tmp))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
