"""Arabic normalization: the named tables, the functions, Lucene's test vectors, properties."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import normalize as N
from indexer.normalize import normalize_word

# Lucene's ArabicNormalizationFilter test vectors (input -> expected), transcribed from
# apache/lucene lucene/analysis/common/src/test/org/apache/lucene/analysis/ar/
# TestArabicNormalizationFilter.java (commit ef456505135b7e5daec716f35fc9ef420118711a),
# Apache-2.0. One row per test method, in the file's order.
LUCENE_NORMALIZATION = [
    ("آجن", "اجن"),  # testAlifMadda
    ("أحمد", "احمد"),  # testAlifHamzaAbove
    ("إعاذ", "اعاذ"),  # testAlifHamzaBelow
    ("بنى", "بني"),  # testAlifMaksura
    ("فاطمة", "فاطمه"),  # testTehMarbuta
    ("روبرـــــت", "روبرت"),  # testTatweel
    ("مَبنا", "مبنا"),  # testFatha
    ("علِي", "علي"),  # testKasra
    ("بُوات", "بوات"),  # testDamma
    ("ولداً", "ولدا"),  # testFathatan
    ("ولدٍ", "ولد"),  # testKasratan
    ("ولدٌ", "ولد"),  # testDammatan
    ("نلْسون", "نلسون"),  # testSukun
    ("هتميّ", "هتمي"),  # testShaddah
]


@pytest.mark.parametrize("word,expected", LUCENE_NORMALIZATION)
def test_lucene_normalization_vectors(word: str, expected: str) -> None:
    assert normalize_word(word) == expected


# ----------------------------------------------------------------------------- the tables


@pytest.mark.parametrize(
    "table",
    [N.ALEF_VARIANTS, N.YEH_VARIANTS, N.TEH_MARBUTA, N.LETTER_VARIANTS, N.DIGITS],
    ids=["alef", "yeh", "teh_marbuta", "letters", "digits"],
)
def test_tables_map_single_named_code_points(table: dict[str, str]) -> None:
    for source, target in table.items():
        assert len(source) == 1 and len(target) == 1
        assert unicodedata.name(source)  # a real, named character
        # no target is itself rewritten: one pass of the table is a fixed point
        assert normalize_word(target) == target


def test_alef_variants_all_fold_to_bare_alef() -> None:
    alef = "\N{ARABIC LETTER ALEF}"
    for name in ("WITH MADDA ABOVE", "WITH HAMZA ABOVE", "WITH HAMZA BELOW", "WASLA"):
        ch = unicodedata.lookup(f"ARABIC LETTER ALEF {name}")
        assert N.fold_alef(ch) == alef
        assert normalize_word(ch + "\N{ARABIC LETTER LAM}") == alef + "\N{ARABIC LETTER LAM}"


def test_digits_arabic_indic_and_persian_to_ascii() -> None:
    arabic_indic = "".join(unicodedata.lookup(f"ARABIC-INDIC DIGIT {d}") for d in
                           ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"))
    persian = "".join(unicodedata.lookup(f"EXTENDED ARABIC-INDIC DIGIT {d}") for d in
                      ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"))
    assert N.fold_digits(arabic_indic) == "0123456789"
    assert N.fold_digits(persian) == "0123456789"
    assert normalize_word("٢٠١٥") == normalize_word("۲۰۱۵") == "2015"


def test_named_functions() -> None:
    assert N.strip_diacritics("مَبْنًى") == "مبنى"
    assert N.strip_tatweel("كازاخســــتان") == "كازاخستان"
    assert N.fold_yeh("مبنى") == "مبني"
    assert N.fold_teh_marbuta("مدرسة") == "مدرسه"
    assert N.orthographic_fold("مَدرَسة", keep_endings=True) == "مدرسة"
    assert N.normalize_keep_endings("إلى") == "الى"


def test_latin_is_lowercased_and_presentation_forms_fold() -> None:
    assert normalize_word("UNICEF") == "unicef"
    assert normalize_word("CEDAW") == "cedaw"
    assert normalize_word("\N{ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM}") == "لا"
    assert normalize_word("\N{ARABIC LETTER BEH ISOLATED FORM}") == "\N{ARABIC LETTER BEH}"


def test_invisible_characters_inside_words_are_removed() -> None:
    assert normalize_word("حقوق\N{ZERO WIDTH NON-JOINER}") == "حقوق"
    assert normalize_word("\N{RIGHT-TO-LEFT MARK}الإنسان") == "الانسان"
    assert normalize_word("\N{ARABIC LETTER KEHEH}تاب") == "كتاب"
    assert normalize_word("\N{ARABIC LETTER FARSI YEH}") == "\N{ARABIC LETTER YEH}"


def test_combining_hamza_folds_like_precomposed() -> None:
    decomposed = "\N{ARABIC LETTER ALEF}\N{ARABIC HAMZA ABOVE}حمد"
    assert normalize_word(decomposed) == normalize_word("أحمد") == "احمد"


# ----------------------------------------------------------------------------- properties


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_normalization_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_word(text)
    assert normalize_word(once) == once
    assert N.normalize_text(text) is not None


ARABIC_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0600, 0x0700)] + ["\N{ARABIC TATWEEL}", "\N{ZERO WIDTH NON-JOINER}", "A", "z", "5"]
)


@settings(max_examples=400, deadline=None)
@given(st.text(ARABIC_ALPHABET, max_size=12))
def test_arabic_block_normalization_is_idempotent_and_clean(text: str) -> None:
    once = normalize_word(text)
    assert normalize_word(once) == once
    for ch in once:  # nothing the tables remove survives
        assert ch not in N.ARABIC_DIACRITICS and ch != N.TATWEEL
        assert ch not in N.ALEF_VARIANTS and ch not in N.TEH_MARBUTA and ch not in N.DIGITS
