"""The submissions index: an embedded SQLite store of every plan seen before.

One row per submitted file (path, sha256, department, year, document titles, the extracted
JSON record) and one row per passage (document, span, MinHash signature), so new plans can be
compared with earlier years and other departments (``cxzy dedup --against``, ``cxzy check --against``).
The schema is versioned in the ``meta`` table; an index of another version is refused with a clear message.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..config import DEFAULT_CONFIG, Config
from ..dedup.corpus import Corpus, Owner
from ..errors import ConfigError, CxzyError
from ..model import Analysis
from .cache import set_aside, warn_stderr

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


_TABLES = {
    "submissions": ("id", "path", "sha256", "department", "year", "titles", "record", "added"),
    "passages": ("submission", "doc", "start", "end", "signature"),
}


class SubmissionIndex:
    """Open (or create) an index file; use as a context manager.

    A file that is damaged, not an index, or an index of another layout or version is set aside
    (renamed beside itself, with a warning) and a new index is started: the run goes on without it.
    """

    def __init__(self, path: str | os.PathLike[str], warn: Callable[[str], None] = warn_stderr):
        self.path = str(path)
        self.warn = warn
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._open()
        except (sqlite3.DatabaseError, IndexStoreError) as exc:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            reason = exc.message if isinstance(exc, IndexStoreError) else str(exc)
            if not Path(self.path).is_file() or set_aside(self.path, reason, warn) is None:
                raise IndexStoreError(f"无法打开查重索引 {self.path}：{reason}") from exc
            try:
                self._open()
            except sqlite3.DatabaseError as again:
                raise IndexStoreError(f"无法打开查重索引 {self.path}：{again}") from again

    def _open(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA foreign_keys=ON")
        self._check_version()
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        self.db.commit()
        for table, columns in _TABLES.items():
            found = tuple(row[1] for row in self.db.execute(f"PRAGMA table_info({table})"))
            if found != columns:
                raise IndexStoreError(f"表 {table} 的列为 {', '.join(found)}，不是本程序的索引格式")

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
        from ..dedup.compare import DedupRules
        from ..dedup.minhash import signatures
        from ..dedup.passages import passage_spans, strip_key
        from ..jsonio import analysis_to_dict

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
        out = []
        for r in rows:
            try:
                titles = tuple(str(t) for t in json.loads(r[5]))
            except (ValueError, TypeError):
                titles = ("（标题无法读取）",)
            out.append(
                Submission(r[0], str(r[1]), str(r[2]), r[3], r[4] if isinstance(r[4], int) else None, titles, r[6])
            )
        return out

    def passage_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM passages").fetchone()[0])

    def analyses(self, exclude_sha256: Iterable[str] = ()) -> list[tuple[Analysis, Owner]]:
        """Every stored file as an Analysis with its owner, oldest first."""
        from ..jsonio import analysis_from_dict

        skip = set(exclude_sha256)
        out = []
        damaged = 0
        for sha, dept, year, record in self.db.execute(
            "SELECT sha256, department, year, record FROM submissions ORDER BY id"
        ):
            if sha in skip:
                continue
            try:
                analysis = analysis_from_dict(json.loads(record))
            except Exception:
                damaged += 1
                continue
            out.append((analysis, Owner(dept, year if isinstance(year, int) else None)))
        if damaged:
            self.warn(f"查重索引 {self.path} 中有 {damaged} 条记录已损坏，本次比对未使用这些记录")
        return out

    def extend_corpus(self, corpus: Corpus, exclude_sha256: Iterable[str] = ()) -> None:
        """Add every indexed document to ``corpus`` (role ``index``), except files already in it."""
        for analysis, owner in self.analyses(exclude_sha256):
            corpus.add_analysis(analysis, role="index", owner=owner)


def extend_with_index(corpus: Corpus, against: str | os.PathLike[str] | None) -> Corpus:
    """``corpus`` plus every submission of the index ``against`` (when given).

    Entries with the same text as an input are kept: :func:`cxzy_nlp.dedup.compare` leaves out only the same
    file checked again (same text and path), so an unchanged resubmission is reported against its earlier entry.
    """
    if against:
        if not Path(against).is_file():
            raise IndexStoreError(f"找不到查重索引：{against}")
        with SubmissionIndex(against) as index:
            index.extend_corpus(corpus)
    return corpus


# ------------------------------------------------------------------ the `cxzy index` commands


@dataclass(frozen=True)
class Added:
    """One file given to ``index add``: its owner and its submission id (None when not stored)."""

    path: str
    owner: Owner
    id: int | None
    reason: str = ""  # why it was not stored


def index_add(
    paths: Sequence[str | os.PathLike[str]],
    index: str | os.PathLike[str] = DEFAULT_INDEX,
    *,
    department: str | None = None,
    year: int | None = None,
    manifest: str | os.PathLike[str] | None = None,
    config: Config = DEFAULT_CONFIG,
) -> Iterator[Added]:
    """Analyse the files (up to extraction) and store each in the index, yielding each as it is stored."""
    from .batch import iter_inputs, run_batch
    from .owners import read_manifest, resolve_owners

    listed = read_manifest(manifest) if manifest else None
    inputs = list(iter_inputs(paths))
    if not inputs:
        raise ConfigError("没有找到可读取的文件")
    owners = resolve_owners(inputs, paths, listed, department, year)
    with SubmissionIndex(index) as store:
        for analysis in run_batch(inputs, config, stages="extract"):
            owner = owners.get(analysis.source.path) or Owner()
            sid = store.add(analysis, owner.department, owner.year)
            reason = "" if sid is not None else "; ".join(e["message"] for e in analysis.errors) or "没有可收录的正文"
            yield Added(analysis.source.path, owner, sid, reason)


def _existing(index: str | os.PathLike[str]) -> SubmissionIndex:
    if not Path(index).is_file():
        raise IndexStoreError(f"找不到查重索引：{index}")
    return SubmissionIndex(index)


def index_list(index: str | os.PathLike[str] = DEFAULT_INDEX) -> list[Submission]:
    """Every submission of an existing index, oldest first."""
    with _existing(index) as store:
        return store.submissions()


def index_rm(items: Iterable[str], index: str | os.PathLike[str] = DEFAULT_INDEX) -> dict[str, int]:
    """Remove submissions by id, sha256 (or prefix) or path; how many each item removed."""
    with _existing(index) as store:
        return {item: store.remove(item) for item in items}
