"""The Whoosh index: schema, layout on disk, and building it without ever showing half an index.

Layout of an index directory::

    INDEX/
      current -> gen-20261125T231500-4821     symlink, swapped atomically (os.replace)
      gen-20261125T231500-4821/               a complete Whoosh index + fahras.json
      .lock                                   held by the one writer at a time
      gen-…/.readers                          shared-locked by each open Engine (a lease)

A build copies the current generation with hard links (Whoosh never rewrites a segment file),
applies the changes in the copy, checks the document count after the commit, and only then
points ``current`` at it. Searches that opened the old generation keep reading it: a reader
holds a shared ``flock`` on the generation's ``.readers`` file (see :func:`open_generation`),
and :func:`clear_stale` removes a superseded generation only once no reader holds it.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import pickle
import re
import shutil
import stat
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer import stamps as stamps_mod, vocabulary
from indexer.analysis import exact_analyzer, normalize_word, stem_analyzer

if TYPE_CHECKING:  # annotations only: a search does not need the record types
    from indexer.records import Document, Paragraph

CURRENT = "current"
GENERATION_PREFIX = "gen-"
LOCK_FILE = ".lock"
META_FILE = "fahras.json"
#: Lease file of a generation: readers hold a shared flock on it, clean-up an exclusive one.
READERS_FILE = ".readers"
#: Files of a generation never hard-linked into the next one (locks, leases, our metadata).
NOT_COPIED = (LOCK_FILE, READERS_FILE, META_FILE)
INDEX_NAME = "MAIN"
#: Why a readable file that yields no paragraph at all is not indexed. Text without paragraph
#: numbers is read as blocks (indexer/structure.py), so this is a file of headings or
#: footnotes only; it is reported like an unreadable one, and what it gave before is kept.
NO_PARAGRAPHS = "no paragraphs found (only headings or footnotes); nothing indexed"
#: Format of our stored fields; a different number means the index must be rebuilt.
SCHEMA_VERSION = 4


class IndexError_(RuntimeError):
    """An index that cannot be written or read; ``str(err)`` is one line for the user."""


#: What Whoosh raises on an index whose files were deleted or damaged outside fahras.
DAMAGED_INDEX_ERRORS = (whoosh_index.IndexError, EOFError, ValueError, struct.error,
                        pickle.UnpicklingError, OSError)


def damaged_index(index_dir: Path, err: BaseException) -> "IndexError_":
    """The one-line error for an index Whoosh cannot open."""
    detail = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
    return IndexError_(f"{index_dir}: the index is damaged ({detail}); "
                       f"rebuild it with 'fahras index --rebuild'")


def theme_key(label: str | None) -> str:
    """The spelling-insensitive key of a theme label: ``"مكافحة  التعذيب"`` -> ``"مكافحه التعذيب"``."""
    if not label:
        return ""
    return " ".join(w for w in (normalize_word(word) for word in label.split()) if w)


def make_schema() -> Schema:
    """One Whoosh document per paragraph; ``exact`` and ``text`` hold the same words."""
    return Schema(
        id=ID(unique=True, stored=True),
        doc=ID(stored=True, sortable=True),
        # one term per number (shift_step=0), not Whoosh's 8 trie terms: only exact numbers are
        # looked for (``--section 3``), and each term is a posting the writer sorts and writes
        n=NUMERIC(int, stored=True, sortable=True, shift_step=0),
        section=NUMERIC(int, stored=True, sortable=True, shift_step=0),
        theme=ID(stored=True, sortable=True),
        theme_key=ID,
        rec=KEYWORD(stored=True, scorable=False),
        text=TEXT(analyzer=stem_analyzer(), stored=True, phrase=True),
        # the exact words are also the vocabulary a query word is looked for inside
        # (indexer/vocabulary.py: لسويسرا for سويسرا), written per segment at commit
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        raw=STORED,
        footnotes=STORED,
        title=STORED,
        source=ID(stored=True),
        source_hash=ID(stored=True),
    )


def paragraph_fields(p: Paragraph, source: str, source_hash: str, title: str | None) -> dict:
    """The Whoosh document of one paragraph."""
    fields = {
        "id": f"{p.doc}#{p.n}", "doc": p.doc, "n": p.n, "text": p.text, "exact": p.text,
        "rec": " ".join(str(r) for r in p.recs), "raw": p.raw,
        "footnotes": [(f.n, f.text) for f in p.footnotes], "title": title or "",
        "source": source, "source_hash": source_hash,
    }
    if p.section is not None:
        fields["section"] = p.section
    if p.theme:
        fields["theme"] = p.theme
        fields["theme_key"] = theme_key(p.theme)
    return fields


def _source_key(path: Path, folders: dict[Path, Path]) -> Path:
    """The path a file is indexed under: resolved, except a link to a file, kept as given
    (absolute). Each folder is resolved once (in ``folders``), not once per file: listing 1,239
    files went from 0.28 to 0.15 s."""
    if path.is_symlink():
        return path.absolute()
    parent = path.parent
    if parent not in folders:
        folders[parent] = parent.resolve()
    return folders[parent] / path.name


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (its sidecar's too): what decides whether to re-index it."""
    digest = hashlib.sha256()
    # a link to a device or a pipe would be read forever (/dev/zero) or block (a FIFO)
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "a device")
        from indexer.sources import SourceError

        raise SourceError(path, f"not a regular file (a link to {kind})" if path.is_symlink()
                          else f"not a regular file ({kind})")
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    sidecar = path.with_suffix(".json")
    if sidecar != path and sidecar.is_file():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


