"""Arabic orthographic normalization: named character tables and the functions built on them.

Every table below is data: a mapping from a code point (named by its Unicode name, never a
pasted glyph) to its replacement, or a set of code points to delete. ``normalize_word`` composes
them in a fixed order and is the one normalization the analyzer uses, at index time and at
query time::

    >>> normalize_word("\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}\N{ARABIC FATHA}\N{ARABIC LETTER MEEM}\N{ARABIC LETTER NOON}")
    'امن'
    >>> normalize_word("مَدرســـة")   # harakat and tatweel go, teh marbuta -> heh
    'مدرسه'
    >>> normalize_word("٢٠١٥"), normalize_word("COVID")
    ('2015', 'covid')

The rules follow Lucene's ``ArabicNormalizer`` (itself after Larkey, Ballesteros & Connell,
"Light Stemming for Arabic Information Retrieval", 2007): remove harakat and tatweel, fold the
alef forms to bare alef, alef maksura to yeh, teh marbuta to heh. We add: Arabic-Indic and
Persian digits to ASCII, Persian/Urdu letter variants (keheh, farsi yeh) to their Arabic
letters, Unicode compatibility folding (presentation forms such as the lam-alef ligature, as
PDF extraction produces them) and case folding of Latin (and any other cased) text.

Character constants come from ``pyarabic.araby`` where it has them.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from functools import lru_cache

from pyarabic import araby

__all__ = [
    "ALEF_VARIANTS",
    "LETTER_VARIANTS",
    "TEH_MARBUTA",
    "DIGITS",
    "ARABIC_DIACRITICS",
    "INVISIBLE_FORMAT",
    "TATWEEL",
    "strip_diacritics",
    "strip_tatweel",
    "fold_alef",
    "fold_yeh",
    "fold_teh_marbuta",
    "fold_digits",
    "fold_compatibility",
    "orthographic_fold",
    "normalize_word",
    "normalize_text",
]

TATWEEL: str = araby.TATWEEL  # "\N{ARABIC TATWEEL}", the kashida used to stretch words

#: Alef with hamza/madda/wasla -> bare alef (Lucene: testAlifMadda, testAlifHamzaAbove/Below).
ALEF_VARIANTS: dict[str, str] = {
    "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}": "\N{ARABIC LETTER ALEF}",
    "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}": "\N{ARABIC LETTER ALEF}",
    "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}": "\N{ARABIC LETTER ALEF}",
    "\N{ARABIC LETTER ALEF WASLA}": "\N{ARABIC LETTER ALEF}",
}

#: Alef maksura -> yeh (Lucene: testAlifMaksura). Kept separate because Snowball wants it intact.
YEH_VARIANTS: dict[str, str] = {
    "\N{ARABIC LETTER ALEF MAKSURA}": "\N{ARABIC LETTER YEH}",
    "\N{ARABIC LETTER FARSI YEH}": "\N{ARABIC LETTER YEH}",
}

#: Teh marbuta -> heh (Lucene: testTehMarbuta).
TEH_MARBUTA: dict[str, str] = {
    "\N{ARABIC LETTER TEH MARBUTA}": "\N{ARABIC LETTER HEH}",
}

#: Persian / Urdu letter shapes that stand for an Arabic letter in Arabic text.
LETTER_VARIANTS: dict[str, str] = {
    "\N{ARABIC LETTER KEHEH}": "\N{ARABIC LETTER KAF}",
    "\N{ARABIC LETTER HEH GOAL}": "\N{ARABIC LETTER HEH}",
    "\N{ARABIC LETTER HEH DOACHASHMEE}": "\N{ARABIC LETTER HEH}",
    "\N{ARABIC LETTER TEH MARBUTA GOAL}": "\N{ARABIC LETTER HEH}",
}

#: Arabic-Indic (٠-٩) and Extended Arabic-Indic / Persian (۰-۹) digits -> ASCII 0-9.
DIGITS: dict[str, str] = {
    **{eastern: str(i) for i, eastern in enumerate(araby.NUMBERS_EAST)},
    **{persian: str(i) for i, persian in enumerate(araby.NUMBERS_PERS)},
}

#: Harakat, tanwin, shadda, sukun, Quranic marks, superscript (dagger) alef and the combining
#: hamza/madda: pyarabic's DIACRITICS plus the small waw/yeh it lists under SMALL.
ARABIC_DIACRITICS: frozenset[str] = frozenset(araby.DIACRITICS) | frozenset(araby.SMALL)

#: Characters with no visible form that PDF extraction and word processors leave inside words:
#: zero-width (non-)joiners, bidi marks and embeddings, soft hyphen, byte-order mark.
INVISIBLE_FORMAT: frozenset[str] = frozenset(
    "\N{SOFT HYPHEN}"
    "\N{ZERO WIDTH SPACE}\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}"
    "\N{LEFT-TO-RIGHT MARK}\N{RIGHT-TO-LEFT MARK}\N{ARABIC LETTER MARK}"
    "\N{LEFT-TO-RIGHT EMBEDDING}\N{RIGHT-TO-LEFT EMBEDDING}\N{POP DIRECTIONAL FORMATTING}"
    "\N{LEFT-TO-RIGHT OVERRIDE}\N{RIGHT-TO-LEFT OVERRIDE}"
    "\N{LEFT-TO-RIGHT ISOLATE}\N{RIGHT-TO-LEFT ISOLATE}\N{FIRST STRONG ISOLATE}"
    "\N{POP DIRECTIONAL ISOLATE}\N{WORD JOINER}\N{ZERO WIDTH NO-BREAK SPACE}"
)


#: Unicode planes that hold combining marks: the BMP, the SMP and plane 14 (variation selectors
#: supplement). Planes 2-3 are CJK ideographs, 4-13 unassigned, 15-16 private use: scanning only
#: these three planes gives the same set at an eighth of the cost (0.4 s less at every start).
MARK_PLANES: tuple[int, ...] = (0, 1, 14)


def _combining_marks(planes: tuple[int, ...] = MARK_PLANES) -> frozenset[str]:
    """Every combining mark (general category M*) in this Python's Unicode database."""
    cat = unicodedata.category
    codes = (c for plane in planes for c in range(plane << 16, min((plane + 1) << 16, sys.maxunicode + 1)))
    return frozenset(chr(c) for c in codes if cat(chr(c))[0] == "M")


