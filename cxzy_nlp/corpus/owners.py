"""Who submitted each file: department and year, from options, a manifest or the folder layout.

One rule for every command (``report``, ``dedup``, ``index add``, ``check --against``), first match wins:

1. options given for the whole run (``cxzy index add -d 教育局 -y 2024``);
2. a manifest CSV: ``file,department,year`` (header optional; Chinese headers 文件/部门/单位/年份/年度
   accepted; the file relative to the manifest's folder, or a bare file name when it is unique);
3. the folders between the folder named on the command line and the file: a folder named like a
   year (1900–2099) gives the year, the first other folder the department::

       root/教育局/plan.docx        → 教育局
       root/教育局/2024/plan.docx   → 教育局, 2024
       root/2024/教育局/plan.docx   → 教育局, 2024
       root/教育局/小学/plan.docx   → 教育局 (deeper folders belong to the department)

4. for a file named by itself or lying directly in the named folder: its last two folders when one
   of them is a year (``…/教育局/2024/plan.docx``, ``…/2024/教育局/plan.docx``);
5. otherwise unknown (``None``): a flat folder of many departments' files is not one department.

A field the manifest leaves empty falls through to the folders.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath

from ..errors import ConfigError
from ..submitter import Owner

__all__ = ["Owner", "owner_from_folders", "read_manifest", "resolve_owner", "resolve_owners"]

YEAR_DIR = re.compile(r"^(19|20)\d{2}$")
_COLUMNS = {
    "file": "file",
    "path": "file",
    "文件": "file",
    "路径": "file",
    "department": "department",
    "部门": "department",
    "单位": "department",
    "year": "year",
    "年份": "year",
    "年度": "year",
}


class Manifest:
    """Owners listed in a manifest CSV, looked up by path (or by bare file name when unique)."""

    def __init__(self, by_path: Mapping[str, Owner], by_name: Mapping[str, Owner], expected: Sequence[str] = ()):
        self.by_path = dict(by_path)
        self.by_name = dict(by_name)
        self.expected = tuple(expected)  # departments named on a row without a file (the submission board)

    def get(self, path: str | os.PathLike[str]) -> Owner | None:
        listed = self.by_path.get(str(Path(path).resolve()))
        return listed if listed is not None else self.by_name.get(Path(path).name)

    def __len__(self) -> int:
        return len(self.by_path)


MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_FIELD_CHARS = 4096  # a path, a department or a year; more is not a manifest


def manifest_text(path: str | os.PathLike[str]) -> str:
    """The manifest's text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Excel's
    "CSV" on Chinese Windows). A FIFO, a device, a binary or an oversized file is a :class:`ConfigError`."""
    import stat

    p = Path(path)
    try:
        st = os.stat(p)  # before opening: opening a FIFO waits for a writer
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError(f"部门清单 {path} 不是普通文件")
        if st.st_size > MAX_MANIFEST_BYTES:
            raise ConfigError(f"部门清单 {path} 超过 {MAX_MANIFEST_BYTES // 1048576} MB 的上限")
        with open(p, "rb") as fh:
            data = fh.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"无法读取部门清单 {path}：{exc.strerror or exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codecs = ["utf-16"]
    elif b"\x00" in data:
        raise ConfigError(f"部门清单 {path} 不是文本文件（CSV）；请在 Excel 中“另存为 CSV”")
    else:
        codecs = ["utf-8-sig", "gb18030"]
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(ch < " " and ch not in "\t\r\n" for ch in text):
            break
        return text
    raise ConfigError(f"部门清单 {path} 不是可识别的文本（UTF-8、UTF-16 或 GB18030 编码的 CSV）")


def read_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read a manifest CSV; a bad year or a row without a department column is a :class:`ConfigError`."""
    import io

    p = Path(path)
    text = manifest_text(p)
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(MAX_FIELD_CHARS)
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row and any(c.strip() for c in row)]
    except csv.Error as exc:
        raise ConfigError(f"部门清单 {path} 格式错误（{exc}）；每格不超过 {MAX_FIELD_CHARS} 个字符") from None
    finally:
        csv.field_size_limit(limit)
    columns = ["file", "department", "year"]
    if rows and _COLUMNS.get(rows[0][0].strip().lower()) == "file":
        columns = [_COLUMNS.get(c.strip().lower(), c.strip()) for c in rows.pop(0)]
    at = {name: i for i, name in reversed(list(enumerate(columns)))}
    if "department" not in at:
        raise ConfigError(f"清单 {path} 需要“部门”（department）一列")
    by_path: dict[str, Owner] = {}
    names: dict[str, list[Owner]] = {}
    expected: list[str] = []
    for row in rows:
        cell = {name: (row[i].strip() if i < len(row) else "") for name, i in at.items()}
        if not cell.get("file"):
            if cell.get("department") and cell["department"] not in expected:
                expected.append(cell["department"])
            continue
        if len(row) <= at["department"]:
            raise ConfigError(f"清单 {path} 的行 {row!r} 至少需要“文件,部门”两列")
        year = cell.get("year", "")
        if year and not year.isdigit():
            raise ConfigError(f"清单 {path} 中 {cell['file']} 的年份必须是数字，实际为 {year!r}")
        owner = Owner(cell["department"] or None, int(year) if year else None)
        by_path[str((p.parent / cell["file"]).resolve())] = owner
        names.setdefault(PurePath(cell["file"]).name, []).append(owner)
    by_name = {name: owners[0] for name, owners in names.items() if len(set(owners)) == 1}
    return Manifest(by_path, by_name, expected)


