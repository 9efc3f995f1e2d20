"""The Arabic analyzer: tokenizer, stop words, stemmers, the three analyzers, explain()."""
from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, highlight, qparser
from whoosh.filedb.filestore import RamStorage

from indexer import analysis as A
from indexer.analysis import (
    ArabicTokenizer,
    TokenInfo,
    exact_analyzer,
    explain,
    gram_analyzer,
    light10,
    light10_m3,
    stem_analyzer,
    stem_word,
)
from indexer.stopwords import lucene_stop_words, stop_words, stop_words_with_proclitics

FATHA, DAMMA, KASRA, SHADDA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
TATWEEL = "\N{ARABIC TATWEEL}"


def texts(analyzer, text: str, **kw) -> list[str]:
    return [t.text for t in analyzer(text, **kw)]


# ----------------------------------------------------------------------------- tokenizer


def surfaces(text: str) -> list[str]:
    return [text[t.startchar : t.endchar] for t in ArabicTokenizer()(text, chars=True)]


def test_tokenizer_keeps_words_whole_across_diacritics_and_tatweel() -> None:
    # Whoosh's default \w+ splits this into م and بنا
    assert surfaces("مَبنا") == ["مَبنا"]
    assert surfaces("الصَّحَفِيِّين") == ["الصَّحَفِيِّين"]
    assert surfaces("كازاخســــتان") == ["كازاخســــتان"]
    assert surfaces("حقوق\N{ZERO WIDTH NON-JOINER}الإنسان") == ["حقوق\N{ZERO WIDTH NON-JOINER}الإنسان"]


def test_tokenizer_arabic_punctuation_ends_words() -> None:
    assert surfaces("نعم،لا؛ربما؟حسنا") == ["نعم", "لا", "ربما", "حسنا"]
    assert surfaces("«الحق في التعليم»: (المادة ٢٦).") == ["الحق", "في", "التعليم", "المادة", "٢٦"]


def test_tokenizer_splits_scripts_and_numbers() -> None:
    assert surfaces("بـCOVID-19 في 2015م و٢٠١٥م") == ["بـ", "COVID", "19", "في", "2015", "م", "و", "٢٠١٥", "م"]
    assert surfaces("A/HRC/22/14") == ["A", "HRC", "22", "14"]
    assert surfaces("réseau") == ["réseau"]


def test_tokenizer_positions_and_start_offsets() -> None:
    toks = [(t.text, t.pos, t.startchar, t.endchar)
            for t in ArabicTokenizer()("أ ب", positions=True, chars=True, start_pos=5, start_char=10)]
    assert toks == [("أ", 5, 10, 11), ("ب", 6, 12, 13)]


def test_tokenizer_tokenize_false_yields_whole_value() -> None:
    assert [t.text for t in ArabicTokenizer()("كلمة واحدة", tokenize=False)] == ["كلمة واحدة"]


# ----------------------------------------------------------------------------- stop words


def test_stop_words_are_normalized_and_include_lucene_list() -> None:
    assert {"في", "من", "الي", "علي", "التي", "هذه"} <= lucene_stop_words()
    assert {"هل", "كم", "متي", "لماذا"} <= stop_words() - lucene_stop_words()
    assert all(w == A.normalize_word(w) for w in stop_words())


def test_proclitic_stop_words() -> None:
    assert {"وفي", "فهي", "بها", "لذلك", "وهذه", "ولكن"} <= stop_words_with_proclitics()
    assert texts(stem_analyzer(), "ولذلك فهي وهذه") == []


def test_stopped_tokens_marked_when_removestops_false() -> None:
    toks = [(t.text, t.stopped, t.pos) for t in stem_analyzer()("هل الصحفيون", positions=True, removestops=False)]
    assert toks == [("هل", True, 0), ("صحف", False, 1)]


def test_positions_renumbered_over_removed_words() -> None:
    toks = [(t.text, t.pos) for t in stem_analyzer()("حق في التعليم ـ للجميع", positions=True)]
    assert toks == [("حق", 0), ("تعليم", 1), ("جميع", 2)]
    toks = [(t.text, t.pos) for t in exact_analyzer()("حق في ـ التعليم", positions=True)]
    assert toks == [("حق", 0), ("في", 1), ("التعليم", 2)]


# ----------------------------------------------------------------------------- stemmers