#: The combining marks of one Unicode version, as code point ranges (``0300-036F``) after a
#: ``unicode-15.0.0`` line: written by :func:`write_combining_marks`, read in well under a
#: millisecond where the scan takes tens at every start of the program.
MARKS_FILE = os.path.join(os.path.dirname(__file__), "tables", "combining_marks.txt")


def mark_ranges(marks: frozenset[str]) -> list[tuple[int, int]]:
    """``marks`` as sorted, inclusive code point ranges."""
    ranges: list[tuple[int, int]] = []
    for code in sorted(map(ord, marks)):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def write_combining_marks(path: str = MARKS_FILE) -> None:
    """Save this Python's combining marks (a full scan) for :func:`saved_combining_marks`."""
    lines = [f"unicode-{unicodedata.unidata_version}"]
    lines += [f"{a:04X}-{b:04X}" for a, b in mark_ranges(_combining_marks())]
    with open(path, "w", encoding="ascii") as out:
        out.write("\n".join(lines) + "\n")


def saved_combining_marks(path: str = MARKS_FILE) -> frozenset[str] | None:
    """The combining marks saved for this Python's Unicode version; None for another version
    (or no file), and then the caller scans."""
    try:
        with open(path, encoding="ascii") as table:
            version, *ranges = table.read().split()
    except (OSError, ValueError):
        return None
    if version != f"unicode-{unicodedata.unidata_version}":
        return None
    codes = (c for r in ranges for a, b in [r.split("-")] for c in range(int(a, 16), int(b, 16) + 1))
    return frozenset(map(chr, codes))


#: All combining marks (Arabic harakat, Latin accents, ...): a word is the same word without them.
COMBINING_MARKS: frozenset[str] = saved_combining_marks() or _combining_marks()

_DELETE = ARABIC_DIACRITICS | COMBINING_MARKS | INVISIBLE_FORMAT | {TATWEEL}


def _table(*maps: dict[str, str], delete: frozenset[str] | set[str] = frozenset()) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for mapping in maps:
        table.update({ord(k): v for k, v in mapping.items()})
    table.update({ord(ch): None for ch in delete})
    return table


