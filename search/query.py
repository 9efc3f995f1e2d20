"""From what a user types to a Whoosh query: words, "phrases", operators and field filters.

Query language (documented in the README):

* words: ``عديمي الجنسية`` — paragraphs with all the words rank first, then those with most;
* ``"نظام روما"`` — a phrase, matched on the exact (unstemmed) form of the words;
* ``AND`` / ``OR`` / ``NOT`` and parentheses, as in Whoosh;
* Arabic operators, only as standalone words between two words and outside quotes:
  ``و`` (AND), ``أو`` / ``او`` (OR), ``ليس`` (NOT, before a word);
* field terms ``theme:…``, ``section:N``, ``rec:N``, ``doc:…`` — the same filters as the
  ``--theme/--section/--rec/--doc`` options (a label with spaces goes in quotes).
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from whoosh import qparser, query as wq, scoring

from indexer.analysis import BM25_B, BM25_K1, FIELD_BOOSTS as ANALYZER_BOOSTS, char_ngrams
from indexer.stopwords import stop_words_with_proclitics
from indexer.vocabulary import Vocabulary, vocabulary

#: Field terms recognised in the query string, mapped to filter names.
FIELD_NAMES = {"theme": "theme", "section": "section", "rec": "rec", "doc": "doc"}
FIELD_TERM = re.compile(r'(?<!\S)(theme|section|rec|doc):("[^"]*"|\S+)', re.IGNORECASE)
#: Arabic operators and their Whoosh spelling.
ARABIC_OPERATORS = {"و": "AND", "أو": "OR", "او": "OR", "ليس": "NOT"}
#: Field weights, as measured in docs/relevance.md (the analyzer calls the stemmed field "stem";
#: here it is "text", the field that also stores the paragraph). An exact-form match adds to
#: its stem match, so it ranks above a stem-only match. (The 3-gram weight of the analyzer
#: benchmark is :data:`EXPANSION_BOOST`: grams are matched through the vocabulary here.)
FIELD_BOOSTS = {"text": ANALYZER_BOOSTS["stem"], "exact": ANALYZER_BOOSTS["exact"]}
#: Scoring: Whoosh's BM25F with the measured parameters.
WEIGHTING = scoring.BM25F(B=BM25_B, K1=BM25_K1)
#: Largest query accepted, in characters (longer input is cut, not refused).
MAX_QUERY_CHARS = 2000
#: A wildcard may expand to at most this many index terms.
MAX_WILDCARD_TERMS = 256
#: A query may hold at most this many different wildcard words (each scans the term list).
MAX_WILDCARDS = 8
#: Of those, at most this many may start with ``*`` or ``?`` (they scan the whole term list).
MAX_LEADING_WILDCARDS = 2
#: A wildcard looks at no more than this many index terms (per field), matching or not.
MAX_WILDCARD_SCAN = 20_000
#: Letters a wildcard needs besides ``*`` and ``?`` (``*`` alone would list every term).
MIN_WILDCARD_LETTERS = 2
#: Whoosh operator words, removed when the parser cannot make sense of them (``NOT NOT``).
OPERATOR_WORDS = re.compile(r"(?<!\S)(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?!\S)")
CONTROL_CHARS = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# Whoosh picks an "array" union matcher for OR queries on small indexes (under 5,000 paragraphs);
# with phrase clauses inside (quoted phrases; earlier, 3-gram words) it ranks the top hits wrongly: measured on the
# seed, the top 5 of an OR query differed from the same query's full ranking. The binary union
# matcher ranks them right, so it is used for every OR.
wq.Or.matcher_type = wq.Or.DEFAULT_MATCHER


class QueryError(ValueError):
    """A query that cannot be searched; the message is one line for the user."""


@dataclass
class ParsedQuery:
    """A user query taken apart: the free text, its filters and the Whoosh query of the text."""

    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    query: wq.Query | None = None
    words: list[str] = field(default_factory=list)
    has_operators: bool = False
    #: 3-grams of the words looked for (normalized, stop words left out), for the ranking booster
    grams: list[str] = field(default_factory=list)
    #: the same words all required (several words, no operators): ranked first by the engine
    all_words: wq.Query | None = None


#: Sentence punctuation a question ends with or words are listed with: not part of a word.
#: (Whoosh's parser hands a word with its punctuation to the analyzer as one token.)
SENTENCE_PUNCTUATION = re.compile(r"[؟?!،,؛;«»]|\.(?!\d)")


def clean_query(text: str) -> str:
    """Drop control and direction characters and sentence punctuation, collapse spaces, cap
    the length. ``"ما هي عاصمة فرنسا؟"`` -> ``"ما هي عاصمة فرنسا"``."""
    text = SENTENCE_PUNCTUATION.sub(" ", CONTROL_CHARS.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_CHARS]


def extract_filters(text: str) -> tuple[str, dict[str, list[str]]]:
    """Take ``theme:``/``section:``/``rec:``/``doc:`` terms out of the query string."""
    filters: dict[str, list[str]] = {}

    def take(match: re.Match) -> str:
        name = FIELD_NAMES[match.group(1).lower()]
        filters.setdefault(name, []).append(match.group(2).strip('"'))
        return " "

    return FIELD_TERM.sub(take, text).strip(), filters


def translate_operators(text: str) -> tuple[str, bool]:
    """Arabic operators between words -> Whoosh operators; quoted parts left alone.

    >>> translate_operators("الاحتجاز أو السجن")
    ('الاحتجاز OR السجن', True)
    >>> translate_operators('"حرية و التعبير"')
    ('"حرية و التعبير"', False)
    """
    parts = re.split(r'("[^"]*")', text)
    found = False
    for i in range(0, len(parts), 2):
        tokens = parts[i].split(" ")
        for j, token in enumerate(tokens):
            op = ARABIC_OPERATORS.get(token)
            if not op:
                if token in ("AND", "OR", "NOT"):
                    found = True
                continue
            has_before = any(t for t in tokens[:j]) or (i > 0)
            has_after = any(t for t in tokens[j + 1:]) or (i + 1 < len(parts))
            if has_after and (has_before or op == "NOT"):
                tokens[j] = op
                found = True
        parts[i] = " ".join(tokens)
    return "".join(parts), found


def balance_quotes(text: str) -> str:
    """An odd number of ``"`` leaves the last one out; unbalanced brackets are dropped."""
    if text.count('"') % 2:
        head, _, tail = text.rpartition('"')
        text = head + " " + tail
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
    return text


