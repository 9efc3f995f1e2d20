"""Read a source file into text: format sniffing, encoding detection and clear refusals.

The format is recognised from the content, not the file name: ``%PDF-`` starts a PDF (read
by :mod:`indexer.pdf_source`), a ZIP archive holding ``word/document.xml`` is a DOCX file
(:mod:`indexer.docx_source`), text that opens like an HTML document is HTML
(:mod:`indexer.html_source`), and other text is plain text. Plain-text files come as UTF-8
(with or without BOM), UTF-16 (with BOM) or Windows-1256, the legacy Arabic code page; all
decode to the same ``str``. Anything else is refused with a :class:`SourceError` whose
message names the file and the reason in one line.

>>> from pathlib import Path
>>> p = Path("/tmp/fahras-doctest.txt"); _ = p.write_bytes("نظام روما".encode("cp1256"))
>>> read_text(p)
'نظام روما'
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: Byte-order marks, longest first so UTF-32 is not mistaken for UTF-16.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: A PDF's header may follow up to 1024 bytes of junk (PDF 1.7, ISO 32000-1, annex H.3).
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"

#: Leading bytes of binary formats users rename or drop into a folder by mistake.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (e.g. DOCX)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (DOC/XLS) or a password-protected Office file"),
    (b"\x1f\x8b", "a gzip archive"),
)

#: Windows-1256 is accepted only when the decoded text is mostly Arabic, ASCII and spaces;
#: random bytes decode too (the code page maps every byte) but look nothing like that.
CP1256_MIN_PLAUSIBLE = 0.95

#: Largest file read whole (bytes); bigger files are refused rather than exhausting memory.
MAX_TEXT_BYTES = 64 * 1024 * 1024


class SourceError(ValueError):
    """A file that cannot be read as a document; ``str(err)`` is one line for the user."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class SourceText:
    """The decoded text of a file, how it was decoded, and what the file says about itself.

    ``format`` is ``"text"``, ``"pdf"``, ``"docx"`` or ``"html"``; ``properties`` holds the
    file's own fields (PDF document info, DOCX core properties, HTML title), ``pages`` a
    PDF's page count.
    """

    path: Path
    text: str
    encoding: str
    format: str = "text"
    properties: dict[str, str] = field(default_factory=dict, compare=False)
    pages: int | None = None


def sniff_binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, if it is a known one."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    return None


