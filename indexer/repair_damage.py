"""Models of each kind of extraction damage, for tests and ``bench/repair_accuracy.py``.

Each function damages clean text the way one extraction does, driven by the same named
tables the repair reads (inverted), and a seeded :class:`random.Random` so that every run
is the same.  They are the *model* of the damage: the bench measures how much of it the
repair undoes on text it has never seen.

>>> import random
>>> lam_alef("الإلزامي المتحدة", random.Random(0))
'اإللزامي املتحدة'
"""
from __future__ import annotations

import random
import re

from indexer.lexicon import strip_marks
from indexer.repair_order import reverse_visual
from indexer.repair_tables import (
    BODY_FONT,
    BODY_GAP_LETTERS,
    BODY_LOST_FINALS,
    YEH,
    HEADING_FONT,
    LAM,
    LAM_LIGATURE_PARTNERS,
    TATWEEL,
)

#: A word with its marks: a mark (``استُخدم``) does not end a word, so no glyph that a font
#: keeps for the end of a word is used before it.
WORD = re.compile(r"[\u0621-\u064A][\u0621-\u064A\u064B-\u0652]*")
MARKS_ONLY = re.compile(r"[\u064B-\u0652]*")
MARK_CHARS = frozenset(chr(c) for c in range(0x064B, 0x0653))
#: First letters the body font extracts as a space (the issue describes ي).
LOST_INITIALS = (YEH,)
#: Letters that join to the next one (tatweel can only follow these).
JOINING = set("بتثجحخسشصضطظعغفقكلمنهيئ")
LRE, RLE, PDF = "\N{LEFT-TO-RIGHT EMBEDDING}", "\N{RIGHT-TO-LEFT EMBEDDING}", "\N{POP DIRECTIONAL FORMATTING}"


def _per_word(text: str, fn) -> str:
    return WORD.sub(lambda m: fn(m.group(0)), text)


def _glyphs(word: str, table, rng: random.Random, rate: float) -> str:
    """Apply entries of ``table`` backwards (``true`` -> ``seen``) at ``rate`` per site."""
    out, i = [], 0
    while i < len(word):
        done = False
        for c in table:
            if not c.true or not word.startswith(c.true, i) or c.cost == 0:
                continue
            end = i + len(c.true)
            if ((c.where == "initial" and i) or (c.where == "noninitial" and not i)
                    or (c.where == "final" and not MARKS_ONLY.fullmatch(word, end))):
                continue
            if rng.random() < rate:
                out.append(c.seen)
                i, done = end, True
                break
        if not done:
            out.append(word[i])
            i += 1
    return "".join(out)


def body_font(text: str, rng: random.Random, rate: float = 0.5) -> str:
    """The seed's body font: ``نظام`` -> ``نأام``, a letter shown as a space (``حما ة``),
    a final letter lost (``أخر``), a first ي lost as a space (``أن  سبب`` for ``أن يسبب``:
    in the seed about 25 of the 62 words of the checked paragraphs that start with ي; here
    a share ``rate / 2``)."""
    def hurt(word: str) -> str:
        lost = ""
        if lost_initial(word) and rng.random() < rate / 2:
            lost, word = " ", word[1:]
        return lost + damaged(word)

    def damaged(word: str) -> str:
        w = _glyphs(word, BODY_FONT, rng, rate)
        if len(w) > 3 and rng.random() < rate / 4:
            k = next((k for k in range(1, len(w) - 1) if w[k] in BODY_GAP_LETTERS), None)
            if k is not None:
                w = w[:k] + " " + w[k + 1:]
        if len(w) > 3 and word[-1] in BODY_LOST_FINALS and w[-1] == word[-1] and rng.random() < rate:
            w = w[:-1] + " "
        return w
    return _per_word(text, hurt)


def lost_initial(word: str) -> bool:
    """Can the body font lose this word's first letter as a space (``يسبب`` -> `` سبب``)?"""
    return len(strip_marks(word)) >= 3 and word[0] in LOST_INITIALS