def make_parser(schema, *, conjunctive: bool) -> qparser.MultifieldParser:
    """A Whoosh parser over the exact and stemmed fields, without Whoosh's own field syntax."""
    group = qparser.AndGroup if conjunctive else qparser.OrGroup.factory(0.9)
    parser = qparser.MultifieldParser(list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=group)
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


def transform(q: wq.Query, fn) -> wq.Query:
    """Apply ``fn`` to every node of a query tree, leaves first."""
    return fn(q.apply(lambda child: transform(child, fn)))


def phrases_on_exact_form(q: wq.Query) -> wq.Query:
    """Quoted phrases match the exact form only: drop their copies on the stemmed field."""
    def drop(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Phrase) and node.fieldname != "exact":
            return wq.NullQuery
        return node
    return transform(q, drop)


def positive_leaves(q: wq.Query):
    """The terms and phrases a query looks for, not those under NOT / ANDNOT's excluded side."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from positive_leaves(q.a)
    elif isinstance(q, (wq.Term, wq.Phrase)):
        yield q
    else:
        for child in q.children():
            yield from positive_leaves(child)


#: The booster keeps the rarest grams only: those in at most this share of the paragraphs, at
#: most this many. Common grams (``الا``, ``لمن``) weigh little in BM25 and cost the most.
BOOSTER_MAX_SHARE = 0.05
BOOSTER_MAX_GRAMS = 8
#: A gram found in more indexed words than this is not rare (and is not looked at further).
BOOSTER_MAX_WORDS = 64
#: The booster looks for at most this many indexed words (those weighing most).
BOOSTER_MAX_TERMS = 16
#: Boost, per 3-gram of the query word, of an indexed word that holds it (in the booster: per
#: rare gram the indexed word holds).
EXPANSION_BOOST = ANALYZER_BOOSTS["gram"]
#: A query word unknown to the index is looked for inside at most this many indexed words.
EXPANSION_MAX_WORDS = 32
#: ... and only if it has at least this many letters (a shorter part is in too many words).
EXPANSION_MIN_LETTERS = 3


def _gram_words(vocab: Vocabulary, gram: str) -> list[str] | None:
    """The indexed words holding ``gram``, or None if more than BOOSTER_MAX_WORDS do (memoized
    per open index: the all-words and any-word passes ask for the same grams)."""
    memo = vocab.memo
    if gram not in memo:
        if len(memo) > 10_000:
            memo.clear()
        words = vocab.containing(gram, limit=BOOSTER_MAX_WORDS + 1, scan=BOOSTER_MAX_WORDS + 1)
        memo[gram] = None if len(words) > BOOSTER_MAX_WORDS else words
    return memo[gram]


def ranking_query(q: wq.Query, grams: list[str], reader) -> wq.Query:
    """The query to rank with: the same matches as ``q``, plus a loose booster for paragraphs
    holding the indexed words that share the query words' rarest 3-grams (``سويسري`` for
    ``سويسرا``, and the query words themselves), each weighted, per rare gram it holds, by the
    gram's idf over its own; the ``BOOSTER_MAX_TERMS`` heaviest words are kept.

    A gram's paragraph count lies between its commonest word's and the sum of its words':
    a gram whose commonest word is in more than ``BOOSTER_MAX_SHARE`` of the paragraphs, or
    found in more than ``BOOSTER_MAX_WORDS`` words, is common and left out; the sum ranks the
    rest and stands for the gram's count in its idf (the lower, safer weight).
    """
    if not grams or not BOOSTER_MAX_GRAMS:
        return q
    vocab = vocabulary(reader)
    total = reader.doc_count_all()
    limit = max(1.0, BOOSTER_MAX_SHARE * reader.doc_count())
    rare: list[tuple[int, str, list[tuple[str, int]]]] = []
    for gram in grams:
        words = _gram_words(vocab, gram)
        if not words:
            continue
        counts = [(w, reader.doc_frequency("exact", w)) for w in words]
        # the gram's own count lies between its commonest word's and the sum of its words'
        if 0 < max(n for _w, n in counts) <= limit:
            rare.append((sum(n for _w, n in counts), gram, counts))
    rare.sort()
    weight: dict[str, float] = {}
    for frequency, _gram, counts in rare[:BOOSTER_MAX_GRAMS]:
        gram_idf = _idf(frequency, total)
        for w, n in counts:
            if n:  # BM25 scores the word with its own idf: scale it to the gram's
                weight[w] = weight.get(w, 0.0) + gram_idf / _idf(n, total)
    if not weight:
        return q
    # the words weighing most: a long OR is the costliest query Whoosh runs (at 100k paragraphs,
    # p50 over the same queries without booster: unbounded 12x, 16 words 3.7x, 6 words 2x; but
    # 6 words, or the query's own words alone, or their variants alone, rank worse than none:
    # docs/relevance.md)
    top = dict(sorted(weight.items(), key=lambda item: -item[1])[:BOOSTER_MAX_TERMS])
    # a query word's own exact term is already in ``q``: raising its boost adds the same score
    # (BM25 is linear in the boost) without a second matcher over its (long) postings
    own: set[str] = set()

    def raise_own(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Term) and node.fieldname == "exact" and node.text in top:
            own.add(node.text)
            return wq.Term("exact", node.text, boost=node.boost + EXPANSION_BOOST * top[node.text])
        return node
    q = transform(q, raise_own)
    others = [wq.Term("exact", w, boost=EXPANSION_BOOST * k) for w, k in top.items() if w not in own]
    return wq.AndMaybe(q, wq.Or(others)) if others else q


def _idf(frequency: int, total: int) -> float:
    """Whoosh's idf (``WeightingModel.idf``) of a term in ``frequency`` of ``total`` paragraphs."""
    return math.log(total / (frequency + 1)) + 1


