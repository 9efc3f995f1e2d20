"""Seeded benchmark queries drawn from the indexed paragraphs themselves.

Four kinds, as a user would type them: one word, three words (any-word ranking), a quoted
two-word phrase, and one word with a ``--rec`` filter. Words are taken from real paragraphs,
so every query matches something, with the frequency spread of the corpus.
"""
from __future__ import annotations

import random
from collections.abc import Sequence

from bench.engines import BenchQuery

KINDS = ("one-word", "three-words", "phrase", "filtered")
MIN_LETTERS = 3


def _words(text: str) -> list[tuple[str, str]]:
    """(surface word, stem) pairs of a text, stop words and short words left out."""
    from indexer.analysis import explain

    return [(t.surface, t.stem) for t in explain(text)
            if t.stem and len(t.normalized) >= MIN_LETTERS and t.surface.isalpha()]


def sample_queries(paragraphs: Sequence[dict], count: int, seed: int = 11) -> list[BenchQuery]:
    """``count`` queries of each kind from stored paragraphs (dicts with ``text`` and ``rec``)."""
    rng = random.Random(seed)
    out: list[BenchQuery] = []
    with_recs = [p for p in paragraphs if (p.get("rec") or "").strip()]
    for kind in KINDS:
        made = 0
        attempts = 0
        while made < count and attempts < count * 50:
            attempts += 1
            pool = with_recs if kind == "filtered" and with_recs else paragraphs
            para = rng.choice(pool)
            words = _words(para.get("text", ""))
            if len(words) < 3:
                continue
            if kind in ("one-word", "filtered"):
                surface, stem = rng.choice(words)
                rec = int(rng.choice(para["rec"].split())) if kind == "filtered" and with_recs else None
                out.append(BenchQuery(kind, surface, (stem,), rec))
            elif kind == "three-words":
                chosen = rng.sample(words, 3)
                out.append(BenchQuery(kind, " ".join(w for w, _ in chosen), tuple(s for _, s in chosen)))
            else:
                pair = _adjacent_pair(para["text"], rng)
                if pair is None:
                    continue
                out.append(BenchQuery(kind, f'"{pair[0][0]} {pair[1][0]}"', (pair[0][1], pair[1][1])))
            made += 1
    return out


def _adjacent_pair(text: str, rng: random.Random):
    """Two consecutive words of ``text``, neither a stop word, as (surface, stem) pairs.

    fahras matches a phrase on the exact form; the reference engines, which hold only the stem
    stream, get the two stems as a phrase (no stop word between them, so they are adjacent
    there too).
    """
    from indexer.analysis import explain

    tokens = explain(text)
    starts = [i for i in range(len(tokens) - 1)
              if tokens[i].stem and tokens[i + 1].stem and tokens[i].surface.isalpha()
              and tokens[i + 1].surface.isalpha() and text[tokens[i].end:tokens[i + 1].start] == " "]
    if not starts:
        return None
    i = rng.choice(starts)
    return (tokens[i].surface, tokens[i].stem), (tokens[i + 1].surface, tokens[i + 1].stem)
