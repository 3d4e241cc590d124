"""Readers: bytes of a submitted file to blocks of text with structure cues.

One module per format; :data:`READERS` maps a sniffed format id to ``"module:function"``
so that heavy libraries load only when a file of that format is read.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import stat
from pathlib import Path

from ..config import DEFAULT_CONFIG, Config
from ..errors import LimitExceeded, ReadError
from ..model import ReadResult, SourceInfo
from .base import Reader, ReaderOutput
from .sniff import sniff

READERS: dict[str, str] = {
    "docx": "cxzy_nlp.read.docx:read_docx",
    "doc": "cxzy_nlp.read.doc:read_doc",
    "wps": "cxzy_nlp.read.doc:read_doc",
    "pdf": "cxzy_nlp.read.pdf:read_pdf",
    "txt": "cxzy_nlp.read.txt:read_txt",
    "md": "cxzy_nlp.read.txt:read_txt",
    "rtf": "cxzy_nlp.read.rtf:read_rtf",
    "html": "cxzy_nlp.read.html:read_html",
    "mht": "cxzy_nlp.read.html:read_mht",
    "wordml": "cxzy_nlp.read.wordml:read_wordml",
    "ofd": "cxzy_nlp.read.ofd:read_ofd",
    "jpg": "cxzy_nlp.read.image:read_image",
    "png": "cxzy_nlp.read.image:read_image",
    "tif": "cxzy_nlp.read.image:read_image",
    "bmp": "cxzy_nlp.read.image:read_image",
}

SUPPORTED_SUFFIXES = (
    ".docx",
    ".doc",
    ".wps",
    ".pdf",
    ".ofd",
    ".txt",
    ".md",
    ".rtf",
    ".html",
    ".htm",
    ".mht",
    ".mhtml",
    ".jpg",
    ".jpeg",
    ".png",
    ".tif",
    ".tiff",
    ".bmp",
)
# Archives are not read as one file: the batch lists their members (see :mod:`cxzy_nlp.read.archive`).
ARCHIVE_SUFFIXES = (".zip",)


def get_reader(fmt: str) -> Reader:
    """The reader function registered for ``fmt``."""
    target = READERS.get(fmt)
    if target is None:
        raise ReadError(f"不支持的文件格式：{fmt}", code="unsupported-format")
    module_name, func_name = target.split(":")
    module = importlib.import_module(module_name)
    reader: Reader = getattr(module, func_name)
    return reader


def check_path(path: str | os.PathLike[str], config: Config = DEFAULT_CONFIG) -> int:
    """Reject what must not be opened (missing, not a regular file, empty, too large); return size."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReadError(f"文件不存在：{p}", code="not-found") from None
    except OSError as exc:
        raise ReadError(f"无法访问文件：{p}（{exc.strerror}）", code="not-found") from None
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(f"不是普通文件（目录、管道或设备），已跳过：{p}", code="not-regular-file")
    if st.st_size == 0:
        raise ReadError(f"文件为空：{p}", code="empty")
    if st.st_size > config.max_file_bytes:
        raise LimitExceeded(f"文件大小 {st.st_size} 字节超过上限 {config.max_file_bytes} 字节：{p}", code="too-large")
    return st.st_size


_EXPECTED_BY_SUFFIX = {
    ".docx": {"docx"},
    ".doc": {"doc", "rtf", "html", "mht", "docx", "txt", "wordml"},
    ".wps": {"wps", "doc", "docx", "rtf"},
    ".pdf": {"pdf"},
    ".ofd": {"ofd"},
    ".txt": {"txt"},
    ".md": {"md", "txt"},
}


def sniff_bytes(data: bytes, suffix: str) -> str:
    """Format id to read ``data`` with; raises for formats we cannot read."""
    fmt = sniff(data, suffix)
    if fmt == "ooxml-encrypted":
        raise ReadError("Word 文档已加密（设有打开密码），无法读取；请提交未加密的版本", code="encrypted")
    if fmt == "zip-corrupt":
        from .ooxml import zip_damage

        if zip_damage(data) == "truncated":
            raise ReadError("文件不完整（压缩包被截断），无法读取；请重新导出或重新上传", code="truncated")
        raise ReadError(f"文件是损坏的压缩包（{suffix.lstrip('.') or 'zip'}），无法读取", code="corrupt")
    if fmt == "zip" and suffix in (".docx", ".wps", ".doc"):
        raise ReadError(
            f"文件扩展名为 {suffix}，压缩包中却没有 Word 正文（word/document.xml），文件已损坏或不是 Word 文档",
            code="corrupt",
        )
    if fmt == "zip" and suffix == ".ofd":
        raise ReadError("文件扩展名为 .ofd，压缩包中却没有 OFD.xml 入口文件，文件已损坏或不是 OFD 文档", code="corrupt")
    if fmt == "zip" and suffix == ".zip":
        raise ReadError("压缩包不是单个文件，应按其中的文件逐个读取", code="unsupported-format")
    if fmt in ("zip", "ole", "binary"):
        expected = _EXPECTED_BY_SUFFIX.get(suffix)
        if expected:
            raise ReadError(
                f"文件扩展名为 {suffix}，但内容不是可识别的 {'/'.join(sorted(expected))} 文件（识别为 {fmt}）",
                code="type-mismatch",
            )
        raise ReadError(f"不支持的文件格式（识别为 {fmt}）", code="unsupported-format")
    if suffix in (".docx", ".docm", ".dotx", ".dotm") and fmt in ("txt", "md"):  # a Word package is never plain text
        raise ReadError(f"文件扩展名为 {suffix}，但内容不是 Word 文档（识别为文本）", code="type-mismatch")
    if suffix in (".pdf",) and fmt != "pdf":
        raise ReadError(f"文件扩展名为 .pdf，但内容是 {fmt}", code="type-mismatch")
    return fmt


def read_bytes(data: bytes, path: str = "<bytes>", config: Config = DEFAULT_CONFIG) -> ReadResult:
    """Read a file held in memory; ``path`` is used for messages and the suffix tie-break."""
    suffix = Path(path).suffix.lower()
    sha = hashlib.sha256(data).hexdigest()
    if not data:
        raise ReadError(f"文件为空：{path}", code="empty")
    fmt = sniff_bytes(data, suffix)
    out: ReaderOutput = get_reader(fmt)(data, config)
    source = SourceInfo(path=str(path), format=fmt, sha256=sha, size=len(data), pages=out.pages)
    return ReadResult(source=source, blocks=out.blocks, problems=out.problems, title=out.title)


def read_path(path: str | os.PathLike[str], config: Config = DEFAULT_CONFIG) -> ReadResult:
    """Read one file from disk into blocks. Raises :class:`ReadError` with a stable code."""
    check_path(path, config)
    data = Path(path).read_bytes()
    return read_bytes(data, str(path), config)


__all__ = [
    "ARCHIVE_SUFFIXES",
    "READERS",
    "SUPPORTED_SUFFIXES",
    "ReaderOutput",
    "check_path",
    "get_reader",
    "read_bytes",
    "read_path",
    "sniff",
]
