"""Building the index: counts, incremental updates, atomic swaps, failures keep the old index."""
from __future__ import annotations

import os
import shutil

import pytest

from indexer.build import CURRENT, build_index, current_generation, theme_key
from indexer.sources import SourceError
from search.engine import Engine


def _copy(src, dst):
    shutil.copy(src, dst)
    return dst


def test_build_counts_every_paragraph(built_index):
    with Engine(built_index) as engine:
        docs = {d.doc: d.paragraphs for d in engine.documents()}
    assert docs == {"kazakhstan-upr-response-ar": 80, "ranking": 7, "clean": 7}


def test_incremental_update_reindexes_only_changed_files(tmp_path, fixtures_dir):
    folder = tmp_path / "docs"
    folder.mkdir()
    a = _copy(fixtures_dir / "upr_ranking.txt", folder / "a.txt")
    b = _copy(fixtures_dir / "upr_clean.txt", folder / "b.txt")
    index_dir = tmp_path / "ix"
    first = build_index(index_dir, [folder])
    assert sorted(first.added) == sorted([str(a), str(b)]) and first.total_paragraphs == 14

    again = build_index(index_dir, [folder])
    assert again.added == [] and len(again.unchanged) == 2 and again.total_paragraphs == 14

    a.write_text(a.read_text(encoding="utf-8") + "\n8- فقرة جديدة عن حماية اللاجئين.\n", encoding="utf-8")
    changed = build_index(index_dir, [folder])
    assert changed.added == [str(a)] and changed.unchanged == [str(b)]
    assert changed.total_paragraphs == 15

    b.unlink()
    removed = build_index(index_dir, [folder])
    assert removed.removed == [str(b)] and removed.total_paragraphs == 8
    with Engine(index_dir) as engine:
        assert engine.search("اللاجئين").total == 1
        assert [d.doc for d in engine.documents()] == ["a"]


def test_rebuild_starts_over(tmp_path, fixtures_dir):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [fixtures_dir / "upr_ranking.txt"])
    report = build_index(index_dir, [fixtures_dir / "upr_clean.txt"], rebuild=True)
    assert report.total_paragraphs == 7
    with Engine(index_dir) as engine:
        assert [d.doc for d in engine.documents()] == ["upr_clean"]


def test_swap_is_a_symlink_and_old_generations_are_cleared(tmp_path, fixtures_dir):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [fixtures_dir / "upr_ranking.txt"])
    first = current_generation(index_dir)
    build_index(index_dir, [fixtures_dir / "upr_ranking.txt"], rebuild=True)
    second = current_generation(index_dir)
    assert (index_dir / CURRENT).is_symlink() and first != second
    assert not first.exists()
    assert [p.name for p in index_dir.iterdir() if p.name.startswith("gen-")] == [second.name]


def test_a_crash_mid_build_keeps_the_previous_index(tmp_path, fixtures_dir):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [fixtures_dir / "upr_ranking.txt"])
    before = current_generation(index_dir)

    def exploding_loader(path):
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        build_index(index_dir, [fixtures_dir / "upr_clean.txt"], load=exploding_loader)
    assert current_generation(index_dir) == before
    with Engine(index_dir) as engine:
        assert engine.search("الصحفيين").total >= 1
    assert sorted(p.name for p in index_dir.iterdir() if p.name.startswith("gen-")) == [before.name]


