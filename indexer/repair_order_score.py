"""The score of one order of a line's tokens, shared by the order repair and the habit.

An order is scored by the word-pair model (:func:`order_model`, :mod:`indexer.pair_model`)
over its words, with the neighbouring lines' edge words: the pieces of a word split by
tatweel are joined first (:func:`join_pieces`), a full stop ends a sentence, a footnote
marker is looked through (:func:`_lm_tokens`), and the traces no line in logical order shows
cost (a line opening with punctuation, a sentence ending inside the line, two numbers side
by side, a split word's pieces apart) (:func:`score_order`).

>>> _lm_tokens(["اعتُمدت", "الرئيس.", "( 5)", "الثاني/نوفمبر"])
['اعتُمدت', 'الرئيس', '</s>', '<s>', 'الثاني', 'نوفمبر']
>>> join_pieces(["كازاخســـ", "ــتان", "ــجيل"])
(['كازاخستان', 'ــجيل'], 1)
"""
from __future__ import annotations

import re
from functools import lru_cache

from indexer.lexicon import Bigrams, bigrams
from indexer.pair_model import PairModel, pair_model
from indexer.repair_footnotes import is_footnote
from indexer.repair_runs import ARABIC, TOKEN_MEMO, is_head_piece, is_tail_piece
from indexer.repair_tables import TATWEEL

#: The word-pair model orders are scored with: ``"kn"`` (:mod:`indexer.pair_model`, smoothed
#: Kneser-Ney over words) or ``"classes"`` (:class:`indexer.lexicon.Bigrams`, the earlier
#: class-bigram model, kept for comparison).
ORDER_MODEL = "kn"


def order_model() -> "Bigrams | PairModel":
    """The shared pair model named by :data:`ORDER_MODEL`, loaded on first use."""
    return pair_model() if ORDER_MODEL == "kn" else bigrams()


LEADING_PUNCT_COST = 3.0
SENTENCE_INSIDE_COST = 1.0  # log10: a full stop inside the line, not at its end
ORPHAN_FOOTNOTE_COST = 1.0  # log10: a footnote marker that starts the line or follows another
NUMBERS_SIDE_BY_SIDE_COST = 2.0
NUMBER_TOKEN = re.compile(r"[\d\u0660-\u0669]+(?: \d{3})*")
LOOSE_PIECE_COST = 2.5     # a split word whose other half is not next to it
#: What ends a sentence for the order search (a hard stop; the glyph repair's
#: ``repair_words.SENTENCE_END`` also counts ؛ and : as a context break).
FULL_STOPS = (".", "؟", "!")


@lru_cache(maxsize=TOKEN_MEMO)
def ends_sentence(token: str) -> bool:
    """``الرئيس.``, ``( 5).`` and ``.( 5)`` (the full stop that travelled with a marker)."""
    return token.endswith(FULL_STOPS) or (is_footnote(token) and "." in token)


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
