"""The hostile kit's generator makes every case it promises, each hostile in the way it claims.

Whether the batch handles the cases is measured by ``benchmarks/bench_hostile.py`` (and later tested).
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile_kit import CASES, GeneratedCase, expected_code, generate_kit

from cxzy_nlp.errors import READ_ERROR_CODES
from cxzy_nlp.read.sniff import sniff

# The inputs issue 19 lists; a case dropped from the kit fails here.
ISSUE_CASES = {
    "fifo", "symlink-dev-zero", "gbk-file-name", "escape-codes-in-name", "one-byte-docx", "empty-docx",
    "truncated-rtf", "truncated-html", "unknown-charset-html", "truncated-docx", "truncated-pdf", "garbage-txt",
    "unknown-extensions", "word-variants", "readme-md", "pdf-flate-bomb", "pdf-many-glyphs", "big-text",
    "zip-bomb-docx", "xxe-docx", "deep-nesting-docx", "encrypted-docx", "encrypted-zip-entry", "encrypted-pdf",
    "encrypted-doc", "ole-fat-cycle", "noisy-wps", "random-doc",
}  # fmt: skip


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedCase]:
    return {case.name: case for case in generate_kit(tmp_path_factory.mktemp("kit"), seed=3)}


def _pdf_streams(data: bytes) -> list[bytes]:
    return [m.group(1) for m in re.finditer(rb"stream\n(.*?)\nendstream", data, re.S)]


def _inflated_size(stream: bytes, cap: int) -> int:
    """Bytes a zlib stream inflates to, counted in chunks (stops at ``cap``)."""
    unpacker, total, pending = zlib.decompressobj(), 0, stream
    while pending and total < cap:
        total += len(unpacker.decompress(pending, 1 << 24))
        pending = unpacker.unconsumed_tail
    return total


def test_every_case_is_generated_with_a_known_expected_code(kit: dict[str, GeneratedCase]) -> None:
    assert set(kit) == ISSUE_CASES == {c.name for c in CASES}
    codes = set(READ_ERROR_CODES) | {"ok", "skipped"}
    for case in kit.values():
        assert case.folder.is_dir() and case.files, case.name
        for f in case.files:
            assert os.path.lexists(f), (case.name, f)
            assert f.parent == case.folder
            assert expected_code(case, f) in codes, (case.name, f)


def test_special_files(kit: dict[str, GeneratedCase]) -> None:
    (fifo,) = kit["fifo"].files
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    (zero,) = kit["symlink-dev-zero"].files
    assert fifo.suffix == ".docx" and zero.is_symlink() and os.readlink(zero) == "/dev/zero"


def test_hostile_names(kit: dict[str, GeneratedCase]) -> None:
    (gbk,) = kit["gbk-file-name"].files
    raw = os.fsencode(gbk.name)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gbk") == "工作方案.txt"
    (escape,) = kit["escape-codes-in-name"].files
    assert "\x1b[" in escape.name and "\x07" in escape.name


def test_small_damaged_files(kit: dict[str, GeneratedCase]) -> None:
    assert [f.stat().st_size for f in kit["one-byte-docx"].files] == [1]
    assert [f.stat().st_size for f in kit["empty-docx"].files] == [0]
    rtf = kit["truncated-rtf"].files[0].read_bytes()
    assert rtf.startswith(b"{\\rtf1") and rtf.count(b"{") > rtf.count(b"}")
    html = kit["truncated-html"].files[0].read_bytes()
    assert b"<p>" in html and b"</html>" not in html
    assert b'charset="gb23l2"' in kit["unknown-charset-html"].files[0].read_bytes()
    docx = kit["truncated-docx"].files[0].read_bytes()
    assert docx.startswith(b"PK") and b"PK\x05\x06" not in docx
    pdf = kit["truncated-pdf"].files[0].read_bytes()
    assert pdf.startswith(b"%PDF") and b"%%EOF" not in pdf
    assert sniff(kit["garbage-txt"].files[0].read_bytes(), ".txt") == "binary"
    assert sniff(kit["random-doc"].files[0].read_bytes(), ".doc") == "binary"


def test_suffixes_a_folder_scan_must_report(kit: dict[str, GeneratedCase]) -> None:
    assert sorted(f.suffix for f in kit["unknown-extensions"].files) == ["", ".ofd", ".xml"]
    assert sorted(f.suffix for f in kit["word-variants"].files) == [".docm", ".dotx", ".wpt"]
    readme, plan = kit["readme-md"].files
    assert readme.name == "README.md" and expected_code(kit["readme-md"], plan) == "ok"


def test_pdf_bombs(kit: dict[str, GeneratedCase]) -> None:
    bomb = kit["pdf-flate-bomb"].files[0].read_bytes()
    assert len(bomb) < 4 * 1024**2
    (stream,) = _pdf_streams(bomb)
    assert _inflated_size(stream, 2**28) >= 2**28  # (the first 256 MiB of the 1 GiB it inflates to)
    glyphs = kit["pdf-many-glyphs"].files[0].read_bytes()
    content = zlib.decompress(_pdf_streams(glyphs)[0])
    shown = sum(len(m.group(1)) for m in re.finditer(rb"\(([^)]*)\) Tj", content))
    assert shown >= 3_000_000 and len(glyphs) < 64 * 1024


def test_big_text(kit: dict[str, GeneratedCase]) -> None:
    (big,) = kit["big-text"].files
    assert big.stat().st_size >= 50 * 1024**2
    with big.open("rb") as fh:
        fh.read(4096).decode("utf-8", "strict")


def test_zip_bomb_xxe_and_nesting(kit: dict[str, GeneratedCase]) -> None:
    with zipfile.ZipFile(kit["zip-bomb-docx"].files[0]) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size >= 128 * 1024**2 and info.file_size / info.compress_size > 100
    with zipfile.ZipFile(kit["xxe-docx"].files[0]) as zf:
        assert b'<!ENTITY xxe SYSTEM "file:///etc/passwd">' in zf.read("word/document.xml")
    with zipfile.ZipFile(kit["deep-nesting-docx"].files[0]) as zf:
        assert zf.read("word/document.xml").count(b"<w:tbl>") >= 100_000


def test_encrypted_files(kit: dict[str, GeneratedCase]) -> None:
    assert sniff(kit["encrypted-docx"].files[0].read_bytes(), ".docx") == "ooxml-encrypted"
    data = kit["encrypted-zip-entry"].files[0].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert all(info.flag_bits & 0x1 for info in zf.infolist())
    assert b"/Encrypt" in kit["encrypted-pdf"].files[0].read_bytes()
    doc = kit["encrypted-doc"].files[0].read_bytes()
    assert sniff(doc, ".doc") == "doc"
    assert _word_stream_flags(doc) & 0x0100  # fEncrypted


def _word_stream_flags(data: bytes) -> int:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        fib = ole.openstream("WordDocument").read(12)
    return int(struct.unpack_from("<H", fib, 10)[0])


def test_damaged_ole_files(kit: dict[str, GeneratedCase]) -> None:
    data = kit["ole-fat-cycle"].files[0].read_bytes()
    start = struct.unpack_from("<I", data, 512 + 512 + 128 + 116)[0]
    sector, seen = start, set()
    while sector < 0xFFFFFFFA and sector not in seen:
        seen.add(sector)
        sector = struct.unpack_from("<I", data, 512 + 4 * sector)[0]
    assert sector == start  # the chain comes back to its first sector
    noisy = kit["noisy-wps"].files[0].read_bytes()
    assert noisy.startswith(bytes.fromhex("D0CF11E0A1B11AE1")) and noisy.endswith(noisy[-16:])


def test_the_same_seed_gives_the_same_kit(tmp_path: Path, kit: dict[str, GeneratedCase]) -> None:
    names = ("truncated-rtf", "noisy-wps", "garbage-txt", "unknown-charset-html")
    again = {c.name: c for c in generate_kit(tmp_path, seed=3, names=names)}
    other = {c.name: c for c in generate_kit(tmp_path / "other", seed=4, names=names)}
    for name in names:
        first = [f.read_bytes() for f in kit[name].files]
        assert [f.read_bytes() for f in again[name].files] == first
    assert [f.read_bytes() for f in other["garbage-txt"].files] != [f.read_bytes() for f in kit["garbage-txt"].files]
