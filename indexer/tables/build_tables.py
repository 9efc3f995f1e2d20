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
- ``ar_pairs_kn.tsv.gz`` (``--pairs-only --held-out tests/fixtures/repair/un_testset_heldout_ar.txt
  --extra ARCD MLQA XQuAD corpus.jsonl``): the table of :mod:`indexer.pair_model`, see
  :func:`build_pair_model` (words keyed with :func:`indexer.pair_model.pair_key`: a number by
  its shape); the committed one is what this writes with the defaults.
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


def pair_lines(devset: Path, testset: Path | None, held_out: Path | None,
               passages: list[Path]) -> list[str]:
    """Sentences for the Kneser-Ney pair model: the UN dev and test sets less every held-out
    sentence (``held_out``: the fixture the bench damages), and Wikipedia passages split into
    sentences, each passage once (ARCD repeats its passages)."""
    import json

    lines = devset.read_text(encoding="utf-8").splitlines()
    if testset is not None:
        lines += testset.read_text(encoding="utf-8").splitlines()[:-HELD_OUT]
    banned = set(held_out.read_text(encoding="utf-8").splitlines()) if held_out else set()
    lines = [l for l in lines if l not in banned]
    seen: set[str] = set()
    for path in passages:
        for row in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(row)["text"]
            if text in seen:
                continue
            seen.add(text)
            lines += re.split(r"(?<=[.!؟])\s+", text)
    return lines


PAIR_MIN_COUNT = 1  # word pairs of the Kneser-Ney table: kept from this count
PAIR_MIN_CLASS = 1  # word-class pairs: kept from this count
PAIR_TOP = 200       # the most frequent first words are classes of their own


def _ney(counts) -> float:
    n1 = sum(1 for c in counts if c == 1)
    n2 = sum(1 for c in counts if c == 2)
    return n1 / (n1 + 2 * n2) if n1 else 0.5


def build_pair_model(lines: list[str], out: Path, min_pair: int = PAIR_MIN_COUNT,
                     top_n: int = PAIR_TOP, min_cls: int = PAIR_MIN_CLASS) -> dict:
    """Write the table of :class:`indexer.pair_model.PairModel`, one row per line, tab-separated:

    - ``D d_word d_class d_classes``: discounts, Ney's ``n1 / (n1 + 2 n2)`` per level;
    - ``T w``: a frequent word, a class of its own (others fall in their shape's class);
    - ``w cont total followers classes words cls``: per word, its distinct left neighbours, its
      count as a first word, its distinct following words and following classes, then the
      words (``"x count x count ..."``) that follow it ``min_pair`` times or more, and the
      classes that follow it ``min_cls`` times or more;
    - ``C A B count``: all class pairs;
    - ``M C mass types``: per class, the continuation counts of its words and how many they are.
    """
    from indexer.lexicon import shape
    from indexer.lexicon import NUM
    from indexer.pair_model import NUMBER_KEYS, pair_key

    pairs: Counter[tuple[str, str]] = Counter()
    for line in lines:
        toks = ["<s>"] + [pair_key(t) for t in lm_tokens(line)] + ["</s>"]
        pairs.update(zip(toks, toks[1:]))
    cont: Counter[str] = Counter()
    total: Counter[str] = Counter()
    followers: Counter[str] = Counter()
    for (a, b), c in pairs.items():
        cont[b] += 1
        total[a] += c
        followers[a] += 1
    # the frequent words, ranked with every number as one (each shape is a class of its own:
    # :func:`indexer.lexicon.shape` keeps a tag as it is)
    ranked: Counter[str] = Counter()
    for w, n in total.items():
        ranked[NUM if w in NUMBER_KEYS else w] += n
    top = sorted(ranked, key=lambda w: (-ranked[w], w))[:top_n]
    tops = set(top)

    def cls(w: str) -> str:
        return w if w in tops else shape(w)

    word_cls: Counter[tuple[str, str]] = Counter()
    cls_cls: Counter[tuple[str, str]] = Counter()
    for (a, b), c in pairs.items():
        word_cls[(a, cls(b))] += c
        cls_cls[(cls(a), cls(b))] += c
    n_cls: Counter[str] = Counter(a for a, _ in word_cls)
    members: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for w, n in cont.items():
        members[cls(w)][0] += n
        members[cls(w)][1] += 1
    discounts = (_ney(pairs.values()), _ney(word_cls.values()), _ney(cls_cls.values()))
    words = sorted(set(cont) | set(total))
    nexts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), c in pairs.items():
        if c >= min_pair:
            nexts[a].append((b, c))
    nexts_cls: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), c in word_cls.items():
        if c >= min_cls:
            nexts_cls[a].append((b, c))

    def flat(items: list[tuple[str, int]]) -> str:
        return " ".join(f"{x} {c}" for x, c in sorted(items, key=lambda r: (-r[1], r[0])))

    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("D\t" + "\t".join(f"{d:.4f}" for d in discounts) + "\n")
        fh.writelines(f"T\t{w}\n" for w in top)
        fh.writelines(f"{w}\t{cont[w]}\t{total[w]}\t{followers[w]}\t{n_cls[w]}\t"
                      f"{flat(nexts.get(w, []))}\t{flat(nexts_cls.get(w, []))}\n" for w in words)
        fh.writelines(f"C\t{a}\t{b}\t{c}\n" for (a, b), c in sorted(cls_cls.items()))
        fh.writelines(f"M\t{c}\t{m}\t{t}\n" for c, (m, t) in sorted(members.items()))
    kept = sum(len(v) for v in nexts.values())
    kept_cls = sum(len(v) for v in nexts_cls.values())
    return {"tokens": sum(total.values()), "words": len(words), "pairs": len(pairs),
            "kept": kept, "word-class kept": kept_cls, "class pairs": len(cls_cls),
            "discounts": [round(d, 4) for d in discounts]}


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
    ap.add_argument("--pairs-only", action="store_true",
                    help="write only ar_pairs_kn.tsv.gz (UN sets, --tydi and --extra passages)")
    ap.add_argument("--held-out", type=Path, help="sentences never trained on (the bench's fixture)")
    args = ap.parse_args()
    if args.pairs_only:
        lines = pair_lines(args.un_devset, args.un_testset, args.held_out,
                           ([args.tydi] if args.tydi else []) + list(args.extra))
        print("pair model:", build_pair_model(lines, HERE / "ar_pairs_kn.tsv.gz"))
        return
    if not args.skip_words:
        print("words:", build_words(HERE / "ar_words.txt.gz"))
    if args.top is not None:
        import indexer.lexicon

        indexer.lexicon.TOP_WORDS = args.top  # read by Bigrams.tables at build time
    lines = training_lines(args.un_devset, args.un_testset, args.tydi, args.extra)
    print("bigrams:", build_bigrams(lines, HERE / "ar_bigrams.tsv.gz", args.min_pair, args.singleton_top))


if __name__ == "__main__":
    main()