def _is_plausible_text(text: str) -> bool:
    """True when ``text`` is mostly Arabic letters, ASCII, spaces and punctuation."""
    if not text:
        return False
    good = 0
    for ch in text:
        if ch.isspace() or " " <= ch <= "~":
            good += 1
        elif "\u0600" <= ch <= "\u06ff" or ch in "\u200c\u200d\u200e\u200f\u00a0\u2022\u2013\u2014":
            good += 1
        elif unicodedata.category(ch)[0] in "LNP" and ord(ch) > 0x24F:
            good += 1
    return good / len(text) >= CP1256_MIN_PLAUSIBLE


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> SourceText:
    """Decode the bytes of a text file, or raise :class:`SourceError`."""
    path = Path(path)
    if not data.strip():
        raise SourceError(path, "empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise SourceError(path, f"invalid {encoding.upper()} at byte {err.start + len(bom)}") from None
            return SourceText(path, _clean(text, path), encoding)
    kind = sniff_binary_kind(data)
    if kind:
        raise SourceError(path, f"binary file ({kind}), not text")
    if b"\x00" in data:
        raise SourceError(path, "binary file (contains NUL bytes), not text")
    try:
        return SourceText(path, _clean(data.decode("utf-8"), path), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    if _looks_like_broken_utf8(data):
        raise SourceError(path, f"invalid UTF-8 at byte {utf8_error.start} (truncated or damaged file)")
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" in text or not _is_plausible_text(text):
        raise SourceError(path, "undecodable bytes: not UTF-8, UTF-16 or Windows-1256 text")
    return SourceText(path, _clean(text, path), "cp1256")


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when most multi-byte sequences are valid UTF-8, so the file is damaged UTF-8.

    Windows-1256 Arabic rarely forms valid UTF-8 pairs; damaged UTF-8 mostly does.
    """
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    return good > 4 * bad


def _clean(text: str, path: Path) -> str:
    """Unify line endings; refuse text that is control characters rather than words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(path, "empty file")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f")
    if controls > max(8, len(text) // 100):
        raise SourceError(path, "binary file (control characters), not text")
    return text


def read_source(path: Path | str) -> SourceText:
    """Read ``path`` and turn it into text; every failure is a one-line :class:`SourceError`.

    >>> # read_source(Path("A_HRC_52_7_Add.1.pdf")).format  ->  'pdf'
    """
    path = Path(path)
    try:
        if path.is_symlink() and not path.exists():
            raise SourceError(path, "broken symbolic link")
        if path.is_dir():
            raise SourceError(path, "is a folder, not a file")
        if path.exists() and not path.is_file():
            raise SourceError(path, "not a regular file (a device, pipe or socket)")
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise SourceError(path, f"too large ({size // (1024 * 1024)} MiB; limit {MAX_TEXT_BYTES // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except PermissionError:
        raise SourceError(path, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(path, "is a folder, not a file") from None
    except OSError as err:
        raise SourceError(path, f"cannot read ({err.strerror or err})") from None
    return read_bytes(data, path)


def sniff_format(data: bytes) -> str:
    """``"pdf"``, ``"zip"`` or ``"text"`` from the leading bytes (HTML is told after decoding)."""
    at = data.find(PDF_MAGIC, 0, 1024)
    if at == 0 or (at > 0 and re.match(rb"%PDF-\d\.\d", data[at:at + 8]) and b"%%EOF" in data[-2048:]):
        return "pdf"  # a header after junk counts only in a file that also ends like a PDF
    if data.startswith(ZIP_MAGIC):
        return "zip"
    return "text"


def read_bytes(data: bytes, path: Path | str = "<bytes>") -> SourceText:
    """Turn the bytes of a PDF, DOCX, HTML or text file into a :class:`SourceText`."""
    path = Path(path)
    kind = sniff_format(data)
    if kind == "pdf":
        return _read_pdf(data, path)
    if kind == "zip":
        return _read_docx(data, path)
    html_charset = None
    if data.lstrip()[:1] == b"<" or data[:4] in (codecs.BOM_UTF8[:3] + b"<",):
        from indexer.html_source import declared_charset

        html_charset = declared_charset(data)
    source = _decode_declared(data, path, html_charset) if html_charset else decode_bytes(data, path)
    from indexer.html_source import looks_like_html

    if looks_like_html(source.text):
        from indexer.html_source import read_html

        page = read_html(source.text)
        if not page.text.strip():
            raise SourceError(path, "HTML page without text")
        return SourceText(path, page.text, source.encoding, "html", page.properties)
    return source


def _decode_declared(data: bytes, path: Path, charset: str) -> SourceText:
    """Decode with the charset an HTML page declares; fall back to detection if unknown."""
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return decode_bytes(data, path)
    if data.startswith(codecs.BOM_UTF8) or data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return decode_bytes(data, path)  # a byte-order mark wins over the declaration
    try:
        return SourceText(path, _clean(data.decode(codec), path), codec)
    except UnicodeDecodeError as err:
        raise SourceError(path, f"invalid {charset} (declared by the page) at byte {err.start}") from None


def _read_pdf(data: bytes, path: Path) -> SourceText:
    from indexer.pdf_source import PdfError, read_pdf

    try:
        pdf = read_pdf(data)
    except PdfError as err:
        raise SourceError(path, str(err)) from None
    if not pdf.text.strip():
        raise SourceError(path, "no text layer (scanned or image-only PDF; run OCR first)")
    return SourceText(path, pdf.text, "pdf", "pdf", pdf.info, pdf.pages)


def _read_docx(data: bytes, path: Path) -> SourceText:
    from indexer.docx_source import DocxError, read_docx

    try:
        docx = read_docx(data)
    except DocxError as err:
        raise SourceError(path, str(err)) from None
    return SourceText(path, docx.text, "utf-8", "docx", docx.properties)


def read_text(path: Path | str) -> str:
    """The text of ``path`` (see :func:`read_source`)."""
    return read_source(path).text
