r"""The extraction's spacing as evidence of a lost letter, carried to the glyph repair.

The seed's body font extracts some letters as a space: a word that lost its first ي shows a
run of spaces before it (``أن  سبب`` for ``أن يسبب``), one that lost its final letter a run
after it (``الص  الدولي`` for ``الصك الدولي``).  A run of spaces is only evidence where it is
wider than the line's usual gap between words: some lines are justified or laid out word by
word, with runs of spaces everywhere.

The run-order pass rebuilds a line from its runs and spaces it anew, so the evidence would be
lost before the glyph repair reads it.  :func:`mark_gaps` puts it back: two words side by side
in the ordered line that were side by side in the extraction (in either order: a reversed
line) get two spaces between them if their gap there was wider than usual, every other gap one
space.  The glyph repair (:mod:`indexer.repair_words`) reads two spaces before a word as
evidence of a lost first letter, after it of a lost last letter.

>>> mark_gaps("لم  حن بعد للتصديق", "-10 لم حن بعد للتصديق")
'-10 لم  حن بعد للتصديق'
>>> mark_gaps("من   حال   بأي   تعفيه", "تعفيه بأي حال من")   # laid out word by word
'تعفيه بأي حال من'
"""
from __future__ import annotations

import re

from indexer.repair_tables import TATWEEL

GAP = re.compile(r"(?<=\S)( +)(?=\S)")
#: A paragraph marker (``-12``, ``12 -``): a run of spaces next to it says nothing about letters.
MARKER = re.compile(r"^-?[0-9\u0660-\u0669]+-?$")
DIGIT = re.compile(r"[0-9\u0660-\u0669]")


