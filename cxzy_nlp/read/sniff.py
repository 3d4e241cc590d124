"""Tell a file's format from its bytes, not its name."""

from __future__ import annotations

import io
import re
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_WORDML_RE = re.compile(rb"<w:wordDocument\b|progid=\"Word\.Document\"", re.I)
_HTML_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|div|p|table)\b", re.I)


def _ole_streams(data: bytes) -> set[str] | None:
    """Stream names of an OLE compound file, or None when the container cannot be parsed."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:
        return None
    try:
        return {"/".join(parts) for parts in ole.listdir(streams=True, storages=False)}
    finally:
        ole.close()


IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tif"),
    (b"MM\x00*", "tif"),
    (b"BM", "bmp"),
)


def sniff(data: bytes, suffix: str = "") -> str:
    """Format id of ``data``: docx, doc, wps, ooxml-encrypted, pdf, ofd, rtf, wordml, html, mht, txt, md,
    jpg, png, tif, bmp, zip, ole, binary.

    ``suffix`` (lower case, with dot) only breaks ties between formats the bytes cannot
    tell apart (.wps vs .doc, .md vs .txt).
    """
    head = data[:2048]
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return "zip-corrupt"
        if "word/document.xml" in names or any(n.endswith("document.xml") and n.startswith("word/") for n in names):
            return "docx"
        if "OFD.xml" in names or "ofd.xml" in {n.lower() for n in names}:
            return "ofd"
        return "zip"
    if head.startswith(OLE_MAGIC):
        streams = _ole_streams(data)
        if streams is None:
            # a damaged Word file: let the Word reader say whether it is truncated or corrupt
            return "wps" if suffix == ".wps" else ("doc" if suffix == ".doc" else "ole")
        if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
            return "ooxml-encrypted"
        if "WordDocument" in streams:
            return "wps" if suffix == ".wps" else "doc"
        return "ole"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, fmt in IMAGE_MAGIC:
        if head.startswith(magic) and (fmt != "bmp" or _is_bmp(head)):
            return fmt
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:5].lower() == b"{\\rtf":
        return "rtf"
    if (
        re.match(rb"(?is)(mime-version:|from:|content-type:\s*multipart/related)", stripped[:200])
        and b"multipart" in head.lower()
    ):
        return "mht"
    if stripped[:1] == b"<" and _WORDML_RE.search(head):
        return "wordml"  # Word 2003 XML ("save as XML"), often saved under a .doc name
    if _HTML_RE.search(stripped[:1024]) and stripped[:1] == b"<":
        return "html"
    if _looks_like_text(head):
        return "md" if suffix in (".md", ".markdown") else "txt"
    return "binary"


def _is_bmp(head: bytes) -> bool:
    """``BM`` followed by a plausible header (text may also start with the letters BM)."""
    return (
        len(head) >= 26
        and head[6:10] == b"\x00\x00\x00\x00"
        and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 108, 124)
    )


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    # UTF-16 without BOM: many NULs at alternating positions
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        even = head[0::2].count(b"\x00")
        odd = head[1::2].count(b"\x00")
        return abs(even - odd) > len(head) // 4
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls <= len(head) // 100
