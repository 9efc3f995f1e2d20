"""Word-level repair: a candidate generator over a confusion table, and a lexicon that chooses.

A line is cut into tokens at spaces.  Each Arabic token gets candidate readings from the
active :class:`~indexer.repair_tables.Confusion` entries (at most :data:`MAX_EDITS` of them),
and adjacent tokens may be joined through a letter the font showed as a space.  A Viterbi
pass over the line picks the reading with the best unigram log-probability, each edit
costing its entry's ``cost``: a plausible word is left alone unless a much more frequent
word is one edit away.

>>> model = GlyphModel.body()
>>> model.repair_line("ومن إأن التصديق")
'ومن شأن التصديق'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from indexer.lexicon import PROCLITICS, Bigrams, Lexicon, lexicon, lm_tokens, strip_marks
from indexer.repair_forms import FORMS, form_at
from indexer.repair_letter_classes import CLASS_MIN_ZIPF, LetterClasses
from indexer.repair_headings import stretch_keys
from indexer.repair_tables import (
    BODY_FONT,
    BODY_GAP_LETTERS,
    BODY_LOST_FINALS,
    BODY_LOST_INITIALS,
    HEADING_FONT,
    HEADING_GAP_LETTERS,
    HEADING_STRETCH,
    SHADDA,
    TATWEEL,
    WAW,
    YEH,
    Confusion,
)

MAX_EDITS = 3
#: A token's Arabic core: letters, marks, and the in-word characters fonts confuse with
#: letters (ARABIC COMMA, ``/``, ``:``), between optional leading and trailing punctuation.
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
CORE = re.compile(r"^(?P<pre>[^\u0621-\u064A\u0640]*)(?P<core>.*?[\u0621-\u064A\u0640\u064B-\u0652])(?P<post>[^\u0621-\u064A\u0640\u064B-\u0652]*)$")
NON_ARABIC_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF0-9\u0660-\u0669]")
OOV_LOGP = -10.5  # log10 P of a word missing from the lexicon
GAP_COST = 1.0
SPACED_GAP_COST = 0.3  # a lost letter where the extraction left an extra space
#: ... where that space is a run of spaces inside the line wider than its usual gap
#: (:mod:`indexer.repair_gaps`): in a line of single spaces such a run is nearly always a
#: lost glyph, so the reading with the letter put back is the likelier one.
WIDE_GAP_COST = -1.5
RIVAL_WINDOW = 1.5
#: ... for a known word kept as seen: its readings within this much are its rivals, and its
#: neighbours choose (``منك الجنسية`` -> ``منح الجنسية``; held-out body font: 1.5 98.74%,
#: 2.0 98.79%, 2.5 98.80%, 3.0 98.82%, 4.0 98.83%).
KEPT_WINDOW = 3.0
#: A systematic map (every occurrence of a glyph is likely wrong), as a noisy channel: an
#: entry used costs this share of its table cost, a letter the map would change, seen
#: unchanged, costs KEPT_COST (log10; about a font that changes three glyphs in four).
SYSTEMATIC_SCALE = 0.125
KEPT_COST = 0.6
#: Weight of a word pair's own evidence (:meth:`Bigrams.pair_gain`) in the line's pair
#: score under a systematic map (measured on the heading-font bench: 0.5 +0.08 points,
#: 1 +0.10, 2 and 3 +0.17).
PAIR_GAIN_WEIGHT = 2.0
#: Under a systematic map (the heading font, :meth:`GlyphModel._chain`): the weight of the
#: word pairs against each reading's own score, and how many rivals within how much of the
#: best reading each word keeps for them to choose from (measured on the heading-font bench,
#: one session: weight 1 / 1.5 / 2 with 3 rivals within 1.5: 97.87 / 97.94 / 97.90%; at
#: 1.5, 4 rivals within 2.0: 97.99%, 6 within 2.5: 97.97%, 10 within 3.0: 97.98%).
CONTEXT_WEIGHT = 1.5
CLASS_RIVALS = 4
CLASS_RIVAL_WINDOW = 2.0
#: log10 P that a word is followed by a colon and more words of the line (a colon inside a
#: line): 22 in 11,269 words of the TyDi QA passages (tests/fixtures/repair), 12 in 2,531 of
#: the seed document. Under a systematic map a final ``:`` may be the letter BEH
#: (``نت: اعونها`` -> ``نصب أعينها``): the line's word pairs weigh the two readings, the
#: colon one paying this.
INNER_COLON_LOGP = -2.5
#: Relative-adjective endings (nisba), a productive derivation the lexicon misses for rare
#: stems: a stem in the lexicon plus one of them is read as a word (longest first).
NISBA = ("يات", "يين", "يون", "ية", "يا", "ي")
#: The pair model's token for the start of a sentence, and what ends one in a line.
SENTENCE_START = "<s>"
SENTENCE_END = re.compile(r"[.!?؟؛:][)\]»\"']*$")
#: Stretching only sits between a letter that joins forward and another letter; a longer run
#: after a letter that joins no further (or first in a word) hides the YEH it stretches,
#: shown as WAW (``إووووووذاء`` for ``إيذاء``), which the table's stretch entries read back.
#: Letters (and the heading font's BEH ``:``) that join the next letter: a stretch follows one.
JOINS_FORWARD = frozenset("بتثجحخسشصضطظعغفقكلمنهيئ:")
STRETCH_RUN = re.compile(f"(?<=[بتثجحخسشصضطظعغفقكلمنهيئ:]){WAW}{{{HEADING_STRETCH},}}(?=[\u0621-\u064A:/])"
                         f"|(?<![بتثجحخسشصضطظعغفقكلمنهيئ:]){WAW}{{{HEADING_STRETCH + 1},}}(?=[\u0621-\u064A:/])")  # readings this close to the best are re-ranked by their neighbours


def _stretch_of(m: "re.Match[str]") -> str:
    """A stretch run of :data:`STRETCH_RUN` as tatweel; after no letter that joins, the YEH
    stretched and its tatweel."""
    return TATWEEL if m.start() and m.string[m.start() - 1] in JOINS_FORWARD else YEH + TATWEEL


PLAUSIBLE_MARGIN = 1.0  # extra evidence needed to re-read a common word
PLAUSIBLE_LOGP = 3.5 - 9
COMMON_LOGP = 4.5 - 9
SETTLED_LOGP = 5.5 - 9
RARE_LOGP = 3.0 - 9  # a known word rarer than this may be two edits from the right one
#: What leaving two glyphs in a row (``ال:/``) outside a word costs.
GLUED_GLYPHS_COST = 2.0
#: A list label in brackets, ``(ب)``, with the punctuation that may follow it.
LIST_LABEL = re.compile(r"^([(\[])([^\w\s])([)\]][.،:]?)$")
#: Punctuation that may follow a word's final glyph: ``الإحتاءا/).``
CLOSING = re.compile(r"[.:،؛)\]»!؟?\"']*")
#: A proclitic letter standing alone (``و شدد``) is written joined in Arabic text.
LONE_LETTER_LOGP = -9.0  # zipf 3.5: a word this common is never re-read through the table


#: Candidate readings per (table entries, word, limit), shared across models and documents.
_READINGS: dict[tuple, list[tuple[str, tuple[int, ...]]]] = {}


def logp(lex: Lexicon, word: str, bonus: dict[str, float] | None = None) -> float:
    """log10 probability of ``word`` (zipf - 9), :data:`OOV_LOGP` when unknown.

    ``bonus`` raises words of the document's own clean vocabulary."""
    w = strip_marks(word)
    z = lex.zipf_affixed(w)
    if z is None:
        return OOV_LOGP
    return z - 9 + (bonus.get(w, 0.0) if bonus else 0.0)


