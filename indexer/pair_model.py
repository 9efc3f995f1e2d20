"""A smoothed word-pair model for the order repair: interpolated Kneser-Ney over words, backed
off to word classes.

Three levels, each an interpolated absolute discount (Kneser-Ney style, Ney's discount per
level), where ``C = cls(b)`` is ``b`` itself for the most frequent words (200, listed in the
table) and its *shape* otherwise (proclitic and suffix, :func:`indexer.lexicon.shape`:
``"والمنظمات"`` -> ``"وال|ات"``)::

    P(b | a)   = max(c(a, b) - D1, 0) / c(a) + D1 N(a .) / c(a) * P(C | a) P(b | C)
    P(C | a)   = max(c(a, C) - D2, 0) / c(a) + D2 N(a C.) / c(a) * P(C | cls(a))
    P(C | A)   = max(c(A, C) - D3, 0) / c(A) + D3 N(A .) / c(A) * P_cont(C)

``P(b | C)`` shares a class among its words by their distinct left neighbours (Kneser-Ney's
continuation count), an unseen word getting half of one.  So a rare word keeps what its
class says (``غير`` + an adjective in ``-ة``), and a seen pair what the words say.  An unseen
first word scores through its class alone.

A number is keyed by its shape (:func:`number_key`): a year, one or two digits, three digits,
or any other number, each a word (and class) of its own.  One ``<num>`` for all of them made a
number likely after any word (numbers follow many distinct words) and said nothing of which
number: ``عام`` is followed by a year, ``المادة`` by a small number, a day comes before a month
and a year after it.

The table (``indexer/tables/ar_pairs_kn.tsv.gz``, written by
``indexer/tables/build_tables.py --pairs-only``) keeps each word's counts with its following
words and classes (prunable by count, where pruned pairs keep their mass in the backoff since
the ``N(a .)`` counts include them; the committed table keeps all) and all class pairs.  A word's followers stay one string until
the word is first asked about, so loading is quick.  Loaded lazily, once per process
(:func:`pair_model`).  Same scoring interface as :class:`indexer.lexicon.Bigrams`
(``logp``, ``prior``, ``score``):

>>> m = pair_model()
>>> m.logp("حقوق", "الإنسان") > m.logp("الإنسان", "حقوق")
True
"""
from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from indexer.lexicon import NUM, model_key, shape

TABLE = "ar_pairs_kn.tsv.gz"

_ARABIC_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "0123456789")
#: The keys of numbers, by shape (:func:`number_key`).
NUMBER_KEYS = frozenset({"<year>", "<num2>", "<num3>", NUM})
_YEAR = re.compile(r"(?:1[89]|20)[0-9]{2}")
_NUMBER = re.compile(r"[0-9\u0660-\u0669]+(?:[.,/][0-9\u0660-\u0669]+)*")


def number_key(token: str) -> str:
    """The key of a number by its shape: ``<year>`` (``2022``, ``١٩٤٨``), ``<num2>`` (one or
    two digits: a day, an article, a paragraph), ``<num3>`` (three digits: a count, or the
    group after a thousands space in ``3 204``), else ``<num>`` (``12.5``, ``2/3``, ``10000``).
    A token that only starts with a number is keyed by that number (``"1-"``, ``"2012-2013"``),
    as :func:`indexer.lexicon.lm_tokens` cuts the table's sentences."""
    found = _NUMBER.match(token)  # as the table's sentences are cut: ``"1-"`` -> ``"1"``
    digits = (found.group() if found else token).translate(_ARABIC_DIGITS)
    if digits.isdigit():
        if len(digits) <= 2:
            return "<num2>"
        if len(digits) == 3:
            return "<num3>"
        if _YEAR.fullmatch(digits):
            return "<year>"
    return NUM


def pair_key(token: str) -> str:
    """A token as this model keys it: :func:`indexer.lexicon.model_key`, a number by its
    shape (:func:`number_key`): ``"عام"`` -> ``"عام"``, ``"2024"`` -> ``"<year>"``."""
    key = model_key(token)
    return number_key(token) if key == NUM and not token.startswith("<") else key


