"""The ONE Arabic analyzer of fahras: tokenize, normalize, stop words, light stem.

Built the way Whoosh's own ``whoosh.analysis`` is: a tokenizer and small filters, each a
generator over tokens, composed with ``|``. Used at index time and at query time (Whoosh passes
``mode="query"``; the chain does the same thing in both modes, so a query word and a document
word meet in the same form).

Three indexed forms of a text (DESIGN.md, issue 4), each built once per process:

* :func:`exact_analyzer` -- ``ArabicTokenizer() | NormalizeFilter()``: every word, normalized,
  unstemmed, stop words kept, positions consecutive. Quoted phrases are matched here.
* :func:`stem_analyzer` -- ``ArabicTokenizer() | NormalizeFilter() | StopFilter() |
  LightStemFilter()``: stop words removed (positions keep their gaps), then the light stem
  (``light10_m3``).
* :func:`gram_analyzer` -- ``... | StopFilter() | CharNgramFilter(3)``: character 3-grams of
  each normalized word, a recall fallback for affixes the light stemmer leaves on. Index it
  with ``TEXT(phrase=True)`` if a multi-field parser may send it phrase queries (Whoosh raises
  on a phrase over a field without positions); each gram has its own position.

Query all three as one OR, each field's terms boosted by :data:`FIELD_BOOSTS`, scored with
``BM25F(B=BM25_B, K1=BM25_K1)``: that is the configuration measured as "chosen" in
``docs/relevance.md``. (The analyzers run the filters after the tokenizer as one cached
:class:`WordFilter`; the tokens are the same as the composed chain's.)

    >>> [t.text for t in stem_analyzer()("والصحفيين في المدرسة")]
    ['صحف', 'مدرس']
    >>> [(t.text, t.startchar, t.endchar) for t in exact_analyzer()("مَبنًى", chars=True)]
    [('مبني', 0, 6)]

Every token carries ``startchar``/``endchar`` into the ORIGINAL text, diacritics and tatweel
included, so the highlighter marks whole words.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from whoosh.analysis import Analyzer, Filter, Token, Tokenizer

from indexer.normalize import (
    COMBINING_MARKS,
    INVISIBLE_FORMAT,
    TATWEEL,
    normalize_keep_endings,
    normalize_word,
)
from indexer.stopwords import stop_words, stop_words_with_proclitics

__all__ = [
    "ArabicTokenizer",
    "NormalizeFilter",
    "StopFilter",
    "LightStemFilter",
    "TokenInfo",
    "CharNgramFilter",
    "WordFilter",
    "analyze_word",
    "exact_analyzer",
    "stem_analyzer",
    "gram_analyzer",
    "FIELD_BOOSTS",
    "BM25_K1",
    "BM25_B",
    "make_analyzer",
    "normalize_word",
    "stem_word",
    "light10",
    "light10_m3",
    "STEMMERS",
    "DEFAULT_STEMMER",
    "explain",
]

# ---------------------------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------------------------

#: Unicode blocks whose letters are Arabic script (basic, supplement, extended-A,
#: presentation forms A and B).
ARABIC_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class body for a set of characters, as ranges."""
    codes = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = codes[i], codes[j]
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "".join(parts)


@lru_cache(maxsize=1)
def word_pattern() -> re.Pattern[str]:
    """The tokenizer's pattern: a run of Arabic letters, a run of other letters and digits, or a
    run of Arabic-Indic / Persian digits.

    Inside a word, combining marks (harakat, shadda, Latin accents), tatweel and invisible
    format characters (ZWNJ, bidi marks) are part of the word; they never split it, unlike
    Whoosh's default ``\\w+`` which cuts ``مَبنا`` into ``م`` and ``بنا``. Arabic punctuation
    (، ؛ ؟ ٪ ٫) is not a letter and ends a word. A change of script ends a word: ``بـCOVID`` ->
    ``بـ``, ``COVID``; ``2015م`` -> ``2015``, ``م``; ``٢٠١٥م`` -> ``٢٠١٥``, ``م``. Marks before the
    first letter of a word (a detached haraka) are not part of it.
    """
    arabic = [chr(c) for lo, hi in ARABIC_BLOCKS for c in range(lo, hi + 1)]
    arab = _char_class(c for c in arabic if c.isalpha())  # includes tatweel (a modifier letter)
    digits = _char_class(c for c in arabic if c.isdecimal())
    glue = _char_class(COMBINING_MARKS | INVISIBLE_FORMAT)
    blocks = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ARABIC_BLOCKS)
    other = rf"[^\W_{blocks}]"  # a letter or digit of any other script (Latin, ASCII digits)
    return re.compile(
        rf"[{arab}][{arab}{glue}]*"  # an Arabic word, harakat/tatweel/ZWNJ inside
        rf"|{other}(?:{other}|[{glue}])*"  # a Latin (or other script) word, or an ASCII number
        rf"|[{digits}]+"  # a number in Arabic-Indic or Persian digits
    )


