"""The reference engines: SQLite FTS5 (stdlib) and tantivy, fed fahras's own tokens.

Both get the paragraphs already analyzed by fahras's stem analyzer (stems joined by spaces), so
they index exactly the terms Whoosh indexes in the ``text`` field and split them on spaces
only: what differs is the engine, not the analysis. Queries are given as stem lists.
"""
from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.measure import folder_bytes


@dataclass(frozen=True)
class Row:
    """One paragraph as the reference engines see it."""

    rowid: int
    tokens: str          # stems joined by single spaces
    rec: tuple[int, ...]


@dataclass(frozen=True)
class BenchQuery:
    """A query in both forms: what a user types (fahras) and the stems (reference engines)."""

    kind: str                   # one-word, three-words, phrase, filtered
    text: str                   # fahras query string
    stems: tuple[str, ...]      # analyzed words, in order
    rec: int | None = None      # a --rec filter


class Fts5:
    """SQLite FTS5 over the stem tokens, BM25 ranking (``ORDER BY rank``)."""

    name = "sqlite-fts5"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db: sqlite3.Connection | None = None

    def build(self, rows: Sequence[Row]) -> float:
        """Index ``rows`` from scratch; returns seconds."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        started = time.perf_counter()
        db = sqlite3.connect(self.folder / "fts.db")
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize=\"unicode61 remove_diacritics 0 "
                   "separators ' '\")")
        db.execute("CREATE TABLE recs(rowid INTEGER, rec INTEGER)")
        with db:
            db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", ((r.rowid, r.tokens) for r in rows))
            db.executemany("INSERT INTO recs VALUES (?, ?)", ((r.rowid, n) for r in rows for n in r.rec))
        db.execute("CREATE INDEX recs_rec ON recs(rec)")
        db.commit()
        db.close()
        return time.perf_counter() - started

    def size(self) -> int:
        return folder_bytes(self.folder)

    def open(self) -> None:
        self.db = sqlite3.connect(self.folder / "fts.db")

    def search(self, q: BenchQuery, limit: int = 10) -> list[int]:
        assert self.db is not None
        quoted = [f'"{s}"' for s in q.stems]
        match = f'"{" ".join(q.stems)}"' if q.kind == "phrase" else " OR ".join(quoted)
        if q.rec is not None:
            sql = ("SELECT t.rowid FROM t JOIN recs ON recs.rowid = t.rowid WHERE t MATCH ? "
                   "AND recs.rec = ? ORDER BY rank LIMIT ?")
            return [r[0] for r in self.db.execute(sql, (match, q.rec, limit))]
        return [r[0] for r in self.db.execute(
            "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?", (match, limit))]

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class Tantivy:
    """tantivy over the stem tokens (whitespace tokenizer, positions for phrases), BM25."""

    name = "tantivy"

    def __init__(self, folder: Path, threads: int = 2) -> None:
        self.folder = folder
        self.threads = threads
        self.index = None
        self.searcher = None

    @staticmethod
    def available() -> bool:
        try:
            import tantivy  # noqa: F401
        except ImportError:
            return False
        return True

    def _schema(self):
        import tantivy

        sb = tantivy.SchemaBuilder()
        sb.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="position")
        sb.add_integer_field("id", stored=True, indexed=False, fast=True)
        sb.add_integer_field("rec", stored=False, indexed=True)
        return sb.build()

    def build(self, rows: Sequence[Row]) -> float:
        import tantivy

        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        started = time.perf_counter()
        index = tantivy.Index(self._schema(), path=str(self.folder))
        writer = index.writer(heap_size=256_000_000, num_threads=self.threads)
        for r in rows:
            writer.add_document(tantivy.Document(id=r.rowid, body=r.tokens, rec=list(r.rec)))
        writer.commit()
        writer.wait_merging_threads()
        return time.perf_counter() - started

    def size(self) -> int:
        return folder_bytes(self.folder)

    def open(self) -> None:
        import tantivy

        self.index = tantivy.Index.open(str(self.folder))
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, q: BenchQuery, limit: int = 10) -> list:
        if q.kind == "phrase":
            text = f'body:"{" ".join(q.stems)}"'
        else:
            text = " OR ".join(f'body:"{s}"' for s in q.stems)
        if q.rec is not None:
            text = f"+({text}) +rec:{q.rec}"
        parsed = self.index.parse_query(text, ["body"])
        return [addr for _score, addr in self.searcher.search(parsed, limit).hits]

    def close(self) -> None:
        self.searcher = None
        self.index = None
