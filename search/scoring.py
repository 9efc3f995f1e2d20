"""BM25F ranking, totals and theme facets of word queries, over whole posting lists at once.

Whoosh scores a query one posting at a time through a tree of matchers (a few Python calls per
posting per tree level): at 100k paragraphs an any-word query over common words walks tens of
thousands of postings that way. For queries made only of terms -- ``Or``, ``And`` and
``AndMaybe`` nodes over ``Term`` leaves, which is what the query parser makes of plain words,
prefixes and wildcards -- this module reads each term's posting blocks once, decodes them into
numpy arrays and computes the same BM25F score Whoosh would (same idf, average field length,
encoded field lengths, ``B``/``K1`` and boosts), for every matching paragraph at once. The same
pass gives the exact total and the theme facets, and the top hits of both the all-words and the
any-word query. Any other query (phrases, NOT, ranges) returns None: the caller asks Whoosh.

Scores equal Whoosh's up to the order in which a paragraph's term scores are added (a few units
in the last place); ties are broken as Whoosh breaks them, by document number.

Nothing is kept between queries except what belongs to the open index: each segment's field
lengths (one byte per paragraph and field, as Whoosh stores them) and its theme of each
paragraph. numpy is imported by the first query that uses this module, not at start-up.
"""
from __future__ import annotations

import io
import pickle
import struct
import zlib
from dataclasses import dataclass, field

from whoosh import query as wq

#: Block header of Whoosh's W3 posting format: a signed 4-byte block length (negative: last).
_BLOCK_LENGTH = struct.Struct("!i")
#: Bytes of the magic tag at the start of a W3 posting list.
_HEADER_BYTES = 4
#: Weights of a block whose postings all weigh 1 (Whoosh stores None for them).
_ONES = (1.0,) * 128


class Unsupported(Exception):
    """The query or the index is not one this module scores (the caller falls back to Whoosh)."""


def supported(q: wq.Query) -> bool:
    """True if ``q`` is made only of terms under ``Or`` / ``And`` / ``AndMaybe`` nodes.

    >>> supported(wq.Or([wq.Term("text", "حقوق"), wq.Term("exact", "الحقوق", boost=0.2)]))
    True
    >>> supported(wq.Phrase("exact", ["نظام", "روما"]))
    False
    """
    if type(q) is wq.Term:
        return True
    if type(q) is wq.Or:
        return not q.scale and not q.minmatch and all(supported(c) for c in q.subqueries)
    if type(q) is wq.And:
        return all(supported(c) for c in q.subqueries)
    if type(q) is wq.AndMaybe:
        return getattr(q, "boost", 1.0) == 1.0 and supported(q.a) and supported(q.b)
    return False


def _terms_only(q: wq.Query) -> bool:
    """True if ``q`` is terms under ``Or`` / ``And`` nodes (a filter read from postings)."""
    if type(q) is wq.Term:
        return True
    return type(q) in (wq.Or, wq.And) and all(_terms_only(c) for c in q.subqueries)


@dataclass
class Ranked:
    """What a word query found: its top paragraphs (global docnum, score), total and facets."""

    hits: list[tuple[int, float]]
    total: int
    facets: dict[str, int]


@dataclass
class _Segment:
    """One segment reader with what is read from it once per open index."""

    reader: object
    offset: int
    size: int
    live: object = None                       # bool array, False for deleted paragraphs
    lengths: dict = field(default_factory=dict)  # field name -> float array of field lengths
    themes: object = None                     # int array: theme code per paragraph, -1 for none


def _byte_to_length_table():
    """Field length of each of the 256 length bytes Whoosh stores (0 for the zero byte)."""
    import numpy as np
    from whoosh.util.numeric import byte_to_length

    return np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])


#: Below this many paragraphs Whoosh's own matchers answer in a few milliseconds, less than
#: importing numpy costs a ``fahras search`` process (~0.1 s): small indexes are left to them.
MIN_PARAGRAPHS = 5_000