@dataclass
class PairModel:
    """See the module docstring.  ``ctx``: word -> (count as first word, distinct following
    words, distinct following classes); ``cont``: word -> distinct left neighbours;
    ``follow``: word -> (its following words, its following classes), each a string
    ``"x count x count ..."`` parsed on first use; ``cls_pairs``: (A, B) -> count.
    """

    ctx: dict[str, tuple[int, int, int]]
    cont: dict[str, int]
    follow: dict[str, tuple[str, str]]
    cls_pairs: dict[tuple[str, str], int]
    top: frozenset[str]
    discounts: tuple[float, float, float] = (0.8, 0.8, 0.8)
    _cls_ctx: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    _cls_cont: dict[str, float] = field(default_factory=dict, repr=False)
    #: class -> (continuation counts of its words, number of its words)
    members: dict[str, tuple[int, int]] = field(default_factory=dict)
    _cls_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _words: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    _classes: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        ctot: dict[str, int] = {}
        cfol: dict[str, int] = {}
        ccont: dict[str, int] = {}
        for (a, b), n in self.cls_pairs.items():
            ctot[a] = ctot.get(a, 0) + n
            cfol[a] = cfol.get(a, 0) + 1
            ccont[b] = ccont.get(b, 0) + 1
        self._cls_ctx = {a: (ctot[a], cfol[a]) for a in ctot}
        distinct = len(self.cls_pairs) or 1
        self._cls_cont = {c: n / distinct for c, n in ccont.items()}
        self._cls_floor = 0.5 / distinct

    @classmethod
    def load(cls, path=None) -> "PairModel":
        """Read the committed table, or the one at ``path`` (rows described in
        ``indexer/tables/build_tables.py``, ``build_pair_model``)."""
        ctx: dict[str, tuple[int, int, int]] = {}
        cont: dict[str, int] = {}
        follow: dict[str, tuple[str, str]] = {}
        cls_pairs: dict[tuple[str, str], int] = {}
        members: dict[str, tuple[int, int]] = {}
        top: list[str] = []
        discounts = (0.8, 0.8, 0.8)
        path = path or resources.files("indexer").joinpath("tables", TABLE)
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            text = fh.read()
        for line in text.split("\n"):
            f = line.split("\t")
            n = len(f)
            if n == 7:  # a word: cont, total, followers, follower classes, followers' lists
                if f[1] != "0":
                    cont[f[0]] = int(f[1])
                if f[2] != "0":
                    ctx[f[0]] = (int(f[2]), int(f[3]), int(f[4]))
                if f[5] or f[6]:
                    follow[f[0]] = (f[5], f[6])
            elif n == 4:
                if f[0] == "C":
                    cls_pairs[(f[1], f[2])] = int(f[3])
                elif f[0] == "M":
                    members[f[1]] = (int(f[2]), int(f[3]))
                else:
                    discounts = (float(f[1]), float(f[2]), float(f[3]))
            elif f[0] == "T":
                top.append(f[1])
        return cls(ctx, cont, follow, cls_pairs, frozenset(top), discounts, members=members)

    def pair_count(self, ka: str, kb: str) -> int:
        """Times the keyed word ``kb`` follows ``ka`` (0 if unseen or pruned)."""
        return self._followers(self._words, 0, ka).get(kb, 0)

    def class_count(self, ka: str, c: str) -> int:
        """Times a word of class ``c`` follows the keyed word ``ka`` (0 if unseen or pruned)."""
        return self._followers(self._classes, 1, ka).get(c, 0)

    def _followers(self, parsed: dict[str, dict[str, int]], which: int, ka: str) -> dict[str, int]:
        """``ka``'s following words (``which`` 0) or classes (1), parsed into ``parsed`` on first use."""
        d = parsed.get(ka)
        if d is None:
            d = parsed[ka] = _parse(self.follow.get(ka, ("", ""))[which])
        return d

    def cls(self, key: str) -> str:
        """The class of a keyed word: itself if frequent, else its shape."""
        c = self._cls_cache.get(key)
        if c is None:
            if len(self._cls_cache) > 300_000:
                self._cls_cache.clear()
            c = self._cls_cache[key] = key if key in self.top else shape(key)
        return c

    def member(self, kb: str, c: str) -> float:
        """``P(kb | c)``: the word's share of its class by continuation counts."""
        if kb == c:
            return 1.0
        mass, types = self.members.get(c, (0, 0))
        return (self.cont.get(kb, 0) + 0.5) / (mass + 0.5 * (types + 1))

    def p_cls_cls(self, ca: str, c: str) -> float:
        """``P(c | ca)``: the class of the next word after a word of class ``ca``."""
        low = self._cls_cont.get(c, self._cls_floor)
        t = self._cls_ctx.get(ca)
        if t is None:
            return low
        return _interpolate(self.cls_pairs.get((ca, c), 0), self.discounts[2], t[0], t[1], low)

    def p_cls(self, ka: str, c: str) -> float:
        """``P(c | ka)``: the class of the next word after the keyed word ``ka``."""
        low = self.p_cls_cls(self.cls(ka), c)
        t = self.ctx.get(ka)
        if t is None:
            return low
        return _interpolate(self.class_count(ka, c), self.discounts[1], t[0], t[2], low)

    def prob(self, ka: str, kb: str) -> float:
        """``P(kb | ka)`` for keyed words."""
        c = self.cls(kb)
        low = self.p_cls(ka, c) * self.member(kb, c)
        t = self.ctx.get(ka)
        if t is None:
            return low
        return _interpolate(self.pair_count(ka, kb), self.discounts[0], t[0], t[1], low)

    def logp(self, a: str, b: str) -> float:
        """log10 ``P(b | a)`` (surface forms; keyed with :func:`pair_key`)."""
        return math.log10(self.prob(pair_key(a), pair_key(b)))

    def prior(self, b: str) -> float:
        """log10 of ``b``'s probability with no context (its class's continuation share)."""
        kb = pair_key(b)
        c = self.cls(kb)
        return math.log10(self._cls_cont.get(c, self._cls_floor) * self.member(kb, c))

    def score(self, tokens: list[str]) -> float:
        """Sum of :meth:`logp` over adjacent pairs of ``tokens``."""
        return sum(self.logp(a, b) for a, b in zip(tokens, tokens[1:]))


def _interpolate(count: int, d: float, total: int, distinct: int, low: float) -> float:
    """One level of interpolated absolute discounting: ``count`` of ``total`` less the
    discount ``d``, plus the discounted mass (``d`` times ``distinct`` followers) times ``low``."""
    return max(count - d, 0.0) / total + d * distinct / total * low


def _parse(items: str) -> dict[str, int]:
    """``"x 3 y 2"`` -> ``{"x": 3, "y": 2}``."""
    f = items.split(" ") if items else []
    return dict(zip(f[::2], map(int, f[1::2])))


@lru_cache(maxsize=1)
def pair_model() -> PairModel:
    """The shared :class:`PairModel`, loaded on first use."""
    return PairModel.load()
