"""Decoding: every supported encoding gives the same text; bad files get one clear line."""
from __future__ import annotations

import codecs

import pytest

from indexer.sources import SourceError, decode_bytes, read_source, read_text

ARABIC = "أحاطت جمهورية كازاخستان علماً بالتوصيات التالية: التوصية 17.\nنظام روما الأساسي\n"


@pytest.mark.parametrize("encoded", [
    ARABIC.encode("utf-8"),
    codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
    codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
    ARABIC.encode("cp1256"),
    ARABIC.replace("\n", "\r\n").encode("cp1256"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1256", "cp1256-crlf"])
def test_every_encoding_decodes_to_the_same_text(tmp_path, encoded):
    path = tmp_path / "doc.txt"
    path.write_bytes(encoded)
    assert read_text(path) == ARABIC


def test_encoding_is_reported(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    assert read_source(path).encoding == "cp1256"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (bytes(range(256)) * 4, "binary"),
    (ARABIC.encode("utf-8")[:-2] + b"\xd8", "invalid UTF-8"),
    ("نص عربي سليم".encode("utf-8") + b"\xff\xfe\xfa" + "ثم نص".encode("utf-8"), "invalid UTF-8"),
])
def test_bad_input_is_refused_with_one_line_naming_the_file(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError) as err:
        read_text(path)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message
    assert reason in message


def test_random_high_bytes_are_not_taken_for_cp1256():
    junk = bytes([0x80 + (i * 37) % 0x20 for i in range(400)])  # control-range cp1256 symbols
    with pytest.raises(SourceError):
        decode_bytes(junk, "junk.txt")


def test_missing_file_and_folder_and_broken_link(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(SourceError, match="folder"):
        read_text(tmp_path)
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(SourceError, match="broken symbolic link"):
        read_text(link)


def test_devices_and_pipes_are_refused_without_reading(tmp_path):
    import os

    with pytest.raises(SourceError, match="not a regular file"):
        read_text("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="not a regular file"):
        read_text(fifo)
