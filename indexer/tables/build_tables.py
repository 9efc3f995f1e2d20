"""Derive the repair lexicon files committed beside this script.

Not imported by fahras at run time; run it by hand to rebuild the tables::

    python indexer/tables/build_tables.py --un-devset PATH/TO/UNv1.0.devset.ar

Outputs (see ``SOURCES.md`` beside this file for provenance and licences):

- ``ar_words.txt.gz``: Arabic words from wordfreq's ``ar`` list (zipf >= 1.5), grouped
  by zipf value: each line is ``<zipf*100>\\t<word> <word> ...``.
- ``ar_bigrams.tsv.gz``: word-pair counts from the UN Parallel Corpus v1.0 dev set
  (``<w1>\\t<w2>\\t<count>``), words normalised with :func:`indexer.lexicon.lm_key`.
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


def build_bigrams(devset: Path, out: Path) -> int:
    pairs: Counter[tuple[str, str]] = Counter()
    for line in devset.read_text(encoding="utf-8").splitlines():
        toks = ["<s>"] + [lm_key(t) for t in lm_tokens(line)] + ["</s>"]
        pairs.update(zip(toks, toks[1:]))
    rows = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        for (a, b), c in rows:
            fh.write(f"{a}\t{b}\t{c}\n")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--un-devset", type=Path, required=True)
    args = ap.parse_args()
    print("words:", build_words(HERE / "ar_words.txt.gz"))
    print("bigrams:", build_bigrams(args.un_devset, HERE / "ar_bigrams.tsv.gz"))


if __name__ == "__main__":
    main()