class ArabicTokenizer(Tokenizer):
    """Split text into words, keeping each word whole across diacritics and tatweel.

    >>> [(t.text, t.startchar, t.endchar) for t in ArabicTokenizer()("قالَ: نعم، ٢٠١٥!", chars=True)]
    [('قالَ', 0, 4), ('نعم', 6, 9), ('٢٠١٥', 11, 15)]
    """

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        for pos, match in enumerate(word_pattern().finditer(value), start_pos):
            t.text = match.group()
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


class NormalizeFilter(Filter):
    """Replace each token's text by :func:`indexer.normalize.normalize_word` (cached).

    Tokens that normalize to nothing (a lone tatweel or diacritic) are dropped, and the
    positions after them renumbered so that phrases still match across them.

    >>> [t.text for t in NormalizeFilter()(ArabicTokenizer()("أَحمد إلى المدرسة"))]
    ['احمد', 'الي', 'المدرسه']
    """

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        norm = normalize_word
        dropped = 0
        for t in tokens:
            text = norm(t.text)
            if text:
                t.surface = t.text  # kept for stemmers that need the unnormalized word
                t.text = text
                if dropped and t.positions:
                    t.pos -= dropped
                yield t
            else:
                dropped += 1


class StopFilter(Filter):
    """Drop (or, with ``removestops=False``, mark ``stopped``) normalized stop words.

    Like Whoosh's own StopFilter, positions are renumbered over removed stop words, so that a
    quoted phrase analyzed the same way (``"حق في التعليم"`` -> ``حق تعليم``) matches the
    stemmed field; the exact field keeps stop words and is where phrases match word for word.

    >>> [t.text for t in StopFilter()(NormalizeFilter()(ArabicTokenizer()("هل هي في المدرسة")))]
    ['المدرسه']
    """

    def __init__(self, additions: bool = True, proclitics: bool = True) -> None:
        """``additions``: our question words on top of Lucene's list; ``proclitics``: also
        stop a stop word written behind و ف ب ل ك (``ولذلك``, ``فهي``, ``بها``)."""
        self.additions = additions
        self.proclitics = proclitics

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and (other.additions, other.proclitics) == (
            self.additions,
            self.proclitics,
        )

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update({"proclitics": False, **state})

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        if self.proclitics:
            stops = stop_words_with_proclitics(additions=self.additions)
        else:
            stops = stop_words(additions=self.additions)
        removed = 0
        for t in tokens:
            if t.text in stops:
                if t.removestops:
                    removed += 1
                    continue
                t.stopped = True
            elif removed and t.positions:
                t.pos -= removed
            yield t


# ---------------------------------------------------------------------------------------------
# Stemmers (each takes a NORMALIZED word and returns a normalized stem)
# ---------------------------------------------------------------------------------------------

_ALEF = "\N{ARABIC LETTER ALEF}"
_LAM = "\N{ARABIC LETTER LAM}"
_WAW = "\N{ARABIC LETTER WAW}"
_BEH = "\N{ARABIC LETTER BEH}"
_KAF = "\N{ARABIC LETTER KAF}"
_FEH = "\N{ARABIC LETTER FEH}"
_HEH = "\N{ARABIC LETTER HEH}"
_YEH = "\N{ARABIC LETTER YEH}"
_NOON = "\N{ARABIC LETTER NOON}"
_TEH = "\N{ARABIC LETTER TEH}"

_AL = _ALEF + _LAM
#: light10 prefixes (Larkey, Ballesteros & Connell 2007, "Light Stemming for Arabic Information
#: Retrieval", table of light10): ال وال بال كال فال لل, and و.
LIGHT10_PREFIXES: tuple[str, ...] = (_AL, _WAW + _AL, _BEH + _AL, _KAF + _AL, _FEH + _AL, _LAM + _LAM)
#: light10 suffixes, stripped in this order: ها ان ات ون ين يه ية ه ة ي. After normalization
#: ة is ه, so ية and يه coincide.
LIGHT10_SUFFIXES: tuple[str, ...] = (
    _HEH + _ALEF,
    _ALEF + _NOON,
    _ALEF + _TEH,
    _WAW + _NOON,
    _YEH + _NOON,
    _YEH + _HEH,
    _HEH,
    _YEH,
)