class WordScorer:
    """Scores word queries on one open searcher (see the module docstring)."""

    min_paragraphs = MIN_PARAGRAPHS

    def __init__(self, searcher, theme_table) -> None:
        """``theme_table()`` gives, per segment reader, the theme label of each segment-local
        paragraph (``QueryCounter``'s table), so both share one reading of the theme postings."""
        self.searcher = searcher
        self._theme_table = theme_table
        self._segments: list[_Segment] | None = None
        self._labels: list[str] = []
        self._length_table = None

    # -- per open index --------------------------------------------------------------------

    def _segment_list(self) -> list[_Segment]:
        if self._segments is None:
            import numpy as np

            self._length_table = _byte_to_length_table()
            codes: dict[str, int] = {}
            segments = []
            for reader, offset, themes in self._theme_table():
                seg = _Segment(reader, offset, reader.doc_count_all())
                live = np.ones(seg.size, dtype=bool)
                if reader.has_deletions():
                    dead = np.fromiter(reader.deleted_docs_set, dtype=np.int64)
                    live[dead[dead < seg.size]] = False
                seg.live = live
                seg.themes = np.array([-1 if t is None else codes.setdefault(t, len(codes)) for t in themes],
                                      dtype=np.int64)
                segments.append(seg)
            self._labels = sorted(codes, key=codes.get)
            self._segments = segments
        return self._segments

    def _lengths(self, seg: _Segment, fieldname: str):
        """Field lengths of every paragraph of a segment, decoded from Whoosh's length bytes."""
        if fieldname not in seg.lengths:
            import numpy as np

            raw = _length_bytes(seg.reader, fieldname, seg.size)
            seg.lengths[fieldname] = self._length_table[np.frombuffer(raw, dtype=np.uint8)]
        return seg.lengths[fieldname]

    # -- one query ---------------------------------------------------------------------------

    def rank(self, any_q: wq.Query, all_q: wq.Query | None, filter_q: wq.Query | None,
             limit: int | None) -> Ranked | None:
        """Top paragraphs of ``all_q`` (all the words) first, then of ``any_q``; the total and
        theme facets of ``any_q``; all within ``filter_q``. None if a query is not supported,
        or the index is smaller than :attr:`min_paragraphs`."""
        if self.searcher.doc_count_all() < self.min_paragraphs or (limit is not None and limit < 1):
            return None  # (Whoosh refuses a limit under 1 with its own error)
        if not supported(any_q) or (all_q is not None and not supported(all_q)):
            return None
        try:
            import numpy  # noqa: F401
        except ImportError:  # pragma: no cover - a dependency; without it Whoosh answers
            return None
        try:
            return self._rank(any_q, all_q, filter_q, limit)
        except Unsupported:
            return None

    def _rank(self, any_q, all_q, filter_q, limit) -> Ranked:
        import numpy as np

        weighting = self.searcher.weighting
        if type(weighting).__name__ != "BM25F":
            raise Unsupported("not BM25F")
        allowed = None
        # a filter of terms (--rec, --doc, --theme, --section) is read from its postings here;
        # anything else is asked of Whoosh
        term_filter = filter_q is not None and _terms_only(filter_q)
        if filter_q is not None and not term_filter:
            allowed = np.fromiter(self.searcher.docs_for_query(filter_q), dtype=np.int64)
        segments = self._segment_list()
        total = 0
        counts = np.zeros(len(self._labels), dtype=np.int64)
        firsts: list[tuple[float, int]] = []
        rests: list[tuple[float, int]] = []
        # each segment's any-word top may hold up to ``limit`` paragraphs already ranked first
        wanted = None if limit is None else 2 * limit
        for seg in segments:
            mask = seg.live.copy()
            if allowed is not None:
                inside = np.zeros(seg.size, dtype=bool)
                local = allowed[(allowed >= seg.offset) & (allowed < seg.offset + seg.size)] - seg.offset
                inside[local] = True
                mask &= inside
            cache: dict = {}
            if term_filter:
                mask &= self._mask(filter_q, seg, cache)
            scores, matched = self._evaluate(any_q, seg, cache, weighting)
            matched &= mask
            total += int(matched.sum())
            codes = seg.themes[matched]
            codes = codes[codes >= 0]
            if len(counts):
                counts += np.bincount(codes, minlength=len(counts))
            if all_q is not None:
                all_scores, all_matched = self._evaluate(all_q, seg, cache, weighting)
                all_matched &= mask
                firsts.extend(_top(all_scores, all_matched, limit, seg.offset))
            rests.extend(_top(scores, matched, wanted, seg.offset))
        firsts.sort()
        rests.sort()
        ranked = [(-neg, doc) for neg, doc in firsts[:limit]]
        seen = {doc for _, doc in ranked}
        for neg, doc in rests:
            if limit is not None and len(ranked) >= limit:
                break
            if doc not in seen:
                ranked.append((-neg, doc))
                seen.add(doc)
        present = np.flatnonzero(counts)  # a few themes of the hundreds in a large index
        facets = sorted(zip([self._labels[i] for i in present.tolist()], counts[present].tolist()),
                        key=lambda kv: (-kv[1], kv[0]))
        return Ranked([(doc, score) for score, doc in ranked], total, dict(facets))

    def _evaluate(self, q, seg: _Segment, cache: dict, weighting):
        """(score of every paragraph of the segment, which paragraphs match) for a query node.

        Terms are added into their parent's arrays straight from their postings; only ``And``
        children and boosted ``Or`` nodes get arrays of their own."""
        import numpy as np

        scores = np.zeros(seg.size)
        matched = np.zeros(seg.size, dtype=bool)
        if type(q) is wq.Term:
            self._add_term(q, seg, cache, weighting, scores, matched)
        elif type(q) is wq.AndMaybe:
            scores, matched = self._evaluate(q.a, seg, cache, weighting)
            self._add(q.b, seg, cache, weighting, scores, np.zeros(seg.size, dtype=bool))
        elif type(q) is wq.Or:
            for child in q.subqueries:
                self._add(child, seg, cache, weighting, scores, matched)
        else:  # And
            matched[:] = True
            for child in q.subqueries:
                child_scores, child_matched = self._evaluate(child, seg, cache, weighting)
                scores += child_scores
                matched &= child_matched
            scores[~matched] = 0.0  # a paragraph missing a word gets nothing from this node
        if q.boost != 1.0 and type(q) is not wq.Term:
            scores *= q.boost
        return scores, matched

    def _mask(self, q, seg: _Segment, cache: dict):
        """Which paragraphs of the segment a filter of terms (``Or`` / ``And``) matches."""
        import numpy as np

        if type(q) is wq.Term:
            mask = np.zeros(seg.size, dtype=bool)
            mask[self._ids(q, seg, cache)] = True
            return mask
        masks = [self._mask(c, seg, cache) for c in q.subqueries]
        if not masks:
            return np.zeros(seg.size, dtype=bool)
        out = masks[0]
        for m in masks[1:]:
            if type(q) is wq.Or:
                out |= m
            else:
                out &= m
        return out

    def _ids(self, q: wq.Term, seg: _Segment, cache: dict):
        """A term's paragraphs in the segment (any field, scorable or not)."""
        import numpy as np

        key = ("ids", q.fieldname, q.text)
        if key not in cache:
            ids = np.zeros(0, dtype=np.int64)
            btext = self._indexed(q, seg)
            if btext is not None:
                ids = _postings(seg.reader, q.fieldname, btext)[0]
            cache[key] = ids
        return cache[key]

    def _indexed(self, q: wq.Term, seg: _Segment) -> bytes | None:
        """The term's bytes if its field exists and the segment holds it, else None."""
        schema = self.searcher.schema
        if q.fieldname not in schema:
            return None
        try:
            btext = schema[q.fieldname].to_bytes(q.text)
        except ValueError:
            return None
        return btext if (q.fieldname, btext) in seg.reader else None

    def _add(self, q, seg: _Segment, cache: dict, weighting, scores, matched) -> None:
        """Add a node's scores into ``scores`` and its matches into ``matched`` (an ``Or``)."""
        if type(q) is wq.Term:
            self._add_term(q, seg, cache, weighting, scores, matched)
        elif type(q) is wq.Or and q.boost == 1.0:
            for child in q.subqueries:
                self._add(child, seg, cache, weighting, scores, matched)
        else:
            child_scores, child_matched = self._evaluate(q, seg, cache, weighting)
            scores += child_scores
            matched |= child_matched

    def _add_term(self, q: wq.Term, seg: _Segment, cache: dict, weighting, scores, matched) -> None:
        ids, values = self._term(q, seg, cache, weighting)
        if len(ids):
            scores[ids] += values * q.boost if q.boost != 1.0 else values
            matched[ids] = True

    def _term(self, q: wq.Term, seg: _Segment, cache: dict, weighting):
        """A term's paragraphs and BM25F scores (as Whoosh's ``BM25FScorer`` computes them),
        before the term's boost; read once per query and segment."""
        import numpy as np

        key = (q.fieldname, q.text)
        if key not in cache:
            ids = values = np.zeros(0, dtype=np.int64)
            btext = self._indexed(q, seg)
            if btext is not None:
                if not self.searcher.schema[q.fieldname].scorable:
                    raise Unsupported(f"field {q.fieldname} is not scorable")
                ids, weights = _postings(seg.reader, q.fieldname, btext)
                B = weighting._field_B.get(q.fieldname, weighting.B)
                K1 = weighting.K1
                idf = self.searcher.idf(q.fieldname, btext)
                avgfl = self.searcher.avg_field_length(q.fieldname) or 1
                lengths = self._lengths(seg, q.fieldname)[ids]
                values = idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / avgfl)))
            cache[key] = (ids, values)
        return cache[key]


