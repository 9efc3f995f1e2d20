"""Order repair within a line: runs emitted out of order, reversed lines, visual order.

A PDF line of right-to-left text is often extracted as several *runs* (text objects) in the
wrong order: ``"توصية لم تتمكن ...   35أحاطت جمهورية كازاخستان علماً بـ  -1"`` for
``"-1 أحاطت جمهورية كازاخستان علماً بـ 35 توصية لم تتمكن ..."``.  Runs are cut where the
extraction leaves a trace (a run of spaces, a tatweel-split word, a number glued to a letter,
a full stop glued to a word); the order with the best word-pair score (:mod:`indexer.pair_model`)
wins, with a prior that prefers the order as found, then the runs reversed.

>>> reverse_visual("ةدحتملا )39(")
'(39) المتحدة'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, permutations

from indexer.lexicon import Bigrams, bigrams
from indexer.repair_citations import LOGICAL as LOGICAL_CITATION, fix_reversed_citations
from indexer.repair_footnote_edges import marker_to_run_start
from indexer.pair_model import PairModel, pair_model
from indexer.repair_order_search import reversed_cuts, search_orders
from indexer.repair_paragraph_edges import ends_with_stop
from indexer.repair_headings import GLUED_READ_ON, glued_numbers, glued_read_on
from indexer.repair_pieces import STRETCHED_PROCLITICS, breaks_cost, letters, pair_pieces
from indexer.repair_tables import TATWEEL

#: The word-pair model orders are scored with: ``"kn"`` (:mod:`indexer.pair_model`, smoothed
#: Kneser-Ney over words) or ``"classes"`` (:class:`indexer.lexicon.Bigrams`, the earlier
#: class-bigram model, kept for comparison).
ORDER_MODEL = "kn"


def order_model() -> "Bigrams | PairModel":
    """The shared pair model named by :data:`ORDER_MODEL`, loaded on first use."""
    return pair_model() if ORDER_MODEL == "kn" else bigrams()

#: ``-12`` / ``- 27``: a paragraph marker; ``-اولاا``: a heading ordinal.
MARKER = re.compile(r"^-\s?[0-9]+$")
ORDINAL = re.compile(r"^-[\u0621-\u064A]")
#: ``( 3)``: a footnote marker, kept as one token.
FOOTNOTE = re.compile(r"\(\s?\d+\)")
#: Digit groups split by spaces: ``22  000``, ``7  397``.
DIGIT_GROUPS = re.compile(r"(?<![\d.,/])(\d{1,3})(?:\s{1,3}(\d{3}))+(?![\d.,/])")
GLUE = re.compile(r"\d[\u0621-\u064A]{2}|[\u0621-\u064A]{2}\d|[\u0621-\u064A][.؛][\u0621-\u064A]")
#: A paragraph marker printed last, after a run of spaces: ``... بالتعاون مع   -12``.
MARKER_APART = re.compile(r"\S\s{2,}-\s?[0-9]+\s*$")
SPACED_MARKER = re.compile(r"(?<!\S)-\s([0-9]+)(?!\S)")
FOREIGN = re.compile(r"[A-Za-z\u0400-\u04FF]{2,}")
LEADING_STOP = re.compile(r"^\.(?=\S)")
ARABIC = re.compile(r"[\u0621-\u064A]")
DIGIT = re.compile(r"[0-9]")
#: A reversed recommendation list: ``17و 15و 4و 1`` (each ``وN`` shows as ``Nو``).
REVERSED_LIST_ITEM = re.compile(r"^\d+و$")
REVERSED_LIST = re.compile(r"(?<![\w\u0621-\u064A])(?:\d+و\s+)+(?:\d+(?![\d\s]*و)|\d+و(?=\s*$))")

#: Families of candidate orders (each has its own prior adjustments in :func:`reorder_line`).
FOUND, REVERSED, SPACED_WORDS, OTHER = "found", "reversed", "spaced-words", "other"
VISUAL = "visual-blocks"
MAX_UNITS = 5          # runs chained by split words: all orders of at most this many units
PRIOR_UNITS = 1.4      # log10 penalty of a unit order other than the reversed one
MAX_PERMUTE = 4        # runs beyond this: only "as found", "reversed", "words reversed"
PRIOR_REVERSED = 0.4   # log10 penalty of reversing the runs
PRIOR_PERMUTED = 3.0   # log10 penalty of any other order
CUT_COST = 2.5         # log10: a run boundary with no trace (one space) in reversed runs
#: ... in a line whose paragraph marker is printed last, set apart: a cut that leaves a short
#: run (at most this many words) at either end of the line, the paragraph's first or last
#: words emitted on their own, costs less where the document's habit is to move such runs
#: (:attr:`Habit.edge_cut`): about log10 of the 6 places such a cut can be (1-3 words at
#: either end) when a moved run is as likely as none; the held-out row is flat from 0.5 to
#: 1.0 (480-496 words lost, 470 at 0.75), worse at 0.25 (504) and 1.5 (548)
EDGE_RUN_WORDS = 3
EDGE_CUT_COST = 0.75
#: share of a document's marker-last lines of one run that must clearly show a moved run
EDGE_MOVED_SHARE = 0.15
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
LEADING_PUNCT_COST = 3.0
SENTENCE_INSIDE_COST = 1.0  # log10: a full stop inside the line, not at its end
ORPHAN_FOOTNOTE_COST = 1.0  # log10: a footnote marker that starts the line or follows another
NUMBERS_SIDE_BY_SIDE_COST = 2.0
#: log10 per side of a number set apart that an order breaks (:func:`sides_broken`)
NUMBER_SIDE_COST = 2.0
NUMBER_TOKEN = re.compile(r"[\d\u0660-\u0669]+(?: \d{3})*")
LOOSE_PIECE_COST = 2.5     # a split word whose other half is not next to it
WEAK_CUE_COST = 1.5       # any reordering of a line whose only trace is runs of spaces
GLUE_COST = 2.5            # the order as found, in a line with a number glued to a word
PRIOR_ROTATED = 2.0        # the first or last run moved to the other end
PRIOR_WORD_ROTATED = 3.0   # the first or last word moved to the other end
#: What ends a sentence for the order search (a hard stop; the glyph repair's
#: ``repair_words.SENTENCE_END`` also counts ؛ and : as a context break).
FULL_STOPS = (".", "؟", "!")
PRIOR_WORDS_REVERSED = 2.0
BACKWARDS_FLOOR = 0.6      # the same in a document where many lines read backwards
HABIT_MARGIN = 1.0     # log10: a line votes for the reversed or the found order by this much
HABIT_RATIO = 2.0      # reversing votes needed per found vote to call reversing the habit
HABIT_MIN_VOTES = 3
HABIT_BONUS = 1.5      # log10 taken off the reversed order's prior in such a document
HABIT_MAX_WORDS = 40
NUMBERS_COST = 1.0     # log10: moving numbers against the document's habit
WORDS_REVERSED_PER_WORD = 0.3  # held-out clean UN lines: reversal scores > 0.3/word better in ~0.2%


@dataclass
class Run:
    """A piece of a line extracted as one unit; ``tokens`` are its space-separated words."""

    tokens: list[str]
    hard: bool = True  # the boundary before this run is a hard trace (not only a number's edge)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def head_piece(self) -> bool:
        """Starts with the tail of a word split by tatweel (``ــتان``)."""
        return is_head_piece(self.tokens[0])

    @property
    def tail_piece(self) -> bool:
        """Ends with the head of a word split by tatweel (``كازاخســـ``)."""
        return is_tail_piece(self.tokens[-1])


#: Bound of the per-token memos below (a token's answer depends on the token alone; the
#: order search asks about the same tokens thousands of times per line).
TOKEN_MEMO = 1 << 16


@lru_cache(maxsize=TOKEN_MEMO)
def is_tail_piece(token: str) -> bool:
    """``كازاخســـ`` (the head of a split word); not ``بـ`` (a letter written before a number)."""
    return (token.endswith(TATWEEL) and len(ARABIC.findall(token)) >= 2
            and token.strip(TATWEEL) != "")  # a lone ``ــ`` is a word's tail (``أنشـ ــ``), no head


def is_head_piece(token: str) -> bool:
    """``ــتان`` (the tail of a split word)."""
    return token.startswith(TATWEEL)


def join_digit_groups(line: str) -> str:
    """``"22  000"`` -> ``"22 000"`` (one space, as UN documents print thousands)."""
    return DIGIT_GROUPS.sub(lambda m: re.sub(r"\s+", " ", m.group(0)), line)


def fix_reversed_lists(line: str) -> str:
    """``"17و 15و 4و 1التوصيات"`` -> ``"1 و4 و15 و17 التوصيات"``: a recommendation list that
    the extraction laid out left to right (each ``وN`` shows as ``Nو``) put back in order."""
    def fix(m: re.Match) -> str:
        items = re.findall(r"\d+و?", m.group(0))
        # a list glued to the next word ("114التعاون") stays cut there: two spaces, a hard boundary
        return "\x01".join("و" + t[:-1] if t.endswith("و") else t for t in reversed(items)) + \
            ("  " if m.group(0)[-1].isdigit() else "")
    return REVERSED_LIST.sub(fix, line)


def _tokens_with_gaps(line: str) -> list[tuple[str, bool]]:
    """Tokens of ``line`` with a flag: is there a hard run boundary before this token?"""
    line = fix_reversed_lists(line)
    line = re.sub(r"(?<![\S\d]\s)(?<!\S)-\s([0-9]+)(?!\S)", r"-\1", line)
    line = FOOTNOTE.sub(lambda m: m.group(0).replace(" ", "\x00"), line)
    line = DIGIT_GROUPS.sub(lambda m: re.sub(r"\s+", "\x01", m.group(0)), line)
    out: list[tuple[str, bool]] = []
    for m in re.finditer(r"(\s*)(\S+)", line):
        gap, tok = m.group(1), m.group(2).replace("\x00", " ").replace("\x01", " ")
        hard = len(gap) >= 2
        # a number glued to a letter, or a full stop glued to the next word: two runs
        pieces = re.split(r"(?<![\d\u0660-\u0669]\.)(?<=\.)(?=\d)|(?<=[\d])(?=[\u0621-\u064A](?!$))|(?<=[\u0621-\u064A][\u0621-\u064A\u064B-\u0652])(?=\d)|(?<=[.؛])(?=[\u0621-\u064A])", tok)
        for k, piece in enumerate(pieces):
            if piece:
                out.append((piece, hard or k > 0))
                hard = False
    return out


def split_runs(line: str) -> tuple[list[Run], list[str]]:
    """Cut ``line`` into runs; paragraph markers and heading ordinals are taken out.

    Returns ``(runs, markers)``; an ordinal keeps the rest of its run (``-حادي لشر``).
    """
    runs: list[Run] = []
    markers: list[str] = []
    in_marker = False
    prev: str | None = None
    tokens = _tokens_with_gaps(line)
    for k, (tok, hard) in enumerate(tokens):
        # two word tails side by side ("ــامات ــلطات"): each is the start of a run
        # a word tail ("ــامات") starts a run: after another tail, or after a word; not after a
        # lone letter ("أ ـار/مايو") nor a stretched letter that joins no further ("والرعــا ــة"):
        # one word whose middle glyph was lost as a space
        split_tail = (prev is not None and is_head_piece(tok)
                      and (is_head_piece(prev) or (len(prev.strip(".,،:؛()")) >= 2
                                                   and not GAP_BEFORE_TAIL.search(prev))))
        boundary = (hard or prev is None or is_tail_piece(prev) or split_tail
                    or bool(DIGIT.search(prev)) != bool(DIGIT.search(tok)))
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if tok == "-" and prev is not None and re.fullmatch(r"[\d\u0660-\u0669]+", prev):
            boundary = False  # "10 - وفي ...": a paragraph number printed before its dash stays in the text
        elif tok == "-" and not re.fullmatch(r"[0-9]+", nxt):
            pass  # "مبلغ - دولار": a dash in the text, not the dash of a paragraph marker
        elif tok in ("-", "•") or MARKER.match(tok):
            markers.append(tok)
            in_marker = False
            prev = tok
            continue
        if ORDINAL.match(tok):
            markers.append(tok)
            in_marker = True
            prev = tok
            continue
        if in_marker and not hard:
            markers[-1] += " " + tok
            prev = tok
            continue
        in_marker = False
        if boundary or not runs:
            runs.append(Run([tok], hard or prev is None or is_tail_piece(prev) or split_tail))
        else:
            runs[-1].tokens.append(tok)
        prev = tok
    _mark_shadda_splits(runs)
    # "- 27": a dash alone followed by a number is one marker
    merged: list[str] = []
    for m in markers:
        if merged and merged[-1] == "-" and m.isdigit():
            merged[-1] = "-" + m
        else:
            merged.append(m)
    return runs, merged


#: ``والرعــا``: a stretched letter that joins no further, then a lost glyph's space.
GAP_BEFORE_TAIL = re.compile(f"{TATWEEL}[\u0627\u0623\u0625\u0622\u062F\u0630\u0631\u0632\u0648\u0624]$")
#: A word cut after its shadda (``ويقدَّ`` … ``م``): the head ends a run, the last letter alone
#: starts another.
SHADDA_END = re.compile("[\u0621-\u064A][\u064B-\u0650]?\u0651[\u064B-\u0650]?$")
LONE_LETTER = re.compile("^[\u0621-\u064A]$")


def _mark_shadda_splits(runs: list[Run]) -> None:
    """Mark the pieces of words cut after a shadda as pieces of a split word (with tatweel,
    as the extraction marks kashida splits), so that the orders join them: a run ending in
    ``ويقدَّ`` and a run starting with a lone ``م`` (not the word ``و``), paired in order."""
    heads = [r for r in runs if SHADDA_END.search(r.tokens[-1])]
    tails = [r for r in runs if LONE_LETTER.match(r.tokens[0]) and r.tokens[0] != "و"]
    if not heads or len(heads) != len(tails):
        return
    for h, t in zip(heads, tails):
        if h is not t:
            h.tokens[-1] += TATWEEL
            t.tokens[0] = TATWEEL + t.tokens[0]


#: A footnote marker alone, with the punctuation that travels with it: ``( 5)``, ``.( 5)``,
#: ``( 7)،``, and any number in brackets (the year of ``القرار 1373 (2001)``): it is
#: transparent to the word-pair score (the words around it are scored) and follows what it
#: annotates (as a year in brackets: 98.92% -> 99.01% on held-out runs out of order).
FOOTNOTE_TOKEN = re.compile(r"[.،,:؛]?\(\s?\d+\)[.،,:؛]?")


@lru_cache(maxsize=TOKEN_MEMO)
def is_footnote(token: str) -> bool:
    """``( 5)``, ``.( 5)``, ``( 7)،``: a footnote marker (with its punctuation)."""
    return bool(FOOTNOTE_TOKEN.fullmatch(token))


@lru_cache(maxsize=TOKEN_MEMO)
def ends_sentence(token: str) -> bool:
    """``الرئيس.``, ``( 5).`` and ``.( 5)`` (the full stop that travelled with a marker)."""
    return token.endswith(FULL_STOPS) or (is_footnote(token) and "." in token)


#: A footnote marker glued after a word's letters (``التالية:( 7)``; not ``5(1)``).
GLUED_MARK = re.compile(r"(?<=[^\s(\d])\(\s?\d+\)")
#: A run of spaces between two tokens: a trace of runs (or of a lost glyph).
SPACES_RUN = re.compile(r"\S\s{2,}\S")


def _looking_through_glued_marks(clean, own: set[str]):
    """``clean`` for the scores of a line's orders, with a footnote marker glued to one of the
    line's own tokens (``own``) left out of it: ``التالية:( 7)`` is scored as ``التالية:``, not
    as an unknown token that makes every order around it look alike.  The marker stays
    glued to its word in the line put out."""
    def looked(t: str) -> str:
        c = t if clean is None else clean(t)
        return GLUED_MARK.sub("", c) if t in own else c
    return looked


def _lm_tokens(tokens: list[str]) -> list[str]:
    """Tokens for scoring: a full stop ends a sentence (``</s> <s>``); a footnote marker is
    left out, so that the words on either side of it are scored as a pair."""
    out: list[str] = []
    last = len(tokens) - 1
    for i, t in enumerate(tokens):
        if t in ("<s>", "</s>"):
            out.append(t)
            continue
        words, ends = _token_words(t)
        out += words
        if ends and i < last and tokens[i + 1] != "</s>":
            out += ["</s>", "<s>"]
    return out


@lru_cache(maxsize=TOKEN_MEMO)
def _token_words(token: str) -> tuple[tuple[str, ...], bool]:
    """The words one token gives :func:`_lm_tokens` (none for a footnote marker), and whether
    it ends a sentence."""
    words: tuple[str, ...] = ()
    if not is_footnote(token):
        core = token.strip(".,،:;؛()\"'«»[]•")
        # words joined by a slash (``الثاني/نوفمبر``) are two words to the model, as in training
        words = tuple(p for p in core.split("/") if p) if ARABIC.search(core) else (core,) if core else ()
    return words, ends_sentence(token)


_LOGP_CACHE: list = [None, {}]  # [model, {(a, b): logp}]


def lm_score(lm: Bigrams | PairModel, tokens: list[str]) -> float:
    """Word-pair score of ``tokens`` (see :func:`_lm_tokens`); a sentence break inside the
    line (``</s> <s>``) costs nothing itself: its two sides are scored.  Pair scores are
    memoised per model (candidate orders of a line share most of their pairs)."""
    if _LOGP_CACHE[0] is not lm or len(_LOGP_CACHE[1]) > 200_000:
        _LOGP_CACHE[:] = [lm, {}]
    cache = _LOGP_CACHE[1]
    total = 0.0
    for pair in zip(tokens, tokens[1:]):
        if pair == ("</s>", "<s>"):
            continue
        v = cache.get(pair)
        if v is None:
            v = cache[pair] = lm.logp(*pair)
        total += v
    return total


def join_pieces(tokens: list[str]) -> tuple[list[str], int]:
    """Join each word split by tatweel whose two pieces are adjacent; count pieces left over."""
    out: list[str] = []
    loose = 0
    for t in tokens:
        if out and is_tail_piece(out[-1]) and is_head_piece(t):
            out[-1] = out[-1].rstrip(TATWEEL) + t.lstrip(TATWEEL)
            continue
        if is_head_piece(t) and not (out and out[-1].endswith(TATWEEL)):
            loose += 1
        if out and is_tail_piece(out[-1]) and not is_head_piece(t):
            loose += 1
        out.append(t)
    if out and is_tail_piece(out[-1]):
        loose += 1
    return out, loose


def score_order(tokens: list[str], before: list[str], after: list[str], lm: Bigrams | PairModel,
                clean=None, known=None) -> float:
    """Score of ``tokens`` as a line between the neighbours ``before`` and ``after``.

    Split words are joined first; ``clean`` maps a token to the form scored (its glyph
    repair), ``known`` says whether a joined word is a word.  A line that starts with
    punctuation (``"، خلال"``) is penalised: in logical order nothing opens that way.
    """
    joined, loose = join_pieces(tokens)
    toks = before[-1:] + joined + after[:1]
    if clean is not None:
        toks = [clean(t) if not t.startswith("<") else t for t in toks]
    score = lm_score(lm, _lm_tokens(toks)) - LOOSE_PIECE_COST * loose
    # a sentence that ends inside the line (its break is scored as free) rather than at its end
    score -= SENTENCE_INSIDE_COST * sum(1 for t in joined[:-1] if ends_sentence(t))
    # a footnote marker follows the word it annotates: not the line's first token, not another marker
    score -= ORPHAN_FOOTNOTE_COST * sum(
        1 for k, t in enumerate(joined) if is_footnote(t) and (k == 0 or is_footnote(joined[k - 1])))
    if tokens and tokens[0][:1] in ".،,:;؛)":
        score -= LEADING_PUNCT_COST
    # two numbers side by side ("30 2022") are runs put back in the wrong order
    score -= NUMBERS_SIDE_BY_SIDE_COST * sum(
        1 for a, b in zip(tokens, tokens[1:]) if NUMBER_TOKEN.fullmatch(a) and NUMBER_TOKEN.fullmatch(b))
    if known is not None:
        for a, b in zip(tokens, tokens[1:]):
            if is_tail_piece(a) and is_head_piece(b) and not known(a.rstrip(TATWEEL) + b.lstrip(TATWEEL)):
                score -= LOOSE_PIECE_COST
    return score


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


def attach_footnotes(runs: list[Run]) -> list[Run]:
    """Runs for the orders that reverse a line: a run that is only footnote markers is put
    after the run found to its right, the words it annotates once the runs are reversed:
    ``[( 4)] [والقضاة]`` -> ``[والقضاة ( 4)]`` (a marker on the right end, or before a run
    ending in the head of a split word, stays a run)."""
    out: list[Run] = []
    pending: list[Run] = []
    for r in runs:
        if all(is_footnote(t) for t in r.tokens):
            pending.append(r)
            continue
        if pending and r.tail_piece:  # the head of a split word: its tail must follow it
            out += pending
            pending = []
        if pending:
            tokens = r.tokens + [t for p in reversed(pending) for t in p.tokens]
            out.append(Run(tokens, pending[0].hard))
            pending = []
        else:
            out.append(r)
    return out + pending


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


def hard_chunks(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped at hard boundaries: ``الاثنين 16  عقدها`` -> ``[[الاثنين, 16], [عقدها]]``."""
    chunks: list[list[Run]] = []
    for r in runs:
        if r.hard or not chunks:
            chunks.append([r])
        else:
            chunks[-1].append(r)
    return chunks


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


