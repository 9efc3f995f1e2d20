"""Repair of damaged PDF-extracted Arabic text (placeholder: strips tatweel only).

Contract used by ``indexer.structure``: ``repair_lines(lines)`` returns exactly one
repaired line for each input line, and keeps paragraph markers (``-12``) as tokens.
"""
from __future__ import annotations

TATWEEL = "\N{ARABIC TATWEEL}"


def repair_line(line: str) -> str:
    """Repair one line. ``"كازاخســــتان"`` -> ``"كازاخستان"``."""
    return line.replace(TATWEEL, "")


def repair_lines(lines: list[str]) -> list[str]:
    """Repair a document given as lines; the result is line-aligned with the input."""
    return [repair_line(line) for line in lines]


def repair_text(text: str) -> str:
    """Repair a whole text, keeping its line structure."""
    return "\n".join(repair_lines(text.split("\n")))
