"""Measure the repair step: seed accuracy against the hand-checked fixture, generalisation
on held-out clean UN sentences damaged by each damage model, clean pass-through, speed.

    python bench/repair_accuracy.py            # prints a markdown report

Everything it reads is in the repository (tests/fixtures/repair/, data/); runs are seeded.
"""
from __future__ import annotations

import random
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import repair_damage as damage  # noqa: E402
from indexer.repair import Repairer, strip_tatweel  # noqa: E402
from indexer.repair_eval import (  # noqa: E402
    edit_distance, load_checked, pooled, score_checked, word_accuracy, words,
)

FIX = ROOT / "tests" / "fixtures" / "repair"
SEED = ROOT / "data" / "kazakhstan_upr_response_ar.txt"
DOC_LINES = 25   # sentences per synthetic document (the repair detects damage per document)
LINE_WORDS = 14  # sentences are wrapped into printed lines of at most this many words
LINE_SHARE = 0.5  # line-level damage hits this share of a document's lines

#: kind -> (damage of a whole document, or of one line when line_level)
KINDS = {
    "body-font glyphs": (damage.body_font, False),
    "heading-font glyphs": (damage.heading_font, False),
    "heading-font glyphs, stretched words cut at their stretch": (damage.heading_stretched, False),
    "tatweel": (damage.tatweel, False),
    "split digit groups": (damage.split_digits, False),
    "runs out of order": (damage.reversed_runs, True),
    "split words across reversed runs": (damage.split_word_runs, True),
    "split words, blocks placed word by word": (damage.split_word_blocks, True),
    "reversed word order (seed spacing)": (damage.reversed_words, True),
    "reversed word order (plain spacing)": (partial(damage.reversed_words, spaced=False), True),
    "paragraph marker last, a run moved with no trace": (damage.marker_last, False),
    "lam-alef swapped": (damage.lam_alef, False),
    "bidi controls": (damage.bidi_controls, False),
    "visual order": (damage.visual_order, False),
}


def documents() -> list[list[str]]:
    lines = (FIX / "un_testset_heldout_ar.txt").read_text(encoding="utf-8").splitlines()
    return [lines[i:i + DOC_LINES] for i in range(0, len(lines), DOC_LINES)]


def wrap(sentence: str) -> list[str]:
    """A sentence as a PDF prints it: lines of at most :data:`LINE_WORDS` words."""
    words = sentence.split()
    return [" ".join(words[i:i + LINE_WORDS]) for i in range(0, len(words), LINE_WORDS)] or [""]


def page(doc: list[str]) -> tuple[list[str], list[int]]:
    """The printed lines of a document, and for each line the sentence it belongs to."""
    lines, owner = [], []
    for k, sentence in enumerate(doc):
        for line in wrap(sentence):
            lines.append(line)
            owner.append(k)
    return lines, owner


def sentences(lines: list[str], owner: list[int], n: int) -> list[str]:
    out = [[] for _ in range(n)]
    for line, k in zip(lines, owner):
        out[k].append(line)
    return [" ".join(parts) for parts in out]


def damage_doc(doc: list[str], fn, line_level: bool, rng: random.Random) -> list[str]:
    if line_level:
        return [fn(l, rng) if rng.random() < LINE_SHARE else l for l in doc]
    return fn("\n".join(doc), rng).split("\n")


def generalisation() -> list[tuple[str, float, float, int]]:
    rows = []
    for name, (fn, line_level) in KINDS.items():
        rng = random.Random(20240601)
        before = after = n = 0.0
        for doc in documents():
            lines, owner = page(doc)
            bad = damage_doc(lines, fn, line_level, rng)
            fixed = Repairer().repair_lines(bad)[0]
            n_s = len(doc)
            for clean, b, f in zip(doc, sentences(bad, owner, n_s), sentences(fixed, owner, n_s)):
                k = len(words(clean))
                before += word_accuracy(clean, b) * k
                after += word_accuracy(clean, f) * k
                n += k
        rows.append((name, before / n, after / n, int(n)))
    return rows


def clean_passthrough() -> tuple[float, int, int]:
    """Share of words of clean documents that come out untouched (tatweel normalised)."""
    total = changed = 0
    changed_lines = 0
    for doc in documents():
        lines, _ = page(doc)
        fixed = Repairer().repair_lines(lines)[0]
        for clean, f in zip(lines, fixed):
            a, b = strip_tatweel(clean).split(), f.split()
            d = edit_distance(a, b)
            total += len(a)
            changed += d
            changed_lines += d > 0
    return 1 - changed / total, total, changed_lines


