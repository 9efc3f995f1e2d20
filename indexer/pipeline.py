"""From a file on disk to a parsed :class:`~indexer.records.Document`.

read (sources) -> repair -> structure, plus the bundled data and the sidecar metadata
(``report.json`` next to ``report.txt``) that names a document.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from indexer.records import Document
from indexer.sources import SourceError, read_source

#: Files in a folder that are never documents: sidecars, code, notes, images, archives.
SKIPPED_SUFFIXES = frozenset({".json", ".py", ".pyc", ".md", ".cfg", ".toml", ".lock",
                              ".png", ".jpg", ".jpeg", ".gif", ".svg", ".css", ".js",
                              ".zip", ".gz", ".tar", ".7z", ".exe", ".db", ".sqlite"})


def bundled_data_dir() -> Path:
    """The folder of documents shipped with fahras (works from an installed package)."""
    return Path(str(files("fahras_data")))


def is_document_file(path: Path) -> bool:
    """True for files a folder walk should read (everything but sidecars, code, hidden files)."""
    return not path.name.startswith((".", "_")) and path.suffix.lower() not in SKIPPED_SUFFIXES


def iter_source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The document files named by ``paths``: files as given, folders walked in name order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith((".", "_")) for part in child.relative_to(path).parts):
                    continue
                if (child.is_file() or child.is_symlink()) and is_document_file(child):
                    yield child
        else:
            yield path


def document_metadata(path: Path) -> dict:
    """The sidecar ``<stem>.json`` of a document, if any, else ``{}``."""
    sidecar = path.with_suffix(".json")
    if sidecar == path or not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SourceError(sidecar, f"unreadable metadata ({err})") from None
    return data if isinstance(data, dict) else {}


def document_id(path: Path, metadata: dict) -> str:
    """The document id: the sidecar's ``doc``, else the file name without its extension."""
    doc = metadata.get("doc") or path.stem
    return re.sub(r"\s+", "-", str(doc).strip()) or path.stem


def load_document(path: Path | str) -> Document:
    """Read, repair and parse one file (text, PDF, DOCX or HTML).

    Raises :class:`SourceError` for unreadable files. The document's metadata merges, from
    weakest to strongest: how it was read (path, format, encoding, pages), what the file and
    its text state (title, UN symbol, State, session, date; the file name as title otherwise,
    see :mod:`indexer.metadata`), and the sidecar ``<stem>.json``, which always wins.
    """
    from indexer.metadata import document_fields
    from indexer.structure import parse_text

    path = Path(path)
    source = read_source(path)
    sidecar = document_metadata(path)
    doc = document_id(path, sidecar)
    parsed = parse_text(source.text, doc)
    read = {"path": str(path), "format": source.format, "encoding": source.encoding}
    if source.pages is not None:
        read["pages"] = source.pages
    metadata = {**read, **parsed.metadata, **document_fields(source.text, source.properties, path), **sidecar}
    return Document(parsed.doc, parsed.sections, parsed.paragraphs, parsed.footnotes,
                    title=metadata.get("title_ar") or metadata.get("title"), metadata=metadata)
