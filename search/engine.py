"""Run queries against a fahras index: ranked hits, filters, theme facets, highlights, suggestions.

>>> engine = Engine(index_dir)                       # doctest: +SKIP
>>> engine.search("عديمي الجنسية", rec=294).total    # doctest: +SKIP
6
"""
from __future__ import annotations

import os
from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from whoosh import highlight, index as whoosh_index, query as wq
from whoosh.searching import Searcher

from indexer.analysis import normalize_word, stem_analyzer, stem_word, word_pattern
from indexer.build import (CURRENT, DAMAGED_INDEX_ERRORS, INDEX_NAME, SCHEMA_VERSION, IndexError_,
                           damaged_index, open_generation, read_meta, theme_key)
from search.catalog import PostingCatalog
from search.counting import QueryCounter
from search.query import (WEIGHTING, QueryError, bound_wildcards, parse_user_query, positive_leaves,
                          ranking_query)
from search.results import Hit, SearchResults, ThemeSummary
from search.scoring import WordScorer

#: Digits a user may type in a filter: ASCII, Arabic-Indic, Persian.
FILTER_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: Highlight fragments: up to this many, each about this long (characters).
FRAGMENTS = 3
FRAGMENT_CHARS = 320
LISTED_IN_ERRORS = 40
#: Characters of a user's value repeated in an error message (a 10,000-letter --theme …).
SHOWN_IN_ERRORS = 80
#: Longest number accepted in a filter (recommendation, section).
MAX_NUMBER_DIGITS = 9
#: Spelling suggestions look at most this many words of a query, each at most this long:
#: the corrector's work grows with both (a 2,000-letter word alone took seconds).
SUGGEST_MAX_WORDS = 8
SUGGEST_MAX_WORD_CHARS = 30


class IndexMissing(RuntimeError):
    """There is no complete index at the given place."""


@dataclass(frozen=True)
class DocumentSummary:
    """A document in the index: id, title, paragraph count, metadata from its source."""

    doc: str
    title: str | None
    paragraphs: int
    metadata: dict = field(default_factory=dict, compare=False)


def ensure_index(index_dir: Path | str, announce=None) -> Path:
    """Build the index from the bundled data if there is none yet; return its directory."""
    index_dir = Path(index_dir)
    # the link, not the generation: one being swapped out for a moment is no reason to build
    if not os.path.lexists(index_dir / CURRENT):
        from indexer.build import build_index
        from indexer.pipeline import bundled_data_dir

        if announce:
            announce(f"fahras: no index at {index_dir} yet; building it from the bundled documents…")
        # if_missing: a first ``fahras index`` running right now wins; its documents are kept
        report = build_index(index_dir, [bundled_data_dir()], if_missing=True,
                             on_wait=lambda: announce and announce(
                                 f"fahras: another indexing run holds {index_dir}; waiting for it…"))
        if announce and report.added:
            announce(f"fahras: indexed {report.total_paragraphs} paragraphs in {report.seconds:.1f} s")
    return index_dir


def parse_number(value: object, what: str) -> int:
    """``"٨٧"`` -> 87; anything not a whole number is a one-line :class:`QueryError`."""
    number = _whole_number(value)
    if number is None:
        raise QueryError(f"{what} must be a number (up to {MAX_NUMBER_DIGITS} digits), not {_shown(value)}")
    return number


def _whole_number(value: object) -> int | None:
    """``value`` as a whole number if it is one (ASCII, Arabic-Indic or Persian digits), else None.

    ``str.isdigit`` alone would let ``¹`` and 5,000-digit strings through to ``int()``.
    """
    text = str(value).strip().translate(FILTER_DIGITS)
    if text.isascii() and text.isdigit() and len(text) <= MAX_NUMBER_DIGITS:
        return int(text)
    return None


def _shown(value: object, most: int = SHOWN_IN_ERRORS) -> str:
    """A user's value quoted in an error message, cut to ``most`` characters."""
    text = str(value)
    return repr(text if len(text) <= most else text[:most] + "…")


def _join(values) -> str:
    values = list(values)
    shown = ", ".join(str(v) for v in values[:LISTED_IN_ERRORS])
    return shown + (f", … ({len(values)} in all)" if len(values) > LISTED_IN_ERRORS else "")