def test_bad_files_are_reported_and_good_ones_indexed(tmp_path, fixtures_dir):
    folder = tmp_path / "docs"
    folder.mkdir()
    _copy(fixtures_dir / "upr_ranking.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    errors = []
    report = build_index(tmp_path / "ix", [folder], on_error=lambda path, msg: errors.append(msg))
    assert report.total_paragraphs == 7
    assert sorted(os.path.basename(p) for p, _ in report.failed) == ["empty.txt", "image.txt"]
    assert all("\n" not in m and ".txt" in m for m in errors)


def test_theme_key_ignores_spelling_variants():
    assert theme_key("مكافحة الإرهاب") == theme_key("مكافحه  الارهاب") == theme_key("مُكافَحة الإرهاب")
    assert theme_key("مكافحة التعذيب") != theme_key("مكافحة الإرهاب")
    assert theme_key(None) == ""


def test_loader_errors_do_not_leak_source_error_type(tmp_path):
    with pytest.raises(SourceError):
        from indexer.pipeline import load_document
        load_document(tmp_path / "missing.txt")


def _age(path, seconds: float = 3600) -> None:
    """Set a file's modification time ``seconds`` in the past (out of the racy window)."""
    past = os.stat(path).st_mtime - seconds
    os.utime(path, (past, past))


def test_unchanged_files_are_not_hashed_again(tmp_path, fixtures_dir, monkeypatch):
    import indexer.build as build

    folder = tmp_path / "docs"
    folder.mkdir()
    a = _copy(fixtures_dir / "upr_ranking.txt", folder / "a.txt")
    b = _copy(fixtures_dir / "upr_clean.txt", folder / "b.txt")
    _age(a), _age(b)
    build_index(tmp_path / "ix", [folder])
    hashed = []
    real = build.content_hash
    monkeypatch.setattr(build, "content_hash", lambda p: hashed.append(p.name) or real(p))

    again = build_index(tmp_path / "ix", [folder])
    assert hashed == [] and len(again.unchanged) == 2

    # same size, new bytes, new time: hashed and re-indexed
    text = a.read_text(encoding="utf-8")
    a.write_text(text.replace("1-", "9-", 1), encoding="utf-8")
    changed = build_index(tmp_path / "ix", [folder])
    assert hashed == ["a.txt"] and changed.added == [str(a)]


def test_a_file_written_just_before_indexing_is_hashed_again(tmp_path, fixtures_dir, monkeypatch):
    """Its time stamp cannot tell a second write in the same moment apart: no shortcut."""
    import indexer.build as build

    folder = tmp_path / "docs"
    folder.mkdir()
    _copy(fixtures_dir / "upr_ranking.txt", folder / "a.txt")  # modified now
    build_index(tmp_path / "ix", [folder])
    hashed = []
    real = build.content_hash
    monkeypatch.setattr(build, "content_hash", lambda p: hashed.append(p.name) or real(p))
    again = build_index(tmp_path / "ix", [folder])
    assert hashed == ["a.txt"] and again.added == []


def _docs(index_dir) -> dict[str, set[str]]:
    """doc id -> the files its paragraphs come from."""
    with Engine(index_dir) as engine:
        out: dict[str, set[str]] = {}
        for fields in engine.searcher.all_stored_fields():
            out.setdefault(fields["doc"], set()).add(os.path.basename(fields["source"]))
        return out


def test_files_sharing_a_name_get_distinct_document_ids(tmp_path, fixtures_dir):
    """report.txt and report.text (one run), then 2023/report.txt and 2024/report.txt."""
    folder = tmp_path / "docs"
    (folder / "2023").mkdir(parents=True)
    (folder / "2024").mkdir()
    shutil.copy(fixtures_dir / "upr_clean.txt", folder / "2023" / "report.txt")
    shutil.copy(fixtures_dir / "upr_ranking.txt", folder / "2023" / "report.text")
    index_dir = tmp_path / "ix"
    report = build_index(index_dir, [folder])
    assert _docs(index_dir) == {"report": {"report.text"}, "report.txt": {"report.txt"}}
    assert [(os.path.basename(f), a, b) for f, a, b in report.renamed] == [("report.txt", "report", "report.txt")]
    # a later run: the ids already given stay, a third file with the same name gets its folder's
    shutil.copy(fixtures_dir / "upr_clean.txt", folder / "2024" / "report.txt")
    (folder / "2023" / "report.txt").write_text(
        (fixtures_dir / "upr_clean.txt").read_text(encoding="utf-8") + "\nتعديل\n", encoding="utf-8")
    build_index(index_dir, [folder])
    docs = _docs(index_dir)
    assert docs["report"] == {"report.text"} and docs["report.txt"] == {"report.txt"}
    assert docs["2024-report"] == {"report.txt"}
    assert len(docs) == 3


def test_unique_doc_id_falls_back_to_numbers():
    from pathlib import Path

    from indexer.build import unique_doc_id

    taken = {"a", "a.txt", "x-a", "x-a.txt", "a-2"}.__contains__
    assert unique_doc_id("a", Path("x/a.txt"), taken) == "a-3"
    assert unique_doc_id("b", Path("x/b.txt"), taken) == "b"