@dataclass(frozen=True)
class Habit:
    """What a document's extraction does to runs, learnt from the document itself.

    ``reverse``: log10 taken off the prior of reversed runs (the extraction emits runs left to
    right); ``edge_cut``: the price of a cut with no trace that leaves a short run at either
    end of a line whose marker is printed last (:data:`EDGE_CUT_COST` where such lines of this
    document clearly show a run moved, else :data:`CUT_COST`); ``numbers``: ``"move"`` when a number beside a word (one space) is a run of its own
    that is reversed with the rest, ``"stay"`` when it stays in place, ``""`` when unknown;
    ``final_stop``: log10 charged to an order of a paragraph's last line (the next line
    starts a paragraph: ``after == ["</s>"]``) that does not end with a stop
    (:mod:`indexer.repair_paragraph_edges`, learnt from the lines a first pass left as found).
    """

    reverse: float = 0.0
    numbers: str = ""
    edge_cut: float = CUT_COST
    final_stop: float = 0.0


def document_habit(lines: list[str], lm: Bigrams | PairModel | None = None, clean=None, known=None) -> Habit:
    """Learn the :class:`Habit` of a document's extraction from its lines.

    Each line with a hard run boundary votes: its runs reversed (numbers moving with them or
    staying beside their words, whichever reads better) score clearly better
    (:data:`HABIT_MARGIN`) or clearly worse than as found.  When the reversing votes win by
    :data:`HABIT_RATIO` (and there are :data:`HABIT_MIN_VOTES`), reversing is the habit of
    this extraction.  Lines that also have numbers beside words vote the same way on whether
    those numbers move with the reversed runs or stay in place.
    """
    lm = lm or order_model()
    rev = found = move = stay = 0
    for line in lines:
        if not line.strip() or len(line.split()) > HABIT_MAX_WORDS:
            continue
        runs, _ = split_runs(line)
        if len(runs) < 2 or not any(r.hard for r in runs[1:]):
            continue
        as_found = [t for r in runs for t in r.tokens]
        backwards = [t for r in reversed(runs) for t in r.tokens]
        s_back = s_reversed = score_order(backwards, [], [], lm, clean, known)
        chunks = hard_chunks(runs)
        if 1 < len(chunks) < len(runs):
            chunked = [t for c in reversed(chunks) for r in c for t in r.tokens]
            s_chunked = score_order(chunked, [], [], lm, clean, known)
            m = s_back - s_chunked
            move += m > HABIT_MARGIN
            stay += m < -HABIT_MARGIN
            # reversing is the habit whether or not numbers move with their runs: a date
            # reversed with the runs (``2015 نيسان/أبريل 16``) is no vote against reversing
            s_reversed = max(s_back, s_chunked)
        m = s_reversed - score_order(as_found, [], [], lm, clean, known)
        rev += m > HABIT_MARGIN
        found += m < -HABIT_MARGIN
    reverse = HABIT_BONUS if rev >= HABIT_MIN_VOTES and rev >= HABIT_RATIO * found else 0.0
    numbers = ("move" if move >= HABIT_MIN_VOTES and move >= HABIT_RATIO * stay else
               "stay" if stay >= HABIT_MIN_VOTES and stay >= HABIT_RATIO * move else "")
    edge_cut = EDGE_CUT_COST if _edge_runs_moved(lines, lm, clean, known) else CUT_COST
    return Habit(reverse, numbers, edge_cut)