class Engine:
    """An open index. Use as a context manager, or call :meth:`close`."""

    def __init__(self, index_dir: Path | str) -> None:
        self.index_dir = Path(index_dir)
        opened = open_generation(self.index_dir)
        if opened is None:
            raise IndexMissing(f"no index at {self.index_dir}")
        # the lease keeps this generation on disk until close(), whatever indexing runs meanwhile
        self.generation, self._lease = opened
        if read_meta(self.generation).get("schema_version") != SCHEMA_VERSION:
            self._release()
            raise IndexError_(f"the index at {self.index_dir} was built by another version of fahras; "
                              f"run 'fahras index --rebuild' (with your documents) to rebuild it")
        try:
            self.ix = whoosh_index.open_dir(str(self.generation), indexname=INDEX_NAME)
            self.searcher: Searcher = self.ix.searcher(weighting=WEIGHTING)
        except DAMAGED_INDEX_ERRORS as err:
            self._release()
            raise damaged_index(self.index_dir, err) from None
        except BaseException:
            self._release()
            raise
        self._catalog: list[dict] | None = None
        self._themes: list[ThemeSummary] | None = None
        self._documents: list[DocumentSummary] | None = None
        self._recommendations: list[int] | None = None
        self._counter = QueryCounter(self.searcher)
        self._rows = PostingCatalog(self.searcher, self._counter.theme_table)
        self._scorer = WordScorer(self.searcher, self._counter.theme_table)

    def _release(self) -> None:
        if self._lease is not None:
            os.close(self._lease)
            self._lease = None

    def close(self) -> None:
        try:
            self.searcher.close()
            self.ix.close()
        finally:
            self._release()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- catalog: themes, recommendations, documents (from the postings, search/catalog.py) --------

    def _stored(self) -> list[dict]:
        if self._catalog is None:
            self._catalog = list(self.searcher.all_stored_fields())
        return self._catalog

    def themes(self) -> list[ThemeSummary]:
        """Every (section, theme) in the index with its paragraph count and recommendations.

        Computed once per open index (a generation never changes)."""
        if self._themes is None:
            self._themes = self._summarize_themes()
        return self._themes

    def _summarize_themes(self) -> list[ThemeSummary]:
        counts: dict[tuple[int, str], int] = defaultdict(int)
        recs: dict[tuple[int, str], set[int]] = defaultdict(set)
        docs: dict[tuple[int, str], set[str]] = defaultdict(set)
        for row in self._rows.rows():
            if row.section is None or not row.theme:
                continue
            key = (row.section, row.theme)
            counts[key] += 1
            recs[key].update(row.recs)
            docs[key].add(row.doc)
        return [ThemeSummary(s, t, counts[(s, t)], tuple(sorted(recs[(s, t)])), tuple(sorted(docs[(s, t)])))
                for s, t in sorted(counts)]

    def recommendations(self) -> list[int]:
        """All recommendation numbers answered somewhere in the index (computed once per open
        index: the web app asks on every recommendation page)."""
        if self._recommendations is None:
            self._recommendations = sorted({r for row in self._rows.rows() for r in row.recs})
        return list(self._recommendations)

    def documents(self) -> list[DocumentSummary]:
        """Every document with its title and paragraph count (computed once per open index)."""
        if self._documents is None:
            counts: dict[str, int] = defaultdict(int)
            first: dict[str, int] = {}
            for row in self._rows.rows():
                counts[row.doc] += 1
                first.setdefault(row.doc, row.docnum)
            stored = self.searcher.stored_fields
            self._documents = [DocumentSummary(d, stored(first[d]).get("title") or None, counts[d], {})
                               for d in sorted(counts)]
        return list(self._documents)

    def paragraphs(self, doc: str | None = None) -> list[Hit]:
        """Every paragraph (of one document), in document order."""
        if doc is None:
            rows = list(self._stored())
        else:
            stored = self.searcher.stored_fields
            rows = [stored(row.docnum) for row in self._rows.rows() if row.doc == doc]
        rows.sort(key=lambda f: (f["doc"], f["n"]))
        return [self._hit(f, 0.0, None) for f in rows]

    def theme_paragraphs(self, summary: ThemeSummary) -> list[Hit]:
        """Every paragraph of one theme, in document order: read from the theme's postings, not
        by walking every stored paragraph (a theme page is asked for on each request)."""
        stored = self.searcher.stored_fields
        rows = [f for f in (stored(d) for d in self.searcher.docs_for_query(theme_filter([summary])))
                if (f.get("section"), f.get("theme")) == (summary.section, summary.theme)]
        rows.sort(key=lambda f: (f["doc"], f["n"]))
        return [self._hit(f, 0.0, None) for f in rows]

    # -- filters -------------------------------------------------------------------------------

    def resolve_theme(self, value: str) -> list[ThemeSummary]:
        """Themes a user means by ``value``: a section number, a label in any spelling, a part."""
        themes = self.themes()
        text = str(value).strip()
        number = _whole_number(text)
        if number is not None:
            matched = [t for t in themes if t.section == number]
        else:
            key = theme_key(text)
            matched = [t for t in themes if theme_key(t.theme) == key]
            if not matched and key:
                matched = [t for t in themes if key in theme_key(t.theme)]
            if not matched:
                stems = {stem_word(w) or normalize_word(w) for w in text.split()} - {""}
                matched = [t for t in themes
                           if stems and stems <= {stem_word(w) or normalize_word(w) for w in t.theme.split()}]
        if not matched:
            listing = "; ".join(f"{t.section}. {t.theme}" for t in themes)
            raise QueryError(f"unknown theme {_shown(text)}; themes: {listing or 'none indexed'}")
        return matched

    def filter_query(self, *, theme=None, section=None, rec=None, doc=None) -> wq.Query | None:
        """The Whoosh filter for the given filters (each a value or a list of values)."""
        parts: list[wq.Query] = []
        for value in _values(theme):
            parts.append(theme_filter(self.resolve_theme(value)))
        sections = sorted({t.section for t in self.themes()}) if _values(section) else []
        for value in _values(section):
            number = parse_number(value, "--section")
            if number not in sections:
                raise QueryError(f"section {number} is not in the index; sections: {_join(sections)}")
            parts.append(wq.Term("section", number))  # the number's full-precision term
        for value in _values(rec):
            number = parse_number(value, "--rec")
            if not self._answered(number):
                known = self.recommendations()
                raise QueryError(f"recommendation {number} is not answered in the index; "
                                 f"recommendations: {_join(known)}")
            parts.append(wq.Term("rec", str(number)))
        for value in _values(doc):
            parts.append(wq.Or([wq.Term("doc", d) for d in self.resolve_doc(str(value))]))
        return wq.And(parts) if parts else None

    def _answered(self, number: int) -> bool:
        """True if a live paragraph answers recommendation ``number`` (from its postings: no need
        to load every stored paragraph, which takes seconds at 100k paragraphs)."""
        return next(iter(self.searcher.docs_for_query(wq.Term("rec", str(number)))), None) is not None

    def resolve_doc(self, value: str) -> list[str]:
        ids = [d.doc for d in self.documents()]
        if value in ids:
            return [value]
        matched = [d for d in ids if d.lower().startswith(value.lower()) or value.lower() in d.lower()]
        if not matched:
            raise QueryError(f"unknown document {_shown(value)}; documents: {_join(ids)}")
        return matched

    # -- search --------------------------------------------------------------------------------

    def search(self, text: str, *, theme=None, section=None, rec=None, doc=None,
               limit: int | None = 10) -> SearchResults:
        """Ranked paragraphs for ``text`` within the filters.

        Paragraphs holding all the words come first, then those holding most of them (no hard
        AND unless the user writes one); an exact-form match outranks a stem-only match.
        """
        reader = self.searcher.reader()
        parsed = parse_user_query(text, self.searcher.schema, reader=reader)
        filters = {"theme": _values(theme) + parsed.filters.get("theme", []),
                   "section": _values(section) + parsed.filters.get("section", []),
                   "rec": _values(rec) + parsed.filters.get("rec", []),
                   "doc": _values(doc) + parsed.filters.get("doc", [])}
        filter_q = self.filter_query(**filters)
        shown = {k: v for k, v in filters.items() if v}
        if parsed.query is None:
            if filter_q is None:
                raise QueryError("empty query: give words to search for, or a filter")
            return self._listing(parsed.text, filter_q, limit, shown)
        q = bound_wildcards(parsed.query, reader)
        if q is wq.NullQuery:
            raise QueryError(f"nothing to search for in {_shown(parsed.text)} (only wildcards or stop signs)")
        conj = None
        if parsed.all_words is not None:
            conj = bound_wildcards(parsed.all_words, reader)
            if conj is wq.NullQuery:
                conj = None
        rank_any = ranking_query(q, parsed.grams, reader)
        rank_all = None if conj is None else ranking_query(conj, parsed.grams, reader)
        terms = _positive_terms(q)
        # word queries: ranked, counted and faceted from whole posting lists (search/scoring.py)
        scored = self._scorer.rank(rank_any, rank_all, filter_q, limit)
        if scored is not None:
            stored = self.searcher.stored_fields
            hits = tuple(self._hit(stored(docnum), score, terms) for docnum, score in scored.hits)
            total, facets = scored.total, {"theme": scored.facets}
        else:
            hits, total, facets = self._whoosh_search(q, rank_any, rank_all, filter_q, limit, terms)
        suggestion, themes = None, ()
        if total == 0:
            themes = tuple(self.themes_named_by(parsed.words, filter_q))
            # a word of a theme label is a word of the documents: no spelling to suggest for it
            suggestion = None if themes else self.suggest(parsed.words)
        return SearchResults(parsed.text, total, hits, facets, suggestion, shown, themes)

    def themes_named_by(self, words: list[str], within: wq.Query | None = None) -> list[ThemeSummary]:
        """The themes whose label holds every one of ``words`` (by stem, any spelling) and that
        have paragraphs ``within`` the filter: ``التعذيب`` names "مكافحة التعذيب"."""
        wanted = {stem for word in words for stem in _label_stems(word)}
        if not wanted:
            return []
        named = [t for t in self.themes() if wanted <= _label_stems(t.theme)]
        if within is not None:
            named = [t for t in named
                     if not self.searcher.search(wq.And([within, theme_filter([t])]), limit=1,
                                                 scored=False).is_empty()]
        return named

    def _whoosh_search(self, q, rank_any, rank_all, filter_q, limit, terms):
        """Hits, total and facets by Whoosh's own matchers (phrases, operators): the top of the
        all-words query first, then the any-word ranking."""
        ranked: list = []
        seen: set[int] = set()
        if rank_all is not None:
            for hit in self.searcher.search(rank_all, filter=filter_q, limit=limit):
                ranked.append(hit)
                seen.add(hit.docnum)
        wanted = None if limit is None else limit + len(seen)
        # words only: count and facet from the postings, let Whoosh rank the top hits alone
        counted = self._counter.count(q, filter_q)
        results = self.searcher.search(rank_any, filter=filter_q, limit=wanted,
                                       groupedby=None if counted else "theme")
        for hit in results:
            if limit is not None and len(ranked) >= limit:
                break
            if hit.docnum not in seen:
                ranked.append(hit)
                seen.add(hit.docnum)
        hits = tuple(self._hit(h.fields(), h.score, terms) for h in ranked)
        if counted is not None:
            return hits, counted[0], {"theme": counted[1]}
        facets = {"theme": {label: len(ids) for label, ids in sorted(
            results.groups("theme").items(), key=lambda kv: (-len(kv[1]), str(kv[0]))) if label}}
        return hits, len(results), facets

    def recommendation(self, n: int | str) -> SearchResults:
        """Every paragraph answering recommendation ``n``, in document order."""
        number = parse_number(n, "recommendation")
        return self.search("", rec=number, limit=None)

    def _listing(self, text: str, filter_q: wq.Query, limit: int | None, shown: dict) -> SearchResults:
        results = self.searcher.search(wq.Every(), filter=filter_q, limit=None, groupedby="theme",
                                       sortedby=["doc", "n"])
        rows = list(results)[:limit] if limit is not None else list(results)
        hits = tuple(self._hit(h.fields(), 0.0, None) for h in rows)
        facets = {"theme": {label: len(ids) for label, ids in results.groups("theme").items() if label}}
        return SearchResults(text, len(results), hits, facets, None, shown)

    def suggest(self, words: list[str]) -> str | None:
        """A spelling suggestion from the index's own words, or None.

        Each word missing from the index is replaced by the closest indexed word (Whoosh's
        corrector over the exact field), shown in the spelling the documents use.
        """
        reader = self.searcher.reader()
        corrector = self.searcher.corrector("exact")
        changed = False
        out = []
        for i, word in enumerate(words):
            norm = normalize_word(word)
            if (not norm or i >= SUGGEST_MAX_WORDS or len(norm) > SUGGEST_MAX_WORD_CHARS
                    or ("exact", norm) in reader):
                out.append(word)
                continue
            found = corrector.suggest(norm, limit=1, maxdist=2)
            if found:
                out.append(self._surface_form(found[0]))
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else None

    def _surface_form(self, normalized: str) -> str:
        """How an indexed (normalized) word is written in the text: ``الجنسيه`` -> ``الجنسية``."""
        for hit in self.searcher.search(wq.Term("exact", normalized), limit=1):
            for match in word_pattern().finditer(hit["text"]):
                word = match.group()  # the tokenizer's words: ``\w+`` would cut ``مَبنا`` at its marks
                if normalize_word(word) == normalized:
                    return word
        return normalized

    # -- hits ----------------------------------------------------------------------------------

    def _hit(self, fields: dict, score: float, terms: frozenset[str] | None) -> Hit:
        text = fields.get("text", "")
        spans, marked = hit_markup(text, terms) if terms else ((), _escape(text))
        return Hit(
            doc=fields["doc"], n=fields["n"], section=fields.get("section"), theme=fields.get("theme"),
            recs=tuple(_recs(fields)), score=float(score), text=text,
            highlight=marked,
            spans=spans, raw=fields.get("raw", ""),
            footnotes=tuple(tuple(f) for f in fields.get("footnotes") or ()),
            title=fields.get("title") or None,
        )


