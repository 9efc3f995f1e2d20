"""Analyzer throughput: our analyzers against a bare Whoosh ``RegexTokenizer() | LowercaseFilter()``.

    python bench/analyzer_speed.py                       # the bundled UPR response, repeated
    python bench/analyzer_speed.py --text FILE [--repeat 3] [--rounds 5]

Each analyzer consumes the same text (all tokens, positions and character offsets on, as at
index time) ``--rounds`` times; we report the best round in words per second, where "words" are
the tokens the bare Whoosh chain finds, so every row is measured in the same unit. The first
round warms the per-word caches (normalization, stop words, stem, n-grams), as indexing a real
collection does after its first few paragraphs; ``cold`` is the first round after clearing them.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh.analysis import LowercaseFilter, RegexTokenizer  # noqa: E402

from indexer import analysis, normalize  # noqa: E402

DEFAULT_TEXT = Path(__file__).resolve().parent.parent / "data" / "kazakhstan_upr_response_ar.txt"


def consume(analyzer, paragraphs: list[str]) -> int:
    n = 0
    for p in paragraphs:
        for _ in analyzer(p, positions=True, chars=True):
            n += 1
    return n


def clear_caches() -> None:
    normalize.normalize_word.cache_clear()
    normalize.normalize_keep_endings.cache_clear()
    analysis._stem_cached.cache_clear()
    analysis.char_ngrams.cache_clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="UTF-8 text file (default: bundled)")
    ap.add_argument("--repeat", type=int, default=20, help="concatenate the text this many times")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    paragraphs = [p for p in args.text.read_text(encoding="utf-8").split("\n") if p.strip()] * args.repeat

    rows = {
        "whoosh RegexTokenizer|LowercaseFilter": RegexTokenizer() | LowercaseFilter(),
        "exact_analyzer (tokenize+normalize)": analysis.exact_analyzer(),
        f"stem_analyzer (+stop+{analysis.DEFAULT_STEMMER})": analysis.stem_analyzer(),
        "gram_analyzer (+stop+3-grams)": analysis.gram_analyzer(),
    }
    words = consume(rows["whoosh RegexTokenizer|LowercaseFilter"], paragraphs)
    tokens = {name: consume(an, paragraphs) for name, an in rows.items()}
    print(f"{len(paragraphs)} paragraphs, {words} words (Whoosh default tokenization)\n")
    cold: dict[str, float] = {}
    for name, an in rows.items():
        clear_caches()
        t0 = time.perf_counter()
        consume(an, paragraphs)
        cold[name] = words / (time.perf_counter() - t0)
    # Rounds interleave the analyzers so that a busy machine slows them all alike.
    best = dict.fromkeys(rows, 0.0)
    for _ in range(args.rounds):
        for name, an in rows.items():
            t0 = time.perf_counter()
            consume(an, paragraphs)
            best[name] = max(best[name], words / (time.perf_counter() - t0))
    base = best["whoosh RegexTokenizer|LowercaseFilter"]
    print(f"| analyzer | words/s (warm, best of {args.rounds}) | ratio to Whoosh | words/s (cold) "
          "| tokens out per word |")
    print("|---|---|---|---|---|")
    for name in rows:
        print(f"| {name} | {best[name]:,.0f} | {best[name] / base:.2f}x | {cold[name]:,.0f} "
              f"| {tokens[name] / words:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