def _from_two_folders(folders: Sequence[str]) -> Owner:
    last = list(folders[-2:])
    year = next((int(p) for p in reversed(last) if YEAR_DIR.match(p)), None)
    if len(last) < 2 or year is None:
        return Owner(None, year)
    dept = last[0] if YEAR_DIR.match(last[1]) else last[1]
    return Owner(None if YEAR_DIR.match(dept) else dept, year)


def owner_from_folders(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Owner:
    """Department and year from folder names (rules 3–5 of the module docstring).

    A member of a zip archive (``a.zip!教育局/2024/plan.docx``) takes them from the folders inside the
    archive, like folders on disk; without folders inside, from the archive's own place, and the archive's
    name is the department when nothing else names one (``教育局.zip``).
    """
    from ..read.archive import split_member_path

    inside = split_member_path(path)
    if inside is not None:
        archive, member = inside
        folders = [p for p in PurePath(member.replace("!", "/")).parts[:-1] if not p.lower().endswith(".zip")]
        year = next((int(p) for p in reversed(folders) if YEAR_DIR.match(p)), None)
        dept = next((p for p in folders if not YEAR_DIR.match(p)), None)
        if dept is not None:
            return Owner(dept, year)
        outside = owner_from_folders(archive, root) if Path(archive) != Path(root or "") else Owner(None, None)
        return Owner(outside.department or Path(archive).stem, year or outside.year)
    below: tuple[str, ...] = ()
    if root is not None:
        try:
            below = Path(path).resolve().relative_to(Path(root).resolve()).parts[:-1]
        except ValueError:
            pass
    return _from_folders_below(path, below)


def _from_folders_below(path: str | os.PathLike[str], below: Sequence[str]) -> Owner:
    """Rules 3–5 for a file on disk, ``below`` the folders between the named root and the file."""
    if below:
        year = next((int(p) for p in reversed(below) if YEAR_DIR.match(p)), None)
        dept = next((p for p in below if not YEAR_DIR.match(p)), None)
        if dept is not None:
            return Owner(dept, year)
    return _from_two_folders(PurePath(path).parts[:-1])


def _root_of(path: str, roots: Sequence[Path]) -> Path | None:
    """The deepest named folder that holds ``path``."""
    return _deepest(Path(path).resolve(), roots)


def _deepest(resolved: Path, roots: Sequence[Path]) -> Path | None:
    best: Path | None = None
    for root in roots:
        if resolved.is_relative_to(root) and (best is None or len(root.parts) > len(best.parts)):
            best = root
    return best


def _owner_on_disk(path: str, folders: Sequence[Path]) -> Owner:
    """:func:`owner_from_folders` under the deepest of ``folders`` (resolved) holding ``path``, resolving
    the file once (a batch resolves hundreds)."""
    from ..read.archive import split_member_path

    if split_member_path(path) is not None:
        return owner_from_folders(path, _root_of(path, folders))
    resolved = Path(path).resolve()
    root = _deepest(resolved, folders)
    return _from_folders_below(path, resolved.relative_to(root).parts[:-1] if root is not None else ())


def _named_folders(roots: Sequence[str | os.PathLike[str]]) -> list[Path]:
    return [Path(r).resolve() for r in roots if Path(r).is_dir()]


def _resolve(
    path: str, folders: Sequence[Path], manifest: Manifest | None, department: str | None, year: int | None
) -> Owner:
    listed = manifest.get(path) if manifest is not None else None
    found = _owner_on_disk(path, folders)
    return Owner(
        department or (listed.department if listed else None) or found.department,
        year or (listed.year if listed else None) or found.year,
    )


def resolve_owner(
    path: str,
    roots: Sequence[str | os.PathLike[str]] = (),
    manifest: Manifest | None = None,
    department: str | None = None,
    year: int | None = None,
) -> Owner:
    """The owner of one file: options, then manifest, then folders (see the module docstring)."""
    return _resolve(path, _named_folders(roots), manifest, department, year)


def resolve_owners(
    files: Iterable[str],
    roots: Sequence[str | os.PathLike[str]] = (),
    manifest: Manifest | str | os.PathLike[str] | None = None,
    department: str | None = None,
    year: int | None = None,
) -> dict[str, Owner]:
    """The owner of every file; ``roots`` are the paths named on the command line."""
    if manifest is not None and not isinstance(manifest, Manifest):
        manifest = read_manifest(manifest)
    folders = _named_folders(roots)
    return {f: _resolve(f, folders, manifest, department, year) for f in files}
