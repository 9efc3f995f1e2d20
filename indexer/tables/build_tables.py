"""Derive the repair lexicon files committed beside this script.

Not imported by fahras at run time; run it by hand to rebuild the tables::

    python indexer/tables/build_tables.py --un-devset PATH/TO/UNv1.0.devset.ar \
        --un-testset PATH/TO/UNv1.0.testset.ar --tydi PATH/TO/tydiqa_goldp_ar/corpus.jsonl

(the committed ``ar_bigrams.tsv.gz`` is exactly what this writes with the defaults; add
``--skip-words`` to leave ``ar_words.txt.gz`` alone).

Outputs (see ``SOURCES.md`` beside this file for provenance and licences):

- ``ar_words.txt.gz``: Arabic words from wordfreq's ``ar`` list (zipf >= 1.5), grouped
  by zipf value: each line is ``<zipf*100>\\t<word> <word> ...``.
- ``ar_bigrams.tsv.gz``: word-pair counts from the UN Parallel Corpus v1.0 dev set and test
  set (its last 1,000 sentences held out) and TyDi QA passages (``<w1>\\t<w2>\\t<count>``),
  words normalised with :func:`indexer.lexicon.lm_key`: pairs seen twice, and pairs seen once
  with one of the :data:`SINGLETON_TOP` most frequent words.
"""
from __future__ import annotations

import argparse
import gzip
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from indexer.lexicon import lm_key, lm_tokens  # noqa: E402

ARABIC_WORD = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+$")
MIN_ZIPF = 1.5


def build_words(out: Path) -> int:
    import wordfreq  # only needed to rebuild

    groups: dict[int, list[str]] = defaultdict(list)
    for word, freq in wordfreq.get_frequency_dict("ar", "best").items():
        if not ARABIC_WORD.match(word):
            continue
        zipf = math.log10(freq) + 9
        if zipf >= MIN_ZIPF:
            groups[round(zipf * 100)].append(word)
    lines = [f"{z}\t{' '.join(sorted(ws))}" for z, ws in sorted(groups.items(), reverse=True)]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(lines) + "\n")
    return sum(len(ws) for ws in groups.values())


HELD_OUT = 1000  # last test-set sentences, kept for the generalisation bench
LEADING_NUMBER = re.compile(r"^\s*[\d\u0660-\u0669]+\s*[-.)]\s*")


def training_lines(devset: Path, testset: Path | None, tydi: Path | None,
                   extra: list[Path] | None = None) -> list[str]:
    lines = devset.read_text(encoding="utf-8").splitlines()
    if testset is not None:
        lines += testset.read_text(encoding="utf-8").splitlines()[:-HELD_OUT]
    import json

    for path in ([tydi] if tydi is not None else []) + list(extra or []):
        for row in path.read_text(encoding="utf-8").splitlines():
            lines += re.split(r"(?<=[.!؟])\s+", json.loads(row)["text"])
    return [LEADING_NUMBER.sub("", l) for l in lines]


MIN_PAIR_COUNT = 2  # word pairs seen once only count through their classes


#: A pair seen once is kept when one of its words is among this many most frequent words
#: (``في`` + a noun: the pairs that tell a line's direction).
SINGLETON_TOP = 1000


def build_bigrams(lines: list[str], out: Path, min_pair: int = MIN_PAIR_COUNT,
                  singleton_top: int = SINGLETON_TOP) -> int:
    """Write the pair model: ``T`` top words, ``N`` first-word totals, ``C``/``F`` class
    bigram log-probabilities and floors (from all pairs), ``W`` word pairs seen ``min_pair``
    times or more, or once with one of the ``singleton_top`` most frequent words."""
    from indexer.lexicon import Bigrams

    pairs: Counter[tuple[str, str]] = Counter()
    for line in lines:
        toks = ["<s>"] + [lm_key(t) for t in lm_tokens(line)] + ["</s>"]
        pairs.update(zip(toks, toks[1:]))
    t = Bigrams.tables(dict(pairs))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines(f"T\t{w}\n" for w in t["top"])
        fh.writelines(f"N\t{w}\t{n}\n" for w, n in sorted(t["firsts"].items()))
        fh.writelines(f"C\t{a}\t{b}\t{p:.3f}\n" for (a, b), p in sorted(t["classes"].items()))
        fh.writelines(f"F\t{a}\t{p:.3f}\n" for a, p in sorted(t["floors"].items()))
        common = set(sorted(t["firsts"], key=lambda w: (-t["firsts"][w], w))[:singleton_top])
        kept = sorted(((a, b, c) for (a, b), c in pairs.items()
                       if c >= min_pair or (a in common or b in common)),
                      key=lambda r: (-r[2], r[0], r[1]))
        fh.writelines(f"W\t{a}\t{b}\t{c}\n" for a, b, c in kept)
    return len(kept)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--un-devset", type=Path, required=True)
    ap.add_argument("--un-testset", type=Path)
    ap.add_argument("--tydi", type=Path)
    ap.add_argument("--extra", type=Path, nargs="*", default=[],
                    help="more corpus.jsonl files of Arabic paragraphs ({'text': ...} per line)")
    ap.add_argument("--top", type=int, default=None, help="frequent words that are classes of their own")
    ap.add_argument("--min-pair", type=int, default=MIN_PAIR_COUNT, help="word pairs kept from this count")
    ap.add_argument("--singleton-top", type=int, default=SINGLETON_TOP,
                    help="pairs seen once are kept when one word is among this many most frequent")
    ap.add_argument("--skip-words", action="store_true")
    args = ap.parse_args()
    if not args.skip_words:
        print("words:", build_words(HERE / "ar_words.txt.gz"))
    if args.top is not None:
        import indexer.lexicon

        indexer.lexicon.TOP_WORDS = args.top  # read by Bigrams.tables at build time
    lines = training_lines(args.un_devset, args.un_testset, args.tydi, args.extra)
    print("bigrams:", build_bigrams(lines, HERE / "ar_bigrams.tsv.gz", args.min_pair, args.singleton_top))


if __name__ == "__main__":
    main()