@dataclass
class Choice:
    """The chosen reading of one or two tokens; ``rivals`` are close runners-up
    ``(text, score)`` that the word-pair context may prefer."""

    text: str
    score: float
    edits: int
    rivals: tuple[tuple[str, float], ...] = ()


def _marks(word: str) -> int:
    """How many harakat (and tatweel) a word carries."""
    return len(word) - len(strip_marks(word))


@dataclass
class GlyphModel:
    """A confusion table plus gap letters, with the lexicon that judges candidates."""

    name: str
    table: tuple[Confusion, ...]
    gap_letters: tuple[str, ...] = ()
    lost_finals: tuple[str, ...] = ()
    lost_initials: tuple[str, ...] = ()
    stretch_waw: bool = False
    final_marks: str = ""
    lex: Lexicon = field(default_factory=lexicon)
    bonus: dict[str, float] = field(default_factory=dict)
    context: object | None = None  # a Bigrams model: choose among close readings by neighbours
    guard_plausible: bool = True   # False for a systematic damage: common words are re-read too
    #: Also read words through the lexicon's letter-class index (:class:`LetterClasses`):
    #: for a systematic map, where a word may have every letter wrong.
    by_class: bool = False
    _cache: dict[tuple[str, int], Choice] = field(default_factory=dict, repr=False)
    _table_key: tuple | None = field(default=None, repr=False)
    _costs: dict | None = field(default=None, repr=False)
    _pairs: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)  # _pair answers
    _cost_list: list[float] | None = field(default=None, repr=False)  # entry costs by index
    _lms: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)  # _lm_logp answers

    @classmethod
    def body(cls, table: tuple[Confusion, ...] = BODY_FONT, **kw) -> "GlyphModel":
        """The body-font model (``نأام`` -> ``نظام``)."""
        kw.setdefault("gap_letters", BODY_GAP_LETTERS)
        kw.setdefault("lost_finals", BODY_LOST_FINALS)
        kw.setdefault("lost_initials", BODY_LOST_INITIALS)
        return cls("body-font", table, **kw)

    @classmethod
    def heading(cls, table: tuple[Confusion, ...] = HEADING_FONT, **kw) -> "GlyphModel":
        """The heading-font model (``التوتوة`` -> ``التوصية``)."""
        kw.setdefault("gap_letters", HEADING_GAP_LETTERS)
        kw.setdefault("guard_plausible", False)  # its map is systematic: أن always shows as ان
        return cls("heading-font", table, stretch_waw=True, final_marks="/", **kw)

    def _logp(self, word: str) -> float:
        """log10 P of a candidate reading (the document's own words get :attr:`bonus`;
        marks an entry leaves, ``اا`` -> ``اً``, are dropped by :func:`logp`).

        The lexicon remembers its answers, so there is no per-model cache."""
        return logp(self.lex, word, self.bonus)

    def with_costs(self, costs: dict[Confusion, float], bonus: dict[str, float],
                   by_class: bool = False) -> "GlyphModel":
        """A copy with entry costs adjusted to one document's evidence, and its vocabulary."""
        table = tuple(Confusion(c.seen, c.true, c.where, costs.get(c, c.cost)) for c in self.table)
        return self.with_table(table, bonus, by_class)

    def with_table(self, table: tuple[Confusion, ...], bonus: dict[str, float] | None = None,
                   by_class: bool | None = None) -> "GlyphModel":
        """A copy reading through ``table`` (its caches empty)."""
        return GlyphModel(self.name, table, self.gap_letters, self.lost_finals, self.lost_initials,
                          self.stretch_waw, self.final_marks, self.lex,
                          self.bonus if bonus is None else bonus, self.context,
                          self.guard_plausible, self.by_class if by_class is None else by_class)

    def classes(self) -> LetterClasses:
        """The lexicon's letter-class index for this model's table (shared, built once)."""
        key = ("letter-classes",) + tuple((c.seen, c.true, c.where) for c in self.table
                                          if len(c.seen) == len(c.true) == 1)
        hit = self.lex.derived.get(key)  # kept with the lexicon it indexes
        if hit is None:
            words = [w for w, z in self.lex.zipfs.items() if z >= CLASS_MIN_ZIPF]
            hit = self.lex.derived[key] = LetterClasses.build(self.table, words)
        return hit

    def _entry_costs(self) -> dict[tuple[str, str, int], float]:
        """Channel cost of showing ``seen`` for ``true`` at a position kind (0 inside, 1
        initial, 2 final) under a systematic map: an entry costs :data:`SYSTEMATIC_SCALE`
        of its table cost; a letter the map would have changed, seen unchanged, costs
        :data:`KEPT_COST` (key ``(true, true, kind)``)."""
        if self._costs is None:
            costs: dict[tuple[str, str, int], float] = {}
            for c in self.table:
                if len(c.seen) == len(c.true) == 1 and c.seen != TATWEEL:
                    for k in {"any": (0, 1, 2), "initial": (1,), "final": (2,), "noninitial": (0, 2),
                                  "isolated": (2,), "joined": (2,)}[c.where]:
                        old = costs.get((c.seen, c.true, k))
                        cost = c.cost * SYSTEMATIC_SCALE
                        costs[(c.seen, c.true, k)] = cost if old is None else min(old, cost)
                        costs[(c.true, c.true, k)] = KEPT_COST
            self._costs = costs
        return self._costs

    def align_cost(self, seen: str, true: str) -> tuple[float, int] | None:
        """Channel cost and number of entries that turn ``true`` into ``seen`` letter by
        letter (``None`` if some letter is not explained by the table)."""
        costs = self._entry_costs()
        total, edits, last = 0.0, 0, len(seen) - 1
        for i, (a, b) in enumerate(zip(seen, true)):
            c = costs.get((a, b, 1 if i == 0 else 2 if i == last else 0))
            if c is None:
                if a == b:
                    continue
                return None
            total += c
            edits += a != b and c > 0
        return total, edits

    def _forced(self, word: str) -> str:
        """``word`` with each non-letter glyph inside it that the table reads as one letter
        only replaced by that letter."""
        out = []
        for i, ch in enumerate(word):
            if ARABIC_LETTER.match(ch) or ch == TATWEEL:
                out.append(ch)
                continue
            if 0 < i < len(word) - 1:  # inside a word: at its ends a glyph may be punctuation
                trues = {b for (a, b, k) in self._entry_costs() if a == ch and k == 0 and a != b}
                ch = trues.pop() if len(trues) == 1 else ch
            out.append(ch)
        return "".join(out)

    def class_candidates(self, word: str):
        """Yield ``(reading, cost, edits)``: lexicon words with ``word``'s class key, and a
        proclitic the table can explain followed by such a word (``:غاز`` -> ``بغاز``)."""
        if len(word) < 2:
            return
        classes = self.classes()
        seen_out: set[str] = set()
        for p in ("",) + PROCLITICS:
            if p and (len(word) - len(p) < 3 or self.align_cost(word[:len(p)] + "x", p + "x") is None):
                continue
            for t in classes.lookup(word[len(p):]):
                reading = p + t
                if reading == word or reading in seen_out:
                    continue
                cost = self.align_cost(word, reading)
                if cost is not None:
                    seen_out.add(reading)
                    yield reading, cost[0], cost[1]

    # -- candidates -------------------------------------------------------------------
    def sites(self, word: str) -> list[tuple[int, int, Confusion]]:
        """Every place an entry of the table applies: (start, end, entry)."""
        out = []
        for c in self.table:
            start = word.find(c.seen)
            while start != -1:
                end = start + len(c.seen)
                if (c.where == "any" or (c.where == "initial" and start == 0)
                        or (c.where == "final" and end == len(word))
                        or (c.where == "noninitial" and start > 0)
                        or (c.where in FORMS and end == len(word) and form_at(word, start) == c.where)):
                    out.append((start, end, c))
                start = word.find(c.seen, start + 1)
        return out

    def candidates(self, word: str, limit: int = MAX_EDITS):
        """Yield ``(reading, cost, edits)`` for ``word`` (marks already stripped), using at
        most ``limit`` entries of the table."""
        yield word, 0.0, 0
        if limit <= 0:
            return
        costs = [c.cost for c in self.table]
        for reading, used in self._readings(word, limit):
            yield reading, sum(costs[i] for i in used), sum(1 for i in used if costs[i] > 0)

    def _priced(self, word: str, limit: int) -> list[tuple[str, float, int]]:
        """:meth:`candidates` but ``word`` itself: ``(reading, cost, edits)`` of each reading,
        priced with this model's entry costs (a list, for the hot loop of :meth:`best`)."""
        if limit <= 0:
            return []
        if self._cost_list is None:
            self._cost_list = [c.cost for c in self.table]
        costs = self._cost_list
        out = []
        for reading, used in self._readings(word, limit):
            cost, edits = 0, 0
            for i in used:
                cost += costs[i]
                edits += costs[i] > 0
            if edits == 0 and reading == word:
                continue
            out.append((reading, cost, edits))
        return out

    def _readings(self, word: str, limit: int) -> list[tuple[str, tuple[int, ...]]]:
        """Readings of ``word`` with the table entries (by index) that make each; shared by
        every model built on the same entries (costs aside), so computed once per process."""
        if self._table_key is None:
            self._table_key = tuple((c.seen, c.true, c.where) for c in self.table)
        key = (self._table_key, word, limit)
        hit = _READINGS.get(key)
        if hit is not None:
            return hit
        index = {k: i for i, k in enumerate(self._table_key)}
        sites = sorted(self.sites(word), key=lambda s: s[0])
        out = []
        for k in range(1, min(limit, len(sites)) + 1):
            for spans in combinations(sites, k):
                if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
                    continue
                parts, pos = [], 0
                for start, end, c in spans:
                    parts.append(word[pos:start])
                    parts.append(c.true)
                    pos = end
                parts.append(word[pos:])
                out.append(("".join(parts), tuple(index[(c.seen, c.true, c.where)] for _, _, c in spans)))
        if len(_READINGS) > 200_000:
            _READINGS.clear()
        _READINGS[key] = out
        return out

    def best(self, word: str, max_edits: int = MAX_EDITS) -> Choice:
        """The best reading of one Arabic core (cached), using at most ``max_edits`` entries."""
        hit = self._cache.get((word, max_edits))
        if hit is not None:
            return hit
        plain = strip_marks(word) if not self.stretch_waw else self.unstretch(word)
        base = logp(self.lex, word)
        if len(plain) <= 1:  # a lone letter is only ever repaired by joining it to a neighbour
            text = word
            if self.by_class and plain:  # ... or, under a systematic map, as the letter it shows
                text = max(self.classes().ends[0].get(plain, {plain}),
                           key=lambda t: (self._lone_score(plain, t), t))
            self._cache[(word, max_edits)] = Choice(text, min(base, LONE_LETTER_LOGP), int(text != word))
            return self._cache[(word, max_edits)]
        best = Choice(word, base if plain == strip_marks(word) else logp(self.lex, plain), 0)
        if plain != strip_marks(word) and best.score > OOV_LOGP:  # a stretched word, unstretched
            best = Choice(plain.replace(TATWEEL, ""), best.score, 0)
        if self.by_class and plain == strip_marks(word) and best.score > OOV_LOGP:
            # under a systematic map, a letter the font would have changed is unlikely as seen
            best.score -= self.align_cost(plain, plain)[0]
        # a common word is left alone; a rare one may be one edit from a common one
        if not self.guard_plausible:
            limit = max_edits
        elif best.score >= SETTLED_LOGP:
            limit = 0  # a very common word: no single edit makes a word common enough to win
        elif best.score >= RARE_LOGP:
            limit = 1
        else:
            limit = min(2, max_edits) if best.score > OOV_LOGP else max_edits
        # a common word needs more evidence to be re-read
        guard = PLAUSIBLE_MARGIN if self.guard_plausible and best.score >= PLAUSIBLE_LOGP else 0.0
        scored: dict[str, tuple[float, int]] = {}
        if self.by_class and best.score > OOV_LOGP:
            scored[best.text] = (best.score, 0)  # the word as seen stays a rival of its readings
        zipf, bonus = self.lex.zipf_affixed, self.bonus
        for reading, cost, edits in self._priced(plain, limit):
            w = strip_marks(reading)  # :meth:`_logp` inlined: the hottest loop of the repair
            z = zipf(w)
            lp = OOV_LOGP if z is None else z - 9 + (bonus.get(w, 0.0) if bonus else 0.0)
            if self.by_class and lp <= OOV_LOGP:
                continue  # a systematic map reads a word, or leaves it as it is
            score = lp - cost - (guard if edits else 0.0)
            reading = reading.replace(TATWEEL, "")
            if score > scored.get(reading, (OOV_LOGP - 1, 0))[0]:
                scored[reading] = (score, edits)
            if score > best.score:
                best = Choice(reading, score, edits)
        if self.by_class:  # a stretched word looked up unstretched (``stretch_keys``)
            for key, hidden, reading, cost, edits in ((k, h, *r) for k, h in stretch_keys(
                    strip_marks(word), plain, self.table) for r in self.class_candidates(k)):
                score = self._logp(reading) - cost - hidden
                if score > scored.get(reading, (OOV_LOGP - 1, 0))[0]:
                    scored[reading] = (score, edits)
                if score > best.score:
                    best = Choice(reading, score, edits)
        if self.by_class and best.score <= OOV_LOGP:
            # no reading is a word (a name, a rare form): still, a glyph that is no letter
            # stands for the only letter it can (ال:رنامجوة -> البرنامجوة)
            forced = self._derived(plain) or self._forced(plain)
            if forced != plain:
                best = Choice(forced.replace(TATWEEL, ""), best.score, 1)
            elif plain != strip_marks(word):  # ... and its stretching is none of its letters
                best = Choice(plain.replace(TATWEEL, ""), best.score, 1)
        # a systematic map re-reads known words too: their neighbours may choose a rival
        # a known word kept as seen keeps the table's close readings as rivals too (the body
        # font, whose map is not systematic): damage may make another real word (``هذا الشرر``
        # for ``هذا الشرط``, ``تلو`` for ``تلك``); its neighbours choose.
        # A common word is not re-read with a shadda: a real ف is far commoner than a shadda
        # shown as ف (``ففي`` is not ``فّي``), nor any known word with a shadda alone (``وكفالة``
        # is not ``وكّالة``; a rare ``ويعرفن``, two glyphs off, is ``ويعرّف``)
        kept = not best.edits and not self.by_class and best.score >= PLAUSIBLE_LOGP
        if best.edits or self.by_class or self.guard_plausible and OOV_LOGP < best.score:
            if self.by_class:
                window = CLASS_RIVAL_WINDOW
            else:
                window = KEPT_WINDOW if not best.edits else RIVAL_WINDOW
            floor = max(best.score - window, OOV_LOGP if self.by_class else OOV_LOGP - 1)
            seen_kept = not best.edits and not self.by_class
            rivals = sorted(((t, sc) for t, (sc, e) in scored.items()
                             if t != best.text and sc > floor and not (kept and SHADDA in t)
                             and not (seen_kept and SHADDA in t and e == 1)),
                            key=lambda r: -r[1])
            best.rivals = tuple(rivals[:CLASS_RIVALS if self.by_class else 3])
        for extra in self.lost_finals:
            w = strip_marks(plain + extra)  # :meth:`_logp` inlined, as above
            z = zipf(w)
            score = (OOV_LOGP if z is None else z - 9 + (bonus.get(w, 0.0) if bonus else 0.0)) - GAP_COST
            if score > best.score:  # the word as seen stays a rival (بذل قصارى, not بذلك)
                kept = ((best.text, best.score),) if best.score > max(score - RIVAL_WINDOW, OOV_LOGP) else ()
                best = Choice(plain + extra, score, 1, kept)
        self._cache[(word, max_edits)] = best
        return best

    def _derived(self, word: str) -> str | None:
        """Under a systematic map, a word missing from the lexicon read as a lexicon word and a
        relative-adjective ending (:data:`NISBA`): ``ال:رنامجوة`` -> ``البرنامجية``."""
        best, best_score = None, OOV_LOGP - 1
        for suffix in NISBA:
            stem = word[:-len(suffix)]
            if len(stem) < 3 or self.align_cost(word, stem + suffix) is None:
                continue  # too short, or its last letters can not show this ending
            for t in self.classes().lookup(stem):
                cost = self.align_cost(word, t + suffix)
                if cost is not None:
                    score = self._logp(t) - cost[0]
                    if score > best_score:
                        best, best_score = t + suffix, score
        return best

    def _lone_score(self, seen: str, true: str) -> float:
        """A lone letter ``seen`` read as the one-letter word ``true`` (``ا`` -> ``أ``, the
        label of a list item): its frequency less the channel's cost."""
        cost = self.align_cost(seen, true)
        return OOV_LOGP - 1 if cost is None else self._logp(true) - cost[0]

    def unstretch(self, word: str) -> str:
        """Heading font: a run of WAW is stretching; keep it as tatweel for the table.  A run
        after no letter that joins holds the letter it stretches, the YEH shown as WAW (no
        other joins and shows as WAW): ``ووووعلق`` -> ``يـعلق`` (``يعلق``, never ``علق``)."""
        return STRETCH_RUN.sub(_stretch_of, strip_marks(word)).replace(TATWEEL * 2, TATWEEL)

    # -- lines ------------------------------------------------------------------------
    def repair_line(self, line: str) -> str:
        """Repair the words of one line (order untouched), keeping its spacing elsewhere."""
        return self.repair_line_edits(line)[0]

    def line_score(self, line: str) -> float:
        """Best total log-probability of the line's Arabic words under this model."""
        return self._viterbi(line.split(" "))[0]

    def repair_line_edits(self, line: str, before: str | None = None,
                          after: str | None = None) -> tuple[str, list[tuple[str, str]]]:
        """The repaired line and its word edits ``[(before, after), ...]``.

        ``before`` is the word the line continues (the previous line's last word), or
        :data:`SENTENCE_START` where the line starts a sentence; ``None`` if unknown.
        ``after`` (heading font) is the first token of the line that continues this one (as
        seen: its readings are weighed here), the last word's right-hand neighbour unless this
        line ends a sentence."""
        tokens = line.split(" ")
        _, pieces = self._viterbi(tokens, before)
        if self.by_class and self.context is not None:
            pieces = self._chain(tokens, pieces, before, after)
        edits = [(b, a) for b, a in pieces if b != a]
        return " ".join(a for _, a in pieces), edits

    def _chain(self, tokens: list[str], pieces: list[tuple[str, str]],
               before: str | None = None, after: str | None = None) -> list[tuple[str, str]]:
        """Choose every word's reading together with its neighbours' (a Viterbi pass over the
        line's words, each pair scored by how much the first makes the second likelier):
        under a systematic map many words have close readings, and a neighbour's reading is
        itself uncertain (``مل ج:هة`` -> ``مع جبهة``)."""
        slots: list[tuple[int, list[tuple[str, float]]]] = []  # piece index, (text, score) options
        pos = 0
        for k, (raw, text) in enumerate(pieces):
            width = len(raw.split(" "))
            parts = self._split(raw) if width == 1 else None
            pos += width
            if parts is None:
                if lm_tokens(text):
                    slots.append((k, [(text, 0.0)]))
                continue
            pre, core, post = parts
            c = self.best(core)
            options = [(pre + t + post, sc) for t, sc in ((c.text, c.score),) + c.rivals]
            glyph = self._inner_glyph(post, pieces[k + 1:])
            if glyph:  # a final ":" before more words: a colon, or a letter of the word
                alt = self.best(core + glyph)
                if alt.score > OOV_LOGP:
                    options = [(t, sc + INNER_COLON_LOGP) for t, sc in options] + [
                        (pre + t + post[1:], sc) for t, sc in ((alt.text, alt.score),) + alt.rivals]
            if not any(t == text for t, _ in options):
                options = [(text, 0.0)]
            slots.append((k, options))
        if not any(len(o) > 1 for _, o in slots):
            return pieces

        def last(text: str) -> str:
            # a word that ends a sentence is followed by a sentence's first word
            return SENTENCE_START if SENTENCE_END.search(text) else lm_tokens(text)[-1]

        def first(text: str) -> str:
            return lm_tokens(text)[0]
        # best[j] = (score, choices) ending in option j of the current slot
        if before is None:
            best = [(sc, [t]) for t, sc in slots[0][1]]
        else:  # the line continues a sentence, or starts one
            best = [(sc + CONTEXT_WEIGHT * self._pair(before, first(t)) - self._prior(first(t)), [t])
                    for t, sc in slots[0][1]]
        for _, options in slots[1:]:
            step = []
            for t, sc in options:
                w = first(t)
                gain = -self._prior(w)
                total, path = max(((b + CONTEXT_WEIGHT * self._pair(last(path[-1]), w), path)
                                   for b, path in best), key=lambda bp: bp[0])
                step.append((total + gain + sc, path + [t]))
            best = step
        if after is not None:  # the line wraps: its last word is followed by the next line's first
            nexts = self._readings_of(after)
            best = [(b + max(CONTEXT_WEIGHT * self._pair(last(path[-1]), t) + sc for t, sc in nexts)
                     if last(path[-1]) != SENTENCE_START and nexts else b, path) for b, path in best]
        choice = max(best, key=lambda bp: bp[0])[1]
        out = list(pieces)
        for (k, _), text in zip(slots, choice):
            out[k] = (out[k][0], text)
        return out

    def _readings_of(self, token: str) -> list[tuple[str, float]]:
        """The first word of ``token`` in each of its readings, with their scores relative to
        the best (``تال/`` -> ``حال`` 0, ``زالت`` -0.9, ...): a neighbour itself uncertain."""
        parts = self._split(token)
        if parts is None:
            toks = lm_tokens(token)
            return [(toks[0], 0.0)] if toks else []
        c = self.best(parts[1])
        return [(t, sc - c.score) for t, sc in ((c.text, c.score),) + c.rivals if lm_tokens(t)]

    def _inner_glyph(self, post: str, rest: list[tuple[str, str]]) -> str:
        """The glyph right after a word that the table reads as a letter (``:`` for BEH), if
        words of the line follow (a colon ending a line is punctuation); else ``""``."""
        glyph = post[:1]
        if not glyph or glyph in self.final_marks or not CLOSING.fullmatch(post[1:]):
            return ""
        if not any(len(c.seen) == 1 and c.seen == glyph and c.true for c in self.table):
            return ""
        return glyph if any(lm_tokens(text) for _, text in rest) else ""

    def _prior(self, b: str) -> float:
        """What the pair model gives ``b`` with no context, taken off its pair scores: the
        class bigrams' share of ``b``'s class (:meth:`Bigrams.prior`), else 0: a smoothed
        model's ``P(b | a)`` is a word's own probability already (taking the Kneser-Ney
        model's prior off too cost 1.1 points on the heading-font bench)."""
        return self.context.prior(b) if isinstance(self.context, Bigrams) else 0.0

    def _pair(self, a: str, b: str) -> float:
        """The pair model's score of ``b`` after ``a``, with the pair's own evidence where it
        was seen more often than its classes make it (:meth:`Bigrams.pair_gain`)."""
        hit = self._pairs.get((a, b))
        if hit is None:
            lm = self.context
            gain = lm.pair_gain(a, b, self.lex.zipf(b)) if hasattr(lm, "pair_gain") else 0.0
            hit = self._pairs[(a, b)] = lm.logp(a, b) + PAIR_GAIN_WEIGHT * gain
        return hit

    def _viterbi(self, tokens: list[str], before: str | None = None
                 ) -> tuple[float, list[tuple[str, str]]]:
        n = len(tokens)
        # best[i] = (score, [(raw, repaired), ...]) for tokens[:i]
        best: list[tuple[float, list[tuple[str, str]]] | None] = [None] * (n + 1)
        best[0] = (0.0, [])
        for i in range(n):
            if best[i] is None:
                continue
            score0, pieces0 = best[i]
            for j, text, score in self._options(tokens, i, before):
                total = score0 + score
                if best[j] is None or total > best[j][0]:
                    best[j] = (total, pieces0 + [(" ".join(tokens[i:j]), text)])
        assert best[n] is not None
        return best[n]

    def _neighbour(self, tokens: list[str], j: int) -> str | None:
        if not 0 <= j < len(tokens) or not tokens[j]:
            return None
        parts = self._split(tokens[j])
        if parts is None:
            return tokens[j] if re.search(r"\d", tokens[j]) else None
        return self.best(parts[1]).text

    def _neighbours(self, tokens: list[str], i: int) -> tuple[str | None, str | None]:
        """The readings of the nearest non-empty tokens before and after token ``i``."""
        j = i - 1
        while j >= 0 and not tokens[j]:
            j -= 1
        k = i + 1
        while k < len(tokens) and not tokens[k]:
            k += 1
        return self._neighbour(tokens, j), self._joined(tokens, k) or self._neighbour(tokens, k)

    def gap_join(self, a: str, b: str) -> str | None:
        """The word ``a b`` is when the space between them is a lost letter of this font
        (``عد مي`` -> ``عديمي``), else None (see :meth:`_joined`)."""
        return self._joined([a, b], 0)

    def _joined(self, tokens: list[str], k: int) -> str | None:
        """Body font: token ``k`` and the next joined through a letter shown as a space, where
        that reads as a word far likelier than the two (``عد مي`` -> ``عديمي``), else None."""
        if not (self.guard_plausible and self.gap_letters) or k + 1 >= len(tokens):
            return None
        a, b = self._split(tokens[k]), self._split(tokens[k + 1])
        if a is None or b is None or a[2] or b[0]:
            return None
        ca, cb = self.best(a[1]), self.best(b[1])
        if min(ca.score, cb.score) >= COMMON_LOGP and min(len(a[1]), len(b[1])) >= 3:
            return None
        best = None
        for letter in self.gap_letters:
            joined = self.best(strip_marks(a[1]) + letter + strip_marks(b[1]), 1)
            if joined.score > OOV_LOGP and joined.score - GAP_COST > ca.score + cb.score:
                if best is None or joined.score > best.score:
                    best = joined
        return best.text if best else None

    def _context_gain(self, tokens: list[str], i: int, old: str, new: str,
                      before: str | None = None) -> float:
        """How much better ``new`` than ``old`` fits between the neighbours of token ``i``;
        ``before`` is what the line continues, the first word's neighbour."""
        prev, nxt = self._neighbours(tokens, i)
        if prev is None and before is not None and not any(tokens[:i]):
            prev = before
        lm = self._lm_logp
        gain = 0.0
        if prev:
            gain += lm(prev, new) - lm(prev, old)
        if nxt:
            gain += lm(new, nxt) - lm(old, nxt)
        return gain

    def _lm_logp(self, a: str, b: str) -> float:
        """``self.context.logp(a, b)``, remembered for the life of this model (one document:
        the same neighbours are asked about for each reading and rival)."""
        hit = self._lms.get((a, b))
        if hit is None:
            hit = self._lms[(a, b)] = self.context.logp(a, b)
        return hit

    def _in_context(self, c: Choice, tokens: list[str], i: int) -> Choice:
        """Re-rank a reading and its rivals by the word pairs they make with their neighbours
        (``التوتوة 66`` reads ``التوصية 66``, not ``الصوتية 66``)."""
        prev, nxt = self._neighbours(tokens, i)
        if prev is None and nxt is None:
            return c
        lm = self._lm_logp

        def ctx(text: str) -> float:
            # the reading's own frequency is in its score already: only what ``prev`` adds
            left = lm(prev, text) - (self._prior(text) if self.by_class else 0.0) if prev else 0.0
            return left + (lm(text, nxt) if nxt else 0.0)

        options = [(c.text, c.score)] + list(c.rivals)
        text, score = max(options, key=lambda o: o[1] + ctx(o[0]))
        return c if text == c.text else Choice(text, score, c.edits)

    def _slashed(self, core: str) -> tuple[str, float]:
        """The reading of words joined by a slash, each among its close readings, the pairs
        across the slash scored by the pair model where there is one: the two names of a
        month go together (``نق/أغسطس`` -> ``آب/أغسطس``, not the rarer word ``نق``)."""
        parts = [self.best(p) if p else Choice(p, 0.0, 0) for p in core.split("/")]
        if self.context is None or self.by_class or not any(p.rivals for p in parts):
            return "/".join(p.text for p in parts), sum(p.score for p in parts)
        # (score with the pairs across slashes, score of the words alone, the words)
        paths: list[tuple[float, float, list[str]]] = [(0.0, 0.0, [])]
        for p in parts:
            step = []
            for t, sc in [(p.text, p.score)] + list(p.rivals):
                def joined(path: tuple[float, float, list[str]]) -> float:
                    prev = path[2][-1] if path[2] else ""
                    return path[0] + (self.context.logp(prev, t) if prev and t else 0.0)
                base = max(paths, key=joined)
                step.append((joined(base) + sc, base[1] + sc, base[2] + [t]))
            paths = step
        _, score, texts = max(paths, key=lambda path: path[0])
        return "/".join(texts), score

    def _slash_joins(self, tokens: list[str], i: int, pre: str, core: str, post: str):
        """Join token ``i`` with the next through a letter shown as a space where a slash is on
        either side: only the words that meet join (``أ ار/مايو`` -> ``أيار/مايو``,
        ``الأول/د سمبر`` -> ``الأول/ديسمبر``).  Yields ``(end, text, score)``."""
        nxt = self._split(tokens[i + 1]) if i + 1 < len(tokens) and not post and self.gap_letters else None
        if nxt is None or nxt[0]:
            return
        _, core2, post2 = nxt
        head, slash, left = core.rpartition("/")
        right, slash2, tail = core2.partition("/")
        if not left or not right:
            return
        found = self._slashed(core)[1] + self._slashed(core2)[1]
        for letter in self.gap_letters:
            joined = self.best(strip_marks(left) + letter + strip_marks(right), 1)
            if joined.score <= OOV_LOGP:
                continue
            text, score = self._slashed(head + slash + joined.text + slash2 + tail)
            if score - GAP_COST > found:
                yield i + 2, pre + text + post2, score - GAP_COST

    def _final_gains(self, tokens: list[str], i: int) -> bool:
        """Does the word before token ``i`` gain from a lost last letter put back (more than
        :data:`SPACED_GAP_COST`), so that a run of spaces before token ``i`` may be its?"""
        j = i - 1
        while j >= 0 and not tokens[j]:
            j -= 1
        before = self._split(tokens[j]) if j >= 0 else None
        return (before is not None and not before[2]
                and self._lost_gain(strip_marks(before[1]), self.lost_finals, at_end=True) > SPACED_GAP_COST)

    def _final_takes_gap(self, tokens: list[str], i: int) -> bool:
        """Is the run of spaces before token ``i`` better explained as the place of a final
        letter lost by the word before it (``أخر  من`` -> ``أخرى من``) than of a first
        letter lost by token ``i``?"""
        j = i - 1
        while j >= 0 and not tokens[j]:
            j -= 1
        before = self._split(tokens[j]) if j >= 0 else None
        if before is None or before[2]:
            return False
        final = self._lost_gain(strip_marks(before[1]), self.lost_finals, at_end=True)
        if final > SPACED_GAP_COST:
            return True
        after = self._split(tokens[i]) if i < len(tokens) else None
        if after is None or strip_marks(after[0]):
            return True  # before punctuation or a number the gap can only be the last letter's
        return final > self._lost_gain(strip_marks(after[1]), self.lost_initials, at_end=False)

    def _lost_gain(self, core: str, letters: tuple[str, ...], at_end: bool) -> float:
        """How much likelier ``core`` is with one of ``letters`` put back at its end (start)."""
        if len(core) < 2 or not letters:
            return OOV_LOGP
        c = self.best(core)
        return max(self.best(core + x if at_end else x + core, 1).score for x in letters) - c.score

    def _label(self, token: str) -> str:
        """A list label in brackets whose one glyph the table reads as one letter only is
        that letter: ``(:)`` -> ``(ب)`` (punctuation alone in brackets labels nothing)."""
        m = LIST_LABEL.match(token)
        if not m:
            return token
        trues = {b for (a, b, k) in self._entry_costs() if a == m.group(2) and k == 1 and a != b}
        return m.group(1) + trues.pop() + m.group(3) if len(trues) == 1 else token

    def _split(self, token: str) -> tuple[str, str, str] | None:
        if not token or NON_ARABIC_LETTER.search(token) or not ARABIC_LETTER.search(token):
            return None
        m = CORE.match(token)
        if not m or not m.group("core"):
            return None
        pre, core, post = m.group("pre"), m.group("core"), m.group("post")
        # "،ير" / ":ين": punctuation glued before letters may be a glyph of the word
        while pre and any(c.seen == pre[-1] for c in self.table):
            pre, core = pre[:-1], pre[-1] + core
        # a final letter the font shows as punctuation (heading font: التوتوا/ for التوصيات)
        if post[:1] and post[0] in self.final_marks and CLOSING.fullmatch(post[1:]):
            core, post = core + post[:1], post[1:]
        return pre, core, post

    def _options(self, tokens: list[str], i: int, before: str | None = None):
        tok = tokens[i]
        if self.lost_initials and tok and not strip_marks(tok) and i + 1 < len(tokens):
            # a mark standing alone (``حدث ُ حتمل``) is what is left of a lost letter
            yield i + 1, "", 0.0
            return
        parts = self._split(tok)
        if parts is None:
            yield i + 1, self._label(tok) if self.by_class else tok, 0.0
            return
        pre, core, post = parts
        c = self.best(core)
        if c.rivals and self.context is not None:
            c = self._in_context(c, tokens, i)
        # a slash between letters (نيسان/أبريل) joins two words unless the whole is a word
        slashed = "/" in core.strip("/")
        # "بموج:" may be "بموجب", "ال:/" may be "البت" in the heading font
        glyphs = 0
        while glyphs < len(post) and (post[glyphs] in self.final_marks or
                                      any(e.seen == post[glyphs] for e in self.table)):
            glyphs += 1
        # two such glyphs in a row (":/", "::") are no punctuation: letters, surely
        glued = GLUED_GLYPHS_COST if self.final_marks and glyphs >= 2 else 0.0
        if not slashed or c.score > OOV_LOGP:
            yield i + 1, pre + c.text + post, c.score - glued
        for k in range(glyphs, 0, -1):
            if glued and post[k:k + 1] in tuple(self.final_marks):
                continue  # a final mark left right after letters read from glyphs
            alt = self.best(core + post[:k])
            gain = 0.0  # the body font: its neighbours may prefer it (البال، -> البالغ)
            if alt.edits and self.guard_plausible and self.context is not None and alt.score > OOV_LOGP:
                gain = self._context_gain(tokens, i, c.text, alt.text, before)
            if alt.edits and alt.score + gain > c.score - glued:
                yield i + 1, pre + alt.text + post[k:], alt.score + gain
        if slashed:
            text, score = self._slashed(core)
            yield i + 1, pre + text + post, score
            yield from self._slash_joins(tokens, i, pre, core, post)
            return
        # a run of spaces before the word ("مما  عني") is where a lost letter's glyph was
        # (indexer.repair_gaps keeps only the runs wider than the line's usual gap), unless
        # the word before lost its last letter there
        spaced = i > 0 and (tokens[i - 1] == "" or not strip_marks(tokens[i - 1]))
        wide = spaced and not self._final_takes_gap(tokens, i)
        # at a wide gap, any letter the font shows as a space may be the lost one (ف too: its
        # first glyph is the one lost inside ``إضا ية``), but only as a word in its own right
        # (ف is a proclitic too: ``  الكازاخستانية`` is not ``فالكازاخستانية``)
        initials = self.lost_initials + (tuple(x for x in self.gap_letters if x not in self.lost_initials)
                                         if wide else ())
        for extra in initials:
            if strip_marks(pre) or len(strip_marks(core)) < 2:
                break
            cand = self.best(extra + strip_marks(core), 1)
            if extra not in self.lost_initials and strip_marks(cand.text) not in self.lex.zipfs:
                continue
            if SHADDA in cand.text and c.score >= PLAUSIBLE_LOGP:
                continue  # a common word is not re-read with a shadda (ملف is not عملّ)
            if wide:
                score = cand.score - WIDE_GAP_COST
            elif spaced:
                score = cand.score - SPACED_GAP_COST
            else:
                score = cand.score - GAP_COST - (PLAUSIBLE_MARGIN if c.score >= PLAUSIBLE_LOGP else 0.0)
            if cand.score > OOV_LOGP and self.context is not None:
                score += self._context_gain(tokens, i, c.text, cand.text, before)
            if score > c.score and cand.score > OOV_LOGP:
                yield i + 1, cand.text + post, score
        # a run of spaces after the word ("الص  الدولي") is where a lost final letter was
        # (inside the line, strong evidence, unless the word after takes it as its lost first letter)
        if i + 1 < len(tokens) and tokens[i + 1] == "" and not post:
            k = i + 1
            while k < len(tokens) and not tokens[k]:
                k += 1
            cost = WIDE_GAP_COST if k < len(tokens) and self._final_takes_gap(tokens, k) else SPACED_GAP_COST
            for extra in self.lost_finals:
                cand = self.best(strip_marks(core) + extra, 1)
                score = cand.score - cost
                if cand.score > OOV_LOGP and self.context is not None:
                    score += self._context_gain(tokens, i, c.text, cand.text, before)
                if cand.score > OOV_LOGP and score > c.score:
                    yield i + 1, pre + cand.text, score
            # a lone letter between two wide gaps is what is left of a word that lost its first
            # and its last letter (``ظرون  ي  الأإماص`` -> ``ظروف عيش الأشخاص``)
            if spaced and len(strip_marks(core)) == 1 and not strip_marks(pre) and not self._final_gains(tokens, i):
                for extra in self.lost_initials:
                    for last in self.lost_finals:
                        cand = self.best(extra + strip_marks(core) + last, 1)
                        if cand.score < PLAUSIBLE_LOGP:
                            continue  # two letters put back: a common word only (not ``يوك``)
                        score = cand.score - 2 * WIDE_GAP_COST
                        if self.context is not None:
                            score += self._context_gain(tokens, i, c.text, cand.text, before)
                        if score > c.score:
                            yield i + 1, cand.text, score
        # join with the next token through a letter shown as a space
        if i + 1 < len(tokens) and not post and self.gap_letters:
            nxt = self._split(tokens[i + 1])
            if nxt is None or nxt[0]:
                return
            _, core2, post2 = nxt
            if "/" in core2.strip("/"):  # أ ار/مايو: the word before the slash joins
                yield from self._slash_joins(tokens, i, pre, core, post)
                return
            c2 = self.best(core2)
            if min(c.score, c2.score) >= COMMON_LOGP and min(len(core), len(core2)) >= 3:
                return  # two common words: not one word cut by a lost glyph
            # a space right after a mark (``ووفقـً ا``) lost nothing: the word is joined as it is
            ends_with_mark = bool(core) and not strip_marks(core[-1])
            joins = ("",) + self.gap_letters if ends_with_mark else self.gap_letters
            for letter in joins:
                letters = strip_marks(core) + letter + strip_marks(core2)
                joined = self.best(letters, 1)
                if len(strip_marks(joined.text)) < len(letters) and _marks(joined.text) > _marks(letters):
                    continue  # the lost glyph was a letter: reading it as a mark (عد م -> عدّم) is not a join
                score = joined.score - GAP_COST
                if joined.score > OOV_LOGP and score > c.score + c2.score:
                    yield i + 2, pre + joined.text + post2, score
