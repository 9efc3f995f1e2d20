"""Read the text of a Word (DOCX) file: paragraphs, automatic numbers, footnotes, properties.

A DOCX file is a ZIP archive of XML parts (ECMA-376 / ISO/IEC 29500, "WordprocessingML"):
``word/document.xml`` holds the body, ``word/footnotes.xml`` the footnotes,
``word/numbering.xml`` the list definitions and ``docProps/core.xml`` the title and dates.
Word stores text in logical order, so no reordering is needed; this module uses only the
standard library.

>>> # read_docx(Path("response.docx").read_bytes()).text.splitlines()[0]
>>> # '1- تلقت الدولة 20 توصية وأحاطت علماً بها بعد دراسة متأنية.'
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from indexer.unicode_forms import base_letters

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORE_NAMES = {
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}subject": "subject",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/elements/1.1/}creator": "author",
}
#: Largest uncompressed XML part read (bytes): guards against ZIP bombs.
MAX_PART_BYTES = 200 * 1024 * 1024
#: Arabic letters used by Word's ``arabicAlpha`` / ``arabicAbjad`` list formats (first 28).
ARABIC_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
ARABIC_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"


class DocxError(Exception):
    """A DOCX file that cannot be read; the message is the reason, in one line."""


@dataclass(frozen=True)
class DocxText:
    """The text of a DOCX file and its properties (title, author, created; ``running_header``:
    the text of its page headers and footers)."""

    text: str
    properties: dict[str, str] = field(default_factory=dict)


def _part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """Parse one XML part of the archive, or None when it is absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise DocxError(f"{name} too large ({info.file_size // (1024 * 1024)} MiB uncompressed)")
    try:
        return ElementTree.fromstring(archive.read(info))
    except ElementTree.ParseError as err:
        raise DocxError(f"damaged DOCX ({name}: {err})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise DocxError(f"damaged DOCX ({name}: {err})") from None


@dataclass
class _Numbering:
    """Automatic paragraph numbers: numId -> abstract list -> level formats, with counters."""

    formats: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: ElementTree.Element | None) -> "_Numbering":
        numbering = cls()
        if root is None:
            return numbering
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "%1.") if text is not None else "%1.",
                    int(start.get(f"{W}val", "1")) if start is not None else 1)
            abstract[a.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {})
            for level, spec in levels.items():
                numbering.formats[(num.get(f"{W}numId", ""), level)] = spec
        return numbering

    def label(self, num_id: str, level: int) -> str:
        """The printed label of the next item of list ``num_id`` at ``level`` (``"3-"``)."""
        spec = self.formats.get((num_id, level))
        if spec is None:
            return ""
        fmt, pattern, start = spec
        key = (num_id, level)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[deeper]
        n = self.counters[key]
        if fmt == "bullet":
            return "\N{BULLET}"
        if fmt == "decimal":
            value = str(n)
        elif fmt in ("arabicAlpha", "arabicAbjad"):
            letters = ARABIC_ALPHA if fmt == "arabicAlpha" else ARABIC_ABJAD
            value = letters[(n - 1) % len(letters)]
        elif fmt in ("lowerLetter", "upperLetter"):
            value = chr(ord("a" if fmt == "lowerLetter" else "A") + (n - 1) % 26)
        elif fmt == "none":
            return ""
        else:
            value = str(n)
        return re.sub(r"%\d", value, pattern, count=1).replace("%", "")


def _run_text(run: ElementTree.Element, footnote_ids: list[str]) -> str:
    """Text of a run: text, tabs, breaks, and footnote references as ``(N)``."""
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}footnoteReference":
            note_id = child.get(f"{W}id", "")
            if note_id not in footnote_ids:
                footnote_ids.append(note_id)
            parts.append(f" ({footnote_ids.index(note_id) + 1})")
    return "".join(parts)


def _paragraph_text(p: ElementTree.Element, footnote_ids: list[str]) -> str:
    """Text of a ``w:p``: its runs (inside hyperlinks, insertions and fields too)."""
    pieces: list[str] = []
    for run in p.iter(f"{W}r"):
        pieces.append(_run_text(run, footnote_ids))
    return base_letters("".join(pieces)).strip()