def _edge_runs_moved(lines: list[str], lm, clean=None, known=None) -> bool:
    """Do this document's lines whose paragraph marker is printed last, set apart
    (``... مع   -12``), show a short run moved to the other end with no trace?  A line of one
    run votes for it when its best cut leaving a short run (at most :data:`EDGE_RUN_WORDS`
    words) at an end, reversed, reads better than as found by more than a full cut's price
    (:data:`CUT_COST`): clear evidence.  Moved runs are the habit when at least
    :data:`HABIT_MIN_VOTES` lines and :data:`EDGE_MOVED_SHARE` of such lines vote so."""
    marked = votes = 0
    for line in lines:
        if not MARKER_APART.search(line) or len(line.split()) > HABIT_MAX_WORDS:
            continue
        runs, _ = split_runs(line)
        runs = attach_footnotes(runs)
        if not runs or any(r.hard for r in runs[1:]):
            continue
        words = [t for r in runs for t in r.tokens]
        n = len(words)
        if n < 2 * EDGE_RUN_WORDS - 1 or any(is_tail_piece(w) or is_head_piece(w) for w in words):
            continue
        marked += 1
        base = score_order(words, ["<s>"], [], lm, clean, known)
        best = max(score_order(words[k:] + words[:k], ["<s>"], [], lm, clean, known)
                   for k in list(range(1, EDGE_RUN_WORDS + 1)) + list(range(n - EDGE_RUN_WORDS, n)))
        votes += best - base > CUT_COST
    return votes >= HABIT_MIN_VOTES and votes >= EDGE_MOVED_SHARE * marked


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


