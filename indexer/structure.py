"""Turn a document's lines into sections, numbered paragraphs and footnotes.

UN written responses number their paragraphs (``1- أحاطت جمهورية كازاخستان علماً ...``) and
group them under headings with an ordinal, a theme and the recommendations they answer
(``أولاً - الالتزامات الدولية: التوصيات 1 و2 و3``), often with sub-headings naming a
recommendation (``التوصية 17``). PDF extraction puts the pieces of a right-to-left line out of
order, so markers are looked for anywhere in a line, never only at its start, and the running
paragraph number is the strongest clue: the next paragraph is the one numbered one more.

The parser reads two line-aligned lists: the raw lines (kept as provenance) and the repaired
lines (used for detection and for the paragraph text).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from indexer.ordinals import edit_distance, light_form, match_ordinal
from indexer.records import Document, Footnote, Paragraph, Section

#: Arabic-Indic and Persian digits -> ASCII, for detection only (text keeps its digits).
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

#: A paragraph number as a token: ``-12`` / ``- 12`` anywhere, or ``12-`` / ``12.`` first.
MARKER_ANYWHERE = re.compile(r"(?:^|(?<=\s))-\s?(\d{1,4})(?=\s|$)")
MARKER_AT_START = re.compile(r"^\s*(\d{1,4})\s?[-.)]\s")
#: Dash tokens and dash-attached words (``-اولاا``, ``أولاً-``).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
#: A footnote reference in the body: ``( 3)`` or ``(3)``, not ``(1)27`` (article 27(1)).
FOOTNOTE_REF = re.compile(r"(?<![\d(])\(\s*(\d{1,3})\s*\)(?![\d(])")
#: Recommendation words: التوصية / التوصيتان / التوصيتين / التوصيات (without ال too).
RECOMMENDATION_FORMS: tuple[str, ...] = ("توصيه", "توصيات", "توصيتان", "توصيتين")
#: How those words end, damaged forms included (ات extracted as ا/ in a heading font).
RECOMMENDATION_ENDINGS: tuple[str, ...] = ("ة", "ه", "ات", "ا/", "ا", "تان", "تين")
CONNECTOR = "و"
BULLET = "\u2022"
MAX_HEADING_TOKENS = 40
MAX_PARAGRAPH_GAP = 3


def detection_form(line: str) -> str:
    """A line as the detectors see it: ASCII digits, digits split from glued words."""
    line = line.translate(DIGITS)
    return re.sub(r"(?<=\d)(?=[^\d\s.,/()\-])|(?<=[^\d\s.,/()\-])(?=\d)", " ", line)


def split_tokens(line: str) -> list[str]:
    """Whitespace tokens of the detection form; ``17و`` -> ``17``, ``و``."""
    return detection_form(line).split()


#: Longest digit run read as a number: ``int()`` refuses longer strings (Python's 4,300-digit cap).
MAX_NUMBER_DIGITS = 4000


def is_number(token: str) -> bool:
    """A token ``int()`` can read: decimal digits only (``isdigit`` also accepts ``¹`` and ``①``)."""
    return token.isdecimal() and len(token) <= MAX_NUMBER_DIGITS


def is_recommendation_word(token: str) -> bool:
    """True for التوصية-like words, tolerant of extraction damage (``التوتوا/``)."""
    word = re.sub(r"(.)\1+", r"\1", light_form(token))  # stretched heading glyphs: تووووو
    for prefix in ("وال", "ال", "و"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            word = word[len(prefix):]
            break
    if not word.startswith("تو") or not 4 <= len(word) <= 8:
        return False
    if not token.rstrip(":؛،,.").endswith(RECOMMENDATION_ENDINGS):
        return False
    return any(edit_distance(word, form) <= (1 if len(word) <= 4 else 3) for form in RECOMMENDATION_FORMS)


def number_groups(tokens: Sequence[str]) -> list[list[int]]:
    """Runs of numbers joined by و / commas: each run with its token indexes.

    Returns a list of groups, each ``[start, end, n1, n2, ...]`` (token span then numbers).
    """
    groups: list[list[int]] = []
    i = 0
    while i < len(tokens):
        if not is_number(tokens[i]):
            i += 1
            continue
        start, numbers = i, [int(tokens[i])]
        j = i + 1
        while j < len(tokens):
            if tokens[j] in (CONNECTOR, ",", "،") and j + 1 < len(tokens) and is_number(tokens[j + 1]):
                numbers.append(int(tokens[j + 1]))
                j += 2
            elif is_number(tokens[j]) and tokens[j - 1] in (CONNECTOR, ",", "،"):
                numbers.append(int(tokens[j]))
                j += 1
            elif tokens[j] in (CONNECTOR, ",", "،"):
                j += 1
                if j < len(tokens) and is_number(tokens[j]):
                    continue
                break
            else:
                break
        groups.append([start, j - 1, *numbers])
        i = j
    return groups


@dataclass
class HeadingParse:
    """What a section heading says: ordinal value, theme words and recommendations."""

    number: int
    theme: str
    recs: tuple[int, ...]


def find_ordinal(tokens: list[str], expected: int | None) -> tuple[int, int, int] | None:
    """Locate a dash-attached ordinal in a heading's tokens: ``(value, index, length)``."""
    best: tuple[int, int, int, int] | None = None
    for i, token in enumerate(tokens):
        if not _dash_near(tokens, i):
            continue
        match = match_ordinal(tokens[i:i + 2], expected)
        if match is None:
            continue
        value, used = match
        rank = (0 if value == expected else 1, i)
        if best is None or rank < (best[3], best[1]):
            best = (value, i, used, rank[0])
    return None if best is None else best[:3]


