"""Bad files in a folder being indexed: each named on one line with its reason, the rest indexed.

The folder mixes good documents (UTF-8, Windows-1256, UTF-16 with BOM) with an empty file,
a PDF and a PNG renamed ``.txt``, truncated UTF-8, UTF-16 without a byte-order mark, text with
nothing but headings, a broken symbolic link, a symbolic link to a device, an unreadable
file and a file over the size limit. ``fahras index`` runs for real in a subprocess.
"""
from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.build import NO_PARAGRAPHS, build_index
from indexer.sources import MAX_TEXT_BYTES
from search.engine import Engine
from test_robust_support import FIXTURES, ROOT, plain_loader

CLEAN = (FIXTURES / "upr_clean.txt").read_text(encoding="utf-8")
RANKING = (FIXTURES / "upr_ranking.txt").read_text(encoding="utf-8")

#: file name -> (bytes, words expected in the reason), for files that must be refused
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\r\n\t\n", "empty file"),
    "report.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n", "PDF"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "PNG"),
    "truncated.txt": (CLEAN.encode("utf-8")[:-1] + "ة".encode("utf-8")[:1], "invalid UTF-8"),
    "utf16-no-bom.txt": (CLEAN.encode("utf-16-le"), "binary"),
    "headings-only.txt": ("أولاً- حقوق الطفل: التوصيات 5 و6\n\nالتوصية 5\n".encode("utf-8"), NO_PARAGRAPHS),
}


def fahras(*args: str, prefix: list[str] = ()) -> subprocess.CompletedProcess:
    """The real ``fahras`` command in a subprocess (behind a ``prefix`` command if given)."""
    env = {k: v for k, v in os.environ.items() if k != "FAHRAS_INDEX"}
    return subprocess.run([*prefix, sys.executable, "-m", "search.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def good_and_bad_folder(folder: Path) -> dict[str, int]:
    """Write the mixed folder; return the good files' document ids and paragraph counts."""
    folder.mkdir()
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "legacy.txt").write_bytes(RANKING.encode("cp1256"))
    (folder / "wide.txt").write_bytes(codecs.BOM_UTF16_LE + CLEAN.replace("الحكومة", "الوزارة").encode("utf-16-le"))
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    # text without paragraph numbers is read as blocks (indexer/structure.py), not refused
    (folder / "prose.txt").write_text("هذا نص عربي بلا فقرات مرقمة.\nسطر ثان بلا رقم.\n\nكتلة ثانية.\n",
                                      encoding="utf-8")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "device.txt").symlink_to("/dev/zero")
    return {"clean": 7, "legacy": 7, "wide": 7, "prose": 2}


def failure_lines(stderr: str) -> dict[str, str]:
    """``file name -> line`` of each 'skipped' line on stderr."""
    lines = {}
    for line in stderr.splitlines():
        assert line.startswith("fahras: "), line
        if line.startswith("fahras: skipped "):
            path = line[len("fahras: skipped "):].split(": ", 1)[0]
            lines[Path(path).name] = line
    return lines


def test_bad_files_are_named_with_a_reason_and_good_files_indexed(tmp_path):
    folder, index_dir = tmp_path / "docs", tmp_path / "ix"
    expected = good_and_bad_folder(folder)
    result = fahras("index", str(folder), "--index", str(index_dir))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    skipped = failure_lines(result.stderr)
    assert set(skipped) == set(BAD_FILES) | {"dangling.txt", "device.txt"}
    for name, (_, reason) in BAD_FILES.items():
        assert reason in skipped[name], skipped[name]
    assert "broken symbolic link" in skipped["dangling.txt"]
    assert "not a regular file (a link to a device)" in skipped["device.txt"]
    assert f"indexed {len(expected)} file(s)" in result.stdout
    assert f"{len(BAD_FILES) + 2} failed" in result.stdout
    with Engine(index_dir) as engine:
        assert {d.doc: d.paragraphs for d in engine.documents()} == expected
        assert engine.search("الوزارة", doc="wide").total > 0  # UTF-16 text searchable
        assert engine.search("الصحفيين", doc="legacy").total > 0  # Windows-1256 text searchable


