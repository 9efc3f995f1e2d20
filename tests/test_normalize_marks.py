"""The saved table of combining marks (indexer/tables/combining_marks.txt) and its fallback."""
from __future__ import annotations

import unicodedata

from indexer import normalize as N


def test_saved_marks_are_this_pythons_marks():
    saved = N.saved_combining_marks()
    assert saved is not None, "combining_marks.txt is missing or for another Unicode version"
    assert saved == N._combining_marks()
    assert N.COMBINING_MARKS == saved
    assert "\N{ARABIC FATHA}" in saved and "\N{COMBINING ACUTE ACCENT}" in saved
    assert "\N{ARABIC LETTER ALEF}" not in saved


def test_marks_of_another_unicode_version_are_not_used(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text("unicode-1.0.0\n0300-036F\n", encoding="ascii")
    assert N.saved_combining_marks(str(path)) is None
    assert N.saved_combining_marks(str(tmp_path / "missing.txt")) is None


def test_written_table_reads_back(tmp_path):
    path = str(tmp_path / "marks.txt")
    N.write_combining_marks(path)
    assert open(path, encoding="ascii").readline().strip() == f"unicode-{unicodedata.unidata_version}"
    assert N.saved_combining_marks(path) == N._combining_marks()


def test_mark_ranges_merge_neighbours():
    assert N.mark_ranges(frozenset("\u0300\u0301\u0302\u0310")) == [(0x300, 0x302), (0x310, 0x310)]