def heading_font(text: str, rng: random.Random, rate: float = 0.7) -> str:
    """The bold heading font: ``التوصيات`` -> ``التوتوا/``, stretching shown as WAW runs."""
    table = tuple(c for c in HEADING_FONT if c.true and c.seen != TATWEEL and len(c.true) == 1)
    return _per_word(text, lambda w: _glyphs(w, table, rng, rate))


def tatweel(text: str, rng: random.Random, rate: float = 0.3) -> str:
    """Kashida stretching, sometimes splitting a word in two: ``كازاخســـ ــتان``."""
    def stretch(word: str) -> str:
        k = [i for i in range(1, len(word) - 1) if word[i - 1] in JOINING and word[i] not in MARK_CHARS]
        if not k or rng.random() >= rate:
            return word
        i = rng.choice(k)
        run = TATWEEL * rng.randint(2, 8)
        sep = " " if rng.random() < 0.3 else ""
        return word[:i] + run + (sep + run if sep else "") + word[i:]
    return _per_word(text, stretch)


def split_digits(text: str, rng: random.Random) -> str:
    """Digit groups pulled apart: ``22 000`` -> ``22  000``."""
    return re.sub(r"(?<=\d) (?=\d{3}\b)", lambda m: " " * rng.randint(2, 3), text)


def reversed_runs(line: str, rng: random.Random) -> str:
    """A line cut into 2-4 runs emitted right to left, each run left in logical order,
    with a run of spaces where the extraction put them side by side."""
    words = line.split()
    # a leading paragraph number "12 -" stays with the first word
    head = 2 if len(words) > 2 and re.fullmatch(r"[\d\u0660-\u0669]+", words[0]) and words[1] == "-" else 0
    if len(words) - head < 4:
        return line
    cuts = sorted(rng.sample(range(head + 1, len(words)), min(len(words) - head - 1, rng.randint(1, 3))))
    runs = [words[a:b] for a, b in zip([0] + cuts, cuts + [len(words)])]
    return "  ".join(" ".join(r) for r in reversed(runs))


def marker_last(text: str, rng: random.Random, share: float = 1.0, moved: float = 0.5) -> str:
    """Numbered paragraphs whose first line was emitted run by run from left to right, as in
    the seed: a line that starts a paragraph (the first line, or one after a sentence's end)
    gets, with chance ``share``, its marker ``-N`` last, after a run of spaces; and with chance
    ``moved`` its text was cut too, with one space, so that a short run (1-3 words) shows at
    the other end (``منظمات وتعمل الحكومة بالتعاون مع  -5`` for
    ``-5 وتعمل الحكومة بالتعاون مع منظمات``).  A paragraph number the text prints (``20 -``)
    is the marker; the measure drops paragraph markers, so only the order of the words counts."""
    out, starts = [], True
    for n, line in enumerate(text.split("\n"), 1):
        words = line.split()
        ends = not words or words[-1].endswith((".", ":", "؛", "!", "؟"))
        if starts and words and rng.random() < share:
            number = str(n)
            if len(words) > 2 and words[1] == "-" and words[0].isdigit():  # the text's own "20 -"
                number, words = str(int(words[0])), words[2:]
            if len(words) >= 5 and rng.random() < moved:
                k = rng.randint(1, 3)
                cut = k if rng.random() < 0.5 else len(words) - k
                words = words[cut:] + words[:cut]
            line = " ".join(words) + f"  -{number}"
        out.append(line)
        starts = ends
    return "\n".join(out)


def reversed_words(line: str, rng: random.Random, spaced: bool = True) -> str:
    """A line in reversed word order; ``spaced``: each word placed on its own (double spaces),
    as in the seed's paragraphs 16, 19 and 79."""
    words = line.split()[::-1]
    if not spaced:
        return " ".join(words)
    return "".join(w + (" " if rng.random() < 0.3 else "  ") for w in words).rstrip()


def lam_alef(text: str, rng: random.Random) -> str:
    """pdftotext's lam ligatures split the wrong way round: ``المتحدة`` -> ``املتحدة``."""
    pattern = re.compile(f"{LAM}([{''.join(LAM_LIGATURE_PARTNERS)}])")
    return pattern.sub(lambda m: m.group(1) + LAM, text)


