"""search/scoring.py ranks, counts and facets word queries exactly as Whoosh does."""
from __future__ import annotations

import random

import pytest
from whoosh import fields, index as whoosh_index, query as wq

from search.query import WEIGHTING, parse_user_query, ranking_query
from search.scoring import WordScorer, _postings, supported

WORDS = [f"w{i}" for i in range(40)]


@pytest.fixture(autouse=True)
def scorer_on_small_indexes(monkeypatch):
    """The test indexes are small: let the scorer answer for them (it leaves indexes under
    ``MIN_PARAGRAPHS`` to Whoosh)."""
    monkeypatch.setattr(WordScorer, "min_paragraphs", 0)


def _whoosh_top(searcher, q, filter_q, limit):
    """Whoosh's BM25F ranking of every match (not its top-k search: on large indexes its
    block-quality skipping can miss a better paragraph), cut to ``limit``."""
    return [(h.docnum, h.score) for h in searcher.search(q, filter=filter_q, limit=None)][:limit]


def _same(ours, theirs):
    assert [d for d, _ in ours] == [d for d, _ in theirs]
    for (_, a), (_, b) in zip(ours, theirs):
        assert a == pytest.approx(b, rel=1e-9)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """An index of 700 short random texts over 40 words (common and rare ones, repeated words),
    in two segments, some documents deleted: posting lists of several blocks, weights above 1."""
    folder = tmp_path_factory.mktemp("synthetic")
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), theme=fields.ID(stored=True),
                           body=fields.TEXT(phrase=True), tag=fields.TEXT(phrase=False))
    ix = whoosh_index.create_in(str(folder), schema)
    rng = random.Random(5)
    weights = [1 / (k + 1) for k in range(len(WORDS))]  # Zipf-like: w0 in most texts
    for batch in range(2):
        writer = ix.writer()
        for i in range(350):
            words = rng.choices(WORDS, weights, k=rng.randint(3, 30))
            writer.add_document(id=f"{batch}-{i}", theme=rng.choice(["a", "b", "c", None]) or None,
                                body=" ".join(words), tag=" ".join(rng.sample(WORDS[:8], 2)))
        writer.commit(merge=False)
    writer = ix.writer()
    for i in range(0, 350, 7):
        writer.delete_by_term("id", f"1-{i}")
    writer.commit(merge=False)
    searcher = ix.searcher(weighting=WEIGHTING)
    yield searcher
    searcher.close()
    ix.close()


def _theme_table(searcher):
    def table():
        out = []
        for sub, offset in searcher.subsearchers or [(searcher, 0)]:
            reader = sub.reader()
            out.append((reader, offset, [reader.stored_fields(d).get("theme") for d in range(reader.doc_count_all())]))
        return out
    return table


def test_postings_decode_like_whoosh_matchers(synthetic):
    for sub, _ in synthetic.subsearchers:
        reader = sub.reader()
        for word in WORDS[:10]:
            ids, weights = _postings(reader, "body", word.encode())
            matcher = reader.postings("body", word)
            if hasattr(matcher, "child"):  # deletions filtered out: read every posting
                matcher = matcher.child
                matcher.reset()
            expected = []
            while matcher.is_active():
                expected.append((matcher.id(), matcher.weight()))
                matcher.next()
            assert list(zip(ids.tolist(), weights.tolist())) == expected
    assert max(len(_postings(r.reader(), "body", b"w0")[0]) for r, _ in synthetic.subsearchers) > 128


def test_ranking_total_and_facets_match_whoosh(synthetic):
    assert len(synthetic.subsearchers) >= 2 and synthetic.reader().has_deletions()
    scorer = WordScorer(synthetic, _theme_table(synthetic))
    rng = random.Random(9)
    for _ in range(60):
        words = rng.sample(WORDS, rng.randint(1, 3))
        leaves = [[wq.Term("body", w), wq.Term("tag", w, boost=0.2)] for w in words]
        any_q = wq.Or([t for pair in leaves for t in pair])
        all_q = wq.And([wq.Or(pair) for pair in leaves]) if len(words) > 1 else None
        if rng.random() < 0.3:  # an optional booster, as ranking_query adds
            any_q = wq.AndMaybe(any_q, wq.Or([wq.Term("body", rng.choice(WORDS), boost=0.5)]))
        filter_q = wq.Term("theme", "a") if rng.random() < 0.3 else None
        got = scorer.rank(any_q, all_q, filter_q, 10)
        expected = []
        if all_q is not None:
            expected = _whoosh_top(synthetic, all_q, filter_q, 10)
        seen = {d for d, _ in expected}
        for hit in _whoosh_top(synthetic, any_q, filter_q, 10 + len(seen)):
            if len(expected) < 10 and hit[0] not in seen:
                expected.append(hit)
        _same(got.hits, expected)
        everything = synthetic.search(any_q, filter=filter_q, limit=None, groupedby="theme")
        assert got.total == len(everything)
        assert got.facets == {k: len(v) for k, v in sorted(
            everything.groups("theme").items(), key=lambda kv: (-len(kv[1]), str(kv[0]))) if k}