# -- layout ------------------------------------------------------------------------------------


def current_generation(index_dir: Path) -> Path | None:
    """The generation ``current`` points at, or None when there is no complete index."""
    link = index_dir / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    gen = index_dir / target
    return gen if (gen / META_FILE).is_file() else None


def open_generation(index_dir: Path, attempts: int = 20) -> tuple[Path, int | None] | None:
    """The current generation, leased for reading: ``(generation, fd)``, or None if no index.

    While ``fd`` stays open (a shared ``flock`` on the generation's ``.readers`` file) no
    writer removes the generation, even after ``current`` has moved on; close it when done.
    A generation removed between reading ``current`` and taking the lease is skipped and
    ``current`` read again. ``fd`` is None for a generation built before leases existed.
    """
    for attempt in range(attempts):
        try:
            generation = index_dir / os.readlink(index_dir / CURRENT)
        except OSError:
            return None
        try:
            fd = os.open(generation / READERS_FILE, os.O_RDONLY)
        except FileNotFoundError:
            if (generation / META_FILE).is_file():  # deletion unlinks META_FILE first
                return generation, None  # an index written before leases: nothing to hold
        else:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a writer is deleting this generation
            if (generation / META_FILE).is_file():
                return generation, fd
            os.close(fd)
        # superseded and deleted since we read ``current``: read it again
        time.sleep(0.001 * attempt)
    raise IndexError_(f"{index_dir}: no complete index behind '{CURRENT}' (changed or damaged); "
                      f"run 'fahras index' again")


