"""The faster code paths give the same answers as the plain ones (no timing asserted here)."""
from __future__ import annotations

import random
import shutil

from indexer.analysis import stem_word
from indexer.loading import LoadFailure, load_documents
from indexer.sources import SourceError


def test_hit_markup_equals_spans_and_highlight(seed_document):
    from search.engine import highlight_html, hit_markup, match_spans

    rng = random.Random(3)
    for p in seed_document.paragraphs:
        words = p.text.split()
        for k in (1, 3):
            stems = frozenset(stem_word(w) or w for w in rng.sample(words, min(k, len(words))))
            assert hit_markup(p.text, stems) == (tuple(match_spans(p.text, stems)), highlight_html(p.text, stems))


def test_hit_markup_equals_whoosh_on_stop_words_marks_and_long_texts(seed_document):
    """Stop words among the looked-for forms, vocalized and stretched words, Latin and digits,
    and texts past Whoosh's 32,768-character highlighting limit."""
    from indexer.analysis import normalize_word
    from search.engine import highlight_html, hit_markup, match_spans

    rng = random.Random(8)
    texts = [p.text for p in seed_document.paragraphs]
    extra = ["قالَ الوزيرُ: إنّ حقـــوق الإنسان في 2015 وUNICEF و٢٠١٥ من أجل الأطفال في المدارس."]
    long_text = " ".join(texts) * 3
    assert len(long_text) > 2 ** 15
    for text in extra + rng.sample(texts, 20) + [long_text]:
        words = text.split()
        for k in (1, 2, 4):
            chosen = rng.sample(words, min(k, len(words))) + ["في", "من"]
            stems = frozenset(stem_word(w) or normalize_word(w) for w in chosen)
            assert hit_markup(text, stems) == (tuple(match_spans(text, stems)), highlight_html(text, stems))
        nothing = frozenset({"كلمةغيرموجودة"})
        assert hit_markup(text, nothing) == ((), highlight_html(text, nothing))


def _fake_load(path):
    if path.name.startswith("bad"):
        raise SourceError(path, "unreadable on purpose")
    return path.name.upper()


def test_parallel_loading_keeps_order_and_reports_failures(tmp_path):
    paths = [tmp_path / f"{name}{i}.txt" for i, name in enumerate(["a", "b", "bad", "c", "d", "e", "f"])]
    serial = list(load_documents(paths, _fake_load, procs=1))
    parallel = list(load_documents(paths, _fake_load, procs=2))
    assert serial == parallel
    assert [p for p, _ in parallel] == paths
    failure = parallel[2][1]
    assert isinstance(failure, LoadFailure) and failure.reason == "unreadable on purpose"


def test_incremental_runs_keep_segments_few(tmp_path, corpus_dir):
    from whoosh import index as whoosh_index

    from indexer.build import INDEX_NAME, MERGE_AT, build_index, current_generation

    folder = tmp_path / "docs"
    shutil.copytree(corpus_dir, folder)
    index_dir = tmp_path / "ix"
    first = build_index(index_dir, [folder])
    target = folder / "clean.txt"
    original = target.read_text(encoding="utf-8")
    for k in range(2 * MERGE_AT + 1):
        target.write_text(original.replace("\n", f" تعديل{k}\n", 1), encoding="utf-8")
        report = build_index(index_dir, [folder])
        assert report.total_paragraphs == first.total_paragraphs
    ix = whoosh_index.open_dir(str(current_generation(index_dir)), indexname=INDEX_NAME)
    try:
        assert len(ix._segments()) < MERGE_AT + 2
        assert ix.doc_count() == first.total_paragraphs
    finally:
        ix.close()


