"""PDF throughput of fahras: pages per second for text extraction and for the whole
load (extraction + repair + structure), on the PDFs of tests/fixtures/sources/.

    python bench/pdf_speed.py [--repeat 5] [PDF ...]

Prints one line per file and a total; times are the best of ``--repeat`` runs (one process,
one core).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT / "tests" / "fixtures" / "sources").glob("*.pdf"))
SKIP = {"encrypted.pdf", "image_only.pdf", "truncated.pdf"}


def best_time(action, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from indexer.pdf_source import read_pdf
    from indexer.pipeline import load_document

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pdfs = args.pdfs or [p for p in DEFAULT if p.name not in SKIP]
    total_pages = total_extract = total_load = 0.0
    print(f"{'file':58} {'pages':>5} {'extract p/s':>12} {'load p/s':>9}")
    for pdf in pdfs:
        data = pdf.read_bytes()
        pages = read_pdf(data).pages
        extract = best_time(lambda: read_pdf(data), args.repeat)
        load = best_time(lambda: load_document(pdf), args.repeat)
        total_pages += pages
        total_extract += extract
        total_load += load
        print(f"{pdf.name[:58]:58} {pages:5d} {pages / extract:12.1f} {pages / load:9.1f}")
    print(f"{'all':58} {int(total_pages):5d} {total_pages / total_extract:12.1f} {total_pages / total_load:9.1f}")


if __name__ == "__main__":
    main()