def _top(scores, matched, k: int | None, offset: int) -> list[tuple[float, int]]:
    """The ``k`` best (negated score, global docnum) pairs among the matched paragraphs: highest
    score first, then lowest document number (Whoosh's order)."""
    import numpy as np

    ids = np.flatnonzero(matched)
    values = scores[ids]
    if k is not None and len(ids) > k:
        if k == 0:
            return []
        threshold = np.partition(values, len(values) - k)[len(values) - k]
        keep = values >= threshold
        ids, values = ids[keep], values[keep]
    order = np.lexsort((ids, -values))
    if k is not None:
        order = order[:k]
    return [(-float(values[i]), int(ids[i]) + offset) for i in order]


def _length_bytes(reader, fieldname: str, size: int) -> bytes:
    """Whoosh's length byte of ``fieldname`` for each paragraph of a segment reader."""
    perdoc = getattr(reader, "_perdoc", None)
    column = None
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is not None and all(hasattr(column, a) for a in ("_dbfile", "_basepos", "_count")):
        count = min(column._count, size)
        raw = bytes(column._dbfile.get(column._basepos, count))
        return raw + bytes(size - count)
    from whoosh.util.numeric import length_to_byte

    # another codec: through the public API, one paragraph at a time
    return bytes(length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(size))