def drop_stop_words(q: wq.Query) -> wq.Query:
    """Stop words outside phrases (``في``, ``ما``, ``هي``) are not words to look for: only the
    exact field holds them, and requiring them in the all-words pass ranks paragraphs by their
    function words. A query of stop words alone keeps them."""
    stops = stop_words_with_proclitics()

    def drop(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Term) and node.fieldname == "exact" and node.text in stops:
            return wq.NullQuery
        return node
    pruned = transform(q, drop).normalize()
    return q if pruned is wq.NullQuery else pruned


def lift_negations(q: wq.Query) -> wq.Query:
    """``a OR NOT b`` as a user means it: ``a`` but not ``b`` (Whoosh would match all non-b)."""
    def lift(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Or) and any(isinstance(c, wq.Not) for c in node.subqueries):
            positives = [c for c in node.subqueries if not isinstance(c, wq.Not)]
            negatives = [c.query for c in node.subqueries if isinstance(c, wq.Not)]
            if positives:
                return wq.AndNot(wq.Or(positives), wq.Or(negatives))
        return node
    return transform(q, lift).normalize()


def bound_wildcards(q: wq.Query, reader, limit: int = MAX_WILDCARD_TERMS,
                    most: int = MAX_WILDCARDS, scan: int = MAX_WILDCARD_SCAN) -> wq.Query:
    """Replace wildcard and prefix queries by at most ``limit`` of their index terms.

    A wildcard with fewer than ``MIN_WILDCARD_LETTERS`` letters (``*``, ``ح*``) is dropped;
    more than ``most`` different wildcards in one query, or more than
    ``MAX_LEADING_WILDCARDS`` starting with ``*``/``?``, is a :class:`QueryError`; and each
    wildcard looks at no more than ``scan`` index terms. So the work of one query is bounded
    whatever the size of the index (on a very large index a leading wildcard may miss terms).
    """
    by_field: dict[str, set[str]] = {}
    for node in q.leaves():
        if isinstance(node, (wq.Wildcard, wq.Prefix)) and len(node.text.strip("*?")) >= MIN_WILDCARD_LETTERS:
            by_field.setdefault(node.fieldname, set()).add(node.text)
    # the words as the user typed them: fields that analyze a wildcard into several (n-grams)
    # must not count it several times, so the fewest over the fields is what was typed
    count = min((len(texts) for texts in by_field.values()), default=0)
    if count > most:
        raise QueryError(f"too many wildcards ({count}); at most {most} per query")
    leading = min((sum(t[:1] in "*?" for t in texts) for texts in by_field.values()), default=0)
    if leading > MAX_LEADING_WILDCARDS:
        raise QueryError(f"too many wildcards at the start of a word ({leading}); "
                         f"at most {MAX_LEADING_WILDCARDS} per query")

    def expand(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Every):
            return wq.NullQuery  # a lone ``*``: every term of the field, no letters to match
        if isinstance(node, (wq.Wildcard, wq.Prefix)):
            if len(node.text.strip("*?")) < MIN_WILDCARD_LETTERS:
                return wq.NullQuery
            terms = [wq.Term(node.fieldname, btext)
                     for btext in itertools.islice(_wildcard_terms(node, reader, scan), limit)]
            return wq.Or(terms) if terms else wq.NullQuery
        return node
    return transform(q, expand).normalize()


