"""The files a workbench holds: uploads and the served folder, their analyses and the reviewer's baseline.

Uploaded bytes are stored under names the server makes (content hash + a suffix from a fixed list);
the name a browser sends is only ever shown, never used as a path.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from .. import baseline as bl
from ..config import Config
from ..errors import CxzyError
from ..model import Analysis
from . import engine

Status = Literal["pending", "done", "failed"]
ZIP_SUFFIX = ".zip"
MANIFEST_HINTS = ("manifest", "清单", "名单", "名册")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ID_PATTERN = re.compile(r"^[0-9a-f]{16}$")


class UploadRejected(CxzyError):
    """An upload the workbench will not take (too large, too many files, unsupported type)."""

    code = "upload-rejected"


@dataclass(frozen=True)
class Limits:
    """What one workbench accepts."""

    max_request_bytes: int = 100 * 1024 * 1024  # one upload request
    max_files: int = 1000  # files held by the workspace
    max_files_per_request: int = 100
    max_zip_members: int = 500
    max_zip_bytes: int = 200 * 1024 * 1024  # all members of one .zip, inflated

    def __post_init__(self) -> None:
        for name in ("max_request_bytes", "max_files", "max_files_per_request", "max_zip_members", "max_zip_bytes"):
            if getattr(self, name) <= 0:
                raise CxzyError(f"设置 {name} 必须大于 0，实际为 {getattr(self, name)!r}", code="config")


@dataclass
class Entry:
    """One file of the workspace."""

    id: str  # first 16 hex digits of the content's SHA-256
    name: str  # as the reviewer knows it (file name or path inside a dropped folder / zip); display only
    department: str
    stored: Path  # where the bytes are: a server-named upload, or the file in the served folder
    size: int
    status: Status = "pending"
    analysis: Analysis | None = None
    added: float = field(default_factory=time.time)
    seconds: float | None = None  # time the last analysis took

    @property
    def suffix(self) -> str:
        return self.stored.suffix.lower()


def display_name(raw: str) -> str:
    """A name safe to show: NFC, no control characters, no empty or dot segments, at most 200 characters."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", raw or "")).replace("\\", "/")
    parts = [p.strip() for p in text.split("/") if p.strip() and p.strip() not in (".", "..")]
    name = "/".join(parts) or "未命名"
    return name[-200:]


def is_manifest(name: str) -> bool:
    base = PurePosixPath(name).name.lower()
    return base.endswith(".csv") and any(h in base for h in MANIFEST_HINTS)


