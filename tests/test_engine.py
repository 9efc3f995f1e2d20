"""Search behaviour: ranking, phrases, operators, filters, facets, suggestions, errors."""
from __future__ import annotations

import pytest

from search.query import QueryError

SEED = "kazakhstan-upr-response-ar"


def numbers(results, doc=None):
    return [h.n for h in results.hits if doc is None or h.doc == doc]


def test_all_words_rank_before_some_words(engine):
    results = engine.search("الأشخاص عديمي الجنسية", doc="ranking")
    assert numbers(results)[0] == 1           # the only paragraph with all three words
    assert 2 in numbers(results)              # الجنسية alone still found, ranked lower


def test_inflected_and_unvocalized_forms_match(engine):
    assert 3 in numbers(engine.search("صحفيون", doc="ranking"))
    assert 6 in numbers(engine.search("السُّجَناء", doc="ranking"))
    assert 1 in numbers(engine.search("الاشخاص", doc="ranking"))  # أ written as ا


def test_exact_form_outranks_stem_only(engine):
    ranked = numbers(engine.search("الصحفيين", doc="ranking"))
    assert ranked[0] == 3 and 4 in ranked     # 4 has صحفيين only through the stem


def test_phrase_matches_exact_consecutive_words(engine):
    assert numbers(engine.search('"عديمي الجنسية"', doc="ranking")) == [1]
    assert numbers(engine.search('"الجنسية عديمي"', doc="ranking")) == []


def test_operators_english_and_arabic(engine):
    both = set(numbers(engine.search("الاحتجاز AND السجن", doc="ranking")))
    assert both == {5}
    assert set(numbers(engine.search("الاحتجاز و السجن", doc="ranking"))) == both
    either = set(numbers(engine.search("الاحتجاز أو السجين", doc="ranking")))
    assert either == {5, 6}
    without = set(numbers(engine.search("السجن ليس الاحتجاز", doc="ranking")))
    assert 7 in without and 5 not in without  # 6 (السجناء) may match السجن inside the word


def test_rec_filter_is_exact(engine):
    results = engine.search("التجمعات السلمية", rec=87, limit=100)
    assert results.hits and all(87 in h.recs for h in results.hits)
    assert engine.search("", rec="٨٧").total == engine.recommendation(87).total == 7


def test_theme_by_label_variant_and_by_number_agree(engine):
    by_number = engine.search("", theme=2, doc="ranking", limit=None)
    by_label = engine.search("", theme="الاحتجاز", doc="ranking", limit=None)
    assert numbers(by_number) == numbers(by_label) == [5, 6, 7]
    assert numbers(engine.search("", theme="حريه التعبير", doc="ranking")) == [3, 4]


def test_field_terms_in_the_query(engine):
    via_terms = engine.search("السجن rec:9 doc:ranking")
    via_options = engine.search("السجن", rec=9, doc="ranking")
    assert numbers(via_terms) == numbers(via_options) and via_terms.total == 2


def test_facets_count_the_whole_result(engine):
    results = engine.search("الصحفيين OR السجن", doc="ranking", limit=1)
    assert results.total == 4 and len(results.hits) == 1
    assert results.facets["theme"] == {"الاحتجاز": 2, "حرية التعبير": 2}


def test_suggestion_when_nothing_matches(engine):
    results = engine.search("الصحفيبن", doc="ranking")
    assert results.total == 0
    assert results.suggestion and "الصحفي" in results.suggestion


def test_highlight_marks_whole_words_and_escapes(engine):
    hit = engine.search("الصحفيين", doc="ranking").hits[0]
    assert "<mark" in hit.highlight
    for start, end in hit.spans:
        assert hit.text[start:end] in ("الصحفي", "الصحفيين")


@pytest.mark.parametrize("kwargs, message", [
    ({"rec": "abc"}, "must be a number"),
    ({"rec": 99999}, "recommendation 99999"),
    ({"theme": "الفضاء الخارجي"}, "themes:"),
    ({"doc": "nonexistent"}, "documents:"),
    ({"section": 77}, "section 77"),
])
def test_filter_errors_are_one_line(engine, kwargs, message):
    with pytest.raises(QueryError) as err:
        engine.search("حقوق", **kwargs)
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("query", ['"غير متوازن', "((حقوق", "AND", "OR OR", "*", "ح*", "x" * 10000,
                                   "\u202eحقوق\u202c", "foo:bar حقوق", "NOT"])
def test_hostile_queries_answer_or_refuse_cleanly(engine, query):
    try:
        engine.search(query)
    except QueryError as err:
        assert "\n" not in str(err)


def test_empty_query_without_filters_is_refused(engine):
    with pytest.raises(QueryError):
        engine.search("   ")


def test_themes_of_the_seed(engine):
    seed_themes = [t for t in engine.themes() if SEED in t.docs]
    assert [t.section for t in seed_themes] == list(range(1, 13))
    assert sum(t.paragraphs for t in seed_themes) == 77


def test_grams_find_forms_the_stemmer_cannot_reach(tmp_path):
    """لسويسرا (to Switzerland) has no stem in common with سويسرا; its 3-grams in a row match."""
    from indexer.build import build_index
    from search.engine import Engine

    doc = tmp_path / "visits.txt"
    doc.write_text("1- قام الوفد بزيارة لسويسرا في عام 2023.\n\n2- ناقش الوفد حقوق العمال.\n", encoding="utf-8")
    build_index(tmp_path / "ix", [doc])
    with Engine(tmp_path / "ix") as e:
        assert [h.n for h in e.search("سويسرا").hits] == [1]
        assert e.search("سويسرا").hits[0].score > 0


def test_theme_paragraphs_are_the_themes_members_in_order(engine):
    every = engine.paragraphs()
    for summary in engine.themes():
        members = engine.theme_paragraphs(summary)
        assert [(h.doc, h.n) for h in members] == [
            (h.doc, h.n) for h in every if (h.section, h.theme) == (summary.section, summary.theme)]
        assert len(members) == summary.paragraphs


def test_words_only_in_a_heading_name_its_theme(engine):
    # "التعبير" is in the heading "حرية التعبير", not in the text of its paragraphs
    results = engine.search("التعبير", doc="ranking")
    assert results.total == 0
    assert [(t.section, t.theme) for t in results.themes] == [(1, "حرية التعبير")]
    assert results.suggestion is None          # a word of the documents: nothing to correct
    assert engine.search("التعبير", doc="ranking", rec="9").themes == ()  # not within the filter
    assert engine.search("الصحفيبن", doc="ranking").themes == ()