@lru_cache(maxsize=1024)
def _label_stems(text: str) -> frozenset[str]:
    """The stems the index's analyzer finds in ``text``, stop words left out."""
    return frozenset(t.text for t in _STEMS(text))


_STEMS = stem_analyzer()


def theme_filter(themes: list[ThemeSummary]) -> wq.Query:
    """Paragraphs of any of ``themes`` (each a section number and a label): per section, its
    number and any of its labels. (One range per section, not one per theme: ``--theme 1`` may
    mean a hundred labels in a large index, and each range query walks the section's postings.)"""
    keys: dict[int, set[str]] = defaultdict(set)
    for t in themes:
        keys[t.section].add(theme_key(t.theme))
    return wq.Or([wq.And([wq.Term("section", section),
                          wq.Or([wq.Term("theme_key", k) for k in sorted(keys[section])])])
                  for section in sorted(keys)])


def _values(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v not in (None, "")]
    return [value]


def _recs(fields: dict) -> list[int]:
    return [int(r) for r in (fields.get("rec") or "").split()]


def _positive_terms(q: wq.Query) -> frozenset[str]:
    """Stems of the words a query looks for (not those it excludes), for highlighting."""
    stems: set[str] = set()
    for node in positive_leaves(q):
        if isinstance(node, wq.Phrase):
            stems.update(stem_word(word) or word for word in node.words)
        else:
            text = node.text if isinstance(node.text, str) else str(node.text)
            if node.fieldname in ("text", "exact"):
                stems.add(text if node.fieldname == "text" else (stem_word(text) or text))
    return frozenset(stems)