#: Our additions for light10_m3: و/ف + لل ("and to the"), as in وللأطفال، فللمرأة.
EXTRA_PREFIXES: tuple[str, ...] = (_WAW + _LAM + _LAM, _FEH + _LAM + _LAM)


def light10(word: str, min_stem: int = 2, prefixes: tuple[str, ...] = LIGHT10_PREFIXES) -> str:
    """light10 (Larkey et al. 2007) on a normalized word.

    Strip one of the article prefixes if at least 2 letters remain, else a leading و if at least
    3 remain; then, in order, each suffix the word ends with while at least ``min_stem`` letters
    remain (2 in the paper; :func:`light10_m3` uses 3).

    >>> light10("والصحفيين"), light10("ساهدون"), light10("زوجها")
    ('صحف', 'ساهد', 'زوج')
    """
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p):]
            break
    else:
        if word.startswith(_WAW) and len(word) >= 4:
            word = word[1:]
    for s in LIGHT10_SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= min_stem:
            word = word[: -len(s)]
    return word


def light10_m3(word: str) -> str:
    """light10, but a suffix comes off only if at least 3 letters remain, and و/ف + لل are
    prefixes too (our variant).

    Same retrieval quality on the benchmarks (docs/relevance.md), fewer merges of unrelated
    words: light10 takes الأمين (secretary, as in الأمين العام) to ام, the stem of الأم (mother);
    light10_m3 keeps امين.

    >>> light10("الامين"), light10_m3("الامين"), light10_m3("الصحفيين"), light10_m3("وللاطفال")
    ('ام', 'امين', 'صحف', 'اطفال')
    """
    return light10(word, 3, EXTRA_PREFIXES + LIGHT10_PREFIXES)


@lru_cache(maxsize=1)
def _snowball():  # PyStemmer objects are not picklable: build one per process
    import Stemmer

    return Stemmer.Stemmer("arabic")


def snowball(word: str) -> str:
    """Snowball Arabic (PyStemmer). Snowball wants teh marbuta and alef maksura intact, so the
    caller passes the *surface* form: we fold everything except those, stem, then normalize."""
    return normalize_word(_snowball().stemWord(normalize_keep_endings(word)))


@lru_cache(maxsize=1)
def _tashaphyne():
    from tashaphyne.stemming import ArabicLightStemmer

    return ArabicLightStemmer()


def tashaphyne(word: str) -> str:
    """Tashaphyne's ArabicLightStemmer ``get_stem()`` (prefix/suffix tables, pure Python)."""
    st = _tashaphyne()
    st.light_stem(normalize_keep_endings(word))
    return normalize_word(st.get_stem()) or normalize_word(word)


def identity(word: str) -> str:
    """No stemming: the normalized word."""
    return normalize_word(word)


#: Stemmers that must see the surface word (teh marbuta / alef maksura intact).
SURFACE_STEMMERS: frozenset[str] = frozenset({"snowball", "tashaphyne"})

#: Stemmers by name. Each accepts a SURFACE or normalized word and returns a normalized stem.
STEMMERS: dict[str, Callable[[str], str]] = {
    "none": identity,
    "light10": lambda w: light10(normalize_word(w)),
    "light10_m3": lambda w: light10_m3(normalize_word(w)),
    "snowball": snowball,
    "tashaphyne": tashaphyne,
}

#: The stemmer the analyzer uses (chosen by bench/relevance.py; see docs/relevance.md).
DEFAULT_STEMMER = "light10_m3"


@lru_cache(maxsize=200_000)
def _stem_cached(stemmer: str, word: str) -> str:
    return STEMMERS[stemmer](word)


def stem_word(word: str, stemmer: str = DEFAULT_STEMMER) -> str:
    """The stem the analyzer indexes for one word (cached). ``stem_word("الصحفيين")`` -> ``"صحف"``."""
    return _stem_cached(stemmer, word)


class LightStemFilter(Filter):
    """Replace each (normalized, not stopped) token by its stem, cached per distinct word.

    >>> [t.text for t in LightStemFilter()(NormalizeFilter()(ArabicTokenizer()("صحفيون")))]
    ['صحف']
    """

    is_morph = True

    def __init__(self, stemmer: str = DEFAULT_STEMMER) -> None:
        if stemmer not in STEMMERS:
            raise ValueError(f"unknown stemmer {stemmer!r}; known: {sorted(STEMMERS)}")
        self.stemmer = stemmer

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and other.stemmer == self.stemmer

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stemmer = self.stemmer
        cached = _stem_cached
        surface = stemmer in SURFACE_STEMMERS
        for t in tokens:
            if not t.stopped:
                stem = cached(stemmer, getattr(t, "surface", t.text) if surface else t.text)
                if stem:
                    t.text = stem
            yield t