def bidi_controls(text: str, rng: random.Random) -> str:
    """pdftotext's direction controls around runs, numbers and punctuation."""
    text = re.sub(r"(\d+)", lambda m: f"{LRE}{m.group(1)}{PDF}", text)
    text = re.sub(r"([،.:])", lambda m: f"{LRE}{m.group(1)}{PDF}" if rng.random() < 0.5 else m.group(1), text)
    return "\n".join(f"{RLE}{l}{PDF}" if l.strip() else l for l in text.split("\n"))


def visual_order(text: str, rng: random.Random) -> str:
    """A visual-order extraction: every line stored left to right."""
    return "\n".join(reverse_visual(l) for l in text.split("\n"))


def split_word_runs(line: str, rng: random.Random, rate: float = 0.25) -> str:
    """Words stretched and cut by tatweel at the edges of runs emitted right to left, as in
    the seed's justified lines: ``كازاخستان … المتحدة`` -> ``ــتان …  المتحدة كازاخســـ``.

    Each long word is cut at ``rate`` (its head ends a run, its tail starts the next one);
    one more cut between words is made at random.  The runs come out in reversed order,
    side by side with one space at a cut word (the pieces are the only trace) and a run of
    spaces elsewhere, so the two pieces of each word land in different runs, out of order.
    """
    words = line.split()
    head = 2 if len(words) > 2 and re.fullmatch(r"[\d\u0660-\u0669]+", words[0]) and words[1] == "-" else 0
    tokens: list[str] = words[:head]
    cuts: set[int] = set()
    for w in words[head:]:
        k = [i for i in range(2, len(w) - 1)
             if w[i - 1] in JOINING and w[i] not in MARK_CHARS and WORD.fullmatch(w)]
        if len(w) >= 5 and k and rng.random() < rate:
            i = rng.choice(k)
            run = TATWEEL * rng.randint(2, 8)
            tokens.append(w[:i] + run)
            cuts.add(len(tokens))
            tokens.append(run + w[i:])
        else:
            tokens.append(w)
    if not cuts:
        return line
    free = [j for j in range(head + 1, len(tokens)) if j not in cuts and j - 1 not in cuts]
    extra = set(rng.sample(free, 1)) if free else set()
    bounds = sorted(cuts | extra)
    runs = [tokens[a:b] for a, b in zip([0] + bounds, bounds + [len(tokens)])]
    gaps = [" " if b in cuts else "  " for b in bounds]
    out = " ".join(runs[-1])
    for run, gap in zip(reversed(runs[:-1]), reversed(gaps)):
        out += gap + " ".join(run)
    return out


def split_word_blocks(line: str, rng: random.Random, splits: int | None = None) -> str:
    """A line placed word by word (visual order) and cut into blocks at stretched words, the
    blocks emitted in logical order, as in the seed's line 360 (paragraph 79):
    ``عن تسجيل 504 مهاجرين …`` -> ``ــجيل  عن  …  504  تســـ …``.

    ``splits`` words (1-3 at random if ``None``) are cut by tatweel; at each cut the word's
    tail ends one block and its head starts the next; each block's words are reversed, the
    blocks kept in order, the words set apart by two spaces (one, 20% of the time).  A number
    with a thousands group stays one left-to-right token; a line starting with a paragraph
    number (``12 -``) is left as it is (its marker is printed apart).
    """
    words = re.sub(r"(?<=\d) (?=\d{3}\b)", "\x01", line).split()
    if len(words) < 4 or re.fullmatch(r"[\d\u0660-\u0669]+-?", words[0]):
        return line

    def cuts(w: str) -> list[int]:
        return [i for i in range(2, len(w) - 1)
                if w[i - 1] in JOINING and w[i] not in MARK_CHARS and WORD.fullmatch(w)] if len(w) >= 5 else []

    where = [k for k in range(1, len(words) - 1) if cuts(words[k])]
    if not where:
        return line
    n = rng.randint(1, 3) if splits is None else splits
    chosen = set(rng.sample(where, min(n, len(where))))
    segments: list[list[str]] = [[]]
    for k, w in enumerate(words):
        if k in chosen:
            i = rng.choice(cuts(w))
            stretch = TATWEEL * rng.randint(2, 6)
            segments[-1].append(stretch + w[i:])   # the tail ends this block ...
            segments.append([w[:i] + stretch])     # ... and the head starts the next
        else:
            segments[-1].append(w)
    tokens = [t.replace("\x01", " ") for seg in segments for t in reversed(seg)]
    return "".join(t + (" " if rng.random() < 0.2 else "  ") for t in tokens).rstrip()