def _wildcard_terms(node: wq.Wildcard | wq.Prefix, reader, scan: int):
    """The index terms (as bytes) a wildcard matches, among the first ``scan`` candidates.

    The same walk as Whoosh's own expansion (terms from the literal prefix on, matched with
    the wildcard's pattern), with a cap on the terms looked at.
    """
    if node.fieldname not in reader.schema:  # an index written before this field existed
        return
    field = reader.schema[node.fieldname]
    if isinstance(node, wq.Prefix):
        yield from itertools.islice(reader.expand_prefix(node.fieldname, node.text), scan)
        return
    pattern = re.compile(node._get_pattern())
    prefix = node._find_prefix(node.text)
    candidates = reader.expand_prefix(node.fieldname, prefix) if prefix else reader.lexicon(node.fieldname)
    for btext in itertools.islice(candidates, scan):
        if pattern.match(field.from_bytes(btext)):
            yield btext


def query_words(text: str) -> list[str]:
    """The words of a query outside operators (for the spelling suggestion)."""
    words = re.findall(r"[^\s\"()]+", text)
    return [w for w in words if w not in ("AND", "OR", "NOT") and w not in ARABIC_OPERATORS]


def plain_words(text: str) -> str:
    """``text`` without operator words and query syntax: quotes, brackets, ``:^~+-``.

    >>> plain_words('NOT NOT (حقوق) AND "الطفل')
    'حقوق الطفل'
    """
    text = OPERATOR_WORDS.sub(" ", text)
    text = re.sub(r"[\"'()\[\]{}:^~+\-\\/!]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_user_query(text: str, schema, *, conjunctive: bool = False, reader=None) -> ParsedQuery:
    """Parse a user's query string; ``query`` is None when only filters were given.

    With the index's ``reader``, a word neither whose stem nor whose form is in the index is
    also looked for inside the indexed words (see :func:`expand_unknown_words`).  For several
    words without operators, ``all_words`` holds the query with every word required: the same
    word groups under an ``And`` (one parse and one expansion serve both).
    """
    text = clean_query(text)
    free, filters = extract_filters(text)
    free, has_ops = translate_operators(balance_quotes(free))
    parsed = ParsedQuery(text=text, filters=filters, words=query_words(free), has_operators=has_ops)
    if not free.strip():
        return parsed
    parser = make_parser(schema, conjunctive=conjunctive)
    try:
        tree = parser.parse(free, normalize=False)
    except (IndexError, AssertionError, ValueError, TypeError, AttributeError):
        # Whoosh's parser fails on some operator soups ("NOT NOT x", "{ ANDMAYBE ANDMAYBE");
        # the words without operators and brackets are still a fair query
        tree = parser.parse(plain_words(free), normalize=False)
    tree = phrases_on_exact_form(tree)
    stops = stop_words_with_proclitics()
    parsed.grams = list(dict.fromkeys(g for node in positive_leaves(tree)
                                      if isinstance(node, wq.Term) and node.fieldname == "exact"
                                      and isinstance(node.text, str) and node.text not in stops
                                      for g in char_ngrams(node.text)))
    if reader is not None:
        tree = expand_unknown_words(tree, reader)
    parsed.query = _finish(tree)
    if not conjunctive and not has_ops and len(parsed.words) > 1 and isinstance(tree, wq.Or):
        # the parser's top node is its group (an Or with a scale): the same word groups under
        # an And are what the AndGroup parser builds
        parsed.all_words = _finish(wq.And(tree.subqueries, boost=tree.boost))
    return parsed


def _finish(tree: wq.Query) -> wq.Query | None:
    """A parsed tree normalized, stop words dropped and negations lifted; None when empty."""
    q = lift_negations(drop_stop_words(tree.normalize()))
    return None if q is wq.NullQuery else q


def expand_unknown_words(q: wq.Query, reader) -> wq.Query:
    """A word neither whose stem nor whose form is in the index is looked for inside the
    indexed words: ``سويسرا`` matches ``لسويسرا`` (a bare proclitic the light stemmer leaves
    on). The words found (at most ``EXPANSION_MAX_WORDS``, shortest first) join the word's OR.

    The words come from the index's vocabulary (indexer/vocabulary.py), not from 3-gram
    postings: the same matches as a word's grams in a row, without a third field.
    """
    vocab: Vocabulary | None = None
    stops = stop_words_with_proclitics()

    def expand(node: wq.Query) -> wq.Query:
        nonlocal vocab
        if isinstance(node, wq.Term):
            subs = [node]
        elif isinstance(node, wq.Or) and all(isinstance(c, wq.Term) for c in node.subqueries):
            subs = node.subqueries
        else:
            return node
        exact = [c.text for c in subs if c.fieldname == "exact" and isinstance(c.text, str)]
        if (len(exact) != 1 or len(exact[0]) < EXPANSION_MIN_LETTERS or exact[0] in stops
                or any((c.fieldname, c.text) in reader for c in subs)):
            return node
        vocab = vocab or vocabulary(reader)
        found = vocab.containing(exact[0], limit=EXPANSION_MAX_WORDS)
        if not found:
            return node
        boost = EXPANSION_BOOST * len(char_ngrams(exact[0]))  # as many grams as it shares
        extra = [wq.Term("exact", w, boost=boost) for w in found]
        return wq.Or(list(subs) + extra, boost=node.boost)
    return transform(q, expand)
