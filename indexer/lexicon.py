"""Arabic word frequencies and word-pair counts used by the repair step.

Both tables are committed under ``indexer/tables/`` (see ``SOURCES.md`` there) and loaded
lazily, once per process: :func:`lexicon` and :func:`bigrams` return cached singletons.

>>> lexicon().zipf("نظام") > lexicon().zipf("نأام")
True
"""
from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

#: Harakat, shadda, sukun, dagger alef and tatweel: dropped before any lookup.
MARKS = re.compile("[\N{ARABIC FATHATAN}-\N{ARABIC SUKUN}\N{ARABIC LETTER SUPERSCRIPT ALEF}\N{ARABIC TATWEEL}]")
#: A token of the language model: a run of Arabic letters (with marks), or a number.
LM_TOKEN = re.compile(r"[\u0621-\u065F\u0670]+|[0-9\u0660-\u0669]+(?:[.,/][0-9\u0660-\u0669]+)*")
DIGITS = re.compile(r"[0-9\u0660-\u0669]")
NUM = "<num>"
#: Conjunctions and prepositions written joined to the next word, longest first.
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
PROCLITIC_COST = 1.0
#: Dual endings of a feminine noun: ``التوصيتان`` is the dual of ``التوصية``.
DUALS = (("تان", "ة"), ("تين", "ة"))
DUAL_COST = 1.5
PROCLITIC_LETTERS = frozenset(p[0] for p in PROCLITICS)
#: zipf value given to a word missing from the lexicon.
OOV_ZIPF = -1.0


_NO_MARKS = {cp: None for cp in list(range(0x064B, 0x0653)) + [0x0670, 0x0640]}


@lru_cache(maxsize=1 << 17)
def strip_marks(word: str) -> str:
    """Drop harakat and tatweel: ``"اعتُمدت"`` -> ``"اعتمدت"``.

    Memoised (a bounded LRU): the repair strips the same few thousand words hundreds of
    thousands of times per document, and ``str.translate`` with a mapping is slow."""
    return word.translate(_NO_MARKS)


def lm_key(token: str) -> str:
    """The form a token takes in the tables: marks dropped, any number -> ``<num>``."""
    if DIGITS.match(token):
        return NUM
    return strip_marks(token)


def model_key(token: str) -> str:
    """A token as the pair models key it: a boundary tag (``<s>``) as is, a word by :func:`lm_key`."""
    return token if token.startswith("<") else lm_key(token)


def lm_tokens(text: str) -> list[str]:
    """Arabic words and numbers of ``text``, punctuation dropped: ``"في 30 عاماً،"`` -> 3 tokens."""
    return LM_TOKEN.findall(text)


def _table(name: str):
    return resources.files("indexer").joinpath("tables", name)