def test_unchanged_files_keep_their_indexed_content_when_others_go_bad(tmp_path):
    folder, index_dir = tmp_path / "docs", tmp_path / "ix"
    folder.mkdir()
    (folder / "a.txt").write_text(RANKING, encoding="utf-8")
    (folder / "b.txt").write_text(CLEAN, encoding="utf-8")
    build_index(index_dir, [folder], load=plain_loader)
    with Engine(index_dir) as engine:
        before = sorted(map(repr, engine.searcher.all_stored_fields()))

    (folder / "b.txt").write_bytes(b"%PDF-1.4\n")  # an indexed file replaced by junk
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    errors: list[str] = []
    report = build_index(index_dir, [folder], load=plain_loader, on_error=lambda p, m: errors.append(m))
    assert report.unchanged == [str(folder / "a.txt")] and report.added == []
    assert sorted(Path(p).name for p, _ in report.failed) == sorted([*BAD_FILES, "b.txt"])
    assert all("\n" not in m and Path(p).name in m for (p, _), m in zip(report.failed, errors))
    with Engine(index_dir) as engine:
        # nothing lost: a failure never deletes what was indexed from that file before
        assert sorted(map(repr, engine.searcher.all_stored_fields())) == before


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    """200 MB of real Arabic text, written at test time (never committed)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(CLEAN, encoding="utf-8")
    line = ("12- " + "تعمل الحكومة على حماية حقوق الطفل في جميع المحافظات " * 20 + "\n").encode("utf-8")
    block = line * (1024 * 1024 // len(line) + 1)
    with open(folder / "huge.txt", "wb") as fh:
        while fh.tell() < 200 * 1024 * 1024:
            fh.write(block)
    assert (folder / "huge.txt").stat().st_size > MAX_TEXT_BYTES
    errors: list[str] = []
    report = build_index(tmp_path / "ix", [folder], load=plain_loader, on_error=lambda p, m: errors.append(m))
    assert report.total_paragraphs == 7
    assert [Path(p).name for p, _ in report.failed] == ["huge.txt"]
    assert "too large" in errors[0] and "limit 64 MiB" in errors[0] and "huge.txt" in errors[0]


#: As root, chmod 000 does not stop reads (CAP_DAC_OVERRIDE); dropping the two capabilities
#: that bypass file permissions from the bounding set makes root obey them like anyone else.
DROP_READ_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _as_ordinary_reader() -> list[str]:
    """A command prefix under which a chmod 000 file is really unreadable."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, where chmod 000 does not stop reads, and setpriv "
                    "(util-linux) is not installed to drop CAP_DAC_OVERRIDE")
    return DROP_READ_OVERRIDE


def test_unreadable_file_is_reported_and_the_rest_indexed(tmp_path):
    prefix = _as_ordinary_reader()
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(CLEAN, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text(RANKING, encoding="utf-8")
    secret.chmod(0o000)
    try:
        result = fahras("index", str(folder), "--index", str(tmp_path / "ix"), prefix=prefix)
    finally:
        secret.chmod(0o644)
    assert result.returncode == 2, result.stderr
    skipped = failure_lines(result.stderr)
    assert list(skipped) == ["secret.txt"]
    assert "ermission denied" in skipped["secret.txt"]
    assert "indexed 1 file(s), 7 paragraph(s)" in result.stdout


def test_an_index_folder_that_cannot_be_written_is_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import indexer.build
    from search.cli import main

    runner = CliRunner()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runner.invoke(main, ["index", str(FIXTURES / "upr_clean.txt"), "--index", str(blocker)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "cannot write the index at" in result.stderr and "File exists" in result.stderr

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "ix" / "gen-x" / "seg"))

    monkeypatch.setattr(indexer.build, "build_index", disk_full)
    result = runner.invoke(main, ["index", str(FIXTURES / "upr_clean.txt"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "No space left on device" in result.stderr and "previous index is unchanged" in result.stderr