def _dash_near(tokens: list[str], i: int) -> bool:
    """A dash attached to or next to the (one- or two-word) ordinal starting at ``i``."""
    def dashed(k: int) -> bool:
        return 0 <= k < len(tokens) and (tokens[k] in DASHES or tokens[k][:1] in DASHES
                                         or tokens[k][-1:] in DASHES)
    return dashed(i) or dashed(i - 1) or dashed(i + 1) or (dashed(i + 2) and len(tokens[i + 1]) > 1)


def parse_heading(tokens: list[str], expected: int | None) -> HeadingParse | None:
    """Read a heading's tokens (line plus continuation lines), or None if it is not one."""
    found = find_ordinal(tokens, expected)
    if found is None:
        return None
    value, at, used = found
    skip = set(range(at, at + used))
    rec_word_at = [i for i, t in enumerate(tokens) if i not in skip and is_recommendation_word(t)]
    groups = number_groups(tokens)
    adjacent = [g for g in groups if any(g[0] - 1 == r or g[1] + 1 == r for r in rec_word_at)]
    lists = [g for g in groups if len(g) > 3]
    chosen = adjacent + [g for g in lists if g not in adjacent] if (adjacent or lists) else groups
    recs = sorted({n for g in chosen for n in g[2:]})
    for g in chosen:
        skip.update(range(g[0], g[1] + 1))
    skip.update(rec_word_at)
    colon = next((i for i in range(at + used, len(tokens)) if tokens[i].endswith(":")), None)
    if at <= 1 and colon is not None:
        # logical order (``أولاً - الالتزامات الدولية: التوصيات 1 و2``): the theme is what
        # stands between the ordinal and the colon, whatever the recommendation word looks like
        skip.update(i for i in range(len(tokens)) if i < at or i > colon)
    theme_words = [t.strip(DASHES + ":؛،,.") for i, t in enumerate(tokens) if i not in skip]
    theme = " ".join(w for w in theme_words if w and w != CONNECTOR)
    theme = re.sub(r"\s*:\s*", " ", theme).strip(" " + DASHES + ":")
    return HeadingParse(value, theme, tuple(recs))


def parse_subheading(tokens: list[str]) -> tuple[int, ...] | None:
    """``التوصيتان 14 و15`` -> ``(14, 15)``; None if the line is something else."""
    words = [t for t in tokens if not is_number(t) and t not in (CONNECTOR, ",", "،")]
    numbers = [int(t) for t in tokens if is_number(t)]
    if not numbers or not 1 <= len(words) <= 2 or not any(is_recommendation_word(w) for w in words):
        return None
    return tuple(sorted(set(numbers)))


def is_number_list(tokens: list[str]) -> bool:
    """A line holding only numbers and و (a heading's recommendation list spilling over)."""
    return bool(tokens) and all(is_number(t) or t in (CONNECTOR, ",", "،") for t in tokens)


