"""Words cut into pieces inside a line: which piece goes with which, decided before ordering.

Justified PDF lines stretch words with tatweel, and an extraction may cut a stretched word in
two (``الكازاخســـ`` … ``ــتانية``).  When the runs of such a line come out of order, each
*word head* (a piece ending in tatweel, at the end of a run) must be joined to a *word tail*
(a piece starting with tatweel, at the start of a run).  With several split words in one line
the pieces can be paired many ways, and a greedy pairing makes wrong words
(``بصـ`` + ``ـلوا``, ``وحصـ`` + ``ـفتهم`` instead of ``بصفتهم``, ``وحصلوا``).  So the pairing
is an **assignment**: each join is scored by the lexicon after the body font's glyph repair
(``لشـ`` + ``ـخون`` reads ``لشؤون``), and the pairing with the best total is kept (all
pairings for a few pieces, a greedy one beyond :data:`EXHAUSTIVE`).

A line that wrapped round (its runs start in the middle of the real line) also cuts the word
at the wrap without any tatweel: the line ends with ``اله`` and a run starts with ``وية``
(``الهوية``), or it ends with ``ومنأما`` and starts with ``ت`` (``ومنظمات``).  Such a pair is
considered only where the line's last word or first word is one of the pieces, and only when
the join is a clearly better word than its two pieces apart (:data:`PLAIN_MARGIN`).

The order search then makes only the joins of the pairing (:attr:`Pairing.known`).  A run
joined to itself (``وية … عام. ويتطلب إدراج اله``) is a line that began inside that run:
each place the run can be cut is offered as a variant.

>>> from indexer.repair_order import Run
>>> runs = [Run(["ــلوا", "معا"]), Run(["بصـ"]), Run(["ــفتهم"]), Run(["وحصـ"])]
>>> score = lambda w: {"بصفتهم": -5.0, "وحصلوا": -5.5, "بصلوا": -6.0}.get(w, -10.5)
>>> sorted(pair_pieces(runs, score).words)
['بصفتهم', 'وحصلوا']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from indexer.repair_tables import TATWEEL
from indexer.repair_words import OOV_LOGP
from indexer.lexicon import PROCLITICS, strip_marks

#: Proclitics (with the article) that print stretched before a number: ``بـ 35``, ``الـ 17``.
STRETCHED_PROCLITICS = frozenset(p + a for p in PROCLITICS + ("",) for a in ("", "ال")) - {""}
NUMBER = re.compile(r"[(]?[\d\u0660-\u0669]")
#: Value of a join whose word the lexicon knows: ``KNOWN_BASE + score`` (scores are log10,
#: about -3 to -10), so that every known join is worth making.
KNOWN_BASE = 11.0
#: Value of joining two tatweel pieces into a word the lexicon does not know (a name): made
#: only when no piece has a better partner.
UNKNOWN_VALUE = 0.5
#: A join of a known word earns this much per letter: a long word is seldom made by chance
#: (``سـ`` + ``ـا`` makes the rare ``سا``; ``سـ`` + ``ـيزيد`` the longer ``سيزيد``).
LETTER_VALUE = 0.5
#: Value of joining a stretched proclitic before a number (``الـ`` … ``2012``) into a known
#: word: it is most often just that proclitic, so any other head of the tail wins.
PROCLITIC_VALUE = 1.0
#: The two pieces side by side in the order found (``كازاخســـ ــتان``): the usual case where
#: the word is unknown (a name); between known words the lexicon decides (a reversed line
#: puts wrong pieces side by side).
ADJACENT_BONUS = 3.0
ADJACENT_KNOWN_BONUS = 0.3
#: A join with a piece that has no tatweel costs this much (the evidence is weaker) ...
PLAIN_COST = 2.0
#: ... and needs its word this much likelier (log10) than its two pieces as words ...
PLAIN_MARGIN = 2.5
#: ... and at least this likely (log10): a common word, not a rare form ...
PLAIN_MIN_SCORE = -6.5
#: ... and at least this long (``مي`` + ``ي`` is no word cut at a wrap).
PLAIN_MIN_LETTERS = 5
#: Up to this many heads and tails: every pairing is tried (else greedy, best join first).
EXHAUSTIVE = 9
#: log10 prior of reading a wrapped line round its ring from another run (see
#: :func:`pair_pieces`): cheaper than moving a run to the other end without that evidence
#: (:data:`indexer.repair_order.PRIOR_ROTATED`).
WRAP_PRIOR = 1.0
#: log10 prior of reading a line chained into one by its split words from another word.
CHAIN_ROTATED = 3.0
#: log10 per break beyond the first in an order of units (see :func:`breaks_cost`).
UNIT_BREAK = 0.5
#: A run joined round on itself: at most this many places to cut it are offered ...
MAX_CUTS = 24
#: ... and with several such runs in a line, at most this many variants in all.
MAX_RING_VARIANTS = 64
#: At most this many other pairings of pieces that read alike (``الـ`` twice) are laid out,
#: each at this log10 prior (the assignment preferred the first) plus the value it loses ...
MAX_SWAPS = 4
SWAP_PRIOR = 1.0
#: ... and so is any swap of two partners that loses at most this much value (log10).
SWAP_MARGIN = 2.0


def is_word_head(token: str) -> bool:
    """``كازاخســـ``: the first piece of a split word; also ``ســـ`` (``ســـ ــيزيد``).  A one-letter
    head (``بـ 35`` is a letter before a number) is only joined into a known word."""
    return token.endswith(TATWEEL) and bool(letters(token))


def letters(token: str) -> str:
    """The Arabic letters of a piece (tatweel, marks and punctuation left out)."""
    return "".join(c for c in token if "\u0621" <= c <= "\u064A" and c != TATWEEL)


def is_word_tail(token: str) -> bool:
    """``ــتان``: the last piece of a split word."""
    return token.startswith(TATWEEL)


def core(token: str) -> str:
    """The letters of a piece as they join (``ــويت،`` -> ``ويت``)."""
    return letters(token)


def join_tokens(head: str, tail: str) -> str:
    """The joined word as it will be printed (tatweel is removed later)."""
    return head + tail


@dataclass(frozen=True)
class Piece:
    """One end of a run that may be part of a split word."""

    run: int
    token: str
    marked: bool  # carries the tatweel of a cut (else: a plain word at a wrapped line's edge)
    #: a stretched proclitic before a number (``الـ 2012``): joins only into a known word
    proclitic: bool = False


def candidates(runs: Sequence) -> tuple[list[Piece], list[Piece]]:
    """The word heads (ends of runs) and word tails (starts of runs) of a line.

    Marked pieces carry tatweel; the line's last word and the first word of each run (and
    the line's first word and the last word of each run) are plain candidates, for a line
    that wrapped round.
    """
    heads: list[Piece] = []
    tails: list[Piece] = []
    for i, r in enumerate(runs):
        last, first = r.tokens[-1], r.tokens[0]
        before_number = (i + 1 < len(runs) and NUMBER.match(runs[i + 1].tokens[0])
                         and letters(last) in STRETCHED_PROCLITICS)
        if before_number:
            # ``بـ 35``, ``الـ 17``: a proclitic stretched before a number, or the head of a
            # word whose tail is elsewhere (``في الـ``  ``2012 …`` … ``ــمائة``)
            if is_word_head(last):
                heads.append(Piece(i, last, True, proclitic=True))
        elif is_word_head(last):
            heads.append(Piece(i, last, True))
        elif _letters(last):
            heads.append(Piece(i, last, False))
        if is_word_tail(first):  # also a lone ``ــ`` (``أنشـ ــ``: a last glyph lost)
            tails.append(Piece(i, first, True))
        elif _letters(first):
            tails.append(Piece(i, first, False))
    return heads, tails


def _letters(token: str) -> bool:
    return bool(token) and all("\u0621" <= c <= "\u064A" or c == TATWEEL or "\u064B" <= c <= "\u0652"
                               for c in token) and not token.endswith(TATWEEL)


def join_value(h: Piece, t: Piece, score: Callable[[str], float],
               line_end: bool, line_start: bool) -> float | None:
    """Worth of joining head ``h`` to tail ``t`` (``None``: never).  ``line_end``: ``h`` is
    the line's last word; ``line_start``: ``t`` is its first word.  A plain piece (no
    tatweel) is only joined at the wrap of a line: one of the two is its last or first word."""
    if not (h.marked and t.marked) and not (line_end or line_start):
        return None
    if (h.marked and not t.marked and not line_start) or (t.marked and not h.marked and not line_end):
        # a cut after a joining letter is drawn with kashida on both sides, one after a
        # non-joining letter on neither; only at the line's edge may the stretch be trimmed
        # (``ال`` ending a line + ``ــدولة``). ``ــك`` starting a line is not the end of
        # ``وكذل`` inside it, which lost its ك as a space.
        return None
    word = core(h.token) + core(t.token)
    s = score(word)
    adjacent = t.run == h.run + 1
    known = s > OOV_LOGP
    if (len(core(h.token)) < 2 or h.proclitic) and not (t.marked and known):
        return None  # ``بـ 35``: a letter written before a number
    if h.marked and t.marked:
        if h.proclitic:
            return PROCLITIC_VALUE  # known (above): worth a join only where no head is better
        if not known:
            return UNKNOWN_VALUE + (ADJACENT_BONUS if adjacent else 0.0)
        return KNOWN_BASE + s + LETTER_VALUE * len(word) + (ADJACENT_KNOWN_BONUS if adjacent else 0.0)
    # the line's last word and its first word: the line was emitted from inside a word round
    # to it, the strongest sign of a wrap, so a known word read through the glyph map will do
    # (``لقد بُسف`` ending the line + ``طت`` starting it: ``بُسّطت``, a shadda shown as ف)
    floor = OOV_LOGP if (line_end and line_start) else max(PLAIN_MIN_SCORE, OOV_LOGP)
    if adjacent or s <= floor or len(word) < PLAIN_MIN_LETTERS:
        return None  # side by side with no tatweel: a lost glyph's space, the glyph repair's job
    if s < score(core(h.token)) + score(core(t.token)) + PLAIN_MARGIN or not in_lexicon(word):
        return None
    return KNOWN_BASE + s + LETTER_VALUE * len(word) - PLAIN_COST


def assign(values: list[list[float | None]]) -> list[tuple[int, int]]:
    """The pairs ``(head, tail)`` with the best total value; each used at most once.

    >>> assign([[5.0, 4.0], [4.5, 1.0]])
    [(0, 1), (1, 0)]
    """
    nh = len(values)
    nt = len(values[0]) if values else 0
    if nh == 0 or nt == 0:
        return []
    if nh > EXHAUSTIVE or nt > EXHAUSTIVE:
        return _greedy(values)
    memo: dict[tuple[int, int], tuple[float, tuple[tuple[int, int], ...]]] = {}

    def best(i: int, used: int) -> tuple[float, tuple[tuple[int, int], ...]]:
        if i == nh:
            return 0.0, ()
        key = (i, used)
        hit = memo.get(key)
        if hit is not None:
            return hit
        top = best(i + 1, used)
        for j in range(nt):
            v = values[i][j]
            if v is None or used >> j & 1:
                continue
            rest, pairs = best(i + 1, used | 1 << j)
            if v + rest > top[0] + 1e-9:
                top = (v + rest, ((i, j),) + pairs)
        memo[key] = top
        return top

    return list(best(0, 0)[1])


def _greedy(values: list[list[float | None]]) -> list[tuple[int, int]]:
    options = sorted(((v, i, j) for i, row in enumerate(values) for j, v in enumerate(row)
                      if v is not None), key=lambda x: (-x[0], x[1], x[2]))
    used_h, used_t, out = set(), set(), []
    for _, i, j in options:
        if i not in used_h and j not in used_t:
            used_h.add(i)
            used_t.add(j)
            out.append((i, j))
    return sorted(out)


def join_values(runs: Sequence, score: Callable[[str], float]) -> dict[tuple[int, int], float]:
    """``{(run of a word head, run of a word tail): value}`` of every join allowed."""
    heads, tails = candidates(runs)
    last = len(runs) - 1
    out = {}
    for h in heads:
        for t in tails:
            if h.run == t.run and len(runs[h.run].tokens) < 2:
                continue  # a piece is not its own partner
            v = join_value(h, t, score, h.run == last, t.run == 0)
            if v is not None:
                out[(h.run, t.run)] = v
    return out


def pair_runs(runs: Sequence, score: Callable[[str], float],
              values: dict[tuple[int, int], float] | None = None) -> dict[int, int]:
    """``{run of a word head: run of its word tail}`` for the line's runs (see module doc)."""
    values = join_values(runs, score) if values is None else values
    hs = sorted({h for h, _ in values})
    ts = sorted({t for _, t in values})
    matrix = [[values.get((h, t)) for t in ts] for h in hs]
    return {hs[i]: ts[j] for i, j in assign(matrix)}