@dataclass
class Lexicon:
    """Word -> zipf frequency (log10 of occurrences per billion words)."""

    zipfs: dict[str, float] = field(default_factory=dict)
    #: :meth:`zipf_affixed` answers, kept for the life of the lexicon (the repair asks
    #: about the same candidate readings again and again, across documents).
    _affixed: dict[str, float | None] = field(default_factory=dict, repr=False, compare=False)
    #: Indexes built from this word list by its users (the repair's letter-class index),
    #: kept as long as the list itself.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls) -> "Lexicon":
        zipfs: dict[str, float] = {}
        with _table("ar_words.txt.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            for line in fh:
                z, words = line.rstrip("\n").split("\t", 1)
                zipfs.update(dict.fromkeys(words.split(" "), int(z) / 100))
        return cls(zipfs)

    def zipf(self, word: str) -> float:
        """zipf of ``word`` (marks ignored), :data:`OOV_ZIPF` if unknown."""
        return self.zipfs.get(strip_marks(word), OOV_ZIPF)

    def zipf_affixed(self, word: str) -> float | None:
        """zipf of ``word``, else of its stem after a proclitic less :data:`PROCLITIC_COST`
        (``"والإخطار"`` is rarer than the list knows); ``None`` if neither is known."""
        z = self.zipfs.get(word)
        if z is not None:
            return z
        try:
            return self._affixed[word]
        except KeyError:
            pass
        if len(self._affixed) > 500_000:
            self._affixed.clear()
        z = self._affixed[word] = self._affixed_uncached(word)
        return z

    def _affixed_uncached(self, word: str) -> float | None:
        for suffix, base in DUALS:
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                z = self.zipfs.get(word[:-len(suffix)] + base)
                if z is not None:
                    return z - DUAL_COST
        if word[:1] not in PROCLITIC_LETTERS or word.startswith("وو"):
            return None  # a conjunction is never written twice: ووشدد is not و + وشدد
        for p in PROCLITICS:
            if word.startswith(p) and len(word) - len(p) >= 3:
                z = self.zipfs.get(word[len(p):])
                if z is not None:
                    return z - PROCLITIC_COST * len(p)
        return None

    def __contains__(self, word: str) -> bool:
        return strip_marks(word) in self.zipfs


#: Proclitics and suffixes that define a word's *shape* class (longest first).
SHAPE_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
SHAPE_SUFFIXES = ("ات", "ين", "ون", "ية", "ة", "ي", "ها", "هم", "ه", "ا")
TOP_WORDS = 200  # the most frequent first words are classes of their own


def shape(key: str) -> str:
    """The shape class of a non-frequent word: ``"والمنظمات"`` -> ``"وال|ات"``."""
    if key.startswith("<"):
        return key
    pre = next((p for p in SHAPE_PREFIXES if key.startswith(p) and len(key) - len(p) >= 3), "")
    rest = key[len(pre):]
    suf = next((x for x in SHAPE_SUFFIXES if rest.endswith(x) and len(rest) - len(x) >= 2), "")
    return f"{pre}|{suf}"


@dataclass
class Bigrams:
    """A word-pair model of UN prose: class bigrams (frequent words, else word shapes) with
    a bonus for word pairs seen in the corpus.  Used to tell a line's order from its
    reversal: ``logp("نظام", "روما") > logp("روما", "نظام")``.
    """

    pairs: dict[tuple[str, str], int]
    firsts: dict[str, int]
    classes: dict[tuple[str, str], float]
    top: frozenset[str]
    mu: float = 4.0
    _floor: dict[str, float] = field(default_factory=dict, repr=False)
    _cls_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _prior: dict[str, float] | None = field(default=None, repr=False)

    @classmethod
    def load(cls) -> "Bigrams":
        """Read ``ar_bigrams.tsv.gz`` (written by ``indexer/tables/build_tables.py``)."""
        pairs: dict[tuple[str, str], int] = {}
        firsts: dict[str, int] = {}
        classes: dict[tuple[str, str], float] = {}
        floors: dict[str, float] = {}
        top: list[str] = []
        with _table("ar_bigrams.tsv.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            for line in fh:
                kind, *f = line.rstrip("\n").split("\t")
                if kind == "W":
                    pairs[(f[0], f[1])] = int(f[2])
                elif kind == "N":
                    firsts[f[0]] = int(f[1])
                elif kind == "C":
                    classes[(f[0], f[1])] = float(f[2])
                elif kind == "F":
                    floors[f[0]] = float(f[1])
                elif kind == "T":
                    top.append(f[0])
        self = cls(pairs, firsts, classes, frozenset(top))
        self._floor = floors
        return self

    @staticmethod
    def tables(counts: dict[tuple[str, str], int]) -> dict:
        """From all word-pair counts: the first-word totals, the top words, and the class
        bigram log-probabilities with their per-class floors (used at build time)."""
        firsts: dict[str, int] = {}
        for (a, _), n in counts.items():
            firsts[a] = firsts.get(a, 0) + n
        top = sorted(firsts, key=lambda w: (-firsts[w], w))[:TOP_WORDS]
        probe = Bigrams({}, firsts, {}, frozenset(top))
        ccounts: dict[tuple[str, str], int] = {}
        totals: dict[str, int] = {}
        for (a, b), n in counts.items():
            ca, cb = probe.cls(a), probe.cls(b)
            ccounts[(ca, cb)] = ccounts.get((ca, cb), 0) + n
            totals[ca] = totals.get(ca, 0) + n
        ncls = len({cb for _, cb in ccounts})
        classes = {k: math.log10((n + 0.5) / (totals[k[0]] + 0.5 * ncls)) for k, n in ccounts.items()}
        floors = {a: math.log10(0.5 / (t + 0.5 * ncls)) for a, t in totals.items()}
        return {"firsts": firsts, "top": top, "classes": classes, "floors": floors}

    def cls(self, key: str) -> str:
        c = self._cls_cache.get(key)
        if c is None:
            c = self._cls_cache[key] = key if key in self.top else shape(key)
        return c

    def logp(self, a: str, b: str) -> float:
        """log10 score of ``b`` following ``a`` (surface forms; keyed with :func:`lm_key`)."""
        ka = model_key(a)
        kb = model_key(b)
        ca, cb = self.cls(ka), self.cls(kb)
        p = 10 ** self.classes.get((ca, cb), self._floor.get(ca, -4.0))
        c = self.pairs.get((ka, kb), 0)
        if c:
            p += self.mu * c / (self.firsts.get(ka, 0) + 1)
        return math.log10(p)

    def prior(self, b: str) -> float:
        """log10 of the share of ``b``'s class among all second words: what :meth:`logp`
        gives ``b`` with no context.  ``logp(a, b) - prior(b)`` is how much ``a`` makes
        ``b`` likelier, comparable between a frequent word (a class of its own) and a
        rare one (its shape's class, shared with many words)."""
        if self._prior is None:
            weights: dict[str, float] = {}
            for w, n in self.firsts.items():
                c = self.cls(w)
                weights[c] = weights.get(c, 0) + n
            total = sum(weights.values()) or 1
            mass: dict[str, float] = {}
            for (ca, cb), lp in self.classes.items():
                mass[cb] = mass.get(cb, 0.0) + weights.get(ca, 0) / total * 10 ** lp
            self._prior = {c: math.log10(m) for c, m in mass.items() if m > 0}
        kb = model_key(b)
        return self._prior.get(self.cls(kb), -4.0)

    def pair_gain(self, a: str, b: str, zipf_b: float) -> float:
        """How much more often the word pair ``a b`` was seen than the class bigrams expect
        (log10, never below 0; ``zipf_b`` is ``b``'s frequency in the lexicon).  The class
        bigrams give two words of one class the same score, and :meth:`logp`'s pair bonus is
        small beside a class's whole probability: this tells ``وتم`` from ``يتم`` after a
        sentence start."""
        ka = model_key(a)
        kb = model_key(b)
        c = self.pairs.get((ka, kb), 0)
        if not c:
            return 0.0
        ca, cb = self.cls(ka), self.cls(kb)
        lp = self.classes.get((ca, cb), self._floor.get(ca, -4.0))
        share = min(1.0, 10 ** (zipf_b - 9 - self.prior(kb)))  # b's share of its class
        expected = self.firsts.get(ka, 0) * 10 ** lp * share
        return max(0.0, math.log10((c + 1) / (expected + 1)))

    def score(self, tokens: list[str]) -> float:
        """Sum of :meth:`logp` over adjacent pairs of ``tokens``."""
        return sum(self.logp(a, b) for a, b in zip(tokens, tokens[1:]))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared :class:`Lexicon`, loaded on first use."""
    return Lexicon.load()


@lru_cache(maxsize=1)
def bigrams() -> Bigrams:
    """The shared :class:`Bigrams`, loaded on first use."""
    return Bigrams.load()
