"""A seeded generator of UPR-shaped Arabic documents for the benchmarks.

The words are real: sentences of the UN Parallel Corpus test sets and paragraphs of four Arabic
QA collections, read from a data folder given on the command line (``--data``) or in
``$FAHRAS_BENCH_DATA``. The shape is that of a State's written response to its Universal
Periodic Review: numbered paragraphs (``12- ...``) wrapped into PDF-like lines, section headings
with an ordinal, a theme and the recommendations they answer (``ثالثاً- حقوق الطفل: التوصيات 5 و6``),
sub-headings naming recommendations (``التوصيتان 6 و9``), footnote references ``(3)`` and
footnotes at the end of the document.

The *damaged* variant of the same corpus adds the extraction damage the repair stage exists
for: stretched tatweel inside words (``كازاخســـتان``), words split by tatweel across a space,
and lines whose pieces come out in reversed order with the paragraph marker at the end
(``... نص الفقرة  -12``).

>>> sentences = ["نص عربي قصير للتجربة فقط"] * 50
>>> files = generate(sentences, Path("/tmp/x"), paragraphs=200, seed=1)  # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_ENV = "FAHRAS_BENCH_DATA"
#: Files under the data folder the sentences come from (any missing one is skipped).
SENTENCE_FILES = ("un_parallel_corpus_v1_testsets/un_sentences.jsonl",)
PARAGRAPH_FILES = (
    "arcd/corpus.jsonl",
    "tydiqa_goldp_ar/corpus.jsonl",
    "mlqa_ar_dev/corpus.jsonl",
    "xquad_ar/corpus.jsonl",
)
#: Section ordinals as printed in headings (1-10, then the compound forms).
ORDINALS = (
    "أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً",
    "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر",
)
THEMES = (
    "الالتزامات الدولية", "حقوق الطفل", "حرية الدين والمعتقد", "العدالة الجنائية",
    "مكافحة التعذيب", "حرية التعبير والصحافة", "عديمو الجنسية والمهاجرون", "حقوق المرأة",
    "المساواة وعدم التمييز", "الحق في التعليم", "الحق في الصحة", "حقوق الأشخاص ذوي الإعاقة",
    "مكافحة الاتجار بالأشخاص", "التعاون مع آليات الأمم المتحدة", "المؤسسة الوطنية لحقوق الإنسان",
    "عقوبة الإعدام", "الحق في العمل", "حقوق الشعوب الأصلية",
)
TATWEEL = "\u0640"
#: Words per printed line, as in a PDF column.
LINE_WORDS = (9, 16)
#: Words per paragraph.
PARAGRAPH_WORDS = (40, 120)
PARAGRAPHS_PER_DOCUMENT = (50, 110)
ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{5,}$")


class DataMissing(RuntimeError):
    """No source text found in the data folder."""


def data_dir(option: str | os.PathLike | None) -> Path:
    """The data folder: the option if given, else ``$FAHRAS_BENCH_DATA``."""
    value = option or os.environ.get(DATA_ENV)
    if not value:
        raise DataMissing(f"give the Arabic text folder with --data DIR or ${DATA_ENV}")
    return Path(value)


def load_source(folder: Path) -> tuple[list[str], list[str]]:
    """Arabic sentences and English sentences (for footnotes) from the data folder."""
    arabic: list[str] = []
    english: list[str] = []
    for name in SENTENCE_FILES:
        path = folder / name
        if path.is_file():
            for row in _jsonl(path):
                text = _flat(row.get("text", ""))
                if len(text.split()) >= 4:
                    arabic.append(text)
                if row.get("en"):
                    english.append(_flat(row["en"]))
    for name in PARAGRAPH_FILES:
        path = folder / name
        if path.is_file():
            for row in _jsonl(path):
                for sentence in re.split(r"(?<=[.!؟?])\s+", _flat(row.get("text", ""))):
                    if len(sentence.split()) >= 4:
                        arabic.append(sentence)
    if not arabic:
        raise DataMissing(f"{folder}: none of {SENTENCE_FILES + PARAGRAPH_FILES} found")
    return arabic, english or ["See the annex."]


def _jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _flat(text: str) -> str:
    """One line of text, without anything the structure parser would take for a marker."""
    text = re.sub(r"\s+", " ", text).strip()
    # a stray " -12 " or "12- " in running text would read as a paragraph marker
    text = re.sub(r"(?:^|(?<=\s))-\s?(?=\d)", "", text)
    return re.sub(r"^\d+\s?[-.)]\s", "", text)


@dataclass(frozen=True)
class CorpusFiles:
    """What :func:`generate` wrote: the folder, its document files and the paragraph count."""

    folder: Path
    files: tuple[Path, ...]
    paragraphs: int


class _Writer:
    """Builds the lines of one document from a shared random source."""

    def __init__(self, rng: random.Random, arabic: list[str], english: list[str]) -> None:
        self.rng = rng
        self.arabic = arabic
        self.english = english

    def paragraph_words(self) -> list[str]:
        target = self.rng.randint(*PARAGRAPH_WORDS)
        words: list[str] = []
        while len(words) < target:
            words.extend(self.rng.choice(self.arabic).split())
        return words[:target]

    def wrap(self, words: list[str]) -> list[str]:
        lines, i = [], 0
        while i < len(words):
            step = self.rng.randint(*LINE_WORDS)
            lines.append(" ".join(words[i:i + step]))
            i += step
        return lines

    def document(self, doc_number: int, paragraphs: int) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        notes: list[str] = []
        rec = 1
        n = 1
        intro = rng.randint(1, 2)
        sections = max(1, min(len(ORDINALS), paragraphs // rng.randint(6, 12)))
        # paragraphs per section after the intro
        cuts = sorted(rng.sample(range(1, max(2, paragraphs - intro)), min(sections - 1, max(0, paragraphs - intro - 1))))
        bounds = [0, *cuts, max(1, paragraphs - intro)]
        themes = rng.sample(THEMES, min(len(THEMES), sections)) + list(THEMES) * 2
        for _ in range(min(intro, paragraphs)):
            lines += self.numbered(n, notes)
            n += 1
        for s in range(len(bounds) - 1):
            count = bounds[s + 1] - bounds[s]
            if n > paragraphs or count <= 0:
                break
            recs = list(range(rec, rec + rng.randint(1, 5)))
            rec = recs[-1] + 1
            lines += ["", f"{ORDINALS[s]}- {themes[s]}: {_rec_phrase(recs)}", ""]
            per_sub = max(1, count // len(recs))
            for k in range(count):
                if n > paragraphs:
                    break
                if k % per_sub == 0 and rng.random() < 0.7:
                    sub = recs[min(len(recs) - 1, k // per_sub):][: rng.randint(1, 2)]
                    lines += [_rec_phrase(sub, heading=False), ""]
                lines += self.numbered(n, notes)
                n += 1
        if notes:
            lines += [""] + notes
        return lines

    def numbered(self, n: int, notes: list[str]) -> list[str]:
        words = self.paragraph_words()
        if self.rng.random() < 0.15 and len(notes) < 99:
            notes.append(f"{len(notes) + 1} {self.rng.choice(self.english)}")
            words.append(f"({len(notes)}).")
        lines = self.wrap(words)
        lines[0] = f"{n}- {lines[0]}"
        return lines + [""]


def _rec_phrase(recs: list[int], heading: bool = True) -> str:
    """``التوصية 5`` / ``التوصيتان 6 و9`` / ``التوصيات 1 و2 و3``."""
    numbers = " و".join(str(r) for r in recs)
    word = "التوصية" if len(recs) == 1 else "التوصيتان" if len(recs) == 2 else "التوصيات"
    return f"{word} {numbers}"


# -- damage ------------------------------------------------------------------------------------


def damage_line(line: str, rng: random.Random) -> str:
    """Tatweel stretching and split words, and (some) lines in reversed piece order."""
    if not line.strip():
        return line
    words = line.split(" ")
    for i, word in enumerate(words):
        if ARABIC_WORD.match(word) and rng.random() < 0.12:
            cut = rng.randint(2, len(word) - 2)
            stretch = TATWEEL * rng.randint(2, 6)
            if rng.random() < 0.3:
                words[i] = f"{word[:cut]}{stretch} {stretch}{word[cut:]}"
            else:
                words[i] = f"{word[:cut]}{stretch}{word[cut:]}"
    if len(words) >= 4 and rng.random() < 0.35:
        # runs of a right-to-left line emitted out of order: the last run first
        cut = rng.randint(1, len(words) - 1)
        marker = re.match(r"^(\d+)-$", words[0])
        if marker:
            body = words[1:]
            cut = min(cut, len(body) - 1) or 1
            return " " + " ".join(body[cut:]) + "  " + " ".join(body[:cut]) + f"  -{marker.group(1)}"
        return " " + " ".join(words[cut:]) + "   " + " ".join(words[:cut])
    return " ".join(words)


# -- the corpus --------------------------------------------------------------------------------


def generate(arabic: list[str], english: list[str], folder: Path, paragraphs: int, *,
             seed: int = 7, damaged: bool = False) -> CorpusFiles:
    """Write a corpus of ``paragraphs`` numbered paragraphs into ``folder`` (text + sidecar).

    The same seed gives the same clean text; the damaged variant damages exactly that text.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    damage_rng = random.Random(seed + 1)
    writer = _Writer(rng, arabic, english)
    files: list[Path] = []
    left = paragraphs
    number = 1
    while left > 0:
        count = min(left, rng.randint(*PARAGRAPHS_PER_DOCUMENT))
        lines = writer.document(number, count)
        if damaged:
            lines = [damage_line(line, damage_rng) for line in lines]
        doc = f"bench-{number:05d}"
        path = folder / f"{doc}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        meta = {"doc": doc, "language": "ar", "title_ar": f"وثيقة اختبار {number}",
                "source": "synthetic benchmark document"}
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        files.append(path)
        left -= count
        number += 1
    return CorpusFiles(folder, tuple(files), paragraphs)


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.corpus --data DIR --out DIR --paragraphs N [--damaged]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help=f"Arabic text folder (default ${DATA_ENV})")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--damaged", action="store_true")
    args = parser.parse_args(argv)
    arabic, english = load_source(data_dir(args.data))
    out = generate(arabic, english, args.out, args.paragraphs, seed=args.seed, damaged=args.damaged)
    print(f"{len(out.files)} documents, {out.paragraphs} paragraphs in {out.folder}")


if __name__ == "__main__":  # pragma: no cover
    main()
