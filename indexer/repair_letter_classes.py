"""The lexicon indexed by letter classes, for a systematic glyph map (the heading font).

Where a font shows many letters wrongly and always the same way, a damaged word may have
every letter wrong: the candidate combinations of the table (:mod:`indexer.repair_words`)
would be too many.  :class:`LetterClasses` merges the letters the table confuses into
classes and keys every lexicon word by its letters' classes; a damaged word's readings are
the words with its key (``جمول`` -> ``جميع``).  :meth:`indexer.repair_words.GlyphModel.classes`
builds the index once per lexicon and table, of the words of zipf >= :data:`CLASS_MIN_ZIPF`.

>>> from indexer.repair_tables import HEADING_FONT
>>> classes = LetterClasses.build(HEADING_FONT, ["تعزيز", "جميع", "بيت"])
>>> classes.lookup("جمول"), classes.lookup("تلتوت"), classes.lookup("قلم")
(['جميع'], ['تعزيز'], [])
"""
from __future__ import annotations

from dataclasses import dataclass

from indexer.repair_forms import FORMS
from indexer.repair_tables import TATWEEL, Confusion

@dataclass
class LetterClasses:
    """The letters a systematic glyph map confuses, merged into classes, and the lexicon
    indexed by its words' class keys: every reading of a damaged word, however many of its
    letters are wrong, is a lexicon word with a key of the word (``تلتوت`` -> ``تعزيز``,
    four letters off).  Only one-letter-for-one-letter entries take part (not stretching);
    the others still go through the table's combinations.

    Letters at the start and at the end of a word have wider classes (the heading font shows
    final TEH as ``/`` and initial ``أ`` as ``ا`` only there): the index keys every letter
    by its class inside a word, and a damaged word is looked up under each key its first
    and last letters allow.  Keys are bytes in the single-byte Arabic code page, so that the
    whole lexicon is keyed by one ``bytes.translate``.
    """

    table: bytes                   # cp1256 byte -> its class inside a word
    ends: tuple[dict[str, set[str]], dict[str, set[str]]]  # initial / final letter -> letters it may stand for
    index: dict[bytes, str]        # key -> the (last) lexicon word with it
    more: dict[bytes, list[str]]   # key -> the other words with it

    @classmethod
    def build(cls, table: tuple[Confusion, ...], words) -> "LetterClasses":
        classes = []
        for where in ("any", "initial", "final"):
            parent: dict[str, str] = {}

            def find(ch: str) -> str:
                while parent.get(ch, ch) != ch:
                    ch = parent[ch]
                return ch
            for c in table:
                if len(c.seen) == len(c.true) == 1 and c.seen != TATWEEL and (
                        c.where in ("any", where) or c.where == "noninitial" and where != "initial"
                        or c.where in FORMS and where == "final"):
                    a, b = find(c.seen), find(c.true)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            members: dict[str, set[str]] = {}
            for ch in parent:
                members.setdefault(find(ch), set()).add(ch)
            classes.append({ch: members[find(ch)] | {find(ch)} for ch in list(parent) + list(members)})
        mid, initial, final = classes
        byte = bytearray(range(256))
        for ch, group in mid.items():
            byte[_cp(ch)[0]] = _cp(min(group))[0]
        words = list(words)
        keys = "\n".join(words).encode(CODE_PAGE, "replace").translate(bytes(byte)).split(b"\n")
        index = dict(zip(keys, words))
        more: dict[bytes, list[str]] = {}
        for k, w in zip(keys, words):
            if index[k] is not w:
                more.setdefault(k, []).append(w)
        return cls(bytes(byte), (initial, final), index, more)

    def lookup(self, word: str) -> list[str]:
        """Lexicon words whose letters are each in the class of ``word``'s letter there."""
        try:
            key = _cp(word).translate(self.table)
        except UnicodeEncodeError:
            return []
        initial, final = self.ends
        firsts = {_cp(ch).translate(self.table) for ch in initial.get(word[0], {word[0]})}
        lasts = {_cp(ch).translate(self.table) for ch in final.get(word[-1], {word[-1]})}
        out: list[str] = []
        for f in firsts:
            for z in lasts:
                k = f + key[1:-1] + z
                hit = self.index.get(k)
                if hit is not None:
                    out.append(hit)
                    out.extend(self.more.get(k, ()))
        return out


#: The single-byte code page the class keys are written in (it has every Arabic letter).
CODE_PAGE = "cp1256"


def _cp(text: str) -> bytes:
    return text.encode(CODE_PAGE)


#: Words rarer than this are left out of the class index: half the lexicon, mostly web
#: misspellings, which a reading with many letters changed must not land on (and the index
#: builds twice as fast). Measured on the heading-font bench: 97.20% with, 97.22% without.
CLASS_MIN_ZIPF = 2.0