# Lucene's ArabicStemFilter test vectors, transcribed from apache/lucene
# lucene/analysis/common/src/test/org/apache/lucene/analysis/ar/TestArabicStemFilter.java
# (commit ef456505135b7e5daec716f35fc9ef420118711a), Apache-2.0. Lucene implements light10
# without normalizing first; we normalize first (so "English" comes out lower-cased).
LUCENE_STEMS = [
    ("الحسن", "حسن"), ("والحسن", "حسن"), ("بالحسن", "حسن"), ("كالحسن", "حسن"), ("فالحسن", "حسن"),
    ("للاخر", "اخر"), ("وحسن", "حسن"), ("زوجها", "زوج"), ("ساهدان", "ساهد"), ("ساهدات", "ساهد"),
    ("ساهدون", "ساهد"), ("ساهدين", "ساهد"), ("ساهديه", "ساهد"), ("ساهدية", "ساهد"), ("ساهده", "ساهد"),
    ("ساهدة", "ساهد"), ("ساهدي", "ساهد"), ("وساهدون", "ساهد"), ("ساهدهات", "ساهد"), ("الو", "الو"),
    ("English", "english"),
]


@pytest.mark.parametrize("word,expected", LUCENE_STEMS)
def test_lucene_stem_vectors(word: str, expected: str) -> None:
    assert light10(A.normalize_word(word)) == expected
    assert light10_m3(A.normalize_word(word)) == expected
    assert stem_word(word) == expected


# Lucene's TestArabicAnalyzer vectors (same source tree, commit 21cb80e1...), Apache-2.0.
LUCENE_ANALYZER = [
    ("كبير", "كبير"), ("كبيرة", "كبير"), ("مشروب", "مشروب"), ("مشروبات", "مشروب"),
    ("أمريكيين", "امريك"), ("امريكي", "امريك"), ("كتاب", "كتاب"), ("الكتاب", "كتاب"),
    ("ما ملكت أيمانكم", "ملكت ايمانكم"), ("الذين ملكت أيمانكم", "ملكت ايمانكم"),
    ("English text.", "english text"), ("١٢٣٤", "1234"),
]


@pytest.mark.parametrize("text,expected", LUCENE_ANALYZER)
def test_lucene_analyzer_vectors(text: str, expected: str) -> None:
    lucene_style = A.make_analyzer(stemmer="light10", stop="lucene")
    assert " ".join(texts(lucene_style, text)) == expected
    assert " ".join(texts(stem_analyzer(), text)) == expected


def test_issue_inflection_example() -> None:
    assert stem_word("الصحفيين") == stem_word("الصحفي") == stem_word("صحفيون") == stem_word("صحفي")


def test_every_stemmer_is_registered_and_returns_normalized_text() -> None:
    for name in A.STEMMERS:
        for word in ("المدرسة", "إلى", "الصحفيين", "UN", "٢٠"):
            out = A._stem_cached(name, word)
            assert out == A.normalize_word(out)


# ----------------------------------------------------------------------------- precision

# Words of different meaning that a careless (root-based or prefix-greedy) stemmer merges.
PRECISION_PAIRS = [
    ("الأمن", "الأمم"),  # security / nations
    ("كتاب", "مكتب"),  # book / office (same root)
    ("كاتب", "كتاب"),  # writer / book
    ("لجنة", "جنة"),  # committee / paradise (ل is not a prefix here)
    ("المحكمة", "الحكم"),  # court / ruling
    ("الإعلام", "العلم"),  # media / science
    ("السلام", "الإسلام"),  # peace / Islam
    ("حرية", "حرب"),  # freedom / war
    ("التعذيب", "العذاب"),  # torture / punishment
    ("المجلس", "الجلسة"),  # council / session
    ("الانتخابات", "النخبة"),  # elections / elite
    ("الأطفال", "الطفولة"),  # children / childhood
    ("الإعدام", "العدم"),  # execution / nothingness
    ("اللاجئين", "اللجنة"),  # refugees / committee
    ("بحث", "حث"),  # research / urge (ب is not a prefix here)
    ("فريق", "ريق"),  # team / saliva
    ("العمل", "العمال"),  # work / workers
    ("الأمين", "الأم"),  # secretary (الأمين العام) / mother -- light10 merges these, light10_m3 not
    ("الأمين", "الأمن"),  # secretary / security
    ("السكان", "السكن"),  # population / housing -- light10 merges to سك
    ("المساواة", "المساعدة"),  # equality / assistance
    ("مراقبة", "مرافق"),  # monitoring / facilities
    ("المواطنين", "الوطن"),  # citizens / homeland
    ("جرائم", "جرائد"),  # crimes / newspapers
]