def match_spans(text: str, stems: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` whose stem is one of ``stems``."""
    return [(t.startchar, t.endchar) for t in stem_analyzer()(text, chars=True)
            if t.text in stems]


#: Analyzed forms of words seen in hits, by surface word (what the stem analyzer makes of it):
#: the analysis of a word does not depend on the paragraph it is in. Cleared when it grows past
#: this many words.
_FORMS: dict[str, tuple[tuple[str, bool], ...]] = {}
FORMS_LIMIT = 100_000


def _word_forms(surface: str) -> tuple[tuple[str, bool], ...]:
    """``(text, stopped)`` of each token the stem analyzer (query mode, stop words kept and
    marked) makes of one word, as it would inside a paragraph."""
    forms = _FORMS.get(surface)
    if forms is None:
        if len(_FORMS) > FORMS_LIMIT:
            _FORMS.clear()
        forms = _FORMS[surface] = tuple(
            (t.text, bool(t.stopped)) for t in stem_analyzer()(surface, mode="query", removestops=False))
    return forms


def hit_markup(text: str, stems: frozenset[str]) -> tuple[tuple[tuple[int, int], ...], str]:
    """``(match_spans(text, stems), highlight_html(text, stems))`` in one pass over the words.

    The same output as Whoosh's highlighter with the stem analyzer (tested), faster: each word
    of the text is looked up by its surface form (the analyzer's work is per word), and
    Whoosh's context fragmenter is run over plain ``(start, end, matched)`` triples; Whoosh
    scores, picks and formats the fragments.
    """
    from whoosh.analysis import Token

    spans: list[tuple[int, int]] = []
    tokens: list[tuple[int, int, object]] = []  # (start, end, matched token or None)
    known = _FORMS.get
    for match in word_pattern().finditer(text):
        surface = match.group()
        forms = known(surface) or _word_forms(surface)
        if len(forms) == 1 and forms[0][0] not in stems:  # most words: one form, not looked for
            tokens.append((match.start(), match.end(), None))
            continue
        start, end = match.span()
        for form, stopped in forms:
            if form in stems:
                if not stopped:
                    spans.append((start, end))
                token = Token(False, True, removestops=False, mode="query")
                token.text, token.boost, token.stopped, token.matched = form, 1.0, stopped, True
                token.startchar, token.endchar = start, end
                tokens.append((start, end, token))
            else:
                tokens.append((start, end, None))
    fragments = list(_context_fragments(text, tokens, FRAGMENT_CHARS, 80))
    best = highlight.top_fragments(fragments, FRAGMENTS, highlight.BasicFragmentScorer(), highlight.FIRST, 1)
    formatter = highlight.HtmlFormatter(tagname="mark", between=" … ", classname="hit", termclass="t")
    return tuple(spans), formatter(text, best) or _escape(text)


def _context_fragments(text: str, tokens, maxchars: int, surround: int,
                       charlimit: int = highlight.DEFAULT_CHARLIMIT):
    """Whoosh's ``ContextFragmenter.fragment_tokens`` over ``(start, end, matched token)``
    triples: fragments of up to ``maxchars`` around matched words, ``surround`` characters of
    context on each side."""
    first = None
    firsts: deque[int] = deque()
    countdown = -1
    tks: list = []
    endchar = None
    currentlen = 0
    for startchar, endchar, matched in tokens:
        tlength = endchar - startchar
        if charlimit and endchar > charlimit:
            break
        if countdown < 0 and matched is None:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif currentlen + tlength > maxchars:
            countdown = 0
        elif matched is not None:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            tks.append(matched.copy())
        if countdown >= 0:
            currentlen += tlength
            countdown -= tlength
            if countdown <= 0:
                yield highlight.mkfrag(text, tks, startchar=first, endchar=endchar)
                tks = []
                firsts = deque()
                first = None
                currentlen = 0
    if tks:
        yield highlight.mkfrag(text, tks, startchar=first, endchar=endchar)


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


def highlight_html(text: str, stems: frozenset[str]) -> str:
    """The best fragments of ``text`` with ``<mark>`` around matched words (Whoosh's highlighter).

    Whoosh escapes the text around and inside the marks; without matches, the text itself.
    """
    fragmenter = highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=80)
    formatter = highlight.HtmlFormatter(tagname="mark", between=" … ", classname="hit", termclass="t")
    result = highlight.highlight(text, stems, stem_analyzer(), fragmenter, formatter, top=FRAGMENTS)
    return result or _escape(text)