_MODEL: list = []


def default_score(word: str) -> float:
    """log10 score of ``word`` after the body font's glyph repair (``لشخون`` reads ``لشؤون``)."""
    if not _MODEL:
        from indexer.repair_words import GlyphModel
        _MODEL.append(GlyphModel.body())
    return _MODEL[0].best(strip_marks(word.replace(TATWEEL, ""))).score


def _single_chain(nxt: dict[int, int], n: int) -> list[int] | None:
    """The run indexes in order if ``nxt`` chains all ``n`` runs into one, else ``None``."""
    if len(nxt) != n - 1:
        return None
    starts = [i for i in range(n) if i not in set(nxt.values())]
    if len(starts) != 1:
        return None
    order, i = [], starts[0]
    while i is not None and len(order) <= n:
        order.append(i)
        i = nxt.get(i)
    return order if len(order) == n else None


def in_lexicon(word: str) -> bool:
    """Is the reading of ``word`` a lexicon word as it stands, not only a proclitic plus a
    word (``في`` + ``ستند`` reads ``فيستند``, ``ف`` + ``يستند``: no word cut at a wrap)?"""
    if not _MODEL:
        default_score(word)
    return _MODEL[0].best(word).text in _MODEL[0].lex


def join_key(head: str, tail: str) -> str:
    """How a join is looked up: ``كازاخســـ`` + ``ــتان`` -> ``كازاخستان`` (tatweel gone)."""
    return (head.rstrip(TATWEEL) + tail.lstrip(TATWEEL)).replace(TATWEEL, "")