@pytest.mark.parametrize("a,b", PRECISION_PAIRS)
def test_precision_pairs_stay_apart(a: str, b: str) -> None:
    assert stem_word(a) != stem_word(b)
    assert texts(stem_analyzer(), a) != texts(stem_analyzer(), b)


# Known merges of the chosen light stemmer (documented in docs/relevance.md): feminine -at
# nouns against their masculine base, the nisba adjective against its noun, and و taken as a
# conjunction at the start of a 4-letter word. Strict xfail: if one starts passing, update docs.
KNOWN_MERGES = [("المدرسة", "المدرس"), ("الشرطة", "الشرط"), ("الدولة", "الدولية"), ("وجود", "جود")]


# Known misses: ل + ال before a word starting with ل is written لل (للجنة = to the committee);
# light stemming reads لل + جنة. The 3-gram field still matches (للج، لجن، جنه are shared).
@pytest.mark.xfail(strict=True, reason="لل + ل-initial word, see docs/relevance.md")
def test_known_miss_lam_initial_word_after_lil() -> None:
    assert stem_word("للجنة") == stem_word("اللجنة")


@pytest.mark.xfail(strict=True, reason="known light-stemming merge, see docs/relevance.md")
@pytest.mark.parametrize("a,b", KNOWN_MERGES)
def test_known_merges(a: str, b: str) -> None:
    assert stem_word(a) != stem_word(b)


# ----------------------------------------------------------------------------- variants


BASE_WORDS = ["الصحفي", "المدرسة", "الأمم", "الإنسان", "مستشفى", "الحكومة", "التعليم", "الأطفال",
              "اللجنة", "المرأة", "القانون", "المساواة", "أحمد", "إعلان", "الآن"]
ALEFS = "\N{ARABIC LETTER ALEF}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}\N{ARABIC LETTER ALEF WITH HAMZA BELOW}" \
        "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}\N{ARABIC LETTER ALEF WASLA}"
HARAKAT = [FATHA, DAMMA, KASRA, SHADDA, SUKUN, "\u064b", "\u064c", "\u064d", "\u0670"]
#: clitics from the issue, each with the article where Lucene/light10 strip them with it
ARTICLE_CLITICS = ["وال", "فال", "بال", "كال", "لل", "ال"]


@st.composite
def spelling_variant(draw, word: str) -> str:
    """A spelling of ``word`` as people write it: harakat, tatweel, alef/yeh/teh-marbuta forms."""
    out = []
    for i, ch in enumerate(word):
        if ch in ALEFS:
            ch = draw(st.sampled_from(ALEFS))
        elif ch in "\N{ARABIC LETTER ALEF MAKSURA}\N{ARABIC LETTER YEH}" and i == len(word) - 1:
            ch = draw(st.sampled_from("\N{ARABIC LETTER ALEF MAKSURA}\N{ARABIC LETTER YEH}"))
        elif ch in "\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER HEH}" and i == len(word) - 1:
            ch = draw(st.sampled_from("\N{ARABIC LETTER TEH MARBUTA}\N{ARABIC LETTER HEH}"))
        out.append(ch)
        out.append("".join(draw(st.lists(st.sampled_from(HARAKAT), max_size=2))))
        if i < len(word) - 1 and draw(st.booleans()):
            out.append(TATWEEL * draw(st.integers(0, 3)))
    return "".join(out)


def bare(word: str) -> str:
    """The word without its article (``الصحفي`` -> ``صحفي``)."""
    return word[2:] if word.startswith("ال") else word


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_spelling_variants_share_the_stem(data) -> None:
    word = data.draw(st.sampled_from(BASE_WORDS))
    target = stem_word(word)
    if word.startswith("ال"):
        body = data.draw(spelling_variant(bare(word)))
        article = data.draw(st.sampled_from(["ال", "\N{ARABIC LETTER ALEF WASLA}ل", "ا" + FATHA + "ل" + SUKUN]))
        assert stem_word(article + body) == target, article + body
        # the same word behind a clitic: و، ف، ب، ك، ل with the article (light10's prefixes)
        clitic = data.draw(st.sampled_from(ARTICLE_CLITICS))
        if clitic == "لل" and bare(word).startswith("ل"):
            clitic = "ال"  # لل + لجنة is written للجنة: see test_fixed_variants
        assert stem_word(clitic + body) == target, clitic + body
    else:
        variant = data.draw(spelling_variant(word))
        assert stem_word(variant) == target, variant
        assert stem_word("و" + variant) == target, "و" + variant