@lru_cache(maxsize=200_000)
def char_ngrams(word: str, n: int = 3) -> tuple[str, ...]:
    """The character n-grams of a word; a word shorter than ``n`` is its own single gram.

    >>> char_ngrams("لسويسرا")
    ('لسو', 'سوي', 'ويس', 'يسر', 'سرا')
    """
    if len(word) <= n:
        return (word,)
    return tuple(word[i : i + n] for i in range(len(word) - n + 1))


class CharNgramFilter(Filter):
    """Replace each (normalized, not stopped) word by its character n-grams.

    Every gram keeps its word's character offsets, so a highlight lands on the whole word, and
    gets its own position (the grams of a text are numbered in order), so a phrase query that
    a multi-field parser sends to this field is a valid, if strict, query rather than an error. This is the fallback that still matches when affixes differ in a way the light
    stemmer does not undo (``لسويسرا`` / ``سويسرا``, ``ابنتي`` / ``ابنته``).

    >>> [t.text for t in CharNgramFilter()(NormalizeFilter()(ArabicTokenizer()("سويسرا")))]
    ['سوي', 'ويس', 'يسر', 'سرا']
    """

    is_morph = True

    def __init__(self, n: int = 3) -> None:
        self.n = n

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and other.n == self.n

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        n = self.n
        shift = 0
        for t in tokens:
            if shift and t.positions:
                t.pos += shift
            if t.stopped:
                yield t
                continue
            grams = char_ngrams(t.text, n)
            for i, gram in enumerate(grams):
                t.text = gram
                if i and t.positions:
                    t.pos += 1
                yield t
            shift += len(grams) - 1


_WORD_CACHES: dict[tuple[str, str], dict[str, tuple[str, ...] | None]] = {}
_WORD_CACHE_LIMIT = 200_000  # distinct words per analyzer; cleared when exceeded


def _stop_set(stop: bool | str) -> frozenset[str]:
    if not stop:
        return frozenset()
    if stop == "lucene":
        return stop_words(additions=False)
    return stop_words_with_proclitics()


def analyze_word(surface: str, stop: bool | str = True, stemmer: str | None = DEFAULT_STEMMER) -> tuple[str, ...] | None:
    """What the chain ``NormalizeFilter() | StopFilter() | LightStemFilter(stemmer)`` (or
    ``| CharNgramFilter()`` for ``stemmer="ngram3"``) makes of one word: its output texts, ``()``
    if it normalizes to nothing, ``None`` if it is a stop word. Not cached; see WordFilter.

    >>> analyze_word("والصحفيين"), analyze_word("وفي"), analyze_word("سويسرا", stemmer="ngram3")
    (('صحف',), None, ('سوي', 'ويس', 'يسر', 'سرا'))
    """
    norm = normalize_word(surface)
    if not norm:
        return ()
    if norm in _stop_set(stop):
        return None
    if stemmer == "ngram3":
        return char_ngrams(norm, 3)
    if stemmer and stemmer != "none":
        stem = _stem_cached(stemmer, surface if stemmer in SURFACE_STEMMERS else norm)
        return (stem or norm,)
    return (norm,)


class WordFilter(Filter):
    """``NormalizeFilter() | StopFilter() | LightStemFilter()`` (or ``| CharNgramFilter()``) as ONE
    filter with one cache lookup per word: same tokens, about twice the speed, because the
    per-word work is done once per distinct word and each token passes one generator, not three.
    (``tests/test_analysis.py`` checks the two spellings give identical tokens.)

    >>> [t.text for t in WordFilter()(ArabicTokenizer()("هل الصحفيون في المدرسة"))]
    ['صحف', 'مدرس']
    """

    def __init__(self, stop: bool | str = True, stemmer: str | None = DEFAULT_STEMMER) -> None:
        if stemmer not in (None, "none", "ngram3") and stemmer not in STEMMERS:
            raise ValueError(f"unknown stemmer {stemmer!r}; known: {sorted(STEMMERS)} and 'ngram3'")
        self.stop = stop
        self.stemmer = stemmer

    is_morph = True

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__ and (other.stop, other.stemmer) == (self.stop, self.stemmer)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stop, stemmer = self.stop, self.stemmer
        cache = _WORD_CACHES.setdefault((str(stop), str(stemmer)), {})
        if len(cache) > _WORD_CACHE_LIMIT:
            cache.clear()
        # Positions: a dropped token moves later ones down (as Whoosh's StopFilter does); each
        # extra n-gram of a word moves them up (every gram gets its own position).
        shift = 0
        for t in tokens:
            surface = t.text
            try:
                out = cache[surface]
            except KeyError:
                out = cache[surface] = analyze_word(surface, stop, stemmer)
            if out is None:  # a stop word
                if t.removestops:
                    shift -= 1
                    continue
                t.text = normalize_word(surface)
                t.stopped = True
                if shift and t.positions:
                    t.pos += shift
                yield t
                continue
            if not out:  # nothing left after normalization
                shift -= 1
                continue
            if shift and t.positions:
                t.pos += shift
            if len(out) == 1:
                t.text = out[0]
                yield t
            elif t.positions:
                pos = t.pos
                for text in out:
                    t.text = text
                    t.pos = pos
                    pos += 1
                    yield t
                shift += len(out) - 1
            else:
                for text in out:
                    t.text = text
                    yield t