@dataclass
class Pairing:
    """The split words of a line, decided before its runs are ordered.

    ``variants``: ``(runs, prior)``, the line's runs with the pieces of each paired word
    marked by tatweel (a plain piece gets one: ``ال`` -> ``الـ``), one list per way to cut a
    run joined round on itself and per other pairing of pieces that read alike; ``words``: the joined words (:func:`join_key`), the only joins the order
    search may make; ``extra``: whole orders ``(tokens, prior)`` to score besides the
    orders of the variants (a line read round its ring, see :func:`pair_pieces`).
    """

    variants: list[tuple[list, float]]
    words: frozenset[str]
    extra: list[tuple[list[str], float]] = field(default_factory=list)

    @property
    def known(self) -> "PairedWords":
        """Is a word (two pieces joined) one of the paired words? (``strict``: no other join)"""
        return PairedWords(self.words)


@dataclass(frozen=True)
class PairedWords:
    """The ``known`` test of the order search once the pieces are paired: a join is known
    only if the pairing made it; ``strict`` tells :func:`indexer.repair_order._units` to
    chain no other runs."""

    words: frozenset[str]
    strict: bool = True

    def __call__(self, word: str) -> bool:
        return word.replace(TATWEEL, "") in self.words


def pair_pieces(runs: Sequence, score: Callable[[str], float] | None = None) -> Pairing:
    """Pair the pieces of the split words of ``runs`` (:class:`indexer.repair_order.Run`).

    Returns the runs unchanged (one variant, no words) when nothing pairs.  Pieces that read
    alike (``الـ`` twice) may swap partners: each such swap is laid out too (the words are
    the same, the runs they tie together differ).  For each way:

    - a run (or a stretch of runs cut only at numbers) whose last word joins its own first
      word (``وية … عام. ويتطلب إدراج اله``) holds the place where the line began: it is
      cut before each of its words in turn (:func:`ring_cuts`);
    - a word joining the line's last run to its first (a wrap): the line was emitted
      from a point in its middle round to that point: its runs read round from each run
      are orders to score (:data:`WRAP_PRIOR`);
    - runs that the split words chain all into one: the line read round from each word
      (:data:`CHAIN_ROTATED`; ``المتحدة السامية لشؤون الجنسية … الأمم`` -> ``الجنسية …
      الأمم المتحدة السامية لشؤون``): the extraction may have begun the line anywhere.
    """
    score = score or default_score
    values = join_values(runs, score)
    nxt = pair_runs(runs, score, values)
    if not nxt:
        return Pairing([(list(runs), 0.0)], frozenset())
    run_cls = type(runs[0])
    marked = [run_cls(list(r.tokens), r.hard) for r in runs]
    words = set()
    for h, t in nxt.items():
        head, tail = marked[h].tokens[-1], marked[t].tokens[0]
        if not head.endswith(TATWEEL):
            marked[h].tokens[-1] = head = head + TATWEEL
        if not tail.startswith(TATWEEL):
            marked[t].tokens[0] = tail = TATWEEL + tail
        words.add(join_key(head, tail))
    alternatives = [(nxt, 0.0)] + _swaps(nxt, values)[:MAX_SWAPS]
    for alt, _ in alternatives[1:]:
        words |= {join_key(marked[h].tokens[-1], marked[t].tokens[0]) for h, t in alt.items()}
    variants: list[tuple[list, float]] = []
    extra: list[tuple[list[str], float]] = []
    seen: set = set()
    for alt, cost in alternatives:
        for v in _ring_variants(marked, alt):
            key = tuple((r.text, r.hard) for r in v)
            if key not in seen:
                seen.add(key)
                variants.append((v, cost))
        n = len(runs)
        if n > 1 and alt.get(n - 1) == 0 and not _rings(marked, alt):
            extra += [([t for r in marked[k:] + marked[:k] for t in r.tokens], WRAP_PRIOR + cost)
                      for k in range(1, n)]
        order = _single_chain(alt, n)
        if order is not None:
            tokens = [t for i in order for t in marked[i].tokens]
            extra += [(tokens[k:] + tokens[:k], CHAIN_ROTATED + cost) for k in range(1, len(tokens))
                      if not (tokens[k - 1].endswith(TATWEEL) and tokens[k].startswith(TATWEEL))]
    return Pairing(variants, frozenset(words), extra)