def test_unlimited_ranking_lists_every_match_once(synthetic):
    scorer = WordScorer(synthetic, _theme_table(synthetic))
    any_q = wq.Or([wq.Term("body", "w3"), wq.Term("body", "w7")])
    all_q = wq.And([wq.Term("body", "w3"), wq.Term("body", "w7")])
    got = scorer.rank(any_q, all_q, None, None)
    both = {h.docnum for h in synthetic.search(all_q, limit=None)}
    assert len(got.hits) == got.total == len({d for d, _ in got.hits})
    assert {d for d, _ in got.hits[:len(both)]} == both


def test_only_term_queries_are_scored_here():
    assert supported(wq.And([wq.Or([wq.Term("text", "a"), wq.Term("exact", "b")]), wq.Term("text", "c")]))
    assert not supported(wq.Phrase("exact", ["a", "b"]))
    assert not supported(wq.AndNot(wq.Term("text", "a"), wq.Term("text", "b")))
    assert not supported(wq.Or([wq.Term("text", "a"), wq.Term("text", "b")], scale=0.9))


def test_engine_word_queries_match_whoosh_on_the_seed(engine, seed_document):
    """The engine's answers for words (ranked here) equal Whoosh's own matchers' answers."""
    searcher, reader = engine.searcher, engine.searcher.reader()
    rng = random.Random(4)
    texts = [p.text.split() for p in seed_document.paragraphs if len(p.text.split()) > 5]
    compared = 0
    for _ in range(40):
        words = rng.sample(rng.choice(texts), rng.randint(1, 3))
        text = " ".join(words)
        parsed = parse_user_query(text, searcher.schema, reader=reader)
        if parsed.query is None:
            continue
        any_q = ranking_query(parsed.query, parsed.grams, reader)
        all_q = None
        if len(parsed.words) > 1:
            conj = parse_user_query(text, searcher.schema, conjunctive=True, reader=reader).query
            all_q = ranking_query(conj, parsed.grams, reader) if conj is not None else None
        if not supported(any_q) or (all_q is not None and not supported(all_q)):
            continue
        expected = _whoosh_top(searcher, all_q, None, 10) if all_q is not None else []
        seen = {d for d, _ in expected}
        for hit in _whoosh_top(searcher, any_q, None, 10 + len(seen)):
            if len(expected) < 10 and hit[0] not in seen:
                expected.append(hit)
        results = engine.search(text)
        assert [(h.doc, h.n) for h in results.hits] == [
            (searcher.stored_fields(d)["doc"], searcher.stored_fields(d)["n"]) for d, _ in expected]
        for hit, (_, score) in zip(results.hits, expected):
            assert hit.score == pytest.approx(score, rel=1e-9)
        assert results.total == len(searcher.search(parsed.query, limit=None))
        compared += 1
    assert compared >= 30


@pytest.mark.parametrize("filters", [{}, {"rec": 87}, {"theme": 2}, {"doc": "ranking"}, {"section": 1},
                                     {"theme": "الاحتجاز", "doc": "ranking"}])
def test_engine_answers_the_same_with_and_without_the_scorer(engine, monkeypatch, filters):
    """Every field of the answer (hits, highlights, total, facets), with filters, both ways."""
    queries = ["حقوق الإنسان", "الاحتجاز السجن", "التجمعات السلمية", "الأطفال", "عديمي الجنسية",
               "حري*", "المرأة العنف الأسري", "theme:2 السجن"]
    for text in queries:
        monkeypatch.setattr(WordScorer, "min_paragraphs", 10 ** 9)
        try:
            whoosh = engine.search(text, limit=10, **filters)
        except Exception as err:  # noqa: BLE001 - the same error must come both ways
            monkeypatch.setattr(WordScorer, "min_paragraphs", 0)
            with pytest.raises(type(err)):
                engine.search(text, limit=10, **filters)
            continue
        monkeypatch.setattr(WordScorer, "min_paragraphs", 0)
        ours = engine.search(text, limit=10, **filters)
        assert ours.to_json() == whoosh.to_json()
        assert [h.spans for h in ours.hits] == [h.spans for h in whoosh.hits]


def test_small_indexes_are_left_to_whoosh(engine, monkeypatch):
    monkeypatch.setattr(WordScorer, "min_paragraphs", 10 ** 9)
    q = wq.Term("text", "حقوق")
    assert engine._scorer.rank(q, None, None, 10) is None
    monkeypatch.setattr(WordScorer, "min_paragraphs", 0)
    assert engine._scorer.rank(q, None, None, 10) is not None


def test_engine_after_incremental_runs(edited_corpus_index):
    """Several segments and deleted paragraphs: the same answers as Whoosh's matchers."""
    from search.engine import Engine

    _, index_dir, edit = edited_corpus_index
    edit("clean.txt")
    with Engine(index_dir) as engine:
        searcher = engine.searcher
        for text in ("حقوق الإنسان", "التعليم", "الاحتجاز السجن التعذيب"):
            parsed = parse_user_query(text, searcher.schema, reader=searcher.reader())
            results = engine.search(text, limit=None)
            assert results.total == len(searcher.search(parsed.query, limit=None))
            assert len(results.hits) == results.total
