"""Compare PDF text extractors on Arabic: word accuracy and pages per second.

Candidates (each skipped when its package is missing): fahras (pdfminer.six glyphs +
indexer.pdf_layout), pdfminer.six's own ``extract_text``, pdfplumber (right-to-left
rendering), pypdfium2, PyMuPDF, and poppler's pdftotext (``-raw`` and ``-layout``; for the UAE
law, the stored outputs next to the PDF in tests/fixtures/sources/).

Samples: the UAE law's hand-checked page 2 and the generated UPR-style PDFs (whole text).
Accuracy = 1 - word error rate (tests/sources_accuracy.py); "bare" ignores harakat.

    python bench/pdf_extractors.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "sources"
sys.path.insert(0, str(ROOT / "tests"))
from sources_accuracy import word_accuracy  # noqa: E402

UAE = SOURCES / "uae_federal_decree_law_39_2022_compulsory_education.pdf"


def fahras(path: Path, page: int | None) -> str:
    from indexer.pdf_source import read_pdf_file

    return read_pdf_file(path, None if page is None else [page]).text


def pdfminer_default(path: Path, page: int | None) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path), page_numbers=None if page is None else [page - 1])


def pdfplumber_rtl(path: Path, page: int | None) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = pdf.pages if page is None else [pdf.pages[page - 1]]
        return "\n".join(p.extract_text(line_dir_render="ttb", char_dir_render="rtl") for p in pages)


def pypdfium2_text(path: Path, page: int | None) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    numbers = range(len(pdf)) if page is None else [page - 1]
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in numbers)


def pymupdf_text(path: Path, page: int | None) -> str:
    import pymupdf

    with pymupdf.open(path) as pdf:
        numbers = range(len(pdf)) if page is None else [page - 1]
        return "\n".join(pdf[i].get_text() for i in numbers)


def pdftotext(mode: str):
    def run(path: Path, page: int | None) -> str:
        stored = SOURCES / f"uae_law_39_2022.pdftotext-{mode}.txt"
        if path == UAE and stored.exists():
            text = stored.read_text(encoding="utf-8")
        elif shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", f"-{mode}", str(path), "-"], capture_output=True,
                                  text=True, check=True).stdout
        else:
            raise ImportError("pdftotext")
        return text if page is None else text.split("\f")[page - 1]
    return run


EXTRACTORS = {
    "fahras (pdfminer.six glyphs)": fahras,
    "pdfminer.six extract_text": pdfminer_default,
    "pdfplumber rtl": pdfplumber_rtl,
    "pypdfium2": pypdfium2_text,
    "PyMuPDF": pymupdf_text,
    "pdftotext -raw": pdftotext("raw"),
    "pdftotext -layout": pdftotext("layout"),
}

SAMPLES = [
    ("UAE law p.2 (Word)", UAE, 2, SOURCES / "uae_law_39_2022_page2.txt"),
    ("UPR response (LibreOffice)", SOURCES / "upr_fictional_response.pdf", None,
     SOURCES / "upr_fictional_response.txt"),
    ("UPR footnotes (LibreOffice)", SOURCES / "upr_footnotes.pdf", None, SOURCES / "upr_footnotes.txt"),
]


def pages_per_second(extract, path: Path) -> float:
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(path)))
    start = time.perf_counter()
    extract(path, None)
    return pages / (time.perf_counter() - start)


def main() -> None:
    header = " | ".join(f"{name} acc / bare" for name, *_ in SAMPLES)
    print(f"| extractor | {header} | UAE pages/s |")
    print("|---" * (len(SAMPLES) + 2) + "|")
    for name, extract in EXTRACTORS.items():
        cells = []
        try:
            for _, path, page, reference in SAMPLES:
                text = extract(path, page)
                ref = reference.read_text(encoding="utf-8")
                cells.append(f"{word_accuracy(ref, text):.1%} / {word_accuracy(ref, text, True):.1%}")
            speed = f"{pages_per_second(extract, UAE):.1f}" if not name.startswith("pdftotext") else "n/a"
        except ImportError as err:
            print(f"| {name} | not installed ({err.name}) |")
            continue
        print(f"| {name} | {' | '.join(cells)} | {speed} |")


if __name__ == "__main__":
    main()