def _postings(reader, fieldname: str, btext: bytes):
    """(docnums, term weights) of a term's postings in a segment, deleted paragraphs included."""
    import numpy as np

    terminfo = reader.term_info(fieldname, btext)
    matcher = reader.postings(fieldname, btext)
    if hasattr(matcher, "child"):  # deletions are masked by the caller
        matcher = matcher.child
        matcher.reset()  # the filter has moved it past deleted paragraphs at the start
    postfile = getattr(matcher, "_postfile", None)
    if postfile is None or not hasattr(terminfo, "extent") or terminfo.is_inlined():
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # whoosh-reloaded 2.7 reads the extent's length as a 1-tuple
        (length,) = length
    deltas, weights = _decode_blocks(postfile.get(offset, length))
    if len(deltas) != len(weights) or len(deltas) != terminfo.doc_frequency():
        raise Unsupported(f"posting list of {fieldname}:{btext!r} not in the expected layout")
    return np.cumsum(np.array(deltas, dtype=np.int64)), np.array(weights, dtype=np.float64)


#: Protocol-2 pickles store each bytes value as a call to ``_codecs.encode``: the positions of
#: every posting (the block's third element) cost most of the unpickling, and are not needed.
_VALUES_CALL = b"c_codecs\nencode\n"
_MARK = b"("
#: ``None`` in place of the values, then ``TUPLE3`` and ``STOP``.
_NO_VALUES = b"N\x87."


