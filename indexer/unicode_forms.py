"""Characters that extraction brings along but that are not text: presentation forms, controls.

PDF fonts often map glyphs to Arabic *presentation forms* (one code point per letter shape, e.g.
ARABIC LETTER LAM WITH ALEF FINAL FORM) instead of base letters; Word and HTML files carry
direction controls (RIGHT-TO-LEFT MARK, embeddings, isolates). Both are removed here so every
source format gives the same logical-order base letters.

>>> base_letters("\\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}\\N{RIGHT-TO-LEFT MARK}")
'لا'
"""
from __future__ import annotations

import re
import unicodedata

#: Unicode blocks of Arabic presentation forms (A: U+FB50–U+FDFF, B: U+FE70–U+FEFE).
#: Only these are compatibility-decomposed (NFKC); Arabic digits, Latin text, etc. are left alone.
PRESENTATION_FORMS = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFE]+")

#: Bidirectional formatting characters: marks, embeddings, overrides, isolates, ALM.
BIDI_FORMATTING: tuple[str, ...] = (
    "\N{LEFT-TO-RIGHT MARK}",
    "\N{RIGHT-TO-LEFT MARK}",
    "\N{ARABIC LETTER MARK}",
    "\N{LEFT-TO-RIGHT EMBEDDING}",
    "\N{RIGHT-TO-LEFT EMBEDDING}",
    "\N{POP DIRECTIONAL FORMATTING}",
    "\N{LEFT-TO-RIGHT OVERRIDE}",
    "\N{RIGHT-TO-LEFT OVERRIDE}",
    "\N{LEFT-TO-RIGHT ISOLATE}",
    "\N{RIGHT-TO-LEFT ISOLATE}",
    "\N{FIRST STRONG ISOLATE}",
    "\N{POP DIRECTIONAL ISOLATE}",
)
#: What extraction output loses: the bidi formatting characters, plus the byte-order mark and
#: soft hyphens that Word and HTML files carry.
DIRECTION_CONTROLS: tuple[str, ...] = BIDI_FORMATTING + (
    "\N{ZERO WIDTH NO-BREAK SPACE}",  # also the byte-order mark
    "\N{SOFT HYPHEN}",
)
_CONTROLS = re.compile("[" + "".join(DIRECTION_CONTROLS) + "]")


def _decompose(match: re.Match[str]) -> str:
    text = unicodedata.normalize("NFKC", match.group(0))
    # NFKC of isolated harakat forms (U+FE70..) gives SPACE + mark; keep the mark only.
    return text.replace(" \u064b", "\u064b").replace(" \u064c", "\u064c").replace(
        " \u064d", "\u064d").replace(" \u064e", "\u064e").replace(" \u064f", "\u064f").replace(
        " \u0650", "\u0650").replace(" \u0651", "\u0651").replace(" \u0652", "\u0652")


def base_letters(text: str) -> str:
    """Presentation forms -> base letters (NFKC on those blocks only), direction controls removed.

    ``"ﻻ"`` (U+FEFB) -> ``"لا"``; ``"ﷲ"`` -> ``"الله"``; ``"٢٠٢٢"`` is left as it is.
    """
    return _CONTROLS.sub("", PRESENTATION_FORMS.sub(_decompose, text))
