"""Zip archives of submissions: their members read one by one, each its own record.

The limits are those of the .docx reader (declared and actual expansion, ratio, total) plus
those an archive of files needs: member count, nesting depth (a zip inside the zip is read
as a folder), names that would leave the archive (``../``, absolute paths, drive letters).
Member names are decoded as the archiver wrote them: UTF-8 when flagged (or when the bytes
are valid UTF-8), else GBK/GB18030 as Windows archivers in China write them.
A member's record is named ``archive.zip!folder/file.docx``; its first folder is its
department, as a folder on disk is.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..config import DEFAULT_CONFIG, Config
from ..errors import CxzyError, LimitExceeded, ReadError

MAX_MEMBERS = 2000  # files in one archive, nested archives included
MAX_DEPTH = 3  # an archive inside an archive inside an archive, no deeper
SEPARATOR = "!"
JUNK_PREFIXES = ("__MACOSX/",)
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
_CHUNK = 1 << 16
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class ArchiveMember:
    """One file inside an archive: its path inside (``folder/file.docx``, nested ``a.zip!b/c.pdf``),
    its bytes, or the error that kept them from being read."""

    name: str
    data: bytes | None = None
    error: CxzyError | None = None

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name.rsplit(SEPARATOR, 1)[-1]).suffix.lower()

    @property
    def department(self) -> str | None:
        """The first folder of the member's path inside the outermost archive, if any."""
        parts = PurePosixPath(self.name.split(SEPARATOR, 1)[0]).parts
        return parts[0] if len(parts) > 1 else None

    def record_path(self, archive: str | os.PathLike[str]) -> str:
        """The name of this member's record: ``archive.zip!folder/file.docx``."""
        return f"{os.fspath(archive)}{SEPARATOR}{self.name}"


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its archiver meant it: UTF-8 when flagged or valid, else GB18030."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")  # how zipfile decoded the unflagged bytes
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def safe_name(name: str) -> str | None:
    """The normalised relative path of a member, or None when it would land outside the archive."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\x00" in name:
        return None
    norm = posixpath.normpath(name)
    if norm == ".." or norm.startswith("../") or norm.startswith("/"):
        return None
    return norm


def _is_junk(name: str) -> bool:
    base = PurePosixPath(name).name
    return name.startswith(JUNK_PREFIXES) or base.lower() in JUNK_NAMES or base.startswith(("._", "~$"))


def _bomb(message: str) -> LimitExceeded:
    return LimitExceeded(message, code="zip-bomb")


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        from .ooxml import zip_damage

        if zip_damage(data) == "truncated":
            raise ReadError(
                "压缩包不完整（文件被截断），无法读取；请重新上传", code="truncated", detail=str(exc)
            ) from None
        raise ReadError("压缩包已损坏，无法读取", code="corrupt", detail=str(exc)) from None


@dataclass
class _Budget:
    """What the whole archive (nested ones included) may still inflate and hold."""

    inflated: int = 0
    members: int = 0


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, config: Config, budget: _Budget) -> bytes:
    if info.flag_bits & 0x1:
        raise ReadError(f"压缩包中的文件 {name} 已加密，无法读取；请提交未加密的版本", code="encrypted")
    limit = min(config.max_file_bytes, config.max_inflated_bytes - budget.inflated)
    if info.file_size > config.max_file_bytes:
        raise LimitExceeded(
            f"压缩包中的文件 {name} 展开后 {info.file_size} 字节，超过单个文件上限 {config.max_file_bytes} 字节",
            code="too-large",
        )
    if info.file_size > limit:
        raise _bomb(f"压缩包展开超过上限 {config.max_inflated_bytes} 字节，疑似压缩炸弹（{name}）")
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as stream:
            for chunk in iter(lambda: stream.read(_CHUNK), b""):
                size += len(chunk)
                if size > info.file_size or size > limit:
                    raise _bomb(f"压缩包中的文件 {name} 实际大小超过声明的 {info.file_size} 字节，疑似压缩炸弹")
                if size > config.zip_ratio_floor_bytes and size > config.max_zip_ratio * max(info.compress_size, 1):
                    raise _bomb(f"压缩包中的文件 {name} 压缩比超过 {config.max_zip_ratio:g}:1，疑似压缩炸弹")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, ValueError, NotImplementedError) as exc:
        raise ReadError(f"压缩包中的文件 {name} 已损坏（压缩数据校验失败）", code="corrupt", detail=str(exc)) from None
    except EOFError as exc:
        raise ReadError(f"压缩包中的文件 {name} 不完整（被截断）", code="truncated", detail=str(exc)) from None
    budget.inflated += size
    return b"".join(chunks)


def iter_archive(
    source: bytes | str | os.PathLike[str],
    config: Config = DEFAULT_CONFIG,
    *,
    suffixes: tuple[str, ...] | None = None,
) -> Iterator[ArchiveMember]:
    """The members of a zip archive one by one, sorted by name; nested zips are opened in place.

    Raises :class:`ReadError` when the archive itself cannot be opened (corrupt, truncated, a
    bomb by its declared sizes, too many members). A member that cannot be read is yielded with
    its ``error`` (``unsafe-path``, ``encrypted``, ``zip-bomb``, ``too-large``, ``archive-too-deep``)
    so that it gets its own record. ``suffixes`` (default: the readable formats) filters members
    as a folder on disk is filtered.
    """
    from . import SUPPORTED_SUFFIXES

    if isinstance(source, bytes):
        data = source
    else:
        from . import check_path

        check_path(source, config)  # missing, not a file, empty, over the size limit
        data = Path(source).read_bytes()
    if len(data) > config.max_file_bytes:
        raise LimitExceeded(f"压缩包大小 {len(data)} 字节超过上限 {config.max_file_bytes} 字节", code="too-large")
    wanted = tuple(suffixes or SUPPORTED_SUFFIXES)
    yield from _members(data, config, wanted, prefix="", depth=1, budget=_Budget())


def _members(
    data: bytes, config: Config, wanted: tuple[str, ...], *, prefix: str, depth: int, budget: _Budget
) -> Iterator[ArchiveMember]:
    with _open(data) as zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        budget.members += len(infos)
        if budget.members > MAX_MEMBERS:
            raise LimitExceeded(f"压缩包内文件数超过上限 {MAX_MEMBERS} 个，已拒绝", code="archive-too-many-members")
        declared = sum(info.file_size for info in infos)
        if budget.inflated + declared > config.max_inflated_bytes:
            raise _bomb(f"压缩包展开后共 {declared} 字节，超过上限 {config.max_inflated_bytes} 字节，疑似压缩炸弹")
        named = sorted(((member_name(info), info) for info in infos), key=lambda pair: pair[0])
        for raw_name, info in named:
            name = safe_name(raw_name)
            if name is None:
                yield ArchiveMember(
                    prefix + raw_name,
                    error=ReadError(f"压缩包中的文件路径 {raw_name} 指向压缩包之外，已拒绝读取", code="unsafe-path"),
                )
                continue
            if _is_junk(name):
                continue
            suffix = PurePosixPath(name).suffix.lower()
            nested = suffix == ".zip"
            if not nested and suffix not in wanted:
                continue
            full = prefix + name
            try:
                if nested and depth >= MAX_DEPTH:
                    raise ReadError(f"压缩包嵌套超过 {MAX_DEPTH} 层（{full}），已拒绝读取", code="archive-too-deep")
                member_data = _read_member(zf, info, full, config, budget)
            except CxzyError as exc:
                yield ArchiveMember(full, error=exc)
                continue
            if not nested:
                yield ArchiveMember(full, data=member_data)
                continue
            try:
                yield from _members(
                    member_data, config, wanted, prefix=full + SEPARATOR, depth=depth + 1, budget=budget
                )
            except CxzyError as exc:
                yield ArchiveMember(full, error=exc)


def is_archive(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a zip archive of submissions (by suffix; the bytes are checked when opened)."""
    return Path(path).suffix.lower() == ".zip"


__all__ = ["MAX_DEPTH", "MAX_MEMBERS", "SEPARATOR", "ArchiveMember", "is_archive", "iter_archive", "member_name"]
