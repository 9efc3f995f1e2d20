"""The one Levenshtein distance, for letters and for words."""
from indexer.distance import levenshtein


def test_letters_and_words():
    assert levenshtein("اولاا", "اولا") == 1
    assert levenshtein("", "نظام") == 4
    assert levenshtein("نظام روما الأساسي".split(), "نظام الأساسي".split()) == 1


def test_limit_caps_the_answer():
    assert levenshtein("ا" * 10, "ب", limit=3) == 4
    assert levenshtein("عاشرا", "لاشرا", limit=3) == 1
