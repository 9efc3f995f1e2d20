"""Order repair within a line: runs emitted out of order, reversed lines, visual order.

A PDF line of right-to-left text is often extracted as several *runs* (text objects) in the
wrong order: ``"توصية لم تتمكن ...   35أحاطت جمهورية كازاخستان علماً بـ  -1"`` for
``"-1 أحاطت جمهورية كازاخستان علماً بـ 35 توصية لم تتمكن ..."``.  Runs are cut where the
extraction leaves a trace (a run of spaces, a tatweel-split word, a number glued to a letter,
a full stop glued to a word); the order with the best word-pair score (:mod:`indexer.pair_model`)
wins, with a prior that prefers the order as found, then the runs reversed.

This module makes the candidate orders and chooses among them; its parts live in their own
modules: the runs (:mod:`indexer.repair_runs`), the score of one order
(:mod:`indexer.repair_order_score`), the document's habit (:mod:`indexer.repair_habit`),
footnote markers (:mod:`indexer.repair_footnotes`) and the line's text around a move
(:mod:`indexer.repair_tidy`).

>>> reverse_visual("ةدحتملا )39(")
'(39) المتحدة'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, permutations

from indexer.lexicon import Bigrams
from indexer.pair_model import PairModel
from indexer.repair_order_search import reversed_cuts, search_orders
from indexer.repair_paragraph_edges import ends_with_stop
from indexer.repair_headings import GLUED_READ_ON, glued_numbers, glued_read_on
from indexer.repair_pieces import STRETCHED_PROCLITICS, breaks_cost, letters, pair_pieces
from indexer.repair_tables import TATWEEL
from indexer.repair_habit import (  # EDGE_CUT_COST, HABIT_BONUS, document_habit: only re-exported
    CUT_COST,
    EDGE_CUT_COST,
    EDGE_RUN_WORDS,
    HABIT_BONUS,
    MARKER_APART,
    Habit,
    document_habit,
)
from indexer.repair_footnotes import (
    GLUED_MARK,
    _looking_through_glued_marks,
    _marker_to_run_start,
    attach_footnotes,
    is_footnote,
)
from indexer.repair_runs import (
    ARABIC,
    MARKER,
    ORDINAL,
    Run,
    hard_chunks,
    is_head_piece,
    is_tail_piece,
    split_runs,
)
from indexer.repair_order_score import (
    FULL_STOPS,
    NUMBER_TOKEN,
    _lm_tokens,
    join_pieces,
    lm_score,
    order_model,
    score_order,
)
from indexer.repair_tidy import (  # join_digit_groups, join_split_words: only re-exported
    _ordinal_first,
    _plain,
    _tidy_moved,
    join_digit_groups,
    join_split_words,
)


GLUE = re.compile(r"\d[\u0621-\u064A]{2}|[\u0621-\u064A]{2}\d|[\u0621-\u064A][.؛][\u0621-\u064A]")
SPACED_MARKER = re.compile(r"(?<!\S)-\s([0-9]+)(?!\S)")
FOREIGN = re.compile(r"[A-Za-z\u0400-\u04FF]{2,}")

#: Families of candidate orders (each has its own prior adjustments in :func:`reorder_line`).
FOUND, REVERSED, SPACED_WORDS, OTHER = "found", "reversed", "spaced-words", "other"
VISUAL = "visual-blocks"
MAX_UNITS = 5          # runs chained by split words: all orders of at most this many units
PRIOR_UNITS = 1.4      # log10 penalty of a unit order other than the reversed one
MAX_PERMUTE = 4        # runs beyond this: only "as found", "reversed", "words reversed"
PRIOR_REVERSED = 0.4   # log10 penalty of reversing the runs
PRIOR_PERMUTED = 3.0   # log10 penalty of any other order
#: log10 penalty of reading a line laid out word by word as blocks cut at its split words,
#: each block reversed, in the order found (:func:`visual_blocks`): one block moved
PRIOR_VISUAL_BLOCKS = 1.4
#: ... plus this where the line began inside a word, read round from each place (a cut with
#: no trace)
VISUAL_ROUND_COST = 1.0
PRIOR_SEARCH = 1.0     # log10 penalty of an order found by searching many runs (plus its steps)
WORDS_REVERSED_SPACED = 0.3
WORD_BY_WORD_RUNS = 1.0  # log10 added to reversed runs in a line clearly laid out word by word
#: ... and to the other orders of its runs (not its blocks, :func:`visual_blocks`): held-out
#: blocks row 553 -> 495 words lost (1.0: 524, 3.0: 499), every other row unchanged
WORD_BY_WORD_OTHER = 2.0
ONE_BY_ONE_MIN = 4       # ... that is: at least this many runs of spaces between words
ONE_BY_ONE_SHARE = 0.6   # ... making this share of its gaps
#: log10 per side of a number set apart that an order breaks (:func:`sides_broken`)
NUMBER_SIDE_COST = 2.0
WEAK_CUE_COST = 1.5       # any reordering of a line whose only trace is runs of spaces
GLUE_COST = 2.5            # the order as found, in a line with a number glued to a word
PRIOR_ROTATED = 2.0        # the first or last run moved to the other end
PRIOR_WORD_ROTATED = 3.0   # the first or last word moved to the other end
PRIOR_WORDS_REVERSED = 2.0
BACKWARDS_FLOOR = 0.6      # the same in a document where many lines read backwards
NUMBERS_COST = 1.0     # log10: moving numbers against the document's habit
WORDS_REVERSED_PER_WORD = 0.3  # held-out clean UN lines: reversal scores > 0.3/word better in ~0.2%


#: A run of spaces between two tokens: a trace of runs (or of a lost glyph).
SPACES_RUN = re.compile(r"\S\s{2,}\S")


def _valid(order: tuple[Run, ...]) -> bool:
    """A run ending in a split word must be followed by a run starting with its tail."""
    heads = sum(r.head_piece for r in order)
    for a, b in zip(order, order[1:]):
        if a.tail_piece and not b.head_piece and heads:
            return False
    return not order[0].head_piece


def order_candidates(runs: list[Run], word_by_word: bool = False, known=None,
                     per_word: float = WORDS_REVERSED_PER_WORD, search=None, numbers: str = "",
                     traced: bool = False, cuts=None, gap_join=None, blocks: bool | None = None):
    """Yield ``(tokens, prior)`` for the orders worth scoring.

    ``word_by_word``: most gaps of the line are runs of spaces, the trace of an extraction
    that placed each word on its own (seen in paragraphs printed in reversed word order).
    ``cuts(words, free, cuttable)``: where to cut a line of one run into runs to reverse, as
    ``(positions, cost)`` (:func:`indexer.repair_order_search.reversed_cuts`); the caller gives it for lines with a
    trace, a paragraph marker printed last among them (which alone does not call for the
    other run orders: a line that is only reversed words also ends with its marker).
    ``gap_join(a, b)``: are ``a b`` the pieces of one word whose lost letter shows as a
    space (``عد مي``)? The orders that move single words keep such pieces together.
    """
    n = len(runs)
    words = [t for r in runs for t in r.tokens]
    seen: set[tuple[str, ...]] = set()

    def emit(tokens: list[str], prior: float, family: str = OTHER):
        key = tuple(tokens)
        if key not in seen:
            seen.add(key)
            yield tokens, prior, family

    yield from emit(words, 0.0, FOUND)
    if traced or word_by_word or any(r.hard for r in runs[1:]):
        # footnote markers as runs of their own are looked through by the pair score: the
        # search (which scores the junctions) sees them attached to the words they annotate
        attached = attach_footnotes(runs)
        if word_by_word if blocks is None else blocks:
            # first: a reading also found among the run orders is priced as blocks
            readings = visual_blocks(runs, known, gap_join)
            extra = VISUAL_ROUND_COST if len(readings) > 1 else 0.0
            for reading in readings:
                yield from emit(reading, PRIOR_VISUAL_BLOCKS + extra, VISUAL)
        yield from _run_orders(runs, emit, known, search if len(attached) == n else None, numbers)
        if len(attached) < n:
            yield from _run_orders(attached, emit, known, search, numbers)
    attached = attach_footnotes(runs)
    if cuts is not None and not any(r.hard for r in attached[1:]):
        # no hard run boundary (one run, or runs cut only at a number's edge), in a line with a
        # trace of scrambling: cut it where the extraction left no trace (one space), at a
        # price, and reverse the pieces
        yield from _cut_orders(attached, emit, cuts, gap_join)
    if len(words) >= 3:
        # one word carried to the other end of the line (``اننسان. ويمتمل ... لحقوق``)
        # with a sentence's end as the trace: it starts the line, or only one word follows it
        # (not the piece of a word split by a lost letter: its other piece stays beside it)
        def apart(a: str, b: str) -> bool:
            return gap_join is None or not gap_join(a, b)
        if words[0].endswith(FULL_STOPS) and apart(words[0], words[1]):
            yield from emit(words[1:] + words[:1], PRIOR_WORD_ROTATED)
        if (words[-2].endswith(FULL_STOPS) and not words[-1].endswith(FULL_STOPS)
                and apart(words[-2], words[-1])):
            yield from emit(words[-1:] + words[:-1], PRIOR_WORD_ROTATED)
    if len(words) >= 2:
        # a document where many lines read backwards (``per_word`` lowered): short lines too
        floor = PRIOR_WORDS_REVERSED if per_word >= WORDS_REVERSED_PER_WORD else BACKWARDS_FLOOR
        prior = WORDS_REVERSED_SPACED if word_by_word else max(floor, per_word * len(words))
        yield from emit(reverse_words(words, gap_join), prior, SPACED_WORDS if word_by_word else OTHER)


def _cut_orders(runs: list[Run], emit, cuts, gap_join=None):
    """Reversed runs with the best extra cuts (see :func:`indexer.repair_order_search.reversed_cuts`):
    hard run boundaries are free cuts (a number's edge is paid, as one space); no cut inside a
    split word (by tatweel, or by a lost letter: ``gap_join``) or before a footnote marker."""
    words = [t for r in runs for t in r.tokens]
    free = [False] * len(words)
    k = 0
    for r in runs:
        free[k] = k > 0 and r.hard
        k += len(r.tokens)
    cuttable = [i > 0 and (free[i] or not (is_tail_piece(words[i - 1]) or is_head_piece(words[i])
                                           or is_footnote(words[i])
                                           or (gap_join is not None and gap_join(words[i - 1], words[i]))))
                for i in range(len(words))]
    for positions, paid in cuts(words, free, cuttable):
        bounds = [0] + positions + [len(words)]
        segments = [words[a:b] for a, b in zip(bounds, bounds[1:])]
        yield from emit([t for seg in reversed(segments) for t in seg], PRIOR_REVERSED + paid,
                        REVERSED)


def _run_orders(runs: list[Run], emit, known, search, numbers: str):
    """The candidate orders of a line with a hard run boundary (see :func:`order_candidates`);
    a line cut only at the edges of its numbers left no trace of scrambling."""
    n = len(runs)
    rev = list(reversed(runs))
    chunks = hard_chunks(runs)
    by_chunks = [t for c in reversed(chunks) for r in c for t in r.tokens]
    soft = 1 < len(chunks) < n  # some runs are cut only at a number's edge
    if soft and numbers == "stay":
        yield from emit(by_chunks, PRIOR_REVERSED, REVERSED)
    yield from emit([t for r in rev for t in r.tokens],
                    PRIOR_REVERSED + (NUMBERS_COST if soft and numbers == "stay" else 0.0), REVERSED)
    if soft and numbers != "stay":
        yield from emit(by_chunks, PRIOR_REVERSED + (NUMBERS_COST if numbers == "move" else 0.0), REVERSED)
    for fixed in _chain_fixes(rev):
        yield from emit([t for r in fixed for t in r.tokens], PRIOR_UNITS)
    if n >= 2:
        yield from emit([t for r in runs[1:] + runs[:1] for t in r.tokens], PRIOR_ROTATED)
        yield from emit([t for r in runs[-1:] + runs[:-1] for t in r.tokens], PRIOR_ROTATED)
    if n <= MAX_PERMUTE:
        for perm in permutations(runs):
            if _valid(perm):
                yield from emit([t for r in perm for t in r.tokens], PRIOR_PERMUTED)
    units = _units(rev, known)
    # the orders of a few units before the search's: an order both find is one block moved
    # (its breaks' prior), not a path of jumps through many runs
    if 1 < len(units) <= MAX_UNITS and len(units) < n:
        for perm in permutations(units):
            as_reversed = list(perm) == units
            yield from emit([t for u in perm for r in u for t in r.tokens],
                            PRIOR_REVERSED if as_reversed else PRIOR_UNITS + breaks_cost(perm, units),
                            REVERSED if as_reversed else OTHER)
    if n > MAX_PERMUTE and search is not None:
        # the search orders units: runs chained by their split words, in the order found
        found_units = [Run([t for r in u for t in r.tokens], u[0].hard) for u in reversed(units)]
        for path, prior in search(found_units):
            yield from emit([t for i in path for t in found_units[i].tokens], PRIOR_SEARCH + prior)


def visual_blocks(runs: list[Run], known=None, gap_join=None) -> list[list[str]]:
    """A line laid out word by word (visual order) whose stretched words cut it into blocks
    emitted in the order found: each block's words reversed (:func:`reverse_words`: a single
    space in such a line is chance, not a run), the blocks kept in order, and each split word,
    whose pieces meet at a junction tail first (the visual order of one word), put head
    first.  Empty if the line has no split word that this joins; several readings where the
    line began inside a word (:func:`_read_round`).

    A block starts at a word's tail and ends at a word's head: ``ــجيل  عن  ــيتهم  منهم  أثبت
    تســـ`` is ``[ــجيل عن] [ــيتهم منهم أثبت تســـ]``, read ``عن ـجيل | تسـ أثبت منهم ـيتهم``
    and joined ``عن تسجيل أثبت منهم ـيتهم``.

    >>> runs = [Run(["ــجيل"]), Run(["عن"]), Run(["ــيتهم"]), Run(["منهم"]), Run(["أثبت", "تســـ"])]
    >>> [" ".join(r) for r in visual_blocks(runs)]
    ['عن تســـ ــجيل أثبت منهم ــيتهم']
    """
    words = [t for r in runs for t in r.tokens]
    heads, tails = _joining_pieces(words, known)
    blocks: list[list[str]] = [[]]
    for i, t in enumerate(words):
        if i in tails and blocks[-1]:
            blocks.append([])
        blocks[-1].append(t)
        if i in heads:
            blocks.append([])
    tokens = [t for b in blocks for t in reverse_words(b, gap_join)]
    out: list[str] = []
    joined = False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (is_head_piece(t) and is_tail_piece(nxt)
                and (known is None or known(nxt.rstrip(TATWEEL) + t.lstrip(TATWEEL)))):
            out += [nxt, t]
            joined = True
            i += 2
        else:
            out.append(t)
            i += 1
    if (len(out) > 2 and is_tail_piece(out[0]) and is_head_piece(out[-1])
            and (known is None or known(out[0].rstrip(TATWEEL) + out[-1].lstrip(TATWEEL)))):
        # the line began inside a word: its head starts the reading and its tail ends it
        return _read_round(out)
    return [out] if joined else []


def _joining_pieces(words: list[str], known=None) -> tuple[set[int], set[int]]:
    """The places of the word heads (``تســـ``) and word tails (``ــجيل``) of ``words`` that
    make a word with some piece of the other kind in the line (``known``; any, if ``None``):
    the only cuts between blocks.  A proclitic stretched beside a number (the text's own
    ``الـ 17``, ``لـ 9``) is one only where the most joins of the line's pieces need it,
    not in place of another head.

    >>> _joining_pieces(["17", "الـ", "تســـ", "ــجيل"], lambda w: w in ("تسجيل", "الجيل"))
    ({2}, {3})
    """
    heads = [i for i, t in enumerate(words) if is_tail_piece(t)]
    tails = [i for i, t in enumerate(words) if is_head_piece(t)]

    def joins(h: int, t: int) -> bool:
        return known is None or known(words[h].rstrip(TATWEEL) + words[t].lstrip(TATWEEL))

    def beside_number(h: int) -> bool:
        return (letters(words[h]) in STRETCHED_PROCLITICS
                and any(0 <= k < len(words) and NUMBER_TOKEN.match(words[k]) for k in (h - 1, h + 1)))

    partner: dict[int, int] = {}  # tail -> head

    def augment(h: int, seen: set[int]) -> bool:
        for t in tails:
            if t not in seen and joins(h, t):
                seen.add(t)
                if t not in partner or augment(partner[t], seen):
                    partner[t] = h
                    return True
        return False
    # the other heads first: a matched head stays matched by later augmenting paths
    for h in sorted(heads, key=beside_number):
        augment(h, set())
    cut_heads = {h for h in heads if (h in partner.values() if beside_number(h)
                                      else any(joins(h, t) for t in tails))}
    return cut_heads, {t for t in tails if any(joins(h, t) for h in cut_heads)}


def _read_round(tokens: list[str]) -> list[list[str]]:
    """A reading whose first token is the head of a word and whose last is that word's tail
    (the extraction began the line inside that word), read round from each place: the word
    joined, the cut where the line really began unknown (one space, no trace).

    >>> [" ".join(r) for r in _read_round(["تســـ", "504", "عن", "ــجيل"])]
    ['504 عن تســـ ــجيل', 'عن تســـ ــجيل 504', 'تســـ ــجيل 504 عن']
    """
    head, mid, tail = tokens[0], tokens[1:-1], tokens[-1]
    return [mid[c:] + [head, tail] + mid[:c] for c in range(len(mid) + 1)]


#: The article alone (``ال وية``: a word whose lost glyph left a space) stays with what follows.
BARE_ARTICLE = frozenset({"ال", "وال", "بال", "فال", "كال", "لل"})


def reverse_words(words: list[str], gap_join=None) -> list[str]:
    """``words`` in reversed order, a bare article kept before the rest of its word:
    ``["277", "ال", "وية"]`` -> ``["ال", "وية", "277"]``; so are the two pieces of a word whose
    lost letter the font showed as a space, when ``gap_join(a, b)`` says they are one
    (``["الجنسية.", "عد", "مي"]`` -> ``["عد", "مي", "الجنسية."]``)."""
    groups: list[list[str]] = []
    for w in words:
        if groups and (groups[-1][-1] in BARE_ARTICLE
                       or (gap_join is not None and gap_join(groups[-1][-1], w))):
            groups[-1].append(w)
        else:
            groups.append([w])
    return [w for g in reversed(groups) for w in g]


def _units(runs: list[Run], known=None) -> list[list[Run]]:
    """Runs chained into units by their split words: each run ending in the head of a word
    is joined to the run holding its tail, preferring a pairing that makes a known word
    (``والمسـ`` + ``ــيرات``, not ``والمسـ`` + ``ــول``)."""
    tails = [i for i, r in enumerate(runs) if r.tail_piece]
    heads = [i for i, r in enumerate(runs) if r.head_piece]
    nxt: dict[int, int] = {}
    free = list(heads)
    for t in tails:
        options = [h for h in free if h != t]
        if not options:
            continue
        word = runs[t].tokens[-1].rstrip(TATWEEL)
        good = [h for h in options if known is None or known(word + runs[h].tokens[0].lstrip(TATWEEL))]
        if not good and getattr(known, "strict", False):
            continue  # the split words were paired first (indexer.repair_pieces): no other join
        h = (good or options)[0]
        nxt[t] = h
        free.remove(h)
    starts = [i for i in range(len(runs)) if i not in nxt.values()]
    units, used = [], set()
    for i in starts:
        unit, j = [], i
        while j is not None and j not in used:
            used.add(j)
            unit.append(runs[j])
            j = nxt.get(j)
        units.append(unit)
    for i in range(len(runs)):  # a cycle left over: keep its runs in place
        if i not in used:
            units.append([runs[i]])
    return units


def _chain_fixes(runs: list[Run]) -> list[list[Run]]:
    """Two repairs of a run order whose split words are apart: pull each word's tail run
    after its head run, or push the head run before its tail run."""
    out = []
    for pull in (True, False):
        order = list(runs)
        for _ in range(len(order)):
            bad = next((i for i, r in enumerate(order) if r.tail_piece and
                        (i + 1 == len(order) or not order[i + 1].head_piece)), None)
            if bad is None:
                break
            j = next((k for k, r in enumerate(order) if r.head_piece and k != bad + 1 and
                      (k == 0 or not order[k - 1].tail_piece)), None)
            if j is None:
                break
            if pull:
                tail = order.pop(j)
                order.insert(bad + (0 if j < bad else 1), tail)
            else:
                head = order.pop(bad)
                order.insert(j - (1 if bad < j else 0), head)
        out.append(order)
    return out


def reorder_line(line: str, before: list[str] | None = None, after: list[str] | None = None,
                 lm: Bigrams | PairModel | None = None, clean=None, known=None,
                 weak_cost: float = WEAK_CUE_COST,
                 per_word: float = WORDS_REVERSED_PER_WORD, habit: Habit = Habit(),
                 word_score=None, gap_join=None) -> tuple[str, str]:
    """Best order of the runs of ``line``; returns ``(new_line, why)`` (``why`` empty if kept).

    Markers and ordinals are put first: ``"-12 ..."`` / ``"اولاا - ..."`` (repaired later).
    ``before``/``after`` are the neighbouring lines' tokens; ``clean`` see :func:`score_order`.
    ``weak_cost``: extra evidence a reorder needs when the line's only trace is runs of
    spaces (the caller passes 0 for documents where no lost glyph explains such runs).
    ``per_word``: evidence per word needed to read a line backwards (lower in a document
    where many lines read backwards).  ``word_score``: log10 score of a word, for pairing the
    pieces of split words (:mod:`indexer.repair_pieces`; default: the body font's reading).
    ``gap_join(a, b)``: the pieces of a word split by a lost letter (:func:`order_candidates`).
    """
    lm = lm or order_model()
    words = line.split()
    if not words or sum(bool(FOREIGN.search(w)) for w in words) * 3 > len(words):
        return line, ""  # Latin or Cyrillic text: never reordered
    runs, markers = split_runs(line)
    if not runs:
        return line, ""
    if clean is not None and weak_cost > 0:
        runs = merge_lost_letter_gaps(runs, clean)
    # a footnote marker emitted at the far edge of its run (``، ويجب ... التالية:( 7)``)
    as_split = runs
    runs = _marker_to_run_start(runs)
    before, after = list(before or []), list(after or [])
    if any(MARKER.match(m) for m in markers):
        before = ["<s>"]
    gaps = re.findall(r"(?<=[\u0621-\u064A\u064B-\u0652.،])\s+(?=[\u0621-\u064A])", line.strip())
    word_by_word = len(gaps) >= 4 and sum(len(g) >= 2 for g in gaps) >= 0.4 * len(gaps)
    # clearly laid out word by word: most words stand alone (a single space is chance)
    spaced = sum(len(g) >= 2 for g in gaps)
    one_by_one = spaced >= ONE_BY_ONE_MIN and spaced >= ONE_BY_ONE_SHARE * len(gaps)
    # the same counting the gaps beside numbers and brackets too, for the blocks' reading
    # (``visual_blocks``) and the price of the other run orders
    all_gaps = re.findall(r"(?<=\S)\s+(?=\S)", line.strip())
    spaced_all = sum(len(g) >= 2 for g in all_gaps)
    blocks = word_by_word or (len(all_gaps) >= 4 and spaced_all >= 0.4 * len(all_gaps))
    one_by_one = one_by_one or (spaced_all >= ONE_BY_ONE_MIN and spaced_all >= ONE_BY_ONE_SHARE * len(all_gaps))
    best_tokens, best_score = None, float("-inf")
    glued = bool(GLUE.search(line)) or _has_piece(runs) or line.lstrip()[:1] in ".،"
    # a paragraph marker printed after its paragraph's first line: the runs are in visual order
    marker_last = len(words) > 1 and bool(MARKER.match(words[-1]) or SPACED_MARKER.search(" ".join(words[-2:])))
    has_hard = any(r.hard for r in runs[1:])
    final_stop = habit.final_stop if after[:1] == ["</s>"] else 0.0
    glued_pairs = glued_numbers(line)  # a number glued before a word follows that word's run
    pair_cache: dict[tuple[str, str], float] = {}

    def pair(a: str, b: str) -> float:
        key = (a, b)
        v = pair_cache.get(key)
        if v is None:
            toks = [t if t.startswith("<") or clean is None else clean(t) for t in (a, b)]
            v = pair_cache[key] = lm_score(lm, _lm_tokens(toks))
        return v

    def search(rs: list[Run]):
        return search_orders(rs, pair, before=(before or [None])[-1], after=(after or [None])[0],
                             known=known, transparent=is_footnote, glued=glued_pairs)

    def cuts(words: list[str], free: list[bool], cuttable: list[bool]) -> list[tuple[list[int], float]]:
        ends = (before or [None])[-1], (after or [None])[0]
        found = [(positions, CUT_COST * paid) for positions, paid in reversed_cuts(
            words, pair, free=free, cuttable=cuttable, cost=CUT_COST, before=ends[0], after=ends[1])]
        if marker_apart and habit.edge_cut < CUT_COST:
            # one short run moved (the document's habit): that one cut at the lower price
            n = len(words)
            costs = [habit.edge_cut if min(i, n - i) <= EDGE_RUN_WORDS else CUT_COST for i in range(n)]
            found[:0] = [(positions, sum(costs[i] for i in positions if not free[i])) for positions, _ in
                      reversed_cuts(words, pair, free=free, cuttable=cuttable, cost=costs,
                                    before=ends[0], after=ends[1], max_paid=1)]
        return found

    found = [t for r in runs for t in r.tokens]
    if glued and SPACES_RUN.search(line.strip()) and any(GLUED_MARK.search(t) for t in found):
        # only in a line with other traces of scrambled runs (a glued number or split word, and
        # a run of spaces): a clean line (``نزع السلاح(1)؛``) is never reordered by it
        clean = _looking_through_glued_marks(clean, set(found))
    # split words paired first (an assignment over the pieces); the orders make those joins only
    pairing = pair_pieces(runs, word_score)
    if pairing.words:
        known = pairing.known  # strict: the orders make the pairing's joins only
    # ... after a run of spaces (a run of its own): a marker after one space may be the text's
    # own (``الجدول 29 زاي -17``), no trace of visual order that would justify cuts with no trace
    marker_apart = marker_last and bool(MARKER_APART.search(line))
    line_cuts = cuts if glued or marker_apart else None
    candidates = chain(((toks, prior, OTHER) for toks, prior in pairing.extra),
                       ((toks, prior + cost, family) for runs_v, cost in pairing.variants
                        for toks, prior, family in order_candidates(
                            runs_v, word_by_word, known, per_word, search, habit.numbers, glued,
                            line_cuts, gap_join, blocks)))
    sides = number_sides(pairing.variants[0][0])
    for tokens, prior, family in candidates:
        if sides:
            prior += NUMBER_SIDE_COST * sides_broken(tokens, sides)
        if has_hard and family in (REVERSED, SPACED_WORDS):
            prior -= habit.reverse  # the document's extraction is known to reverse runs
        if one_by_one and family == REVERSED:
            prior += WORD_BY_WORD_RUNS  # words placed one by one: a single space is no run
        elif one_by_one and family == OTHER:
            prior += WORD_BY_WORD_OTHER  # ... nor are the other orders of its runs
        if (glued or marker_last) and family == REVERSED:
            # extraction traces (a paragraph marker printed last among them): reversed runs are the usual case
            prior -= PRIOR_REVERSED - habit.reverse
        elif glued and family == FOUND:
            prior = GLUE_COST
        elif not glued and not word_by_word and family != FOUND:
            prior += weak_cost  # only runs of spaces: they may be lost glyphs, not runs
        if family != FOUND:
            prior += GLUED_READ_ON * glued_read_on(tokens, glued_pairs)
        s = score_order(tokens, before, after, lm, clean, known) - prior
        if final_stop and not ends_with_stop(tokens):
            s -= final_stop  # a paragraph's last line ends with a stop (the document's habit)
        if s > best_score:
            best_tokens, best_score = tokens, s
    assert best_tokens is not None
    head = [_ordinal_first(m) if ORDINAL.match(m) else m for m in markers]
    moved = _plain(best_tokens) != _plain(found) or runs is not as_split  # or a footnote marker moved
    relisted = " ".join(t for r in runs for t in r.tokens) != " ".join(
        w for w in line.split() if w not in markers and not MARKER.match(w))
    if not moved and not relisted and not any(ORDINAL.match(m) for m in markers):
        spaced = SPACED_MARKER.sub(r"-\1", line)
        return spaced, ("paragraph marker joined" if spaced != line else "")
    if moved:
        best_tokens = _tidy_moved(best_tokens)
    new = " ".join(head + best_tokens)
    if not moved:
        why = "recommendation list put in order" if relisted else "heading ordinal put first"
    elif _plain(best_tokens) == _plain(_tidy_moved(reverse_words(join_pieces(found)[0], gap_join))):
        why = "line in reversed word order"
    else:
        why = "runs of the line out of order"
    return new, why


def _has_piece(runs: list[Run]) -> bool:
    """Does a piece of a split word show, a trace of runs cut at a stretched word?  Not a
    proclitic the text itself writes with tatweel before a number (``مقارنة بـ 42``, ``لـ 9``,
    ``الـ 17``): a clean line holding one is no line of scrambled runs."""
    def own(k: int) -> bool:  # the run ends in a proclitic written before the next run's number
        return (letters(runs[k].tokens[-1]) in STRETCHED_PROCLITICS and k + 1 < len(runs)
                and bool(NUMBER_TOKEN.match(runs[k + 1].tokens[0])))
    return any(r.head_piece or (r.tail_piece and not own(k)) for k, r in enumerate(runs))


@dataclass(frozen=True)
class NumberSides:
    """A number that is a run of its own, set apart on both sides (a run of spaces or a
    glued word), with the words found to its left and right."""

    number: str
    left: str
    right: str


def number_sides(runs: list[Run]) -> list[NumberSides]:
    """The numbers of ``runs`` set apart on both sides, each with its neighbours as found
    (only where the number and both neighbours occur once in the line, so that an order's
    tokens name them)."""
    words = [t for r in runs for t in r.tokens]
    out = []
    for k in range(1, len(runs) - 1):
        run, nxt = runs[k], runs[k + 1]
        if not (run.hard and nxt.hard and len(run.tokens) == 1 and NUMBER_TOKEN.fullmatch(run.tokens[0])):
            continue
        side = NumberSides(run.tokens[0], runs[k - 1].tokens[-1], nxt.tokens[0])
        if all(words.count(t) == 1 for t in (side.number, side.left, side.right)):
            out.append(side)
    return out


def sides_broken(tokens: list[str], sides: list[NumberSides]) -> int:
    """How many sides of the numbers set apart (:func:`number_sides`) an order breaks.  A
    number printed left to right among right-to-left runs is placed by the direction
    algorithm between its neighbours: what is found to its right comes before it and what is
    found to its left after it (runs emitted left to right, reversed), or the other way round
    (runs in the order found).  Either way the number keeps one neighbour on each side; an
    order that puts both on one side of it moved the number away from its own words.

    >>> s = [NumberSides("3 204", "الجنسيةـ", "الكازاخسـ")]
    >>> sides_broken(["الكازاخسـ", "وحظي", "3 204", "منهم", "الجنسيةـ"], s)
    0
    >>> sides_broken(["3 204", "منهم", "الجنسيةـ", "الكازاخسـ", "وحظي"], s)
    1
    """
    where = {t: i for i, t in enumerate(tokens)}
    broken = 0
    for s in sides:
        n, a, b = where.get(s.number), where.get(s.left), where.get(s.right)
        if n is None or a is None or b is None:
            continue
        visual = (b > n) + (a < n)    # found right before it, found left after it
        logical = (a > n) + (b < n)   # as found
        broken += min(visual, logical)
    return broken


def merge_lost_letter_gaps(runs: list[Run], clean) -> list[Run]:
    """In a document whose font loses letters as spaces: a run of spaces after a word whose
    repair adds its lost final letter (``أخر  من`` -> ``أخرى من``) is that letter's glyph,
    not a run boundary, so the runs on either side are one run."""
    out = [runs[0]]
    for r in runs[1:]:
        prev = out[-1]
        last = prev.tokens[-1]
        fixed = clean(last)
        if (r.hard and not r.head_piece and not prev.tail_piece and ARABIC.match(r.tokens[0])
                and len(fixed) == len(last) + 1 and fixed.startswith(last)):
            out[-1] = Run(prev.tokens + r.tokens, prev.hard)
        else:
            out.append(r)
    return out


def reverse_visual(line: str) -> str:
    """A visual-order line back to logical order: characters reversed, runs of digits and
    Latin kept left to right: ``"2022 ةنسل )39( مقر"`` -> ``"رقم (39) لسنة 2022"`` (the
    visual order stored the brackets as drawn, so reversing the line turns them round)."""
    rev = line[::-1]
    return re.sub(r"[0-9A-Za-z\u0660-\u0669]+(?:[.,:/-][0-9A-Za-z\u0660-\u0669]+)*",
                  lambda m: m.group(0)[::-1], rev)