# ---------------------------------------------------------------------------------------------
# The analyzers
# ---------------------------------------------------------------------------------------------

#: How the application queries the three indexed forms: an OR over the fields, each term's
#: score multiplied by its field's boost (chosen by bench/relevance.py, docs/relevance.md).
FIELD_BOOSTS: dict[str, float] = {"stem": 1.0, "exact": 0.2, "gram": 0.5}
#: BM25F parameters for ``whoosh.scoring.BM25F(B=BM25_B, K1=BM25_K1)``.
BM25_K1: float = 0.9
BM25_B: float = 0.75


def make_analyzer(
    *, stemmer: str | None = DEFAULT_STEMMER, stop: bool | str = True, fused: bool = True
) -> Analyzer:
    """Build a chain: tokenizer | normalize [| stop words] [| stem or 3-grams].

    With ``fused=True`` (the default) the filters after the tokenizer run as one
    :class:`WordFilter` (same tokens, faster).

    ``stop``: True (our list, proclitic-aware), ``"lucene"`` (Lucene's list alone) or False.
    ``stemmer``: a key of :data:`STEMMERS`, ``"ngram3"`` (character 3-grams) or None. Used by
    the benchmark to compare variants; the application uses :func:`exact_analyzer`,
    :func:`stem_analyzer` and :func:`gram_analyzer`.
    """
    if fused:
        return ArabicTokenizer() | WordFilter(stop=stop, stemmer=stemmer)
    chain = ArabicTokenizer() | NormalizeFilter()
    if stop:
        lucene = stop == "lucene"
        chain = chain | StopFilter(additions=not lucene, proclitics=not lucene)
    if stemmer == "ngram3":
        chain = chain | CharNgramFilter(3)
    elif stemmer and stemmer != "none":
        chain = chain | LightStemFilter(stemmer)
    return chain


@lru_cache(maxsize=1)
def exact_analyzer() -> Analyzer:
    """The exact (normalized, unstemmed, all words kept) form. Built once per process."""
    return make_analyzer(stemmer=None, stop=False)


@lru_cache(maxsize=1)
def stem_analyzer() -> Analyzer:
    """The stemmed form: normalized, stop words removed, light-stemmed. Built once per process."""
    return make_analyzer(stemmer=DEFAULT_STEMMER, stop=True)


@lru_cache(maxsize=1)
def gram_analyzer() -> Analyzer:
    """Character 3-grams of each normalized non-stop word (a recall fallback field; grams are
    numbered in order, so ``TEXT(phrase=True)`` accepts phrase queries). Built once per process."""
    return make_analyzer(stemmer="ngram3", stop=True)


# ---------------------------------------------------------------------------------------------
# explain(): what `fahras analyze` prints
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenInfo:
    """One word of a text as the analyzer sees it.

    ``stem`` is ``""`` for a stop word (it is indexed in the exact field only).
    ``start``/``end`` are offsets into the text given to :func:`explain`.
    """

    surface: str
    normalized: str
    stem: str
    start: int
    end: int

    def to_json(self) -> dict:
        return asdict(self)


def explain(text: str) -> list[TokenInfo]:
    """Each word of ``text``: surface form, normalized form, stem (``""`` if a stop word), offsets.

    >>> [(i.surface, i.normalized, i.stem) for i in explain("وفي الصحفيين")]
    [('وفي', 'وفي', ''), ('الصحفيين', 'الصحفيين', 'صحف')]
    """
    stops = stop_words_with_proclitics()
    out: list[TokenInfo] = []
    for match in word_pattern().finditer(text):
        surface = match.group()
        normalized = normalize_word(surface)
        if not normalized:
            continue
        stem = "" if normalized in stops else (stem_word(surface) or normalized)
        out.append(TokenInfo(surface, normalized, stem, match.start(), match.end()))
    return out