def wikipedia_passthrough() -> tuple[float, int, int]:
    """Clean Wikipedia prose (another register): share of words untouched, documents flagged."""
    passages = (FIX / "tydiqa_ar_passages.txt").read_text(encoding="utf-8").splitlines()
    total = changed = flagged = 0
    for i in range(0, len(passages), 10):
        doc = passages[i:i + 10]
        result = Repairer().repair("\n".join(doc))
        flagged += bool(result.damage.keys() - {"tatweel", "bidi-controls"})
        for before, after in zip(doc, result.text.split("\n")):
            a, b = strip_tatweel(before).split(), after.split()
            total += len(a)
            changed += edit_distance(a, b) if a != b else 0
    return 1 - changed / total, total, flagged


def seed() -> dict:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    t0 = time.perf_counter()
    out = Repairer().repair_lines(lines)[0]
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    Repairer().repair_lines(lines)
    again = time.perf_counter() - t0
    checked = load_checked(FIX / "kazakhstan_checked.json")
    scores = score_checked(out, checked)
    raw = score_checked(lines, checked)
    paras = [k for k in scores if k.startswith("p")]
    heads = [k for k in scores if k.startswith("h")]
    return {
        "first": first, "again": again, "scores": scores,
        "paras": pooled(scores, paras), "heads": pooled(scores, heads),
        "raw_paras": pooled(raw, paras), "raw_heads": pooled(raw, heads),
        "perfect": sum(1 for k in paras if scores[k][0] >= 0.99), "n_paras": len(paras),
    }


def loading() -> tuple[float, float]:
    """CPU seconds to load the lexicon and the word-pair model (once per process)."""
    from indexer.lexicon import bigrams, lexicon
    t0 = time.process_time()
    lexicon()
    t1 = time.process_time()
    bigrams()
    return t1 - t0, time.process_time() - t1


def main() -> None:
    lex_s, pairs_s = loading()
    s = seed()
    print("## Seed (data/kazakhstan_upr_response_ar.txt) against the hand-checked fixture\n")
    print("| spans | words | raw: in order | raw: any order | repaired: in order | repaired: any order |")
    print("|---|---|---|---|---|---|")
    for label, key, raw in (("80 paragraphs", "paras", "raw_paras"), ("12 headings", "heads", "raw_heads")):
        r, v = s[raw], s[key]
        print(f"| {label} | {v[2]} | {r[0]:.1%} | {r[1]:.1%} | {v[0]:.1%} | {v[1]:.1%} |")
    print(f"\nParagraphs at >= 99% in-order word accuracy: {s['perfect']} of {s['n_paras']}.")
    worst = sorted(s["scores"].items(), key=lambda kv: kv[1][0])[:8]
    print("Worst spans: " + ", ".join(f"{k} {v[0]:.0%}" for k, v in worst) + ".")
    print(f"\nSpeed: loading the lexicon {lex_s:.2f} s and the pair model {pairs_s:.2f} s (CPU); "
          f"first repair of the seed {s['first']:.2f} s (builds the heading font's class index), "
          f"again {s['again']:.2f} s.\n")
    print("## Generalisation: held-out UN sentences, damaged by each model, then repaired\n")
    print(f"Documents of {DOC_LINES} sentences, printed in lines of at most {LINE_WORDS} words; "
          f"line-level damage hits {LINE_SHARE:.0%} of the lines.\n")
    print("| damage | words | before repair | after repair |")
    print("|---|---|---|---|")
    for name, before, after, n in generalisation():
        print(f"| {name} | {n} | {before:.1%} | {after:.1%} |")
    t0 = time.perf_counter()
    kept, total, lines = clean_passthrough()
    took = time.perf_counter() - t0
    print(f"\n## Clean sentences\n\n{total} words of clean UN sentences: {kept:.2%} come out untouched "
          f"({lines} printed lines changed); repaired in {took:.2f} s.")
    kept, total, flagged = wikipedia_passthrough()
    print(f"\n{total} words of clean Wikipedia prose (TyDi QA passages, 10 per document): {kept:.2%} "
          f"untouched (direction marks removed count as changes); {flagged} documents flagged as damaged.")


if __name__ == "__main__":
    main()
