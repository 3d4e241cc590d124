"""The hostile kit: every hostile input of issue 19, generated (seeded) into a folder, one case per sub-folder.

    from hostile_kit import generate_kit
    cases = generate_kit(tmp_path)          # → [GeneratedCase(name, folder, files, expected, why), ...]

Each case gets its own folder holding the hostile file(s), so ``cxzy check FOLDER`` runs one case
(``benchmarks/bench_hostile.py``) and ``cxzy check KIT`` runs them all. ``expected`` is the record
code each hostile file should get once issue 19 is done (``ok`` for a file that must be read
normally, ``skipped`` for a file a folder scan must report and not read); ``tests/test_hostile.py``
asserts them in CI. Plan text is made by :mod:`cxzy_nlp.synth`; no
real document's text is used.
"""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the factories beside this file, also from benchmarks/

MIB = 1024 * 1024


@dataclass(frozen=True)
class HostileCase:
    """One hostile input: how to make it and the record code its file(s) should get."""

    name: str
    expected: str  # record code: an errors[].code, "ok" (read normally) or "skipped" (listed, not read)
    why: str  # the words, shortened
    build: Callable[[Path, random.Random], list[Path]]  # writes into the case folder, returns the hostile file(s)
    slow: bool = False  # takes more than a second to generate (large outputs)


@dataclass(frozen=True)
class GeneratedCase:
    name: str
    folder: Path
    files: tuple[Path, ...]
    expected: str
    why: str


# ---------------------------------------------------------------- plan text and containers


def plan_text(seed: int, size: int = 2) -> str:
    from cxzy_nlp.synth import generate_plan

    return generate_plan(seed, faults=False, size=size, wrapper="plain").text


def plan_docx(seed: int) -> bytes:
    from docx_factory import DocxBuilder

    builder = DocxBuilder()
    for line in plan_text(seed).split("\n"):
        if line.strip():
            builder.paragraph(line)
    return builder.to_bytes()


def _replace_part(data: bytes, part: str, body: bytes) -> bytes:
    from docx_factory import rezip

    return rezip(data, replace={part: body})


def plan_rtf(seed: int) -> bytes:
    body = "".join(
        "{\\pard " + "".join(f"\\u{ord(ch)}?" if ord(ch) > 127 else ch for ch in line) + "\\par}\n"
        for line in plan_text(seed).split("\n")
        if line.strip()
    )
    return ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}\n" + body + "}").encode("ascii")