#: Bytes of pickle the ids and weights of a block of ``n`` postings take at most: an id gap is
#: at most 5 bytes (``BININT``), a weight 9 (``BINFLOAT``), plus marks and memo opcodes.
def _head_bytes(count: int) -> int:
    return 14 * count + 64


def _ids_and_weights(data: bytes, compressed: bool, count: int):
    """The id gaps and weights of a block's pickled, maybe compressed, ``(ids, weights, values)``.

    Only the head of a compressed block is inflated (the ids and weights come first; the values
    -- positions -- are most of the bytes), the pickle is cut where the values begin (their
    first ``_codecs.encode`` call) and closed with ``None``. If that does not give ``count`` ids
    and weights, the whole block is read.
    """
    if compressed:
        inflater = zlib.decompressobj()
        head = inflater.decompress(data, _head_bytes(count))
    else:
        inflater, head = None, data
    at = head.find(_VALUES_CALL)
    if at > 0:
        start = at - 1 if head[at - 1:at] == _MARK else at
        try:
            ids, weights, values = pickle.loads(head[:start] + _NO_VALUES)
        except Exception:  # noqa: BLE001 - any failure: read the whole pickle below
            values = ()
        else:
            if (values is None and isinstance(ids, tuple) and len(ids) == count
                    and (weights is None or isinstance(weights, float) or len(weights) == count)):
                return ids, weights
    if inflater is not None:
        head += inflater.decompress(inflater.unconsumed_tail) + inflater.flush()
    ids, weights, _ = pickle.loads(head)
    return ids, weights


def _decode_blocks(buf: bytes) -> tuple[list[int], list[float]]:
    """Doc-number gaps (running across blocks) and weights of a W3 posting list's blocks.

    A block is: its length (4 bytes, negative for the last block), a pickled info tuple
    (count, last id, max weight, compression, min and max length byte) and the pickled --
    possibly zlib-compressed -- tuple (id gaps, weights, values). The first gap of a block is
    its first id; it is made relative to the previous block's last id, so one cumulative sum
    gives every id.
    """
    stream = io.BytesIO(buf)
    deltas: list[int] = []  # lists: extending them from the unpickled tuples is a copy
    weights: list[float] = []
    pos = _HEADER_BYTES
    previous_last = 0
    unpack = _BLOCK_LENGTH.unpack_from
    while True:
        (length,) = unpack(buf, pos)
        last = length < 0
        end = pos + _BLOCK_LENGTH.size + abs(length)
        stream.seek(pos + _BLOCK_LENGTH.size)
        count, last_id, _, compression, _, _ = pickle.load(stream)
        block_ids, block_weights = _ids_and_weights(buf[stream.tell():end], bool(compression), count)
        first = len(deltas)
        deltas.extend(block_ids)
        deltas[first] -= previous_last
        if block_weights is None:
            weights.extend(_ONES[:count] if count <= len(_ONES) else [1.0] * count)
        elif isinstance(block_weights, float):
            weights.extend([block_weights] * count)
        else:
            weights.extend(block_weights)
        previous_last = last_id
        if last:
            return deltas, weights
        pos = end
