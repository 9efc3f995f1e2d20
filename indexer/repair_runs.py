"""Cutting a line into runs: the pieces a PDF extraction emitted as units, in the order found.

A line is cut where the extraction left a trace (:func:`split_runs`): a run of spaces, a
word split by tatweel (``كازاخســـ`` … ``ــتان``) or after its shadda, a number glued to a
letter (``35أحاطت``), a full stop glued to the next word.  Paragraph markers (``-12``) and
heading ordinals (``-اولاا``) are taken out of the runs.  The order repair
(:mod:`indexer.repair_order`) then chooses the order of the runs.

>>> runs, markers = split_runs("توصية لم تتمكن   35أحاطت جمهورية  -1")
>>> [r.text for r in runs], markers
(['توصية لم تتمكن', '35', 'أحاطت جمهورية'], ['-1'])
>>> [[r.text for r in c] for c in hard_chunks(split_runs("الاثنين 16  عقدها")[0])]
[['الاثنين', '16'], ['عقدها']]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.repair_tables import TATWEEL
from indexer.repair_tidy import DIGIT_GROUPS, FOOTNOTE, fix_reversed_lists

#: ``-12`` / ``- 27``: a paragraph marker; ``-اولاا``: a heading ordinal.
MARKER = re.compile(r"^-\s?[0-9]+$")
ORDINAL = re.compile(r"^-[\u0621-\u064A]")
ARABIC = re.compile(r"[\u0621-\u064A]")
DIGIT = re.compile(r"[0-9]")


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
    """``كازاخســـ``: the head of a split word (it ends with tatweel and counts at least two
    characters of the Arabic block, the tatweel itself among them, so a one-letter head such as
    the body font's ``إـ`` counts, and so does ``بـ``; a proclitic written so before a number,
    ``بـ 42``, is told apart by the order repair, ``repair_order._has_piece``).

    >>> is_tail_piece("كازاخســـ"), is_tail_piece("بـ"), is_tail_piece("ــ")
    (True, True, False)
    """
    return (token.endswith(TATWEEL) and len(ARABIC.findall(token)) >= 2
            and token.strip(TATWEEL) != "")  # a lone ``ــ`` is a word's tail (``أنشـ ــ``), no head


def is_head_piece(token: str) -> bool:
    """``ــتان`` (the tail of a split word)."""
    return token.startswith(TATWEEL)


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


def hard_chunks(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped at hard boundaries: ``الاثنين 16  عقدها`` -> ``[[الاثنين, 16], [عقدها]]``."""
    chunks: list[list[Run]] = []
    for r in runs:
        if r.hard or not chunks:
            chunks.append([r])
        else:
            chunks[-1].append(r)
    return chunks
