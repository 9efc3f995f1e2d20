r"""Repair of damaged PDF-extracted Arabic text: detection, then one pass per kind of damage.

Contract used by ``indexer.structure``: :func:`repair_lines` returns exactly one repaired
line for each input line, keeps paragraph markers (``-12``) as whitespace-separated tokens,
heading ordinals with their dash (``أولاً -``) and footnote markers (``( 3)``).

The kinds of damage (:data:`KINDS`) are detected on the whole document first; a kind not
detected is not repaired, so a clean document comes out unchanged except for the documented
normalisation (tatweel and invisible direction controls are always removed).

>>> repair_text("وفي ضــــوي ما تقدم، لم توقع كازاخســــتان على نأام روما الأســــاســــي\n"
...             "ولا تتوافق أحكام نأام روما مع الأإماص المسخولين")
'وفي ضوء ما تقدم، لم توقع كازاخستان على نظام روما الأساسي\nولا تتوافق أحكام نظام روما مع الأشخاص المسؤولين'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.lexicon import bigrams, lexicon, lm_tokens, strip_marks
from indexer.repair_order import (
    document_habit,
    ARABIC,
    SPACED_MARKER,
    WEAK_CUE_COST,
    WORDS_REVERSED_PER_WORD,
    join_digit_groups,
    join_split_words,
    reorder_line,
    reverse_visual,
)
from indexer.repair_brackets import MIRRORED as MIRRORED_BRACKET, turn_mirrored_brackets
from indexer.repair_paragraph_edges import learn_final_stops
from indexer.repair_gaps import ends_are_evidence, mark_gaps, piece_gaps_are_evidence
from indexer.repair_forms import split_forms, systematic_forms
from indexer.repair_headings import join_stretch_cuts
from indexer.repair_tables import BIDI_CONTROLS, LAM_ALEF_SWAP, TATWEEL
from indexer.repair_words import OOV_LOGP, SENTENCE_END, SENTENCE_START, GlyphModel
from indexer.pair_model import pair_model

#: The word-pair model each glyph repair scores context with: ``"kn"``
#: (:class:`indexer.pair_model.PairModel`) or ``"classes"`` (:class:`indexer.lexicon.Bigrams`).
#: Keys: ``"body"``, ``"heading"``, ``"lam-alef"``.
GLYPH_CONTEXT = {"body": "kn", "heading": "kn", "lam-alef": "classes"}


def glyph_context(font: str):
    """The shared pair model named by :data:`GLYPH_CONTEXT` for ``font``."""
    return pair_model() if GLYPH_CONTEXT.get(font) == "kn" else bigrams()

#: Every kind of damage the repair knows, in the order the passes run.
KINDS: tuple[str, ...] = (
    "bidi-controls",   # U+202A.. wrapped around runs (pdftotext)
    "visual-order",    # every line stored left to right: يمازللإا for الإلزامي
    "run-order",       # runs of a line emitted out of order; lines in reversed word order
    "tatweel",         # stretching, also splitting a word in two: كازاخســـ ــتان
    "split-digits",    # digit groups split by spaces: 22  000
    "heading-font",    # the bold heading font's glyph map: التوتوا/ for التوصيات
    "body-font",       # the body font's glyph map: نأام for نظام
    "lam-alef",        # lam ligatures split the wrong way round: املتحدة for المتحدة
    "mirrored-brackets",  # brackets drawn mirrored: )على سبيل المثال( (indexer/repair_brackets.py)
)

BIDI = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
#: Brackets sitting the wrong way round needed to call a document's brackets mirrored (one
#: alone may be a typing slip).
MIN_MIRRORED_BRACKETS = 2
WORD = re.compile(r"[\u0621-\u064A\u064B-\u0652\u0640]+")
STRONG_ORDER_CUES = re.compile(
    r"\d[\u0621-\u064A]{3}|[\u0621-\u064A]{3}\d|[\u0621-\u064A]{3}\.[\u0621-\u064A]{3}"
    r"|^\s*[،.]\s*[\u0621-\u064A]|^\s*\u0640|[\u0621-\u064A]{2}\u0640+\s*$"
    r"|[\u0621-\u064A.،]\s+-\s?\d+\s*$"  # a paragraph marker last: runs in visual order
)
ORDER_CUES = re.compile(STRONG_ORDER_CUES.pattern + r"|[\u0621-\u064A.،]\s{2,}[\u0621-\u064A]")
#: A word tail (``ــتان``) after a whole word, not after its head: the pieces of a split word
#: apart, a trace of runs out of order that clean text never shows (no share of lines needed).
SPLIT_WORD_APART = re.compile(r"(?:^|\s)[\u0621-\u063F\u0641-\u064A]{2,}[.،,؛:]?\s+\u0640+[\u0621-\u063F\u0641-\u064A]{2}")
SPLIT_DIGITS = re.compile(r"(?<![\d.,/])\d{1,3}\s{2,}\d{3}(?![\d.,/])")
#: Evidence needed to switch a kind on: that many distinct words, and that share of words.
MIN_EVIDENCE_WORDS = 3
MIN_EVIDENCE_SHARE = 0.01
LRE, PDF = "\N{LEFT-TO-RIGHT EMBEDDING}", "\N{POP DIRECTIONAL FORMATTING}"
#: pdftotext wraps a bracketed number as ``(<LRE> )39<PDF>``: the number belongs inside.
EMBEDDED_NUMBER = re.compile(rf"\(\s*{LRE}\s*\)([\d\u0660-\u0669]+){PDF}")
#: ... and a comma or colon after a word as ``<LRE> ،<PDF>``: it belongs to the word before.
EMBEDDED_PUNCT = re.compile(rf"\s*{LRE}\s*([،,.:؛])\s*{PDF}")
#: A mark that pdftotext put before its letter: ``ُيولد`` -> ``يُولد``.
MARK_FIRST = re.compile(r"(?<![\u0621-\u064A\u064B-\u0652])([\u064B-\u0652]+)([\u0621-\u064A])")


def strip_bidi(line: str) -> str:
    """Remove direction controls, putting back what they carried: ``(<LRE> )39<PDF>لسنة``
    -> ``(39) لسنة``, ``الوزراء<LRE> ،<PDF>وتعديلاته`` -> ``الوزراء، وتعديلاته``.
    Marks (RLM/LRM) in ordinary text are simply dropped."""
    if LRE not in line and PDF not in line:
        return BIDI.sub("", line)
    line = EMBEDDED_NUMBER.sub(r"(\1) ", line)
    line = EMBEDDED_PUNCT.sub(r"\1 ", line)
    line = re.sub(rf"(?<=\S){LRE}", " ", line)
    line = re.sub(rf"{PDF}(?=[\u0621-\u064A])", " ", line)
    line = MARK_FIRST.sub(r"\2\1", BIDI.sub("", line))
    return re.sub(r" {2,}", " ", line).strip(" ") if line.strip() else line


def is_foreign(line: str) -> bool:
    """A line mostly in Latin or Cyrillic script: only tatweel and controls are touched."""
    latin = len(re.findall(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]", line))
    return latin > 0 and latin >= len(ARABIC.findall(line))


#: A proclitic written with one tatweel before a number or a Latin word (``بـ 35``,
#: ``وبـCOVID``): the typographic form, kept. Any other tatweel is stretching.
PROCLITIC_TATWEEL = re.compile(
    "(?<![\u0621-\u064A\u0640])([\u0648\u0641]?[\u0628\u0644\u0643])\u0640+(?=\\s?[0-9A-Za-z\u0660-\u0669])")


def evidence_words(text: str) -> list[str]:
    """The words of ``text`` that can witness glyph damage (marks stripped, two letters or
    more).  A piece of a word cut at its stretch, with tatweel at its cut edge (``تســـ``,
    ``ــجيل``), is no witness: its letters are right, only the word is cut.  Its other piece
    may sit anywhere (next to it, or runs away where the runs came out of order), so both are
    left out rather than joined."""
    return [w for w in (strip_marks(t) for t in WORD.findall(text)
                        if not t.startswith(TATWEEL) and not t.endswith(TATWEEL)) if len(w) >= 2]


def strip_tatweel(line: str) -> str:
    """Remove stretching tatweel: ``"كازاخســــتان"`` -> ``"كازاخستان"``; a proclitic's before a
    number or a Latin word stays, once: ``"علماً بــ 35"`` -> ``"علماً بـ 35"``."""
    if TATWEEL not in line:
        return line
    parts, last = [], 0
    for m in PROCLITIC_TATWEEL.finditer(line):
        parts += [line[last:m.start()].replace(TATWEEL, ""), m.group(1) + TATWEEL]
        last = m.end()
    parts.append(line[last:].replace(TATWEEL, ""))
    return "".join(parts)


ORDINAL_TOKEN = re.compile(r"(?<!\S)-[\u0621-\u064A]|[\u0621-\u064A] -(?!\S)")
ARABIC_WORDS = re.compile(r"[\u0621-\u064A]{2,}")
MARKER_TOKEN = re.compile(r"^-\d+$")
DOC_VOCAB_BONUS = 1.5   # log10: a word the document itself spells is likelier
STRONG_EVIDENCE = 5     # distinct words one entry alone turns into words
#: A document with at least this share of its lines in the heading font is read in it
#: throughout (a line of plain words gives the heading model no sign to be recognised by).
HEADING_DOCUMENT_SHARE = 0.5
HEADING_MARGIN = 2.0    # log10: a line is in the heading font if that model explains it this much better
#: A PDF line is a printed line: a longer "line" is a paragraph from another source and is
#: never searched for run-order traces nor reordered.
MAX_LINE_WORDS = 40
#: Cheap test before scoring a line with the heading model: a sign its glyph map leaves
#: (a word ending in ``/``, a run of WAW, a word ending in two ALEF).
HEADING_SIGNS = re.compile(r"[\u0621-\u064A]/|وو|اا(?!\S)|وة(?!\S)")
#: Run order is looked for when this many lines show traces of it ...
MIN_LINES_WITH_CUES = 3
BACKWARDS_PER_WORD = 0.15  # per-word evidence to reverse a line in a backwards-reading document
MIN_SHARE_WITH_CUES = 0.25  # ... and that share of the non-empty lines (the seed: 43%)
MIN_SHARE_BACKWARDS = 0.1   # ... or this share of lines that read clearly better backwards


@dataclass(frozen=True)
class Change:
    """One repaired line: ``fahras repair FILE --explain`` prints these."""

    line: int     # 1-based line number in the input
    before: str
    after: str
    reason: str


@dataclass
class RepairResult:
    """The repaired text, the changes made, and the damage detected (kind -> evidence count)."""

    text: str
    changes: list[Change] = field(default_factory=list)
    damage: dict[str, int] = field(default_factory=dict)


@dataclass
class Repairer:
    """Detects the damage of one document and repairs it line by line."""

    body: GlyphModel = field(default_factory=lambda: GlyphModel.body(context=glyph_context("body")))
    heading: GlyphModel = field(default_factory=lambda: GlyphModel.heading(context=glyph_context("heading")))
    lam_alef: GlyphModel = field(default_factory=lambda: GlyphModel(
        "lam-alef", LAM_ALEF_SWAP, context=glyph_context("lam-alef"), guard_plausible=False))
    _clean_cache: dict[str, str] = field(default_factory=dict, repr=False)
    _heading_everywhere: bool = False  # set by detect(): the whole document may be in the heading font
    _heading_document: bool = False    # set by detect(): most of its lines are, so all are read so
    _evidence: dict = field(default_factory=dict, repr=False)
    _heading_cache: dict = field(default_factory=dict, repr=False)

    # -- detection --------------------------------------------------------------------
    def detect(self, lines: list[str]) -> dict[str, int]:
        """Evidence count for each kind of damage found in ``lines`` (absent: not found)."""
        lex = lexicon()
        text = "\n".join(lines)
        found: dict[str, int] = {}
        n_bidi = len(BIDI.findall(text))
        if n_bidi:
            found["bidi-controls"] = n_bidi
            text = "\n".join(strip_bidi(l) for l in lines)
        words = evidence_words(text)
        distinct = set(words)
        oov = {w for w in distinct if w not in lex}
        need = max(MIN_EVIDENCE_WORDS, MIN_EVIDENCE_SHARE * len(distinct))

        # every glyph-map count below counts unknown words: with fewer of them than ``need``
        # no map can be switched on, and the (costly) candidate search is skipped
        few_unknown = len(oov) < need
        reversed_known = 0 if few_unknown else sum(
            1 for w in oov if len(w) >= 3 and (w[::-1] in lex or self.lam_alef.best(w[::-1]).score > -9))
        if reversed_known >= need and reversed_known > 0.3 * len(oov):
            found["visual-order"] = reversed_known
            text = "\n".join(reverse_visual(l) for l in text.split("\n"))
            words = evidence_words(text)
            distinct = set(words)
            oov = {w for w in distinct if w not in lex}
            few_unknown = len(oov) < need

        body_damage = 0 if few_unknown else sum(
            1 for w in oov if self.body.best(w.replace(TATWEEL, "")).edits)
        tatweel = text.count(TATWEEL) - len(PROCLITIC_TATWEEL.findall(text))  # بـ 35 is no damage
        if tatweel:
            found["tatweel"] = tatweel
        digits = len(SPLIT_DIGITS.findall(text))
        if digits:
            found["split-digits"] = digits
        text_lines = text.split("\n")  # as read: bidi controls gone, visual order put back
        mirrored = sum(len(MIRRORED_BRACKET.findall(l)) for l in text_lines
                       if ("(" in l or ")" in l) and not is_foreign(l))
        if mirrored >= MIN_MIRRORED_BRACKETS:
            found["mirrored-brackets"] = mirrored
        nonempty = sum(1 for l in text_lines if l.strip())
        # runs of spaces alone are no evidence where the body font loses glyphs as spaces
        cues = ORDER_CUES if body_damage < need else STRONG_ORDER_CUES
        # pdftotext (direction controls) and visual-order extractions keep their runs in order
        if not found.keys() & {"bidi-controls", "visual-order"}:
            cue_lines = backwards = apart = 0
            for l in text_lines:
                if len(l.split()) <= MAX_LINE_WORDS:
                    apart += bool(SPLIT_WORD_APART.search(l))
                    if cues.search(l.strip(" ")):
                        cue_lines += 1
                    elif self._reads_backwards(l):
                        cue_lines += 1
                        backwards += 1
            # lines that read clearly better backwards are strong evidence (clean UN text: 1 in 2,234)
            if cue_lines >= max(MIN_LINES_WITH_CUES, MIN_SHARE_WITH_CUES * nonempty) or \
                    backwards >= max(MIN_LINES_WITH_CUES, MIN_SHARE_BACKWARDS * nonempty) or \
                    apart >= MIN_LINES_WITH_CUES:
                found["run-order"] = cue_lines

        plain = {w.replace(TATWEEL, "") for w in oov}
        plain = {w for w in plain if w not in lex}
        # the glyph maps compete: each explains some unknown words; the best explains most
        if len(plain) < need:
            lam = body = head = 0
        else:
            lam = sum(1 for w in plain if self.lam_alef.best(w).edits)
            body = sum(1 for w in plain if self.body.best(w).edits)
            head = sum(1 for w in plain if self.heading.best(w).edits)
        if lam >= need and lam > max(body, head) and not found.keys() & {"bidi-controls", "visual-order"} \
                or lam >= need and found.keys() & {"bidi-controls", "visual-order"}:
            found["lam-alef"] = lam
            return found
        if body >= need and body >= head / 2:
            found["body-font"] = body
        self._heading_everywhere = head >= need and head > body
        heading_lines = sum(1 for l in text.split("\n") if self._is_heading_line(l)) if head >= need else 0
        self._evidence = {"lam-alef": lam, "body-font": body, "heading-font": head, "need": need}
        if heading_lines >= 2 and head >= need:
            found["heading-font"] = heading_lines
        self._heading_document = (self._heading_everywhere and "body-font" not in found
                                  and heading_lines >= HEADING_DOCUMENT_SHARE * nonempty)
        return found

    def _is_heading_line(self, line: str) -> bool:
        """Does the heading font's glyph map explain this line much better than the body's?"""
        key = (line, self._heading_everywhere)
        if key not in self._heading_cache:
            self._heading_cache[key] = self._heading_uncached(line)
        return self._heading_cache[key]

    def _heading_uncached(self, line: str) -> bool:
        plain = re.sub(r"(?<=\d)(?=[\u0621-\u064A])|(?<=[\u0621-\u064A])(?=\d)", " ", line)
        plain = " ".join(plain.replace(TATWEEL, "").split())
        short_numbered = len(ARABIC_WORDS.findall(plain)) <= 4 and re.search(r"\d", plain)
        signs = HEADING_SIGNS.search(plain) or ORDINAL_TOKEN.search(plain) or short_numbered
        if not plain or not (signs or self._heading_everywhere):
            return False
        return self.heading.line_score(plain) - self.body.line_score(plain) >= HEADING_MARGIN

    @staticmethod
    def _reads_backwards(line: str) -> bool:
        """A line whose words score clearly better read right to left, or one laid out word by
        word (most gaps are runs of spaces)."""
        gaps = re.findall(r"(?<=\S)\s+(?=\S)", line.strip())
        if len(gaps) >= 3 and sum(len(g) >= 2 for g in gaps) >= 0.4 * len(gaps):
            return True
        toks = lm_tokens(line)
        if len(set(toks)) < 6:
            return False
        lm = bigrams()
        return (lm.score(toks[::-1]) - lm.score(toks)) / len(toks) > WORDS_REVERSED_PER_WORD

    # -- repair -----------------------------------------------------------------------
    def repair(self, text: str) -> RepairResult:
        """Repair a whole text; see :func:`repair`."""
        lines = text.split("\n")
        damage = self.detect(lines)
        out, changes = self.repair_lines(lines, damage)
        return RepairResult("\n".join(out), changes, damage)

    def repair_lines(self, lines: list[str], damage: dict[str, int] | None = None
                     ) -> tuple[list[str], list[Change]]:
        """Line-aligned repair of ``lines``, with the change list."""
        if damage is None:
            damage = self.detect(lines)
        out: list[str] = []
        changes: list[Change] = []
        work = [strip_bidi(l) if BIDI.search(l) else l for l in lines]
        if "visual-order" in damage:
            work = [reverse_visual(l) for l in work]
        body, heading = self._document_models(work, damage)
        ordered: list[tuple[str, str]] = [(l, "") for l in work]
        if "run-order" in damage:
            # two passes: the second sees each next line as the first pass ordered it
            seen: dict[tuple, tuple[str, str]] = {}
            # runs of spaces are traces of runs unless the body font loses glyphs as spaces
            weak_cost = WEAK_CUE_COST if "body-font" in damage else 0.0
            # where many lines read backwards, a line needs less evidence to be read so
            nonempty = [l for l in work if l.strip()]
            backwards = sum(1 for l in nonempty if self._reads_backwards(l))
            per_word = (BACKWARDS_PER_WORD if backwards >= MIN_SHARE_BACKWARDS * len(nonempty)
                        else WORDS_REVERSED_PER_WORD)
            habit = document_habit(work, clean=self._clean_token, known=self._known)
            # a word split by a letter the body font shows as a space moves as one word
            gap_join = _GapJoin(body) if "body-font" in damage else None
            for rnd in range(2):
                firsts = [self._first_word(l, w) for (l, _), w in zip(ordered, work)]
                if rnd:  # a paragraph's last line ends with a stop, as the first pass shows
                    habit = replace(habit, final_stop=learn_final_stops(
                        work, ordered, firsts, self._is_heading_line).cost)
                prev_tokens: list[str] = []
                new_order = []
                for i, line in enumerate(work):
                    nxt = next((firsts[j] for j in range(i + 1, min(i + 3, len(work))) if work[j].strip()), [])
                    final = habit.final_stop if nxt[:1] == ["</s>"] else 0.0
                    key = (line, tuple(prev_tokens[-1:]), tuple(nxt[:1]), final)
                    if len(line.split()) > MAX_LINE_WORDS:
                        seen[key] = (line, "")
                    if key not in seen:
                        heading_line = "heading-font" in damage and self._is_heading_line(line)
                        # a heading word cut at its stretch is one word to the order search
                        shown = join_stretch_cuts(line, heading, shown=True)[0] if heading_line else line
                        seen[key] = reorder_line(shown, prev_tokens, nxt,
                                                 clean=self._clean_heading if heading_line else self._clean_token,
                                                 known=self._known, weak_cost=weak_cost,
                                                 per_word=per_word, habit=habit,
                                                 gap_join=None if heading_line else gap_join)
                    new, why = seen[key]
                    new_order.append((new, why))
                    if new.strip():
                        prev_tokens = new.split()
                ordered = new_order
        before = SENTENCE_START  # what the next line continues: a document starts a sentence
        ends = ends_are_evidence(work)
        after_pieces = piece_gaps_are_evidence(work)
        for i, line in enumerate(work):
            reasons: list[str] = []
            if line != lines[i]:
                reasons.append("visual order reversed" if "visual-order" in damage else "direction controls removed")
            new, why = ordered[i]
            if why:
                reasons.append(why)
            foreign = is_foreign(new)
            if "split-digits" in damage and not foreign:
                new2 = join_digit_groups(new)
                if new2 != new:
                    reasons.append("digit groups joined")
                new = new2
            if TATWEEL in new:
                stripped = strip_tatweel(join_split_words(new))
                if stripped != new:
                    reasons.append("tatweel removed")
                new = stripped
            model = None
            if "heading-font" in damage and (self._heading_document or self._is_heading_line(new)
                                             or self._is_heading_line(line)):
                model = heading
            elif "body-font" in damage:
                model = body
            elif "lam-alef" in damage:
                model = self.lam_alef
            if model is body and not foreign:  # the wide gaps, where a letter was lost
                new = mark_gaps(line, new, ends, after_pieces)
            if model is heading:  # a word cut at its stretch: its two pieces read as one
                new, joins = join_stretch_cuts(new, heading)
                if joins:
                    reasons.append("stretched heading word joined: " + ", ".join(f"{b}→{a}" for b, a in joins))
            if model is not None:
                after = self._next_heading_word(ordered, i) if model is heading else None
                new, edits = model.repair_line_edits(new, before, after)
                if edits:
                    reasons.append(f"{model.name}: " + ", ".join(f"{b}→{a}" for b, a in edits))
            # spacing last: a run of spaces before a word is evidence of a letter lost there
            if damage.keys() - {"tatweel", "bidi-controls"} and not foreign:
                new = SPACED_MARKER.sub(r"-\1", " ".join(new.split()))
            if "mirrored-brackets" in damage and not foreign:
                turned = turn_mirrored_brackets(new)
                if turned != new:
                    reasons.append("mirrored brackets turned round")
                    new = turned
            out.append(new)
            if new.strip():
                before = line_end(new)
            if new != lines[i]:
                changes.append(Change(i + 1, lines[i], new, "; ".join(reasons) or "spacing"))
        return out, changes

    def _next_heading_word(self, ordered: list[tuple[str, str]], i: int) -> str | None:
        """The first token of the line after line ``i`` (tatweel dropped), where that line is
        in the heading font too (a heading's last word is not followed by body text)."""
        nxt = next((l for l, _ in ordered[i + 1:i + 3] if l.strip()), None)
        if nxt is None or not (self._heading_document or self._is_heading_line(nxt)):
            return None
        return strip_tatweel(nxt.split()[0]) or None

    def _document_models(self, lines: list[str], damage: dict[str, int]) -> tuple[GlyphModel, GlyphModel]:
        """The glyph models tuned to this document: entries with much evidence in it cost
        less, entries with none cost more; words it spells correctly get a bonus."""
        if not damage.keys() & {"body-font", "heading-font"}:
            return self.body, self.heading
        lex = lexicon()
        counts: dict[str, int] = {}
        for l in lines:
            for w in WORD.findall(l):
                w = strip_marks(w).replace(TATWEEL, "")
                counts[w] = counts.get(w, 0) + 1
        bonus = {w: DOC_VOCAB_BONUS for w in counts if len(w) >= 3 and lex.zipf_affixed(w) is not None}
        for w in list(bonus):  # the dual of a word the document spells: التوصية -> التوصيتان
            if w.endswith("ة"):
                bonus.setdefault(w[:-1] + "تان", DOC_VOCAB_BONUS)
                bonus.setdefault(w[:-1] + "تين", DOC_VOCAB_BONUS)
        # a document wholly in the heading font spells no word right to learn from
        head_bonus = {} if self._heading_document else bonus
        return (self._tuned(self.body, counts, bonus),
                self._tuned(self.heading, counts, head_bonus, unseen=1.0, by_class=True))

    @staticmethod
    def _tuned(model: GlyphModel, counts: dict[str, int], bonus: dict[str, float],
               unseen: float = 2.0, by_class: bool = False) -> GlyphModel:
        """``model`` with each entry's cost scaled by its evidence in the document: halved
        when it alone turns many unknown words into words, times ``unseen`` when never."""
        lex = lexicon()
        evidence: dict = {}
        for w in counts:
            if w in lex:
                continue
            for start, end, c in model.sites(w):
                if (w[:start] + c.true + w[end:]) in lex:
                    evidence[c] = evidence.get(c, 0) + 1
        costs = {}
        for c in model.table:
            n = evidence.get(c, 0)
            costs[c] = c.cost * (0.5 if n >= STRONG_EVIDENCE else 1.0 if n >= 2 else unseen)
        tuned = model.with_costs(costs, bonus, by_class)
        # a final letter's glyph form that the document never shows right (indexer.repair_forms)
        forms = set() if by_class else systematic_forms(model.table, counts, lex)
        if forms:
            base = {(c.seen, c.true): c.cost for c in model.table}
            tuned = tuned.with_table(split_forms(tuned.table, forms, base))
        return tuned

    def _first_word(self, line: str, raw: str = "") -> list[str]:
        """The first word of a line for the order model; a new paragraph or a heading means
        the line before ends a sentence."""
        toks = line.split()
        if not toks:
            return []
        if any(MARKER_TOKEN.match(t) for t in toks) or (raw and self._is_heading_line(raw)):
            return ["</s>"]
        return toks[:1]

    def _known(self, word: str) -> bool:
        return self.body.best(strip_marks(word.replace(TATWEEL, ""))).score > OOV_LOGP

    def _clean_token(self, token: str) -> str:
        """A token as the order model should score it: tatweel gone, glyphs repaired."""
        hit = self._clean_cache.get(token)
        if hit is None:
            hit = self._clean_cache[token] = self._clean_uncached(token)
        return hit

    def _clean_heading(self, token: str) -> str:
        """:meth:`_clean_token` for a line in the heading font."""
        hit = self._clean_cache.get("\x02" + token)
        if hit is None:
            core = token.replace(TATWEEL, "")
            m = re.match(r"^([^\u0621-\u064A]*)([\u0621-\u064A\u064B-\u0652]+)(.*)$", core)
            if m and ARABIC.search(m.group(3)):
                # letters after a sign: the sign may be a letter of this font (``العقو:وووا/:``
                # is ``العقوبات:``), which the whole-line reading decides
                hit = self.heading.repair_line_edits(core)[0]
            else:
                hit = core if not m else m.group(1) + self.heading.best(m.group(2)).text + m.group(3)
            self._clean_cache["\x02" + token] = hit
        return hit

    def _clean_uncached(self, token: str) -> str:
        if token.startswith(TATWEEL) or token.endswith(TATWEEL):
            return token.replace(TATWEEL, "")
        core = token.replace(TATWEEL, "")
        m = re.match(r"^([^\u0621-\u064A]*)([\u0621-\u064A\u064B-\u0652]+)(.*)$", core)
        if not m:
            return core
        return m.group(1) + self.body.best(m.group(2)).text + m.group(3)


_REPAIRER: Repairer | None = None


def line_end(line: str) -> str | None:
    """What the next line continues: :data:`SENTENCE_START` after a line that ends a sentence,
    else the line's last word or number (``None`` if it has none).

    >>> line_end("وتعمل المنظمات مع ممثلي الحكومة."), line_end("وتعمل المنظمات مع")
    ('<s>', 'مع')
    """
    text = line.rstrip()
    if SENTENCE_END.search(text):
        return SENTENCE_START
    toks = lm_tokens(text)
    return toks[-1] if toks else None


def _repairer() -> Repairer:
    global _REPAIRER
    if _REPAIRER is None:
        _REPAIRER = Repairer()
    return _REPAIRER


def repair(text: str) -> RepairResult:
    r"""Repair ``text`` and say what was changed and why.

    >>> r = repair("ومن إأن التصديق على الاتفاقية لحما ة حقوق العمال\nوتعمل المنأمات مع ممملي الحكومة")
    >>> r.text
    'ومن شأن التصديق على الاتفاقية لحماية حقوق العمال\nوتعمل المنظمات مع ممثلي الحكومة'
    >>> r.changes[1].reason
    'body-font: المنأمات→المنظمات, ممملي→ممثلي'
    >>> r.damage
    {'body-font': 3}
    """
    return _repairer().repair(text)


def repair_lines(lines: list[str]) -> list[str]:
    """Repair a document given as lines; the result has exactly one line per input line."""
    return _repairer().repair_lines(list(lines))[0]


def repair_text(text: str) -> str:
    """Repair a whole text, keeping its line structure."""
    return repair(text).text


@dataclass
class _GapJoin:
    """``(a, b) -> bool``: are ``a b`` one word whose lost letter ``model`` shows as a space
    (``عد مي``: ``عديمي``)? Cached per pair, for the orders of :func:`reorder_line`."""

    model: GlyphModel
    cache: dict[tuple[str, str], bool] = field(default_factory=dict)

    def __call__(self, a: str, b: str) -> bool:
        hit = self.cache.get((a, b))
        if hit is None:
            hit = self.cache[(a, b)] = self.model.gap_join(a, b) is not None
        return hit