_DIACRITICS_TABLE = _table(delete=ARABIC_DIACRITICS)
_TATWEEL_TABLE = _table(delete={TATWEEL})
_ALEF_TABLE = _table(ALEF_VARIANTS)
_YEH_TABLE = _table(YEH_VARIANTS)
_TEH_TABLE = _table(TEH_MARBUTA)
_DIGIT_TABLE = _table(DIGITS)
#: The whole orthographic fold as ONE str.translate table (order does not matter: no target
#: of one mapping is the source of another, and deletions never produce characters).
_FOLD_TABLE = _table(ALEF_VARIANTS, YEH_VARIANTS, TEH_MARBUTA, LETTER_VARIANTS, DIGITS, delete=_DELETE)
#: The same fold but keeping teh marbuta and alef maksura (for stemmers that need them).
_FOLD_KEEP_ENDINGS_TABLE = _table(ALEF_VARIANTS, LETTER_VARIANTS, DIGITS, delete=_DELETE)
_FOLD_KEEP_ENDINGS_TABLE.update({ord("\N{ARABIC LETTER FARSI YEH}"): "\N{ARABIC LETTER YEH}"})


def strip_diacritics(text: str) -> str:
    """Remove Arabic harakat, tanwin, shadda, sukun and Quranic marks: ``"مَبْنًى"`` -> ``"مبنى"``."""
    return text.translate(_DIACRITICS_TABLE)


def strip_tatweel(text: str) -> str:
    """Remove tatweel (kashida): ``"روبرـــت"`` -> ``"روبرت"``."""
    return text.translate(_TATWEEL_TABLE)


def fold_alef(text: str) -> str:
    """Fold alef with hamza above/below, madda, wasla to bare alef: ``"إعلان"`` -> ``"اعلان"``."""
    return text.translate(_ALEF_TABLE)


def fold_yeh(text: str) -> str:
    """Fold alef maksura (and farsi yeh) to yeh: ``"مبنى"`` -> ``"مبني"``."""
    return text.translate(_YEH_TABLE)


def fold_teh_marbuta(text: str) -> str:
    """Fold teh marbuta to heh: ``"فاطمة"`` -> ``"فاطمه"``."""
    return text.translate(_TEH_TABLE)


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII: ``"٢٠١٥"`` -> ``"2015"``, ``"۱۴"`` -> ``"14"``."""
    return text.translate(_DIGIT_TABLE)


def fold_compatibility(text: str) -> str:
    """Unicode NFKC, then case folding: presentation forms (``"\\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}"``
    -> ``"لا"``), full-width and Latin capitals (``"UN"`` -> ``"un"``)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).casefold()


def orthographic_fold(text: str, *, keep_endings: bool = False) -> str:
    """Compatibility fold, then every table above in one pass.

    ``keep_endings=True`` leaves teh marbuta and alef maksura alone (Snowball's Arabic stemmer
    uses them to find word endings): ``orthographic_fold("مَدرَسة", keep_endings=True)`` -> ``"مدرسة"``.
    """
    table = _FOLD_KEEP_ENDINGS_TABLE if keep_endings else _FOLD_TABLE
    return fold_compatibility(text).translate(table)


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> str:
    """The analyzer's normalization of one token (cached).

    ``normalize_word("الإنسانِيَّة")`` -> ``"الانسانيه"``. Applied until nothing changes, so it is
    idempotent even where removing a mark lets NFKC compose two neighbours on a second pass.
    """
    out = orthographic_fold(word)
    for _ in range(8):
        again = orthographic_fold(out)
        if again == out:
            break
        out = again
    return out


@lru_cache(maxsize=200_000)
def normalize_keep_endings(word: str) -> str:
    """``normalize_word`` but keeping teh marbuta and alef maksura (input to Snowball)."""
    out = orthographic_fold(word, keep_endings=True)
    for _ in range(8):
        again = orthographic_fold(out, keep_endings=True)
        if again == out:
            break
        out = again
    return out


def normalize_text(text: str) -> str:
    """Normalize running text character by character (no tokenization; spaces kept)."""
    return orthographic_fold(text)