@pytest.mark.parametrize(
    "variant,word",
    [("وللأطفال", "الأطفال"), ("فللمرأة", "المرأة"), ("للتعليم", "التعليم"), ("بالإنسان", "الإنسان"), ("فالتعليم", "التعليم"),
     ("كالأطفال", "الأطفال"), ("والمرأة", "المرأة"), ("وأحمد", "أحمد"), ("مستشفي", "مستشفى"),
     ("الحكومه", "الحكومة"), ("ٱلإنسان", "الإنسان"), ("صحفيون", "الصحفي"), ("الصحفيين", "الصحفي")],
)
def test_fixed_variants(variant: str, word: str) -> None:
    assert stem_word(variant) == stem_word(word)


def test_digits_variants_equal() -> None:
    assert texts(stem_analyzer(), "٢٠١٥") == texts(stem_analyzer(), "۲۰۱۵") == texts(stem_analyzer(), "2015")
    assert texts(exact_analyzer(), "UN Women") == ["un", "women"]


# ----------------------------------------------------------------------------- the analyzers


ANALYZERS = [exact_analyzer, stem_analyzer, gram_analyzer]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["index", "query", ""]), st.booleans())
def test_analyzers_never_raise_and_offsets_are_sane(text: str, mode: str, removestops: bool) -> None:
    for factory in ANALYZERS:
        for t in factory()(text, positions=True, chars=True, mode=mode, removestops=removestops):
            assert t.text
            assert 0 <= t.startchar < t.endchar <= len(text)