def _rings(runs: list, nxt: dict[int, int]) -> list[tuple[int, int]]:
    """``(first, last)`` of each stretch of runs with no hard boundary inside whose last word
    joins its first (right to left)."""
    return sorted(((t, h) for h, t in nxt.items() if t <= h and not any(
        runs[k].hard for k in range(t + 1, h + 1)) and (t < h or len(runs[h].tokens) > 1)),
        reverse=True)


def _ring_variants(runs: list, nxt: dict[int, int]) -> list[list]:
    """``runs`` with each ring cut (right to left, so that the indexes of the rings before
    stay valid), at most :data:`MAX_RING_VARIANTS` in all; ``[runs]`` without a ring."""
    rings = _rings(runs, nxt)
    variants = [runs]
    if rings:
        quota = ring_quota([len(ring_cuts(runs, t, h)) for t, h in rings])
        for (t, h), k in zip(rings, quota):
            variants = [v2 for v in variants for v2 in ring_cuts(v, t, h)[:k]]
    return variants


def ring_quota(counts: list[int]) -> list[int]:
    """How many cuts of each ring to lay out: all of them while the product of the counts
    stays within :data:`MAX_RING_VARIANTS`, else the largest counts are trimmed first (a ring
    of one split word, ``دعـ``/``ــامة`` in one run, has one cut, and leaves the rest of the
    budget to a long ring, whose true cut may be near its end).

    >>> ring_quota([1, 13]), ring_quota([10, 4]), ring_quota([30])
    ([1, 13], [10, 4], [24])
    >>> ring_quota([20, 20, 20])
    [4, 4, 4]
    """
    quota = [max(1, min(c, MAX_CUTS)) for c in counts]

    def product() -> int:
        out = 1
        for q in quota:
            out *= q
        return out

    while len(quota) > 1 and product() > MAX_RING_VARIANTS:
        k = max(range(len(quota)), key=lambda i: quota[i])
        if quota[k] <= 2:
            break
        quota[k] -= 1
    return quota