def glued_number_runs(line: str, rng: random.Random, moved: int = 2) -> str:
    """A line laid out run by run from left to right with its number glued to the run on its
    right, as the seed's headings print (``145تشريع``): logically ``… Q 145 …``, where ``Q``
    (1-3 words) is the run before the number, the runs come out reversed with the number
    glued before ``Q``'s first word, and ``moved`` other runs drawn elsewhere in the line
    (a stretched word drawn on its own).  A line with no number inside is left as it is."""
    words = line.split()
    nums = [k for k in range(1, len(words) - 1) if re.fullmatch(r"[0-9]+", words[k])
            and re.match(r"[\u0621-\u064A]", words[k - 1])]
    if not nums or len(words) < 6:
        return line
    k = rng.choice(nums)
    s = k - rng.randint(1, min(3, k))
    while not all(re.match(r"[\u0621-\u064A]", w) for w in words[s:k]):
        s += 1  # the run glued to the number is words
    if s == k:
        return line
    runs: list[list[str]] = []
    i = 0
    for a, b in ((0, s), (s, k), (k, k + 1), (k + 1, len(words))):
        i = a
        while i < b:
            j = b if (a, b) in ((s, k), (k, k + 1)) else min(b, i + rng.randint(1, 3))
            runs.append(words[i:j])
            i = j
    stream = list(reversed(runs))
    glued = stream.index([words[k]])
    pair = [words[k] + stream[glued + 1][0]] + stream[glued + 1][1:]
    stream[glued:glued + 2] = [pair]
    for _ in range(moved):
        if len(stream) < 3:
            break
        r = stream.pop(rng.randrange(len(stream)))
        stream.insert(rng.randrange(len(stream) + 1), r)
    return "".join(" ".join(r) + " " * rng.randint(2, 3) for r in stream).rstrip()


#: Letters that join no further: a stretched heading word may be cut after one of them.
NON_JOINING = frozenset("اأإآدذرزوؤةءى")


def heading_stretched(text: str, rng: random.Random, rate: float = 0.7, stretch: float = 0.3,
                      cut: float = 0.3) -> str:
    """The bold heading font with its stretching, as the seed's headings print it: a share
    ``stretch`` of the words of four letters or more get a run of 3-9 WAW after a letter that
    joins (``الموووادة`` for ``المادة``); of those with a letter that joins no further before a
    letter that does, a share ``cut`` is cut there with one space, the piece after the cut
    stretched (``وتعووود ووول`` for ``وتعديل``); then the font's glyphs (:func:`heading_font`)."""
    def stretched(word: str) -> str:
        if len(word) < 4 or rng.random() >= stretch:
            return word
        cuts = [i for i in range(2, len(word) - 1) if word[i - 1] in NON_JOINING and word[i] in JOINING]
        if cuts and rng.random() < cut:
            i = rng.choice(cuts)
            return word[:i] + " " + word[i] + TATWEEL * rng.randint(2, 6) + word[i + 1:]
        # not inside the article (``الـ``): the seed's stretches fall after it
        first = 3 if word.startswith("ال") else 1
        k = [i for i in range(first, len(word) - 1) if word[i - 1] in JOINING and word[i] not in MARK_CHARS]
        if not k:
            return word
        i = rng.choice(k)
        return word[:i] + TATWEEL * rng.randint(3, 9) + word[i:]
    shown = heading_font(_per_word(text, stretched), rng, rate)
    return re.sub(f"{TATWEEL}+", lambda m: "\N{ARABIC LETTER WAW}" * max(3, len(m.group(0))), shown)