def _numbering_of(p: ElementTree.Element) -> tuple[str, int] | None:
    num_pr = p.find(f"{W}pPr/{W}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{W}numId")
    level = num_pr.find(f"{W}ilvl")
    if num_id is None or num_id.get(f"{W}val", "0") == "0":
        return None
    return num_id.get(f"{W}val", ""), int(level.get(f"{W}val", "0")) if level is not None else 0


def _body_paragraphs(body: ElementTree.Element) -> list[ElementTree.Element]:
    """Body paragraphs in order, table cells included, nested paragraphs not repeated."""
    out: list[ElementTree.Element] = []

    def walk(element: ElementTree.Element) -> None:
        for child in element:
            if child.tag == f"{W}p":
                out.append(child)
            elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent",
                               f"{W}customXml", f"{W}txbxContent"):
                walk(child)

    walk(body)
    return out


def read_docx(data: bytes) -> DocxText:
    """The text of a DOCX file given as bytes: one paragraph a line, blank lines between,
    footnotes last (``N text``); raises :class:`DocxError`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise DocxError(f"damaged ZIP file, not a readable DOCX ({err})") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            if "EncryptedPackage" in names or "EncryptionInfo" in names:
                raise DocxError("encrypted Word document (a password is needed to open it)")
            raise DocxError("ZIP archive without word/document.xml: not a DOCX document")
        document = _part(archive, "word/document.xml")
        body = document.find(f"{W}body") if document is not None else None
        if body is None:
            raise DocxError("damaged DOCX (no document body)")
        numbering = _Numbering.from_xml(_part(archive, "word/numbering.xml"))
        footnote_ids: list[str] = []
        lines: list[str] = []
        for p in _body_paragraphs(body):
            text = _paragraph_text(p, footnote_ids)
            numbered = _numbering_of(p)
            if numbered is not None and text:
                label = numbering.label(*numbered)
                text = f"{label} {text}" if label else text
            if text:
                lines.append(text)
        notes = _footnotes(_part(archive, "word/footnotes.xml"), footnote_ids)
        properties = _core_properties(_part(archive, "docProps/core.xml"))
        running = _running_text(archive, sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n)))
        if running:
            properties["running_header"] = running
    if not lines:
        raise DocxError("Word document without text")
    text = "\n\n".join(lines)
    if notes:
        text += "\n\n" + "\n".join(notes)
    return DocxText(text + "\n", properties)


def _footnotes(root: ElementTree.Element | None, ids: list[str]) -> list[str]:
    """Footnotes in reference order, each ``"N text"`` with N its number in the body."""
    if root is None or not ids:
        return []
    by_id = {fn.get(f"{W}id", ""): fn for fn in root.iter(f"{W}footnote")}
    notes = []
    for n, note_id in enumerate(ids, start=1):
        fn = by_id.get(note_id)
        if fn is None:
            continue
        text = " ".join(_paragraph_text(p, []) for p in fn.iter(f"{W}p"))
        text = re.sub(r"^\s*\(\d+\)\s*", "", " ".join(text.split()))  # the note's own mark
        notes.append(f"{n} {text}".strip())
    return notes


def _running_text(archive: zipfile.ZipFile, parts: list[str]) -> str:
    """The text of the page headers and footers (a UN document prints its symbol there)."""
    found: list[str] = []
    for name in parts:
        root = _part(archive, name)
        for p in root.iter(f"{W}p") if root is not None else ():
            text = _paragraph_text(p, [])
            if text and text not in found and not text.isdigit():
                found.append(text)
    return " | ".join(found)


def _core_properties(root: ElementTree.Element | None) -> dict[str, str]:
    if root is None:
        return {}
    found = {}
    for child in root:
        name = CORE_NAMES.get(child.tag)
        if name and child.text and child.text.strip():
            found[name] = child.text.strip()
    return found
