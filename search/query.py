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
import re
from dataclasses import dataclass, field

from whoosh import qparser, query as wq, scoring

from indexer.stopwords import stop_words_with_proclitics
from indexer.analysis import BM25_B, BM25_K1, FIELD_BOOSTS as ANALYZER_BOOSTS

#: Field terms recognised in the query string, mapped to filter names.
FIELD_NAMES = {"theme": "theme", "section": "section", "rec": "rec", "doc": "doc"}
FIELD_TERM = re.compile(r'(?<!\S)(theme|section|rec|doc):("[^"]*"|\S+)', re.IGNORECASE)
#: Arabic operators and their Whoosh spelling.
ARABIC_OPERATORS = {"و": "AND", "أو": "OR", "او": "OR", "ليس": "NOT"}
#: Field weights, as measured in docs/relevance.md (the analyzer calls the stemmed field "stem";
#: here it is "text", the field that also stores the paragraph). An exact-form match adds to
#: its stem match, so it ranks above a stem-only match.
FIELD_BOOSTS = {"text": ANALYZER_BOOSTS["stem"], "exact": ANALYZER_BOOSTS["exact"],
                "gram": ANALYZER_BOOSTS["gram"]}
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
# with phrase clauses inside (our 3-gram words) it ranks the top hits wrongly: measured on the
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
    #: 3-grams of the words looked for (before any was dropped), for the ranking booster
    grams: list[str] = field(default_factory=list)


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


def whole_word_grams(q: wq.Query) -> wq.Query:
    """A word matches on the 3-gram field only when its grams stand in a row, i.e. inside one
    indexed word (``لسويسرا`` for ``سويسرا``): a single shared gram, or grams scattered over
    the paragraph, would let unrelated words and misspellings in."""
    def in_a_row(node: wq.Query) -> wq.Query:
        if isinstance(node, (wq.Or, wq.And)) and node.subqueries and all(
                isinstance(c, wq.Term) and c.fieldname == "gram" for c in node.subqueries):
            terms = node.subqueries
            return wq.Phrase("gram", [t.text for t in terms], boost=terms[0].boost)
        return node
    return transform(q, in_a_row)


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


def ranking_query(q: wq.Query, grams: list[str], reader) -> wq.Query:
    """The query to rank with: the same matches as ``q``, plus the query words' rarest 3-grams
    (loose, any of them) added to the score."""
    limit = max(1.0, BOOSTER_MAX_SHARE * reader.doc_count())
    frequency = {g: reader.doc_frequency("gram", g) for g in grams}
    rare = sorted((g for g in grams if 0 < frequency[g] <= limit), key=frequency.get)[:BOOSTER_MAX_GRAMS]
    if not rare:
        return q
    return wq.AndMaybe(q, wq.Or([wq.Term("gram", g, boost=FIELD_BOOSTS["gram"]) for g in rare]))


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

    With the index's ``reader``, a word whose stem is in the index is not also looked for by
    its 3-grams (see :func:`skip_needless_grams`).
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
    tree = whole_word_grams(phrases_on_exact_form(tree))
    parsed.grams = list(dict.fromkeys(w for node in positive_leaves(tree)
                                      if isinstance(node, wq.Phrase) and node.fieldname == "gram"
                                      for w in node.words))
    if reader is not None:
        tree = skip_needless_grams(tree, reader)
    q = lift_negations(drop_stop_words(tree.normalize()))
    parsed.query = None if q is wq.NullQuery else q
    return parsed


def skip_needless_grams(q: wq.Query, reader) -> wq.Query:
    """Drop a word's 3-gram phrase when its stem is in the index.

    The grams are there for forms the light stemmer cannot reach (``لسويسرا``); matching them
    in a row costs 10-20x a query on words (a phrase over very common grams): measured at 20k
    paragraphs, p95 28 ms without grams, 340 ms with them for every word.
    """
    def prune(node: wq.Query) -> wq.Query:
        if not isinstance(node, wq.Or):
            return node
        subs = node.subqueries
        known = any(isinstance(c, wq.Term) and c.fieldname == "text"
                    and reader.doc_frequency("text", c.text) > 0 for c in subs)
        if known and any(isinstance(c, wq.Phrase) and c.fieldname == "gram" for c in subs):
            return wq.Or([c for c in subs if not (isinstance(c, wq.Phrase) and c.fieldname == "gram")],
                         boost=node.boost)
        return node
    return transform(q, prune)