def test_counted_totals_and_facets_equal_whoosh_grouping(engine):
    from search.query import bound_wildcards, parse_user_query

    for text in ["الجنسية", "عديمي الجنسية", "حقوق الطفل التعليم", "الحكوم*", "التعذيب"]:
        q = bound_wildcards(parse_user_query(text, engine.ix.schema).query, engine.searcher.reader())
        for flt in (None, engine.filter_query(rec=engine.recommendations()[0])):
            counted = engine._counter.count(q, flt)
            assert counted is not None, text
            results = engine.searcher.search(q, filter=flt, limit=10, groupedby="theme")
            facets = {k: len(v) for k, v in results.groups("theme").items() if k}
            assert counted == (len(results), dict(sorted(facets.items(), key=lambda kv: (-kv[1], kv[0]))))
    phrase = parse_user_query('"عديمي الجنسية"', engine.ix.schema).query
    assert engine._counter.count(phrase, None) is None  # phrases go to Whoosh's grouping


def test_indexed_sources_from_terms_equal_stored_fields(built_index):
    from whoosh import index as whoosh_index

    from indexer.build import INDEX_NAME, _indexed_sources, current_generation

    ix = whoosh_index.open_dir(str(current_generation(built_index)), indexname=INDEX_NAME)
    try:
        stored: dict[str, str] = {}
        with ix.searcher() as searcher:
            for fields in searcher.all_stored_fields():
                stored.setdefault(fields["source"], fields["source_hash"])
        assert _indexed_sources(ix) == stored
    finally:
        ix.close()


def test_combining_marks_scan_of_three_planes_is_complete():
    import sys
    import unicodedata

    from indexer.normalize import COMBINING_MARKS

    every = frozenset(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M")
    assert COMBINING_MARKS == every


def test_indexed_sources_when_two_files_have_the_same_bytes(tmp_path, fixtures_dir):
    from whoosh import index as whoosh_index

    from indexer.build import INDEX_NAME, _indexed_sources, build_index, current_generation

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(fixtures_dir / "upr_clean.txt", folder / name)
    build_index(tmp_path / "ix", [folder])
    ix = whoosh_index.open_dir(str(current_generation(tmp_path / "ix")), indexname=INDEX_NAME)
    try:
        sources = _indexed_sources(ix)
        assert sorted(sources) == sorted(str(p.resolve()) for p in folder.iterdir())
        assert len(set(sources.values())) == 1
    finally:
        ix.close()


def test_repair_memos_are_bounded_and_answer_as_computed_afresh():
    """The repair's per-token memos (LRU) keep a size limit and give the uncached answer,
    before and after being emptied."""
    from indexer.lexicon import _NO_MARKS, strip_marks
    from indexer.repair_footnotes import is_footnote
    from indexer.repair_order_score import _lm_tokens, _token_words, ends_sentence
    from indexer.repair_runs import TOKEN_MEMO, is_tail_piece

    memos = (strip_marks, _token_words, ends_sentence, is_footnote, is_tail_piece)
    assert all(f.cache_info().maxsize for f in memos)
    assert _token_words.cache_info().maxsize == TOKEN_MEMO
    tokens = ["<s>", "اعتُمدت", "الرئيس.", "( 5).", "كازاخســـ", "ــتان", "الثاني/نوفمبر", "،", "</s>"]
    first = [strip_marks(t) for t in tokens], _lm_tokens(tokens), [is_tail_piece(t) for t in tokens]
    for f in memos:
        f.cache_clear()
    again = [strip_marks(t) for t in tokens], _lm_tokens(tokens), [is_tail_piece(t) for t in tokens]
    assert first == again
    assert first[0] == [t.translate(_NO_MARKS) for t in tokens]
    # as the plain code gives it: a full stop ends a sentence, a footnote marker gives no word
    assert first[1] == ["<s>", "اعتُمدت", "الرئيس", "</s>", "<s>", "</s>", "<s>", "كازاخســـ",
                        "ــتان", "الثاني", "نوفمبر", "</s>"]
    assert [is_footnote(t) for t in tokens] == [False, False, False, True, False, False, False, False, False]
    assert first[2] == [False, False, False, False, True, False, False, False, False]
