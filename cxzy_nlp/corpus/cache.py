"""The result cache: finished analyses keyed by file content, code and settings, in SQLite.

A key holds the file's sha256, the package version, a fingerprint of the package's code, data
and models, the run's settings (stages, profile) and, for checks, a fingerprint of the rule data
and of a user profile file: any change to one of them analyses the file again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__

CACHE_FOLDER = ".cxzy-cache"
CACHE_FILE = "results.sqlite"
_RULE_DATA = ("checks.yaml", "era.yaml", "placeholders.yaml", "residue.yaml", "stock_phrases.yaml")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the package's code, data and models (names, sizes, modification times).

    Part of every cache key, so a result computed by other code (a new release, a local edit,
    a retrained model) is never served from the cache.
    """
    root = Path(__file__).resolve().parents[1]  # the cxzy_nlp package
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".txt") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


_COLUMNS = ("key", "sha256", "record", "created")


def warn_stderr(message: str) -> None:
    """Print a warning on stderr (control characters and undecodable bytes escaped)."""
    from .escape import printable

    print(f"cxzy: {printable(message)}", file=sys.stderr, flush=True)


def set_aside(path: str, reason: str, warn: Callable[[str], None]) -> str | None:
    """Rename a damaged or foreign store (and its ``-wal``/``-shm`` files) beside itself; the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = f"{path}.damaged-{stamp}-{os.getpid()}"
    try:
        os.replace(path, target)
    except OSError as exc:
        warn(f"{path} 无法使用（{reason}），也无法改名（{exc.strerror}）")
        return None
    for extra in ("-wal", "-shm"):
        try:
            os.replace(path + extra, target + extra)
        except OSError:
            pass
    warn(f"{path} 已损坏或不是本程序的文件（{reason}），已改名为 {target}，本次重新建立")
    return target


class ResultCache:
    """Content-hash cache of finished analyses in an embedded SQLite file.

    The key is the file's sha256, the package version and the run's settings (stages,
    profile), so a changed file, a new version or another profile is analysed again.
    A cache that is damaged or foreign is set aside (renamed, with a warning) and started
    afresh; one that fails mid-run (a full disk, a lock held too long) is left alone and the
    run goes on without it. The cache never stops a run.
    """

    def __init__(self, path: str | os.PathLike[str], warn: Callable[[str], None] = warn_stderr):
        self.path = str(path)
        self.warn = warn
        self.db: sqlite3.Connection | None = None
        self.enabled = True
        try:
            self.db = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            self._close_quietly()
            if Path(self.path).is_file() and set_aside(self.path, str(exc), warn) is not None:
                try:
                    self.db = self._open()
                    return
                except (sqlite3.DatabaseError, OSError) as again:
                    exc = again
                    self._close_quietly()
            self._give_up(f"无法打开缓存 {self.path}（{exc}）")

    def _open(self) -> sqlite3.Connection:
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)  # concurrent runs share the file: wait for a lock
        self.db = db
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, sha256 TEXT, record TEXT, created REAL)")
        db.commit()
        columns = tuple(row[1] for row in db.execute("PRAGMA table_info(results)"))
        if columns != _COLUMNS:
            raise sqlite3.DatabaseError(f"结果表的列为 {', '.join(columns)}")
        db.execute("SELECT count(*) FROM results").fetchone()
        return db

    def _close_quietly(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None

    def _give_up(self, message: str) -> None:
        self.enabled = False
        self._close_quietly()
        self.warn(f"{message}，本次不再使用缓存")

    def _failed(self, exc: BaseException) -> None:
        """A failure mid-run: damage sets the file aside (the next run starts afresh); anything else
        (a full disk, a lock) leaves it; either way this run goes on without the cache."""
        text = str(exc)
        if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
            self._close_quietly()
            set_aside(self.path, text, self.warn)
        self._give_up(f"缓存 {self.path} 出错（{text}）")

    @staticmethod
    def key(sha256: str, settings: str) -> str:
        return f"{sha256}:{__version__}:{code_fingerprint()}:{settings}"

    def get(self, sha256: str, settings: str) -> dict[str, Any] | None:
        if not self.enabled or self.db is None:
            return None
        try:
            row = self.db.execute("SELECT record FROM results WHERE key=?", (self.key(sha256, settings),)).fetchone()
            record = json.loads(row[0]) if row else None
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return None
        except (ValueError, TypeError):  # a poisoned row
            self.drop(sha256, settings)
            return None
        return record if isinstance(record, dict) else None

    def put(self, sha256: str, settings: str, record: dict[str, Any]) -> None:
        if not self.enabled or self.db is None:
            return
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO results VALUES (?,?,?,?)",
                (self.key(sha256, settings), sha256, json.dumps(record, ensure_ascii=True), time.time()),
            )
            self.db.commit()  # each finished result is durable: an interrupted run loses nothing
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)

    def drop(self, sha256: str, settings: str) -> None:
        """Forget one entry (a row that could not be read back)."""
        if not self.enabled or self.db is None:
            return
        try:
            self.db.execute("DELETE FROM results WHERE key=?", (self.key(sha256, settings),))
            self.db.commit()
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)

    def close(self) -> None:
        self._close_quietly()


def file_sha256(path: str) -> str | None:
    """The sha256 of a regular file (None for anything else: a FIFO or a device is never read)."""
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            h = hashlib.sha256()
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def default_cache_path() -> Path:
    """The result cache in the user's cache folder (``~/.cache/cxzy`` on Linux), never in the folder checked."""
    try:
        from platformdirs import user_cache_dir

        folder = Path(user_cache_dir("cxzy", appauthor=False))
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "cxzy"
    return folder / CACHE_FILE


@lru_cache(maxsize=1)
def _builtin_rules_digest() -> str:
    h = hashlib.sha256()
    package = resources.files("cxzy_nlp")
    for name in _RULE_DATA:
        h.update(package.joinpath(f"data/{name}").read_bytes())
    for item in sorted(package.joinpath("profiles").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            h.update(item.read_bytes())
    return h.hexdigest()[:16]


def rules_digest(profile: str | None) -> str:
    """A fingerprint of the rule data, the built-in profiles and a user profile file's content."""
    h = hashlib.sha256(_builtin_rules_digest().encode())
    if profile and Path(profile).is_file():
        h.update(Path(profile).read_bytes())
    return h.hexdigest()[:16]


class CheckCache(ResultCache):
    """The result cache, keyed also by the rules' fingerprint: edited rule data re-checks files."""

    def __init__(
        self, path: str | os.PathLike[str], profile: str | None = None, warn: Callable[[str], None] = warn_stderr
    ):
        super().__init__(path, warn)
        self.digest = rules_digest(profile)

    def key(self, sha256: str, settings: str) -> str:  # type: ignore[override]
        return f"{ResultCache.key(sha256, settings)}:{self.digest}"
