"""search/catalog.py: themes, recommendations and documents from the postings equal what the
stored paragraphs say (the way they were computed before), also after incremental runs."""
from __future__ import annotations

from collections import defaultdict

from search.catalog import PostingCatalog
from search.counting import QueryCounter
from search.engine import DocumentSummary, Engine
from search.results import ThemeSummary


def _recs(fields: dict) -> list[int]:
    return [int(r) for r in (fields.get("rec") or "").split()]


def _from_stored(engine: Engine):
    stored = list(engine.searcher.all_stored_fields())
    counts: dict = defaultdict(int)
    recs: dict = defaultdict(set)
    docs: dict = defaultdict(set)
    for f in stored:
        if f.get("section") is None or not f.get("theme"):
            continue
        key = (f["section"], f["theme"])
        counts[key] += 1
        recs[key].update(_recs(f))
        docs[key].add(f["doc"])
    themes = [ThemeSummary(s, t, counts[(s, t)], tuple(sorted(recs[(s, t)])), tuple(sorted(docs[(s, t)])))
              for s, t in sorted(counts)]
    numbers = sorted({r for f in stored for r in _recs(f)})
    per_doc: dict = defaultdict(int)
    titles: dict = {}
    for f in stored:
        per_doc[f["doc"]] += 1
        titles.setdefault(f["doc"], f.get("title") or None)
    documents = [DocumentSummary(d, titles[d], per_doc[d], {}) for d in sorted(per_doc)]
    return stored, themes, numbers, documents


def _check(engine: Engine) -> None:
    stored, themes, numbers, documents = _from_stored(engine)
    assert engine.themes() == themes and themes
    assert engine.recommendations() == numbers and numbers
    assert engine.documents() == documents
    rows = PostingCatalog(engine.searcher, QueryCounter(engine.searcher).theme_table).rows()
    assert [(r.doc, r.section, r.theme, r.recs) for r in rows] == [
        (f["doc"], f.get("section"), f.get("theme") or None, tuple(sorted(_recs(f)))) for f in stored]
    for summary in documents:
        expected = sorted((f for f in stored if f["doc"] == summary.doc), key=lambda f: f["n"])
        assert [(h.doc, h.n, h.text) for h in engine.paragraphs(summary.doc)] == [
            (f["doc"], f["n"], f.get("text", "")) for f in expected]


def test_catalog_equals_the_stored_fields(engine):
    _check(engine)


def test_catalog_after_incremental_runs(edited_corpus_index):
    from indexer.build import build_index

    folder, index_dir, edit = edited_corpus_index
    edit("ranking.txt")
    (folder / "clean.txt").unlink()
    build_index(index_dir, [folder])
    with Engine(index_dir) as engine:
        _check(engine)
        assert "upr_clean" not in [d.doc for d in engine.documents()]


def test_theme_filter_matches_the_same_paragraphs(engine):
    """One range per section (``theme_filter``) = one (label AND section) per theme."""
    from whoosh import query as wq

    from indexer.build import theme_key
    from search.engine import theme_filter

    themes = engine.themes()
    values = sorted({t.section for t in themes}) + [t.theme for t in themes][:10]
    for value in values:
        matched = engine.resolve_theme(value)
        per_theme = wq.Or([wq.And([wq.Term("theme_key", theme_key(t.theme)),
                                   wq.NumericRange("section", t.section, t.section)]) for t in matched])
        expected = set(engine.searcher.docs_for_query(per_theme))
        assert set(engine.searcher.docs_for_query(theme_filter(matched))) == expected and expected