def read_meta(generation: Path) -> dict:
    try:
        return json.loads((generation / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@contextmanager
def writer_lock(index_dir: Path, wait: Callable[[], None] | None = None,
                timeout: float = 600.0) -> Iterator[None]:
    """Hold the index's writer lock; call ``wait()`` once if another writer holds it.

    The lock is an ``flock`` on ``INDEX/.lock``: the kernel releases it when its holder dies,
    so an interrupted run never leaves a stale lock behind.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            if wait:
                wait()
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise IndexError_(f"{index_dir}: another fahras index is still running "
                                          f"after {timeout:.0f} s; try again later") from None
                    time.sleep(0.2)
        yield
    finally:
        os.close(fd)


def _new_generation_dir(index_dir: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = index_dir / f"{GENERATION_PREFIX}{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    path.mkdir()
    (path / READERS_FILE).touch()
    return path


def _copy_generation(source: Path, target: Path) -> None:
    """Hard-link a generation's files into ``target`` (copy where links are impossible)."""
    for item in source.iterdir():
        # never link a file that is rewritten or locked in place: that would touch the old one
        if item.is_file() and item.name not in NOT_COPIED and not item.name.endswith(("LOCK", ".lock")):
            try:
                os.link(item, target / item.name)
            except OSError:
                shutil.copy2(item, target / item.name)


def _swap_current(index_dir: Path, generation: Path) -> None:
    tmp_link = index_dir / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink():
        tmp_link.unlink()
    os.symlink(generation.name, tmp_link)
    os.replace(tmp_link, index_dir / CURRENT)


def clear_stale(index_dir: Path) -> list[Path]:
    """Remove generations that ``current`` does not point at (interrupted or superseded builds).

    Call only while holding :func:`writer_lock`. A generation an open reader still leases
    (see :func:`open_generation`) is left for a later run.
    """
    keep = current_generation(index_dir)
    removed = []
    for item in index_dir.iterdir():
        if item.name.startswith(GENERATION_PREFIX) and item != keep:
            if _remove_unleased(item):
                removed.append(item)
        elif item.name.startswith(f".{CURRENT}."):
            item.unlink(missing_ok=True)
    return removed


def _remove_unleased(generation: Path) -> bool:
    """Delete a superseded generation unless a reader holds its lease; True if deleted."""
    try:
        fd = os.open(generation / READERS_FILE, os.O_RDONLY)
    except OSError:
        fd = None  # an interrupted build (no lease file yet) or an old layout: nobody reads it
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
        # first unmark it as complete, so a reader that waited for our lock looks elsewhere
        (generation / META_FILE).unlink(missing_ok=True)
        shutil.rmtree(generation, ignore_errors=True)
        return True
    finally:
        if fd is not None:
            os.close(fd)


# -- building ----------------------------------------------------------------------------------


@dataclass
class BuildReport:
    """What an indexing run did, for the CLI to print."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: (file, id it would have had, id it was given): its id was another file's already
    renamed: list[tuple[str, str, str]] = field(default_factory=list)
    paragraphs: int = 0
    total_paragraphs: int = 0
    seconds: float = 0.0
    index_dir: Path | None = None


@dataclass
class _Source:
    path: Path
    key: str
    digest: str


def build_index(index_dir: Path, paths: Iterable[Path], *, rebuild: bool = False,
                load: Callable[[Path], Document] | None = None,
                progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
                on_wait: Callable[[], None] | None = None,
                on_error: Callable[[str, str], None] | None = None,
                if_missing: bool = False) -> BuildReport:
    """Index the document files in ``paths`` into ``index_dir``.

    Unchanged files (same content hash) are skipped, files indexed before but gone from disk
    are removed, and ``rebuild`` starts from an empty index. The new index becomes visible
    only once complete. With ``if_missing``, nothing is done if an index exists once the
    writer lock is held (another run may have built one meanwhile).
    """
    from indexer.pipeline import iter_source_files, load_document

    load = load or load_document
    index_dir = Path(index_dir)
    started = time.perf_counter()
    report = BuildReport(index_dir=index_dir)
    folders: dict[Path, Path] = {}
    files = list(dict.fromkeys(_source_key(p, folders) for p in iter_source_files(Path(p) for p in paths)))
    with writer_lock(index_dir, wait=on_wait):
        existing = current_generation(index_dir)
        if if_missing and existing is not None:
            report.total_paragraphs = read_meta(existing).get("paragraphs", 0)
            return report
        clear_stale(index_dir)
        old = None if rebuild else existing
        if old is not None and read_meta(old).get("schema_version") != SCHEMA_VERSION:
            # written by another fahras version: start over, but read again every file the old
            # index held that is still on disk, so an upgrade does not drop documents
            known = set(files)
            files += [p for p in map(Path, _sources_of(old)) if p not in known and os.path.lexists(p)]
            old = None
        generation = _new_generation_dir(index_dir)
        try:
            if old is not None:
                _copy_generation(old, generation)
                try:
                    ix = whoosh_index.open_dir(str(generation), indexname=INDEX_NAME)
                except DAMAGED_INDEX_ERRORS as err:
                    raise damaged_index(index_dir, err) from None
            else:
                ix = whoosh_index.create_in(str(generation), make_schema(), indexname=INDEX_NAME)
            indexed = _indexed_sources(ix)
            before = ix.doc_count()
            writer = open_writer(ix, files=len(files))
            try:
                old_stamps = read_meta(old).get("stamps", {}) if old is not None else {}
                deleted, new_stamps = _apply_changes(writer, files, indexed, old_stamps, load, progress,
                                                     report, on_error)
                writer.commit(optimize=False, mergetype=merge_tiers)
            except BaseException:
                writer.cancel()
                raise
            report.total_paragraphs = ix.doc_count()
            expected = before - deleted + report.paragraphs
            if report.total_paragraphs != expected:
                raise IndexError_(f"{index_dir}: index holds {report.total_paragraphs} paragraphs "
                                  f"after commit, expected {expected}; previous index kept")
            vocabulary.write_missing(ix)
            meta = {"schema_version": SCHEMA_VERSION, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "paragraphs": report.total_paragraphs, "stamps": new_stamps}
            _write_meta(generation, meta)
            ix.close()
            _swap_current(index_dir, generation)
        except BaseException:
            # an interrupt that lands just after the swap must not delete the new current index
            if current_generation(index_dir) != generation:
                shutil.rmtree(generation, ignore_errors=True)
            raise
        clear_stale(index_dir)
    report.seconds = time.perf_counter() - started
    return report


def _write_meta(generation: Path, meta: dict) -> None:
    """Write ``fahras.json`` through a temporary file and a rename: never half-written."""
    tmp = generation / f".{META_FILE}.tmp"
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, generation / META_FILE)


def _sources_of(generation: Path) -> list[str]:
    """The source files an index generation holds paragraphs of (none if it cannot be read)."""
    try:
        ix = whoosh_index.open_dir(str(generation), indexname=INDEX_NAME)
        try:
            return sorted(s for s in _indexed_sources(ix) if s)
        finally:
            ix.close()
    except DAMAGED_INDEX_ERRORS:
        return []


def open_writer(ix, *, files: int):
    """The Whoosh writer for a run over ``files`` files (tuning lives here, measured in bench/).

    Segments are written as separate files, not Whoosh's default compound file: a reader opens a
    part of a compound file by copying it into memory (``BufferFile`` over a ``BytesIO``), so
    every search process copied the terms and postings of the whole index
    (docs/benchmarks.md); separate files are read in place.
    """
    writer = ix.writer(compound=False, limitmb=WRITER_LIMITMB)
    if CACHE_LENGTH_COLUMNS:
        plain = writer.per_document_reader
        writer.per_document_reader = lambda: _LengthColumnsOnce(plain())
    return writer


#: Memory of the writer's posting pool (Whoosh's estimate, close to the real size); beyond it
#: the pool spills a sorted run to disk, and the commit merges the runs one posting at a time.
#: 256 (Whoosh: 128) keeps a 10k-paragraph build in memory: 1.5x less CPU for the writer, peak
#: +164 MiB (docs/benchmarks.md).
WRITER_LIMITMB = 256
#: Read the new segment's field lengths once per field at commit, not once per posting.
CACHE_LENGTH_COLUMNS = True


class _LengthColumnsOnce:
    """The new segment's per-document reader, asked for lengths while the commit writes postings.

    Whoosh asks for a document's field length at every posting: for a field without lengths
    (the ID, keyword and number fields) it checks whether the column file exists each time (an
    ``os.stat`` per posting), and for a text field it reads the length's byte from the file (a
    seek and a read per posting). This reads each field's lengths once, into a list (one byte
    per paragraph on disk), and answers from it, with the same values; everything else is the
    wrapped reader's.
    """

    def __init__(self, reader) -> None:
        self._reader = reader
        self._lengths: dict[str, list | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        try:
            lengths = self._lengths[fieldname]
        except KeyError:
            lengths = self._lengths[fieldname] = self._read_lengths(fieldname)
        if lengths is None:
            return default
        if 0 <= docnum < len(lengths):
            return lengths[docnum]
        return self._reader.doc_field_length(docnum, fieldname, default)

    def _read_lengths(self, fieldname: str) -> list | None:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        from whoosh.util.numeric import byte_to_length

        column = _lenfield(fieldname)
        if not self._reader.has_column(column):
            return None
        # as W3PerDocReader.doc_field_length: a zero byte reads as None
        return [byte_to_length(b) if b else None
                for b in self._reader.column_reader(column, LENGTHS_COLUMN)]

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


#: Merge policy: segments whose live sizes are within the same power of MERGE_BASE documents
#: form a tier; a tier holding MERGE_AT segments is merged into one (which moves up a tier).
MERGE_BASE = 4
MERGE_AT = 4


def merge_tiers(writer, segments):
    """Whoosh merge policy keeping few segments, so queries stay fast after incremental runs.

    Each incremental run adds a small segment, and Whoosh's default policy (``MERGE_SMALL``)
    almost never merges segments of a few dozen documents: they pile up, and every query pays
    per segment (a 1k index with 5 segments answers 2-3x slower than with one; docs/benchmarks.md).
    Merging by tiers bounds the count to ``MERGE_AT - 1`` per tier while each document is
    rewritten only about log_MERGE_BASE(N) times. Segments with no live documents are dropped.
    """
    import math

    from whoosh.reading import SegmentReader

    tiers: dict[int, list] = {}
    keep = []
    for segment in segments:
        live = segment.doc_count()
        if live == 0:
            continue  # fully deleted: leave it out of the new generation
        tiers.setdefault(int(math.log(live, MERGE_BASE)), []).append(segment)
    for tier in tiers.values():
        if len(tier) < MERGE_AT:
            keep.extend(tier)
            continue
        for segment in tier:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
    return keep


def _indexed_sources(ix) -> dict[str, str]:
    """Source path -> content hash of every file in the index.

    Read from the ``source`` and ``source_hash`` terms, not from the stored paragraphs: an
    incremental run over a 100k-paragraph index starts in a fraction of a second, not ~15 s.
    """
    sources: dict[str, str] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        first: dict[int, str] = {}  # first live paragraph of each file -> its path
        for source in reader.field_terms("source"):
            matcher = reader.postings("source", source)
            if matcher.is_active():
                first[matcher.id()] = source
        by_first: dict[int, str] = {}  # first live paragraph holding each hash -> the hash
        for digest in reader.field_terms("source_hash"):
            matcher = reader.postings("source_hash", digest)
            if matcher.is_active():
                by_first[matcher.id()] = digest
        for docnum, source in first.items():
            digest = by_first.get(docnum)
            if digest is None:  # files with the same bytes share one hash term: ask the stored field
                digest = searcher.stored_fields(docnum).get("source_hash", "")
            sources[source] = digest
    return sources


def unique_doc_id(doc: str, path: Path, taken: Callable[[str], bool]) -> str:
    """``doc``, or when another file has it, the first free of: the id with the file's
    extension, with its folder's name, with both, then numbered.

    >>> unique_doc_id("report", Path("2024/report.pdf"), {"report", "report.pdf"}.__contains__)
    '2024-report'
    """
    ext = path.suffix.lstrip(".").lower()
    folder = re.sub(r"\s+", "-", path.parent.name.strip())
    candidates = [doc]
    if ext:
        candidates.append(f"{doc}.{ext}")
    if folder:
        candidates.append(f"{folder}-{doc}")
        if ext:
            candidates.append(f"{folder}-{doc}.{ext}")
    for candidate in candidates:
        if not taken(candidate):
            return candidate
    n = 2
    while taken(f"{doc}-{n}"):
        n += 1
    return f"{doc}-{n}"


def with_doc_id(document: Document, doc: str) -> Document:
    """``document`` and its paragraphs under the id ``doc``."""
    from dataclasses import replace

    return replace(document, doc=doc, paragraphs=tuple(replace(p, doc=doc) for p in document.paragraphs))


def _apply_changes(writer, files: list[Path], indexed: dict[str, str], old_stamps: dict, load, progress,
                   report: BuildReport, on_error) -> tuple[int, dict]:
    """Delete paragraphs of changed and vanished files, add those of new and changed ones.

    Returns how many paragraphs were deleted, and the stamps of the files now indexed.
    """
    deleted: set[int] = set()
    searcher = writer.searcher()

    def delete(**term: str) -> None:
        for docnum in searcher.document_numbers(**term):
            if docnum not in deleted:
                writer.delete_document(docnum)
                deleted.add(docnum)

    for source in list(indexed):
        if source and not os.path.lexists(source):
            delete(source=source)
            report.removed.append(source)
    def owner(doc: str) -> str | None:
        """The file whose live paragraphs carry the id ``doc`` in the index, if any."""
        for docnum in searcher.document_numbers(doc=doc):
            if docnum not in deleted:
                return searcher.stored_fields(docnum).get("source", "")
        return None

    try:
        stamps = _add_files(writer, files, indexed, old_stamps, load, progress, report, on_error, delete,
                            owner)
    finally:
        searcher.close()
    return len(deleted), stamps


def _add_files(writer, files, indexed, old_stamps: dict, load, progress, report: BuildReport, on_error,
               delete, owner) -> dict:
    """Add new and changed files; returns the stamps (indexer/stamps.py) of the files indexed.

    Document ids are unique: a file whose id another file already has (``report.pdf`` and
    ``report.docx``, or ``2023/report.txt`` and ``2024/report.txt``) is given a longer one
    (:func:`unique_doc_id`) and the run says so."""
    from indexer.loading import LoadFailure, load_documents
    from indexer.sources import SourceError

    digests: dict[Path, str | LoadFailure] = {}
    stamps: dict[str, list] = {}
    given: dict[str, str] = {}  # id -> file, for the ids given in this run
    for path in files:
        key = str(path)
        try:
            now = stamps_mod.stamp(path)
            known = stamps_mod.known_digest(now, old_stamps.get(key))
            if known and indexed.get(key) == known:
                digests[path] = known  # same size and times as when last hashed: same bytes
            else:
                digests[path] = content_hash(path) if path.exists() else ""
            if now and digests[path]:
                stamps[key] = now + [digests[path]]
        except SourceError as err:
            digests[path] = LoadFailure(err.reason, str(err))
        except OSError as err:
            digests[path] = LoadFailure(err.strerror or str(err), f"{path}: {err.strerror or err}")
    wanted = [path for path, digest in digests.items()
              if isinstance(digest, str) and not (digest and indexed.get(str(path)) == digest)]
    loaded = load_documents(wanted, load)  # in file order, on every core
    try:
        iterable = progress(files) if progress else files
        for path in iterable:
            key = str(path)
            digest = digests[path]
            if isinstance(digest, str) and digest and indexed.get(key) == digest:
                report.unchanged.append(key)
                continue
            outcome = digest if isinstance(digest, LoadFailure) else next(loaded)[1]
            if isinstance(outcome, LoadFailure):
                report.failed.append((key, outcome.reason))
                if on_error:
                    on_error(key, outcome.message)
                continue
            document, digest = outcome, str(digest)
            if not document.paragraphs:  # reported like an unreadable file; see NO_PARAGRAPHS
                report.failed.append((key, NO_PARAGRAPHS))
                if on_error:
                    on_error(key, f"{key}: {NO_PARAGRAPHS}")
                continue
            delete(source=key)

            def taken(doc: str) -> bool:
                holder = given.get(doc) or owner(doc)
                return holder is not None and holder != key

            doc = unique_doc_id(document.doc, path, taken)
            if doc != document.doc:
                report.renamed.append((key, document.doc, doc))
                document = with_doc_id(document, doc)
            given[doc] = key
            for paragraph in document.paragraphs:
                writer.add_document(**paragraph_fields(paragraph, key, digest, document.title))
            report.added.append(key)
            report.paragraphs += len(document.paragraphs)
    finally:
        loaded.close()
    failed = {key for key, _reason in report.failed}
    return {key: value for key, value in stamps.items() if key not in failed}
