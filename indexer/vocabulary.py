"""The index's own words, one small side file per Whoosh segment, for matching parts of words.

A query word whose stem is not in the index (``سويسرا`` when the documents only say
``لسويسرا``: the light stemmer does not strip a bare ``ل``) is looked for as the indexed words
that *contain* it. Earlier versions indexed every word's character 3-grams as a third field
for this; those postings doubled the index and the memory of a build (docs/benchmarks.md). The
words themselves are enough: the vocabulary of the ``exact`` field (normalized, unstemmed
words) is searched as one string, and the words found become ordinary terms of the query.

Layout: next to each segment's files, ``MAIN_<segment id>.vocab`` holds the segment's exact
words, one per line (UTF-8). The name follows Whoosh's segment file pattern, so Whoosh deletes
it with its segment when a merge replaces the segment, and a generation copied by hard links
(indexer/build.py) carries it along. Words of deleted paragraphs stay until their segment is
merged: a term of theirs matches nothing, so they cost nothing but a few bytes. A segment
without the file (written by other code) is read from its lexicon instead.

    >>> v = Vocabulary("\\nلسويسرا\\nسويسري\\nحقوق\\n")
    >>> v.containing("سويسر", limit=5)
    ['سويسري', 'لسويسرا']
    >>> v.containing("حقوق", limit=5)
    ['حقوق']
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Extension of a segment's vocabulary file (``MAIN_<segid>.vocab``).
SUFFIX = ".vocab"
#: The field whose terms are the vocabulary: normalized, unstemmed words.
FIELD = "exact"


@dataclass(frozen=True)
class Vocabulary:
    """Words of an index as one string, ``"\\n"`` before and after each word."""

    text: str
    #: answers already looked up (the caller's), kept with the vocabulary of one open index
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def containing(self, part: str, limit: int, scan: int = 2000) -> list[str]:
        """Up to ``limit`` distinct words holding ``part``, shortest first (the closest forms),
        among the first ``scan`` found."""
        text, found = self.text, {}
        i = text.find(part)
        while i != -1 and len(found) < scan:
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i + len(part))
            if end < 0:
                end = len(text)
            found.setdefault(text[start:end])
            i = text.find(part, end)
        found.pop("", None)
        return sorted(found, key=lambda w: (len(w), w))[:limit]


def segment_file(segment) -> str:
    """``MAIN_<segid>.vocab`` for a Whoosh segment."""
    return segment.make_filename(SUFFIX)


def _lexicon_text(segment_reader) -> str:
    if FIELD not in segment_reader.schema:
        return ""
    field = segment_reader.schema[FIELD]
    return "\n".join(field.from_bytes(b) for b in segment_reader.lexicon(FIELD))


def write_missing(ix) -> int:
    """Write the vocabulary file of every segment of ``ix`` that has none; returns how many.

    Call after a commit: only new segments (the run's own, or a merge's) lack one, so the cost
    is proportional to the words of what this run wrote, not to the whole index.
    """
    written = 0
    with ix.reader() as reader:
        for segment_reader, _offset in reader.leaf_readers():
            storage, name = segment_reader.storage(), segment_file(segment_reader.segment())
            if storage.file_exists(name):
                continue
            data = _lexicon_text(segment_reader).encode("utf-8")
            with storage.create_file(name) as fh:
                fh.write(data)
            written += 1
    return written


def _segment_text(segment_reader) -> str:
    storage, name = segment_reader.storage(), segment_file(segment_reader.segment())
    try:
        if storage.file_exists(name):
            with storage.open_file(name) as fh:
                return fh.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    return _lexicon_text(segment_reader)


def vocabulary(reader) -> Vocabulary:
    """The vocabulary of an open reader, read once and kept on the reader."""
    cached = getattr(reader, "_fahras_vocabulary", None)
    if cached is not None:
        return cached
    parts = [_segment_text(r) for r, _offset in reader.leaf_readers()]
    vocab = Vocabulary("\n" + "\n".join(p for p in parts if p) + "\n")
    try:
        reader._fahras_vocabulary = vocab
    except AttributeError:
        pass
    return vocab
