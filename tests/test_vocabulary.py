"""The per-segment vocabulary files and the query words looked for inside indexed words."""
from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from indexer.build import INDEX_NAME, build_index, current_generation
from indexer.vocabulary import SUFFIX, Vocabulary, vocabulary
from search.engine import Engine


def _write(path: Path, *paragraphs: str) -> Path:
    path.write_text("\n\n".join(f"{i}- {p}" for i, p in enumerate(paragraphs, 1)) + "\n", encoding="utf-8")
    return path


def _segments_and_files(index_dir: Path) -> tuple[set[str], set[str]]:
    generation = current_generation(index_dir)
    ix = whoosh_index.open_dir(str(generation), indexname=INDEX_NAME)
    try:
        segments = {s.segment_id() for s in ix._segments()}
    finally:
        ix.close()
    files = {p.name[: -len(SUFFIX)] for p in generation.iterdir() if p.name.endswith(SUFFIX)}
    return segments, files


def test_containing_finds_words_holding_a_part_shortest_first():
    v = Vocabulary("\nلسويسرا\nحقوق\nسويسري\nبسويسرا\nسويسريون\n")
    assert v.containing("سويسر", limit=10) == ["سويسري", "بسويسرا", "لسويسرا", "سويسريون"]
    assert v.containing("سويسر", limit=2) == ["سويسري", "بسويسرا"]
    assert v.containing("كازاخ", limit=10) == []


def test_every_segment_has_its_vocabulary_after_incremental_runs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs / "a.txt", "قام الوفد بزيارة لسويسرا في عام 2023.", "ناقش الوفد حقوق العمال.")
    build_index(tmp_path / "ix", [docs])
    for k in range(6):  # enough small segments for the merge policy to merge some
        _write(docs / f"b{k}.txt", f"التقت اللجنة بممثلي كازاخستان رقم{k}.", "وناقشت حقوق الطفل.")
        build_index(tmp_path / "ix", [docs])
    segments, files = _segments_and_files(tmp_path / "ix")
    assert segments == files  # merged-away segments took their vocabulary with them
    with Engine(tmp_path / "ix") as e:
        words = vocabulary(e.searcher.reader()).text.split("\n")
        assert "لسويسرا" in words and "بممثلي" in words
        # a word only the incremental runs brought, found inside a longer indexed word
        assert len(e.search("ممثلي").hits) == 6
        assert [h.n for h in e.search("سويسرا").hits] == [1]


def test_a_changed_document_is_matched_by_its_new_words_only(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = _write(docs / "a.txt", "قام الوفد بزيارة لسويسرا في عام 2023.")
    build_index(tmp_path / "ix", [docs])
    _write(doc, "قام الوفد بزيارة لكازاخستان في عام 2023.")
    build_index(tmp_path / "ix", [docs])
    with Engine(tmp_path / "ix") as e:
        assert [h.n for h in e.search("كازاخستان").hits] == [1]
        # the old word may stay in the vocabulary until a merge, but matches no paragraph
        assert not e.search("سويسرا").hits


def test_a_segment_without_its_file_is_read_from_the_lexicon(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs / "a.txt", "قام الوفد بزيارة لسويسرا في عام 2023.")
    build_index(tmp_path / "ix", [docs])
    for path in current_generation(tmp_path / "ix").glob(f"*{SUFFIX}"):
        path.unlink()
    with Engine(tmp_path / "ix") as e:
        assert [h.n for h in e.search("سويسرا").hits] == [1]