def _zip_member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # not flagged UTF-8: Chinese Windows zips are GBK read as cp437
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _hidden_member(name: str) -> bool:
    """Resource forks and hidden files a zip tool adds (``__MACOSX/``, ``.DS_Store``), not submissions."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return not parts or "__MACOSX" in parts or parts[-1].startswith(".")


class Workspace:
    """Thread-safe holder of entries, the manifest and the baseline."""

    def __init__(
        self,
        upload_dir: Path,
        baseline_path: Path,
        *,
        folder: Path | None = None,
        config: Config | None = None,
        limits: Limits | None = None,
        reviewer: str = "",
    ) -> None:
        self.upload_dir = upload_dir
        self.folder = folder
        self.config = config or Config()
        self.limits = limits or Limits()
        self.reviewer = reviewer
        self.entries: dict[str, Entry] = {}
        self.manifest: dict[str, dict[str, str]] = {}
        self.baseline = bl.load(baseline_path)
        self.version = 0  # any change: files, analyses, manifest, decisions
        self.files_version = 0  # changes of files and analyses only (what the copy detector reads)
        self._lock = threading.RLock()
        self._summary: tuple[int, Any] | None = None
        self._copies: tuple[int, Any] | None = None
        upload_dir.mkdir(parents=True, exist_ok=True)

    # ---------------------------------------------------------------- adding files

    def scan_folder(self) -> list[Entry]:
        """Register the served folder's files (analysed later by :meth:`analyse_pending`)."""
        if self.folder is None:
            return []
        for candidate in sorted(self.folder.glob("*.csv")):
            if is_manifest(candidate.name) and candidate.is_file():
                self.manifest = engine.read_manifest(candidate)
                break
        added = []
        root = self.folder.resolve()
        for path in engine.iter_inputs(self.folder):
            p = Path(path)
            try:
                data_hash = _file_hash(p)
                size = p.stat().st_size
            except OSError:
                continue
            rel = p.resolve().relative_to(root)
            department = rel.parts[0] if len(rel.parts) > 1 else ""
            added.append(self._register(data_hash, rel.as_posix(), department, p, size))
        return added

    def add_upload(self, data: bytes, raw_name: str) -> list[Entry]:
        """Take one uploaded file (a .zip gives its members); returns the entries added or replaced."""
        name = display_name(raw_name)
        if len(data) > self.config.max_file_bytes:
            raise UploadRejected(f"文件过大：{name}（上限 {self.config.max_file_bytes // 1024 // 1024} MB）")
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ZIP_SUFFIX:
            return self._add_zip(data, name)
        if is_manifest(name):
            self._set_manifest(data)
            return []
        return [self._store(data, name)]

    def _store(self, data: bytes, name: str) -> Entry:
        suffix = PurePosixPath(name).suffix.lower()
        if suffix not in engine.SUPPORTED_SUFFIXES:
            raise UploadRejected(f"不支持的文件类型：{name}（支持 {'、'.join(engine.SUPPORTED_SUFFIXES)}、.zip）")
        if not data:
            raise UploadRejected(f"文件为空：{name}")
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            if digest[:16] not in self.entries and len(self.entries) >= self.limits.max_files:
                raise UploadRejected(f"工作台最多容纳 {self.limits.max_files} 个文件")
        stored = self.upload_dir / f"{digest[:16]}{suffix}"  # never the sent name
        if not stored.exists():
            tmp = stored.with_name(stored.name + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, stored)
        parent = PurePosixPath(name).parent.name
        return self._register(digest, name, parent, stored, len(data))

    def _add_zip(self, data: bytes, name: str) -> list[Entry]:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError):
            raise UploadRejected(f"压缩包已损坏或不是 zip 文件：{name}") from None
        members = [i for i in archive.infolist() if not i.is_dir()]
        members = [i for i in members if not _hidden_member(_zip_member_name(i))]
        if len(members) > self.limits.max_zip_members:
            raise UploadRejected(f"压缩包内文件过多：{len(members)} 个（上限 {self.limits.max_zip_members}）")
        total = sum(i.file_size for i in members)
        if total > self.limits.max_zip_bytes:
            raise UploadRejected(f"压缩包解压后过大（上限 {self.limits.max_zip_bytes // 1024 // 1024} MB）")
        for info in members:
            if info.compress_size and info.file_size / info.compress_size > self.config.max_zip_ratio:
                raise UploadRejected(f"压缩包内 {_zip_member_name(info)} 的压缩比异常，疑似压缩炸弹")
        added: list[Entry] = []
        stem = PurePosixPath(name).stem
        for info in members:
            member = display_name(f"{stem}/{_zip_member_name(info)}")
            suffix = PurePosixPath(member).suffix.lower()
            if info.flag_bits & 0x1:
                raise UploadRejected(f"压缩包已加密：{name}")
            with archive.open(info) as fh:
                body = fh.read(info.file_size + 1)
            if len(body) > info.file_size:  # the header lied about the size
                raise UploadRejected(f"压缩包内 {member} 的大小与记录不符")
            if is_manifest(member):
                self._set_manifest(body)
            elif suffix in engine.SUPPORTED_SUFFIXES and body:
                added.append(self._store(body, member))
        return added

    def _set_manifest(self, data: bytes) -> None:
        path = self.upload_dir / "manifest.csv"
        path.write_bytes(data)
        try:
            manifest = engine.read_manifest(path)
        except (UnicodeDecodeError, ValueError, CxzyError) as exc:
            raise UploadRejected(f"部门清单无法读取（应为 UTF-8 编码的 CSV）：{exc}") from None
        with self._lock:
            self.manifest = manifest
            for entry in self.entries.values():
                entry.department = self._department(entry.name, entry.department)
            self.version += 1
            self.files_version += 1

    def _department(self, name: str, fallback: str) -> str:
        row = self.manifest.get(name) or self.manifest.get(PurePosixPath(name).name)
        if row and row.get("department"):
            return row["department"]
        return fallback or "（未分组）"

    def _register(self, digest: str, name: str, folder_dept: str, stored: Path, size: int) -> Entry:
        with self._lock:
            ident = digest[:16]
            names = {e.name for e in self.entries.values() if e.id != ident}
            unique, n = name, 2
            while unique in names:
                unique, n = f"{name}（{n}）", n + 1
            entry = Entry(ident, unique, self._department(unique, folder_dept), stored, size)
            self.entries[ident] = entry
            self.version += 1
            self.files_version += 1
            return entry

    # ---------------------------------------------------------------- analysing

    def analyse(self, ids: Iterable[str]) -> list[Entry]:
        """(Re)analyse the given entries under the batch limits; returns them finished."""
        with self._lock:
            todo = {str(self.entries[i].stored): self.entries[i] for i in ids if i in self.entries}
            for entry in todo.values():
                entry.status = "pending"
            self.version += 1
            self.files_version += 1
        engine.warm_up()
        started = time.monotonic()
        for analysis in engine.analyse_paths(list(todo), self.config):
            entry = todo[analysis.source.path]
            shown = replace(analysis, source=replace(analysis.source, path=entry.name))
            with self._lock:
                entry.analysis = shown
                entry.status = "failed" if analysis.errors else "done"
                entry.seconds = time.monotonic() - started
                self.version += 1
                self.files_version += 1
        return list(todo.values())

    def analyse_pending(self) -> list[Entry]:
        with self._lock:
            pending = [e.id for e in self.entries.values() if e.status == "pending"]
        return self.analyse(pending) if pending else []

    # ---------------------------------------------------------------- reading

    def get(self, ident: str) -> Entry | None:
        if not ID_PATTERN.match(ident or ""):
            return None
        with self._lock:
            return self.entries.get(ident)

    def files(self) -> list[Entry]:
        with self._lock:
            return list(self.entries.values())

    def missing(self) -> list[dict[str, str]]:
        """Manifest rows with no submitted file."""
        with self._lock:
            names = {PurePosixPath(e.name).name for e in self.entries.values()} | {
                e.name for e in self.entries.values()
            }
            seen: set[int] = set()
            out = []
            for key, row in self.manifest.items():
                if id(row) in seen:
                    continue
                seen.add(id(row))
                if key not in names and PurePosixPath(key).name not in names:
                    out.append(row)
            return out

    def reviewed(self, entry: Entry) -> Analysis | None:
        """The entry's analysis with dismissed findings removed (what downloads and the API give)."""
        if entry.analysis is None:
            return None
        with self._lock:
            return bl.apply([entry.analysis], self.baseline)[0]

    def marks(self, entry: Entry) -> list[list[bl.Marked]]:
        if entry.analysis is None:
            return []
        with self._lock:
            return bl.mark(entry.analysis, self.baseline)

    def record(self, entry: Entry) -> dict[str, Any]:
        """The output contract's record of the entry, dismissed findings removed, plus the workbench's id."""
        analysis = self.reviewed(entry)
        record = engine.analysis_record(analysis) if analysis else {"source": {"path": entry.name}, "documents": []}
        record["id"] = entry.id
        record["department"] = entry.department
        record["status"] = entry.status
        return record

    def summary(self) -> Any:
        """Comparison tables over the finished entries (dismissed findings removed); cached per change.

        Copy links are worked out again only when files or analyses change, not on each decision.
        """
        with self._lock:
            if self._summary and self._summary[0] == self.version:
                return self._summary[1]
            version, files_version = self.version, self.files_version
            done = [e for e in self.entries.values() if e.analysis is not None]
            analyses = bl.apply([e.analysis for e in done if e.analysis is not None], self.baseline)
            departments = {e.name: e.department for e in done}
            copies = self._copies[1] if self._copies and self._copies[0] == files_version else None
        if copies is None:
            copies = engine.copy_links(analyses)
        summary = engine.summarise(analyses, departments, copies)
        with self._lock:
            self._summary = (version, summary)
            self._copies = (files_version, copies)
        return summary

    # ---------------------------------------------------------------- decisions

    def decide(
        self, entry: Entry, identity: str, decision: str | None, reason: str = "", reviewer: str = ""
    ) -> bl.Decision | None:
        """Record (or with ``decision`` None, withdraw) the reviewer's decision on one finding; saved at once."""
        if entry.analysis is None:
            raise UploadRejected("该文件尚未检查完毕")
        with self._lock:
            for doc, marks in zip(entry.analysis.documents, bl.mark(entry.analysis, self.baseline), strict=True):
                for m in marks:
                    if m.identity != identity:
                        continue
                    made: bl.Decision | None = None
                    if decision is None:
                        self.baseline.forget(identity)
                    else:
                        if decision not in bl.DECISIONS:
                            raise UploadRejected(f"审阅结论只能是 accepted 或 dismissed：{decision!r}")
                        made = bl.make_decision(
                            m.finding,
                            doc,
                            entry.analysis,
                            decision,
                            reason,
                            reviewer or self.reviewer,  # type: ignore[arg-type]
                        )
                        self.baseline.decide(made)
                    bl.save(self.baseline)
                    self.version += 1  # the copy links stay valid: files_version is unchanged
                    return made
        raise KeyError(identity)


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