def usual_gap(line: str) -> int:
    """The median number of spaces between two tokens of ``line`` (1 for a line of one word)."""
    gaps = sorted(len(g) for g in GAP.findall(line.strip(" ")))
    return gaps[(len(gaps) - 1) // 2] if gaps else 1


def wide_gaps(line: str) -> dict[tuple[str, str], bool]:
    """For each pair of tokens side by side in ``line``: is the run of spaces between them
    wider than the line's usual gap?  Pairs with a number or marker are left out."""
    line = line.replace(TATWEEL, "").strip(" ")
    usual = usual_gap(line)
    out: dict[tuple[str, str], bool] = {}
    tokens = re.split(r"( +)", line)
    for k in range(0, len(tokens) - 2, 2):
        a, gap, b = tokens[k], tokens[k + 1], tokens[k + 2]
        if MARKER.match(a) or MARKER.match(b) or DIGIT.search(a) and DIGIT.search(b):
            continue  # next to a marker, or between digit groups (``22  000``)
        out[(a, b)] = out.get((a, b), False) or len(gap) > usual
    return out


#: Spaces at the start or end of a line are evidence only in a document where fewer than this
#: share of the lines have them (the seed starts 136 of its 235 lines with a space).
USUAL_END_SPACES = 0.2


def ends_are_evidence(lines: list[str]) -> bool:
    """Are spaces at the start or the end of a line unusual in this document?"""
    nonempty = [l for l in lines if l.strip()]
    spaced = sum(1 for l in nonempty if l[:1] == " " or l[-1:] == " ")
    return spaced < USUAL_END_SPACES * len(nonempty)


def gapped_split_words(line: str) -> tuple[set[str], dict[str, str]]:
    """Where ``line`` has a run of spaces wider than its usual gap at a piece of a
    tatweel-split word, the place of a lost first letter of the word after it, wherever the
    run-order pass puts that word: the letters of each *first piece* after such a gap (``مض``
    of ``مضــ``, whose word is ``مضع``), and each whole *word* after such a gap that follows
    a stretched piece, with that piece's letters (if the piece is the first of a split word,
    its word goes on elsewhere and the two were side by side only at a boundary of the
    extraction's runs; :func:`mark_gaps` checks that it was joined: a word stretched before a
    lost last letter, ``أنشـــ  في`` for ``أنشئ في``, is no piece).  Not next to a number or a
    marker.

    >>> gapped_split_words("ــع إجراء بالتجمعات الســ  مضــ")
    ({'مض'}, {})
    >>> gapped_split_words("ــانية الهوية الجنســ  يه غالبية")
    (set(), {'يه': 'الجنس'})
    """
    plain = line.strip(" ")
    usual = usual_gap(plain.replace(TATWEEL, ""))
    tokens = re.split(r"( +)", plain)
    pieces: set[str] = set()
    words: dict[str, str] = {}
    for k in range(0, len(tokens) - 2, 2):
        a, gap, b = tokens[k], tokens[k + 1], tokens[k + 2]
        if len(gap) <= usual or b.startswith(TATWEEL) or MARKER.match(a) or MARKER.match(b) \
                or DIGIT.search(a + b) or not a.replace(TATWEEL, ""):
            continue
        if b.endswith(TATWEEL):
            pieces.add(b.replace(TATWEEL, ""))
        elif a.endswith(TATWEEL) and not a.startswith(TATWEEL):
            words[b] = a.replace(TATWEEL, "")
    return pieces, words


#: A gap after the first piece of a split word is evidence only in a document where fewer than
#: this share of such pieces have a wide gap after them: where runs are emitted with runs of
#: spaces between them, the gap is the boundary's (the seed: 3 of 57; the split-word damage
#: model, whose runs are side by side with a run of spaces between words: 35-55%).
USUAL_PIECE_GAPS = 0.2


def piece_gaps_are_evidence(lines: list[str]) -> bool:
    """Are wide gaps after the first pieces of split words unusual in this document?"""
    wide = total = 0
    for line in lines:
        if TATWEEL not in line:
            continue
        plain = line.strip(" ")
        usual = usual_gap(plain.replace(TATWEEL, ""))
        tokens = re.split(r"( +)", plain)
        for k in range(0, len(tokens) - 2, 2):
            a, gap, b = tokens[k], tokens[k + 1], tokens[k + 2]
            if (a.endswith(TATWEEL) and not a.startswith(TATWEEL) and not MARKER.match(b)
                    and not DIGIT.search(a + b)):
                total += 1
                wide += len(gap) > usual
    return wide < USUAL_PIECE_GAPS * total


def mark_gaps(raw: str, ordered: str, ends: bool = False, after_pieces: bool = True) -> str:
    """``ordered`` (the words of ``raw``, perhaps reordered) with two spaces between two words
    where ``raw`` had a wider gap than usual between them, one space elsewhere inside the
    line.  With ``ends`` (:func:`ends_are_evidence`), a space that ``raw`` had before its first
    word (or after its last) is kept where that word still starts (ends) the line.
    ``after_pieces`` (:func:`piece_gaps_are_evidence`): a gap after a first piece counts.

    A word that ``raw`` split by tatweel into pieces, its first piece after a wide gap, and a
    word after a wide gap that follows such a piece (:func:`gapped_split_words`), get two
    spaces before them wherever they land (one at the start of the line):
    ``ــع إجراء الســ  مضــ`` is ``-30  مضع إجراء``."""
    tokens = ordered.split()
    if not tokens:
        return ordered
    wide = wide_gaps(raw)
    plain = raw.replace(TATWEEL, "")
    found = plain.split()
    pieces, after = gapped_split_words(raw) if TATWEEL in raw else (set(), {})
    whole = set(found)

    def split_after_gap(word: str) -> bool:
        if word in after:  # ... after a piece that the order pass joined to its other piece
            return after_pieces and found.count(word) == 1 and after[word] not in tokens
        return word not in whole and any(word.startswith(p) and len(word) > len(p) for p in pieces)
    out = [tokens[0]]
    for a, b in zip(tokens, tokens[1:]):
        out.append("  " if wide.get((a, b)) or wide.get((b, a)) or split_after_gap(b) else " ")
        out.append(b)
    if split_after_gap(tokens[0]) or ends and found and plain[:1] == " " and found[0] == tokens[0]:
        out.insert(0, " ")
    if ends and found:
        if plain[-1:] == " " and found[-1] == tokens[-1]:
            out.append(" ")
    return "".join(out)