def paragraph_marker(line: str, expected: int) -> tuple[int, str] | None:
    """Find the marker of paragraph ``expected`` (or a little after) in a line.

    Returns ``(number, line without the marker)``.
    """
    text = line.translate(DIGITS)
    candidates = [(int(m.group(1)), m.span()) for m in MARKER_ANYWHERE.finditer(text)]
    start = MARKER_AT_START.match(text)
    if start:
        candidates.append((int(start.group(1)), (start.start(1), start.end() - 1)))
    for number, (a, b) in sorted(candidates, key=lambda c: abs(c[0] - expected)):
        if expected <= number <= expected + MAX_PARAGRAPH_GAP:
            return number, (line[:a] + " " + line[b:]).strip()
    return None


@dataclass
class _Block:
    """Lines gathered for one paragraph while scanning."""

    n: int
    section: Section | None
    recs: tuple[int, ...]
    first_text: str
    lines: list[int] = field(default_factory=list)


def _clean_text(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _mostly_non_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    return bool(letters) and arabic < len(letters) / 2


def parse_lines(raw_lines: Sequence[str], lines: Sequence[str], doc: str) -> Document:
    """Parse line-aligned raw and repaired lines into a :class:`Document`.

    Documents whose text is mostly outside numbered paragraphs (laws with articles, reports
    without paragraph numbers) are read again in block mode: each block of lines between blank
    lines becomes a paragraph, numbered in order, so that no text is left out of the index.
    """
    if len(raw_lines) != len(lines):
        raise ValueError("raw and repaired lines must be aligned")
    document, covered, orphans = _parse(raw_lines, lines, doc, block_mode=False)
    restarts = numbering_restarts(lines)
    if orphans > covered or not document.paragraphs or 2 * restarts >= len(document.paragraphs):
        blocks, _, _ = _parse(raw_lines, lines, doc, block_mode=True)
        if len(blocks.paragraphs) > 0:
            return Document(blocks.doc, blocks.sections, blocks.paragraphs, blocks.footnotes,
                            metadata={"paragraphing": "blocks"})
    return document


def _parse(raw_lines: Sequence[str], lines: Sequence[str], doc: str,
           block_mode: bool) -> tuple[Document, int, int]:
    """One pass over the lines; also returns how many text lines fell inside / outside paragraphs."""
    sections: list[Section] = []
    blocks: list[_Block] = []
    footnotes: dict[int, list[str]] = {}
    cited = {int(m.group(1)) for line in lines for m in FOOTNOTE_REF.finditer(line.translate(DIGITS))}
    markers = {} if block_mode else find_paragraph_markers(lines)
    last_marker = len(lines) if block_mode else max(markers, default=-1)
    section: Section | None = None
    sub_recs: tuple[int, ...] | None = None
    current: _Block | None = None
    current_note: int | None = None
    covered = orphans = 0
    after_blank = True
    i = 0
    while i < len(lines):
        line = lines[i]
        tokens = split_tokens(line)
        if not tokens:
            after_blank = True
            i += 1
            continue
        starts_block = after_blank
        after_blank = False
        if i in markers:
            number, rest = markers[i]
            recs = sub_recs if sub_recs is not None else (section.recs if section else ())
            current = _Block(number, section, recs, rest, [i])
            blocks.append(current)
            current_note = None
            covered += 1
            i += 1
            continue
        note = _footnote_start(tokens, line, cited, footnotes, trailing=i > last_marker)
        if note is not None:
            current_note = note
            footnotes[note] = [line.translate(DIGITS).split(None, 1)[1] if len(tokens) > 1 else ""]
            current = None
            i += 1
            continue
        if len(tokens) <= MAX_HEADING_TOKENS:
            heading_tokens, used = _heading_span(lines, i)
            next_section = section.number + 1 if section else 1
            heading = parse_heading(heading_tokens, next_section)
            if heading is not None:
                section = Section(heading.number, heading.theme, heading.recs,
                                  "\n".join(raw_lines[i:i + used]).strip())
                sections.append(section)
                sub_recs, current, current_note = None, None, None
                i += used
                continue
            sub = parse_subheading(tokens)
            if sub is not None:
                sub_recs, current, current_note = sub, None, None
                i += 1
                continue
        if block_mode and starts_block and current_note is None:
            recs = sub_recs if sub_recs is not None else (section.recs if section else ())
            current = _Block(len(blocks) + 1, section, recs, line.strip(), [i])
            blocks.append(current)
            covered += 1
        elif current_note is not None:
            footnotes[current_note].append(line.strip())
        elif current is not None:
            current.lines.append(i)
            covered += 1
        else:
            orphans += 1
        i += 1
    paragraphs = tuple(_paragraph(b, raw_lines, lines, doc, footnotes) for b in blocks)
    notes = tuple(Footnote(n, _clean_text(parts)) for n, parts in sorted(footnotes.items()))
    return Document(doc, tuple(sections), paragraphs, notes), covered, orphans


def numbering_restarts(lines: Sequence[str]) -> int:
    """How many lines start a list numbered again from 1 (``1.`` after ``3.``): lists inside
    articles, not paragraphs of the document."""
    restarts, last = 0, 0
    for line in lines:
        start = MARKER_AT_START.match(line.translate(DIGITS))
        if not start:
            continue
        number = int(start.group(1))
        if number == 1 and last >= 1:
            restarts += 1
        last = number
    return restarts


def find_paragraph_markers(lines: Sequence[str]) -> dict[int, tuple[int, str]]:
    """Line index -> (paragraph number, line without its marker), following the numbering.

    Only the paragraph numbered one more than the last (or up to ``MAX_PARAGRAPH_GAP`` more,
    for a paragraph lost in extraction) is accepted, so stray ``-5`` in text are ignored.
    """
    found: dict[int, tuple[int, str]] = {}
    expected = 1
    for i, line in enumerate(lines):
        marker = paragraph_marker(line, expected)
        if marker:
            found[i] = marker
            expected = marker[0] + 1
    return found


def _footnote_start(tokens: list[str], line: str, cited: set[int], seen: dict[int, list[str]],
                    trailing: bool) -> int | None:
    """The number of the footnote that starts on this line, if it is one.

    A footnote line starts with the number of a reference cited in the body, not defined
    yet; in the body (not the document's tail) its text must also be mostly non-Arabic,
    as UN footnotes citing laws and documents in their own language are.
    """
    if len(tokens) < 2 or not is_number(tokens[0]):
        return None
    n = int(tokens[0])
    if n not in cited or n in seen or is_number(tokens[1]):
        return None
    if trailing or _mostly_non_arabic(line):
        return n
    return None


def _heading_span(lines: Sequence[str], i: int) -> tuple[list[str], int]:
    """Tokens of line ``i`` plus following lines that continue a heading's number list."""
    tokens = split_tokens(lines[i])
    used = 1
    # a heading that already names its recommendations (a word like التوصيات or a list of
    # two or more numbers) does not take the next "التوصية N" line: that is a sub-heading
    has_rec_word = (any(is_recommendation_word(t) for t in tokens)
                    or any(len(g) > 3 for g in number_groups(tokens)))
    j = i + 1
    while j < len(lines):
        nxt = split_tokens(lines[j])
        if not nxt:
            j += 1
            continue
        if is_number_list(nxt) or (not has_rec_word and parse_subheading(nxt) is not None):
            tokens += nxt
            has_rec_word = has_rec_word or any(is_recommendation_word(t) for t in nxt)
            used = j - i + 1
            j += 1
            continue
        break
    return tokens, used


def _paragraph(block: _Block, raw_lines: Sequence[str], lines: Sequence[str], doc: str,
               footnotes: dict[int, list[str]]) -> Paragraph:
    texts = [block.first_text] + [lines[k] for k in block.lines[1:]]
    text = _clean_text(texts)
    raw = "\n".join(raw_lines[k] for k in block.lines)
    refs = [int(m.group(1)) for m in FOOTNOTE_REF.finditer(text.translate(DIGITS))]
    notes = tuple(Footnote(n, _clean_text(footnotes[n])) for n in sorted(set(refs)) if n in footnotes)
    section = block.section
    return Paragraph(doc=doc, n=block.n, section=section.number if section else None,
                     theme=section.theme if section else None, recs=block.recs, text=text,
                     raw=raw, footnotes=notes)


def parse_text(raw: str, doc: str, repair: Callable[[list[str]], list[str]] | None = None) -> Document:
    """Parse raw document text, repairing it line by line first (``repair_lines``)."""
    if repair is None:
        from indexer.repair import repair_lines as repair
    raw_lines = raw.split("\n")
    return parse_lines(raw_lines, repair(raw_lines), doc)