def _swaps(nxt: dict[int, int], values: dict[tuple[int, int], float]
           ) -> list[tuple[dict[int, int], float]]:
    """Other pairings, each with its prior: two heads swap partners where that loses at most
    :data:`SWAP_MARGIN` of the assignment's value (pieces that read alike, ``الـ`` twice,
    lose nothing; ``للمـ`` + ``ـراقبين`` and ``المـ`` + ``ـؤرخ`` against ``للمـ`` +
    ``ـؤرخ`` and ``المـ`` + ``ـراقبين``: the lexicon alone can not tell, the order can).
    The prior is :data:`SWAP_PRIOR` plus the value lost; closest first."""
    items = list(nxt.items())
    out = []
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            (h1, t1), (h2, t2) = items[a], items[b]
            v12, v21 = values.get((h1, t2)), values.get((h2, t1))
            if v12 is None or v21 is None:
                continue
            loss = values[(h1, t1)] + values[(h2, t2)] - v12 - v21
            if loss <= SWAP_MARGIN:
                swapped = dict(nxt)
                swapped[h1], swapped[h2] = t2, t1
                out.append((swapped, SWAP_PRIOR + max(0.0, loss)))
    return sorted(out, key=lambda x: x[1])


def ring_cuts(runs: list, first: int, last: int) -> list[list]:
    """The line's runs with the ring ``runs[first..last]`` (one stretch of runs with no hard
    boundary inside, whose last word joins its first) cut before each of its words in turn:
    where the extraction began the line.  A cut inside a run splits it; the part after the
    cut starts with a hard boundary.  At most :data:`MAX_CUTS` variants.
    """
    run_cls = type(runs[0])
    out = []
    for m in range(first, last + 1):
        for o in range(len(runs[m].tokens)):
            if m == first and o == 0:
                continue  # no cut: the joined word would stay apart
            if o == 0:
                cut = [run_cls(list(runs[m].tokens), True)]
            else:
                cut = [run_cls(runs[m].tokens[:o], runs[m].hard), run_cls(runs[m].tokens[o:], True)]
            out.append(runs[:m] + cut + runs[m + 1:])
            if len(out) >= MAX_CUTS:
                return out
    return out


def breaks_cost(order: Sequence, units: Sequence) -> float:
    """Prior cost of an order of a line's units (runs chained by their split words) beyond
    :data:`UNIT_BREAK` per *break* after the first: a place where the next unit is not the
    one that follows in ``units`` (their reversed order).  One break is one block moved
    (the cheapest repair of an extraction's order); each further break is one more jump, as
    in the run search's step prior (:mod:`indexer.repair_order_search`).

    >>> breaks_cost("ABCD", "DABC"), breaks_cost("ADBC", "DABC")
    (0.0, 0.5)
    """
    where = {id(u): k for k, u in enumerate(units)}
    breaks = sum(1 for a, b in zip(order, order[1:]) if where[id(b)] != where[id(a)] + 1)
    return UNIT_BREAK * max(0, breaks - 1)