WORD = st.text(st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآء"), min_size=1, max_size=7)
DECORATED = st.tuples(WORD, st.lists(st.sampled_from(HARAKAT + [TATWEEL]), max_size=3)).map(
    lambda wm: wm[0][0] + "".join(wm[1]) + wm[0][1:]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(DECORATED, min_size=1, max_size=8), st.sampled_from([" ", "، ", "؛ ", "؟ ", "\n"]))
def test_offsets_land_on_whole_words_with_diacritics(words: list[str], sep: str) -> None:
    text = sep.join(words)
    spans = [(t.startchar, t.endchar) for t in exact_analyzer()(text, chars=True)]
    got = [text[s:e] for s, e in spans]
    assert got == [w for w in words if A.normalize_word(w)]


def test_fused_and_composed_chains_agree() -> None:
    text = "وأكَّدت اللجنةُ في عام ٢٠١٥ أنّ حقوق الإنسان — بما فيها حرية الصحافة — تحميها الدولة، CEDAW."
    for stemmer in (None, "light10", "light10_m3", "snowball", "tashaphyne", "ngram3"):
        for stop in (False, True, "lucene"):
            for removestops in (True, False):
                fused = A.make_analyzer(stemmer=stemmer, stop=stop, fused=True)
                plain = A.make_analyzer(stemmer=stemmer, stop=stop, fused=False)
                kw = dict(positions=True, chars=True, removestops=removestops)
                assert [(t.text, t.pos, t.startchar, t.endchar, t.stopped) for t in fused(text, **kw)] == \
                       [(t.text, t.pos, t.startchar, t.endchar, t.stopped) for t in plain(text, **kw)]


def test_analyzers_cached_and_picklable() -> None:
    assert exact_analyzer() is exact_analyzer()
    assert stem_analyzer() is stem_analyzer()
    for factory in ANALYZERS:
        clone = pickle.loads(pickle.dumps(factory()))
        assert clone == factory()
        assert texts(clone, "الصحفيين في المدرسة") == texts(factory(), "الصحفيين في المدرسة")


def test_query_mode_matches_index_mode() -> None:
    text = "حمايةُ الصحفيّين في كازاخستان"
    for factory in ANALYZERS:
        assert texts(factory(), text, mode="query") == texts(factory(), text, mode="index")


def test_gram_analyzer() -> None:
    assert texts(gram_analyzer(), "سويسرا") == ["سوي", "ويس", "يسر", "سرا"]
    assert texts(gram_analyzer(), "في حق") == ["حق"]
    toks = [(t.text, t.pos, t.startchar, t.endchar) for t in gram_analyzer()("حق في التعليم", positions=True, chars=True)]
    assert toks == [("حق", 0, 0, 2), ("الت", 1, 6, 13), ("لتع", 2, 6, 13), ("تعل", 3, 6, 13),
                    ("علي", 4, 6, 13), ("ليم", 5, 6, 13)]


def test_whoosh_schema_index_phrase_and_highlight() -> None:
    schema = fields.Schema(
        n=fields.ID(stored=True),
        exact=fields.TEXT(analyzer=exact_analyzer(), phrase=True, stored=True),
        stem=fields.TEXT(analyzer=stem_analyzer(), phrase=True),
        gram=fields.TEXT(analyzer=gram_analyzer(), phrase=True),
    )
    ix = RamStorage().create_index(schema)
    docs = {
        "1": "تُعزِّز الحكومةُ حمايةَ الصحفيّين في كازاخســتان.",
        "2": "الأمم المتحدة والأمن الدولي.",
    }
    with ix.writer() as w:
        for n, text in docs.items():
            w.add_document(n=n, exact=text, stem=text, gram=text)
    with ix.searcher() as s:
        def hits(field: str, q: str) -> list[str]:
            return [h["n"] for h in s.search(qparser.QueryParser(field, ix.schema).parse(q))]

        assert hits("stem", "صحفي") == ["1"]  # inflection
        assert hits("stem", "والحكومة") == ["1"]  # clitic + spelling
        assert hits("exact", '"حماية الصحفيين"') == ["1"]  # phrase on the exact field
        assert hits("exact", '"الصحفيين حماية"') == []
        assert hits("stem", '"حماية الصحفي"') == ["1"]  # phrase on the stemmed field
        assert hits("stem", "الأمن") == ["2"] and hits("stem", "الامم") == ["2"]
        assert hits("gram", "كازاخستان") == ["1"]
        # the configuration of docs/relevance.md: one OR over the three fields, with boosts;
        # a quoted phrase reaches every field, the gram field included, without an error
        multi = qparser.MultifieldParser(list(A.FIELD_BOOSTS), ix.schema, fieldboosts=A.FIELD_BOOSTS,
                                         group=qparser.OrGroup)
        assert [h["n"] for h in s.search(multi.parse("لكازاخستان"))] == ["1"]
        assert [h["n"] for h in s.search(multi.parse('"حماية الصحفيين في كازاخستان"'))] == ["1"]
        assert [h["n"] for h in s.search(multi.parse('"الأمم المتحدة"'))] == ["2"]
        q = qparser.QueryParser("exact", ix.schema).parse("الصحفيين")
        r = s.search(q)
        r.fragmenter = highlight.WholeFragmenter()
        r.formatter = highlight.HtmlFormatter(tagname="b", classname="m", termclass="t")
        assert '<b class="m t0">الصحفيّين</b>' in r[0].highlights("exact")


# ----------------------------------------------------------------------------- explain()


def test_explain_fields_and_offsets() -> None:
    text = "وفي الصحفيّين ٢٠١٥؟"
    info = explain(text)
    assert [i.surface for i in info] == ["وفي", "الصحفيّين", "٢٠١٥"]
    assert info[0] == TokenInfo("وفي", "وفي", "", 0, 3)  # a stop word: stem ""
    assert info[1].normalized == "الصحفيين" and info[1].stem == "صحف"
    assert info[2].normalized == info[2].stem == "2015"
    for i in info:
        assert text[i.start : i.end] == i.surface
    assert json.loads(json.dumps([i.to_json() for i in info]))[1] == {
        "surface": "الصحفيّين", "normalized": "الصحفيين", "stem": "صحف", "start": 4, "end": 13}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_explain_agrees_with_stem_analyzer(text: str) -> None:
    stems = [i.stem for i in explain(text) if i.stem]
    assert stems == texts(stem_analyzer(), text)


def test_field_boosts_name_the_three_analyzers() -> None:
    assert set(A.FIELD_BOOSTS) == {"exact", "stem", "gram"}
    assert all(b > 0 for b in A.FIELD_BOOSTS.values())
    assert 0 < A.BM25_B <= 1 and A.BM25_K1 > 0