def _marker_to_run_start(runs: list[Run]) -> list[Run]:
    """:func:`indexer.repair_footnote_edges.marker_to_run_start` from each run that opens with
    a punctuation mark after a hard boundary, over the tokens after it (a lost glyph's spaces or a number's edge
    may cut the extraction's run further); the runs keep their boundaries."""
    tokens = [t for r in runs for t in r.tokens]
    starts, k = [], 0
    for r in runs:
        starts.append(k)
        k += len(r.tokens)
    changed = False
    for start, r in zip(starts, runs):
        moved = marker_to_run_start(tokens[start:]) if r.hard else None
        if moved is not None:
            tokens[start:] = moved
            changed = True
    if not changed:
        return runs
    return [Run(tokens[a:a + len(r.tokens)], r.hard) for a, r in zip(starts, runs)]


def _plain(tokens: list[str]) -> str:
    """Tokens as they will print: split words joined, tatweel gone."""
    return join_split_words(" ".join(tokens)).replace(TATWEEL, "")


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


def _tidy_moved(tokens: list[str]) -> list[str]:
    """Punctuation that travelled with a moved run: ``".190"`` / ``".( 1)"`` at the line's
    end become ``"190."`` / ``"( 1)."``, a lone ``.`` joins the word before it, mirrored
    brackets turn round (``)المادة 6 (`` -> ``(المادة 6)``), ``(1)27`` -> ``27(1)``."""
    out: list[str] = []
    for t in fix_reversed_citations(tokens):
        if t in (".", "،", ",") and out:
            out[-1] += t
        else:
            out.append(re.sub(r"^\((\d+)\)(\d+)$", r"\2(\1)", t))
    if out and LEADING_STOP.match(out[-1]):
        out[-1] = out[-1][1:] + "."
    depth = 0
    fixed: list[str] = []
    for t in out:
        if FOOTNOTE.fullmatch(t.rstrip(".،")) or LOGICAL_CITATION.fullmatch(t.rstrip(".،")):
            fixed.append(t)
            continue
        chars = []
        for ch in t:
            if ch == ")" and depth == 0:
                ch = "("
            elif ch == "(" and depth > 0:
                ch = ")"
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
            chars.append(ch)
        fixed.append("".join(chars))
    text = " ".join(fixed)
    text = re.sub(r"\((?!\s?\d+\))\s+", "(", text)
    text = re.sub(r"(?<!\(\s\d)(?<!\(\s\d\d)\s+\)", ")", text)
    return text.split(" ")


def _ordinal_first(marker: str) -> str:
    """``-اولاا`` -> ``اولاا -`` (the ordinal before its dash, as printed)."""
    return marker[1:] + " -"


def join_split_words(line: str) -> str:
    """``"كازاخســــ ــتان"`` -> ``"كازاخســــــتان"`` (tatweel removed later)."""
    return re.sub(f"{TATWEEL}\\s+{TATWEEL}", TATWEEL, line)


def reverse_visual(line: str) -> str:
    """A visual-order line back to logical order: characters reversed, runs of digits and
    Latin kept left to right: ``"2022 ةنسل )39( مقر"`` -> ``"رقم (39) لسنة 2022"`` (the
    visual order stored the brackets as drawn, so reversing the line turns them round)."""
    rev = line[::-1]
    return re.sub(r"[0-9A-Za-z\u0660-\u0669]+(?:[.,:/-][0-9A-Za-z\u0660-\u0669]+)*",
                  lambda m: m.group(0)[::-1], rev)
