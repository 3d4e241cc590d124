"""The submissions index: an embedded SQLite store of every plan seen before.

One row per submitted file (path, sha256, department, year, document titles, the extracted
JSON record) and one row per passage (document, span, MinHash signature), so new plans can be
compared with earlier years and other departments (``cxzy dedup --against``, ``cxzy check --against``).
The schema is versioned in the ``meta`` table; an index of another version is refused with a clear message.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import ConfigError, CxzyError
from .model import Analysis

if TYPE_CHECKING:
    from .dedup.corpus import Corpus, Owner

SCHEMA_VERSION = "1"
DEFAULT_INDEX = ".cxzy-index.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused, so `index rm ID` is safe
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    department TEXT,
    year INTEGER,
    titles TEXT NOT NULL,          -- JSON list of document titles
    record TEXT NOT NULL,          -- the extracted JSON record (output contract)
    added REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    submission INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    signature BLOB NOT NULL        -- MinHash signature, uint32 little-endian
);
CREATE INDEX IF NOT EXISTS passages_submission ON passages(submission);
"""


class IndexStoreError(CxzyError):
    """The index file cannot be opened or has another schema version."""

    code = "index"


@dataclass(frozen=True)
class Submission:
    id: int
    path: str
    sha256: str
    department: str | None
    year: int | None
    titles: tuple[str, ...]
    added: float


class SubmissionIndex:
    """Open (or create) an index file; use as a context manager."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = str(path)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("PRAGMA foreign_keys=ON")
            self._check_version()
            self.db.executescript(_SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            self.db.commit()
        except sqlite3.DatabaseError as exc:
            raise IndexStoreError(f"无法打开查重索引 {self.path}：{exc}") from exc

    def _check_version(self) -> None:
        has_meta = self.db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            return
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row and row[0] != SCHEMA_VERSION:
            raise IndexStoreError(
                f"查重索引 {self.path} 的版本为 {row[0]}，本程序需要版本 {SCHEMA_VERSION}；请重新建立索引"
            )

    def __enter__(self) -> SubmissionIndex:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -------------------------------------------------------------- writing

    def add(self, analysis: Analysis, department: str | None = None, year: int | None = None) -> int | None:
        """Store one analysed file (replacing an earlier copy of the same bytes); None if it has no documents."""
        from .dedup.compare import DedupRules
        from .dedup.minhash import signatures
        from .dedup.passages import passage_spans, strip_key
        from .jsonio import analysis_to_dict

        if not analysis.documents or not analysis.source.sha256:
            return None
        titles = [d.title or "" for d in analysis.documents]
        record = json.dumps(analysis_to_dict(analysis), ensure_ascii=False)
        with self.db:
            self.db.execute("DELETE FROM submissions WHERE sha256=?", (analysis.source.sha256,))
            cur = self.db.execute(
                "INSERT INTO submissions (path, sha256, department, year, titles, record, added) VALUES (?,?,?,?,?,?,?)",
                (
                    analysis.source.path,
                    analysis.source.sha256,
                    department,
                    year,
                    json.dumps(titles, ensure_ascii=False),
                    record,
                    time.time(),
                ),
            )
            sid = int(cur.lastrowid or 0)
            rules = DedupRules()
            rows: list[tuple[int, int, int, int, str]] = []
            for i, doc in enumerate(analysis.documents):
                for span in passage_spans(analysis.text, doc.span, rules.passages):
                    key = strip_key(analysis.text[span[0] : span[1]])
                    if len(key) >= rules.passages.min_key_chars:
                        rows.append((sid, i, span[0], span[1], key))
            sigs = signatures([r[4] for r in rows], rules.minhash)  # plain MinHash: independent of any corpus
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('minhash', ?)", (repr(rules.minhash),))
            self.db.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?)",
                [(*r[:4], sig.astype("<u4").tobytes()) for r, sig in zip(rows, sigs, strict=True)],
            )
        return sid

    def remove(self, what: str) -> int:
        """Remove submissions by id, sha256 (or its prefix) or path; the number removed."""
        with self.db:
            if what.isdigit():
                cur = self.db.execute("DELETE FROM submissions WHERE id=?", (int(what),))
            else:
                cur = self.db.execute("DELETE FROM submissions WHERE path=? OR sha256 LIKE ?", (what, what + "%"))
        return cur.rowcount

    # -------------------------------------------------------------- reading

    def submissions(self) -> list[Submission]:
        rows = self.db.execute("SELECT id, path, sha256, department, year, titles, added FROM submissions ORDER BY id")
        return [Submission(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6]) for r in rows]

    def passage_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM passages").fetchone()[0])

    def analyses(self, exclude_sha256: Iterable[str] = ()) -> list[tuple[Analysis, Owner]]:
        """Every stored file as an Analysis with its owner, oldest first."""
        from .dedup.corpus import Owner
        from .jsonio import analysis_from_dict

        skip = set(exclude_sha256)
        out = []
        for sha, dept, year, record in self.db.execute(
            "SELECT sha256, department, year, record FROM submissions ORDER BY id"
        ):
            if sha in skip:
                continue
            analysis = analysis_from_dict(json.loads(record))
            out.append((analysis, Owner(dept, year)))
        return out

    def extend_corpus(self, corpus: Corpus, exclude_sha256: Iterable[str] = ()) -> None:
        """Add every indexed document to ``corpus`` (role ``index``), except files already in it."""
        for analysis, owner in self.analyses(exclude_sha256):
            corpus.add_analysis(analysis, role="index", owner=owner)


# ------------------------------------------------------------------ owners of new submissions


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Owner]:
    """A manifest CSV ``file,department,year`` (header optional) → owner per file path (resolved)."""
    from .dedup.corpus import Owner

    out: dict[str, Owner] = {}
    base = Path(path).parent
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if not row or row[0].strip().lower() in ("file", "文件", "path"):
                continue
            if len(row) < 2:
                raise ConfigError(f"清单 {path} 的行 {row!r} 至少需要“文件,部门”两列")
            year = row[2].strip() if len(row) > 2 else ""
            if year and not year.isdigit():
                raise ConfigError(f"清单 {path} 中 {row[0]} 的年份必须是数字，实际为 {year!r}")
            key = str((base / row[0].strip()).resolve())
            out[key] = Owner(row[1].strip() or None, int(year) if year else None)
    return out


def owner_for(
    path: str, department: str | None = None, year: int | None = None, manifest: Mapping[str, Owner] | None = None
) -> Owner:
    """Options first, then the manifest, then folder names."""
    from .dedup.corpus import Owner, owner_from_path

    listed = (manifest or {}).get(str(Path(path).resolve()))
    folders = owner_from_path(path)
    dept = department or (listed.department if listed else None) or folders.department
    yr = year or (listed.year if listed else None) or folders.year
    return Owner(dept, yr)