def plan_html(seed: int, charset: str = "utf-8") -> bytes:
    paras = "".join(f"<p>{line}</p>\n" for line in plan_text(seed).split("\n") if line.strip())
    page = f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>方案</title></head><body>\n{paras}</body></html>\n'
    return page.encode("utf-8")


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF from numbered objects (object 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def one_page_pdf(content: bytes, *, compressed: bool = True, declared_length: int | None = None) -> bytes:
    stream = zlib.compress(content, 9) if compressed else content
    length = len(stream) if declared_length is None else declared_length
    flate = b" /Filter /FlateDecode" if compressed else b""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d%s >>\nstream\n" % (length, flate) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def _deflate_repeated(chunk: bytes, times: int) -> bytes:
    """``chunk * times`` as a zlib stream, made in milliseconds: ``chunk`` is deflated once with a full
    flush (so the block stands alone) and the block repeated, then a final empty block and the checksum."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + block * times + b"\x03\x00" + struct.pack(">I", adler)


def _write(path: Path, data: bytes) -> list[Path]:
    path.write_bytes(data)
    return [path]


def _name(folder: Path, raw: bytes) -> Path:
    """A path whose file name is the raw bytes ``raw`` (not necessarily UTF-8)."""
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))


# ---------------------------------------------------------------- the cases


def _fifo(folder: Path, rng: random.Random) -> list[Path]:
    path = folder / "管道.docx"
    os.mkfifo(path)
    return [path]


def _dev_zero(folder: Path, rng: random.Random) -> list[Path]:
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return [path]


def _gbk_name(folder: Path, rng: random.Random) -> list[Path]:
    path = _name(folder, "工作方案.txt".encode("gbk"))
    path.write_text(plan_text(rng.randrange(1 << 20)), encoding="utf-8")
    return [path]


def _escape_name(folder: Path, rng: random.Random) -> list[Path]:
    path = folder / "\x1b[31m红色\x1b[0m\x07方案\x1b]0;title\x07.txt"
    path.write_text(plan_text(rng.randrange(1 << 20)), encoding="utf-8")
    return [path]


def _one_byte_docx(folder: Path, rng: random.Random) -> list[Path]:
    return _write(folder / "一字节.docx", b"x")


def _empty_docx(folder: Path, rng: random.Random) -> list[Path]:
    return _write(folder / "空.docx", b"")


def _truncated_rtf(folder: Path, rng: random.Random) -> list[Path]:
    data = plan_rtf(rng.randrange(1 << 20))
    return _write(folder / "截断.rtf", data[: len(data) // 2])


def _truncated_html(folder: Path, rng: random.Random) -> list[Path]:
    data = plan_html(rng.randrange(1 << 20))
    cut = data.index(b"</p>", len(data) // 2)  # cut after a paragraph: what is there is readable
    return _write(folder / "截断.html", data[:cut])


def _unknown_charset_html(folder: Path, rng: random.Random) -> list[Path]:
    return _write(folder / "编码名.html", plan_html(rng.randrange(1 << 20), charset="gb23l2"))


def _truncated_docx(folder: Path, rng: random.Random) -> list[Path]:
    data = plan_docx(rng.randrange(1 << 20))
    return _write(folder / "截断.docx", data[: len(data) * 2 // 3])


def _truncated_pdf(folder: Path, rng: random.Random) -> list[Path]:
    from pdf_factory import build_pdf, plan_items

    data = build_pdf(plan_items(2))
    return _write(folder / "截断.pdf", data[: len(data) // 2])


def _garbage_txt(folder: Path, rng: random.Random) -> list[Path]:
    return _write(folder / "乱码.txt", rng.randbytes(64 * 1024))


def _unknown_extensions(folder: Path, rng: random.Random) -> list[Path]:
    ofd = io.BytesIO()
    with zipfile.ZipFile(ofd, "w") as zf:
        zf.writestr("OFD.xml", '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
    files = [
        folder / "版式.ofd",
        folder / "数据.xml",
        folder / "无扩展名",
    ]
    files[0].write_bytes(ofd.getvalue())
    files[1].write_text('<?xml version="1.0" encoding="UTF-8"?><data><item>1</item></data>\n', encoding="utf-8")
    files[2].write_text(plan_text(rng.randrange(1 << 20)), encoding="utf-8")
    return files


def _word_variants(folder: Path, rng: random.Random) -> list[Path]:
    from test_read_doc import make_doc

    docx = plan_docx(rng.randrange(1 << 20))
    files = [folder / "宏.docm", folder / "模板.dotx", folder / "模板.wpt"]
    files[0].write_bytes(docx)
    files[1].write_bytes(docx)
    files[2].write_bytes(make_doc([("关于开展工作的实施方案\r一、工作目标\r完成年度任务。\r", "utf-16")]))
    return files


def _readme(folder: Path, rng: random.Random) -> list[Path]:
    plan = folder / "方案.txt"  # the plan beside it is read as usual
    plan.write_text(plan_text(rng.randrange(1 << 20)), encoding="utf-8")
    return [*_write(folder / "README.md", "# 说明\n\n本文件夹存放各单位报送的方案。\n".encode()), plan]


def _pdf_flate_bomb(folder: Path, rng: random.Random) -> list[Path]:
    stream = _deflate_repeated(b" " * MIB, 1024)  # 1 GiB of white space in one content stream
    data = pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ]
    )
    return _write(folder / "flate炸弹.pdf", data)


def _pdf_many_glyphs(folder: Path, rng: random.Random) -> list[Path]:
    line = b"(" + b"x" * 1000 + b") Tj\n"
    content = b"BT /F1 1 Tf 10 10 Td\n" + line * 3000 + b"ET\n"  # three million glyphs on one page
    return _write(folder / "百万字形.pdf", one_page_pdf(content))


def _big_text(folder: Path, rng: random.Random) -> list[Path]:
    text = plan_text(rng.randrange(1 << 20), size=6).encode("utf-8")
    path = folder / "五十兆.txt"
    with path.open("wb") as fh:
        written = 0
        while written < 50 * MIB:
            fh.write(text)
            written += len(text)
    return [path]


def _zip_bomb_docx(folder: Path, rng: random.Random) -> list[Path]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://x"><w:body>')
            block = b" " * MIB
            for _ in range(128):  # 128 MiB of white space
                fh.write(block)
            fh.write(b"</w:body></w:document>")
    return _write(folder / "压缩炸弹.docx", out.getvalue())


def _xxe_docx(folder: Path, rng: random.Random) -> list[Path]:
    hostile = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _write(
        folder / "外部实体.docx", _replace_part(plan_docx(rng.randrange(1 << 20)), "word/document.xml", hostile)
    )


def _deep_docx(folder: Path, rng: random.Random) -> list[Path]:
    depth = 100_000
    hostile = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:tbl><w:tr><w:tc>" * depth
        + b"<w:p/>"
        + b"</w:tc></w:tr></w:tbl>" * depth
        + b"</w:body></w:document>"
    )
    return _write(
        folder / "深层嵌套.docx", _replace_part(plan_docx(rng.randrange(1 << 20)), "word/document.xml", hostile)
    )


def _encrypted_docx(folder: Path, rng: random.Random) -> list[Path]:
    from docx_factory import encrypted_docx

    return _write(folder / "加密.docx", encrypted_docx())


def _encrypted_zip_entry_docx(folder: Path, rng: random.Random) -> list[Path]:
    data = bytearray(plan_docx(rng.randrange(1 << 20)))
    pos = data.find(b"PK\x01\x02")
    while pos != -1:  # the "encrypted" flag in every central directory record
        data[pos + 8] |= 0x01
        pos = data.find(b"PK\x01\x02", pos + 4)
    return _write(folder / "加密条目.docx", bytes(data))


def _encrypted_pdf(folder: Path, rng: random.Random) -> list[Path]:
    from pdf_factory import Setup, build_pdf, plan_items

    return _write(folder / "加密.pdf", build_pdf(plan_items(1), Setup(encrypt="s3cret")))


def _encrypted_doc(folder: Path, rng: random.Random) -> list[Path]:
    from test_read_doc import make_doc

    return _write(folder / "加密.doc", make_doc([("加密内容\r", "utf-16")], flags=0x0100))


def _ole_fat_cycle(folder: Path, rng: random.Random) -> list[Path]:
    """A .doc whose FAT sends the WordDocument chain from its second sector back to its first."""
    from test_read_doc import make_doc

    data = bytearray(make_doc([("关于开展工作的实施方案\r完成年度任务。\r", "utf-16")]))
    fat_at = 512  # sector 0 holds the FAT
    start = struct.unpack_from("<I", data, 512 + 512 + 128 + 116)[0]  # the WordDocument entry's first sector
    second = struct.unpack_from("<I", data, fat_at + 4 * start)[0]
    struct.pack_into("<I", data, fat_at + 4 * second, start)  # start → second → start → …
    return _write(folder / "ole_fat_cycle.doc", bytes(data))


def _noisy_wps(folder: Path, rng: random.Random) -> list[Path]:
    from test_read_doc import make_doc

    data = bytearray(make_doc([("金山文字方案正文\r", "utf-16")]))
    for _ in range(len(data) // 16):  # one byte in sixteen flipped, header kept
        at = rng.randrange(512, len(data))
        data[at] = rng.randrange(256)
    return _write(folder / "噪声.wps", bytes(data))


def _random_doc(folder: Path, rng: random.Random) -> list[Path]:
    return _write(folder / "不是Word.doc", rng.randbytes(8192))


CASES: tuple[HostileCase, ...] = (
    HostileCase("fifo", "not-regular-file", "a FIFO hangs the batch (hashed before any limit)", _fifo),
    HostileCase("symlink-dev-zero", "not-regular-file", "a symlink to /dev/zero never returns", _dev_zero),
    HostileCase("gbk-file-name", "ok", "a GBK-bytes file name crashes the batch (cache on)", _gbk_name),
    HostileCase(
        "escape-codes-in-name", "ok", "terminal escape codes in a file name pass raw into outputs", _escape_name
    ),
    HostileCase("one-byte-docx", "type-mismatch", "a 1-byte .docx is read as text", _one_byte_docx),
    HostileCase("empty-docx", "empty", "an empty file", _empty_docx),
    HostileCase("truncated-rtf", "truncated", "truncated RTF files pass", _truncated_rtf),
    HostileCase(
        "truncated-html", "truncated", "truncated HTML: what is there is read, and the cut is reported", _truncated_html
    ),
    HostileCase("unknown-charset-html", "ok", "an unknown encoding name gives internal-error", _unknown_charset_html),
    HostileCase("truncated-docx", "truncated", "a cut-off Word package", _truncated_docx),
    HostileCase("truncated-pdf", "truncated", "a cut-off PDF", _truncated_pdf),
    HostileCase("garbage-txt", "type-mismatch", "binary noise named .txt: a garbled result is a problem", _garbage_txt),
    HostileCase(
        "unknown-extensions", "skipped", ".ofd/.xml/no extension in a folder get no record", _unknown_extensions
    ),
    HostileCase(
        "word-variants", "ok", ".docm/.dotx/.wpt in a folder get no record (Word and WPS bytes)", _word_variants
    ),
    HostileCase("readme-md", "skipped", "a README.md in a folder is checked as a plan", _readme),
    HostileCase("pdf-flate-bomb", "too-large", "a PDF flate bomb reaches 1 GB, reported as corrupt", _pdf_flate_bomb),
    HostileCase("pdf-many-glyphs", "too-large", "millions of glyphs: 14-67 s and 1 GB", _pdf_many_glyphs),
    HostileCase("big-text", "too-large", "a 50 MB text file times out at 727 MB", _big_text, slow=True),
    HostileCase("zip-bomb-docx", "zip-bomb", "a zip bomb inside a .docx", _zip_bomb_docx, slow=True),
    HostileCase("xxe-docx", "dtd-forbidden", "an external entity in a Word part", _xxe_docx),
    HostileCase("deep-nesting-docx", "corrupt", "a deeply nested docx is called a zip bomb", _deep_docx),
    HostileCase("encrypted-docx", "encrypted", "a Word file with an open password", _encrypted_docx),
    HostileCase(
        "encrypted-zip-entry", "encrypted", "a .docx whose zip entries are encrypted", _encrypted_zip_entry_docx
    ),
    HostileCase("encrypted-pdf", "encrypted", "a PDF with a user password", _encrypted_pdf),
    HostileCase("encrypted-doc", "encrypted", "a Word 97 file with fEncrypted", _encrypted_doc),
    HostileCase("ole-fat-cycle", "corrupt", "ole_fat_cycle.doc is called truncated", _ole_fat_cycle),
    HostileCase("noisy-wps", "corrupt", "a noisy .wps is called truncated", _noisy_wps),
    HostileCase("random-doc", "type-mismatch", "random bytes named .doc", _random_doc),
)
# Per-file expectations where a case's files differ (the first file of a case otherwise sets the code).
EXPECTED_BY_FILE: dict[str, str] = {"方案.txt": "ok"}


def generate_kit(root: Path, seed: int = 0, names: tuple[str, ...] | None = None) -> list[GeneratedCase]:
    """Write every case (or those named) into ``root/<case>/``; the same seed gives the same bytes."""
    out = []
    for case in CASES:
        if names is not None and case.name not in names:
            continue
        folder = root / case.name
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{seed}:{case.name}")
        files = case.build(folder, rng)
        out.append(GeneratedCase(case.name, folder, tuple(files), case.expected, case.why))
    return out


def expected_code(case: GeneratedCase, path: Path) -> str:
    """The record code a file of the case should get."""
    return EXPECTED_BY_FILE.get(path.name, case.expected)
