"""Safety checks on a zip/OOXML package before and while any of it is parsed.

:func:`open_package` refuses a package before a byte is inflated when its central
directory declares a zip bomb (an entry inflating more than ``config.max_zip_ratio``
times once past ``config.zip_ratio_floor_bytes``, or more than
``config.max_inflated_bytes`` in total), encrypted entries, or a broken or truncated
archive. :meth:`OoxmlPackage.read` also counts the bytes actually inflated, so a lying
central directory cannot get past the limits. :meth:`OoxmlPackage.xml` refuses any part
with a DTD (``<!DOCTYPE``) and parses with entity resolution and network access off.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType

from lxml import etree

from ..config import Config
from ..errors import LimitExceeded, ReadError

EOCD_SIGNATURE = b"PK\x05\x06"
LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_CHUNK = 64 * 1024
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")) + tuple(
    "<!doctype".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")
)

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def _zip_bomb(message: str) -> LimitExceeded:
    return LimitExceeded(message, code="zip-bomb")


def zip_damage(data: bytes) -> str:
    """``truncated`` when ``data`` starts like a zip but its end record is missing, else ``corrupt``."""
    if data.startswith(LOCAL_HEADER_SIGNATURE) and EOCD_SIGNATURE not in data[-(65536 + 22) :]:
        return "truncated"
    return "corrupt"


def _damaged(data: bytes, detail: str) -> ReadError:
    code = zip_damage(data)
    if code == "truncated":
        return ReadError(
            "Word 文档不完整（文件被截断），无法读取；请重新导出或重新上传", code="truncated", detail=detail
        )
    return ReadError("Word 文档已损坏（压缩包结构错误），无法读取", code="corrupt", detail=detail)


def check_declared_sizes(infos: list[zipfile.ZipInfo], config: Config) -> None:
    """Reject a zip bomb from the sizes its central directory declares, before inflating anything."""
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError(
                "Word 文档的压缩包条目已加密，无法读取；请提交未加密的版本", code="encrypted", detail=info.filename
            )
        total += info.file_size
        if info.file_size > config.zip_ratio_floor_bytes and info.file_size > config.max_zip_ratio * max(
            info.compress_size, 1
        ):
            raise _zip_bomb(
                f"压缩包条目 {info.filename} 展开后 {info.file_size} 字节，压缩比超过 {config.max_zip_ratio:g}:1，疑似压缩炸弹"
            )
    if total > config.max_inflated_bytes:
        raise _zip_bomb(f"压缩包展开后共 {total} 字节，超过上限 {config.max_inflated_bytes} 字节，疑似压缩炸弹")


@dataclass
class OoxmlPackage:
    """An opened OOXML zip whose parts are read under the run's expansion limits."""

    data: bytes
    config: Config
    zf: zipfile.ZipFile
    inflated: int = 0
    _infos: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._infos = {info.filename: info for info in self.zf.infolist()}

    def __enter__(self) -> OoxmlPackage:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.zf.close()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The inflated bytes of part ``name``, counted against the expansion limits."""
        info = self._infos.get(name)
        if info is None:
            raise ReadError(f"Word 文档缺少部件 {name}", code="corrupt")
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zf.open(info) as stream:
                for chunk in iter(lambda: stream.read(_CHUNK), b""):
                    size += len(chunk)
                    self._check_inflated(info, size)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, ValueError, NotImplementedError) as exc:
            raise ReadError("Word 文档已损坏（压缩数据校验失败），无法读取", code="corrupt", detail=str(exc)) from None
        except EOFError as exc:
            raise ReadError("Word 文档不完整（文件被截断），无法读取", code="truncated", detail=str(exc)) from None
        self.inflated += size
        return b"".join(chunks)

    def _check_inflated(self, info: zipfile.ZipInfo, size: int) -> None:
        config = self.config
        if self.inflated + size > config.max_inflated_bytes:
            raise _zip_bomb(f"压缩包展开超过上限 {config.max_inflated_bytes} 字节，疑似压缩炸弹")
        if size > config.zip_ratio_floor_bytes and size > config.max_zip_ratio * max(info.compress_size, 1):
            raise _zip_bomb(f"压缩包条目 {info.filename} 实际压缩比超过 {config.max_zip_ratio:g}:1，疑似压缩炸弹")
        if size > info.file_size:
            raise _zip_bomb(f"压缩包条目 {info.filename} 实际大小超过声明的 {info.file_size} 字节")

    def xml(self, name: str | None) -> etree._Element | None:
        """Part ``name`` parsed safely (no DTD, no entities, no network); None when absent."""
        if name is None or name not in self._infos:
            return None
        return parse_xml(self.read(name), name)

    def relationships(self, source: str) -> Iterator[tuple[str, str]]:
        """``(type, part name)`` of the internal relationships of part ``source`` ("" for the package)."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        root = self.xml(rels_name)
        if root is None:
            return
        for rel in root.iterchildren(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            yield rel.get("Type", ""), name


def parse_xml(raw: bytes, name: str = "part") -> etree._Element:
    """Parse one XML part; refuse a DTD and treat malformed XML as a corrupt file."""
    if any(marker in raw for marker in _DOCTYPE_MARKERS):
        raise ReadError(f"OOXML 部件 {name} 中含有 DTD 声明（<!DOCTYPE），出于安全考虑已拒绝解析", code="dtd-forbidden")
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"Word 文档的 {name} 部件不是合法的 XML，文件已损坏", code="corrupt", detail=str(exc)) from None
    if root is None:
        raise ReadError(f"Word 文档的 {name} 部件为空，文件已损坏", code="corrupt")
    if root.getroottree().docinfo.doctype:
        raise ReadError(f"OOXML 部件 {name} 中含有 DTD 声明，出于安全考虑已拒绝解析", code="dtd-forbidden")
    return root


def open_package(data: bytes, config: Config) -> OoxmlPackage:
    """Open ``data`` as an OOXML zip after checking it is whole and not a zip bomb."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise _damaged(data, str(exc)) from None
    try:
        check_declared_sizes(zf.infolist(), config)
    except ReadError:
        zf.close()
        raise
    return OoxmlPackage(data=data, config=config, zf=zf)


__all__ = ["OoxmlPackage", "check_declared_sizes", "open_package", "parse_xml", "zip_damage"]
