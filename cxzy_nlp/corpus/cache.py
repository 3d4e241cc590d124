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
import time
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


class ResultCache:
    """Content-hash cache of finished analyses in an embedded SQLite file.

    The key is the file's sha256, the package version and the run's settings (stages,
    profile), so a changed file, a new version or another profile is analysed again.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, sha256 TEXT, record TEXT, created REAL)"
        )
        self.db.commit()

    @staticmethod
    def key(sha256: str, settings: str) -> str:
        return f"{sha256}:{__version__}:{code_fingerprint()}:{settings}"

    def get(self, sha256: str, settings: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM results WHERE key=?", (self.key(sha256, settings),)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, sha256: str, settings: str, record: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO results VALUES (?,?,?,?)",
            (self.key(sha256, settings), sha256, json.dumps(record, ensure_ascii=False), time.time()),
        )
        self.db.commit()  # each finished result is durable: an interrupted run loses nothing

    def close(self) -> None:
        self.db.close()


def file_sha256(path: str) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def default_cache_path() -> Path:
    """``.cxzy-cache/results.sqlite`` in the current folder, or ``~/.cache/cxzy`` when that is not writable."""
    here = Path.cwd() / CACHE_FOLDER
    if os.access(Path.cwd(), os.W_OK) or here.is_dir():
        return here / CACHE_FILE
    return Path.home() / ".cache" / "cxzy" / CACHE_FILE


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

    def __init__(self, path: str | os.PathLike[str], profile: str | None = None):
        super().__init__(path)
        self.digest = rules_digest(profile)

    def key(self, sha256: str, settings: str) -> str:  # type: ignore[override]
        return f"{ResultCache.key(sha256, settings)}:{self.digest}"
