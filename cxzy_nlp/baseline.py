"""The baseline of reviewed findings (``cxzy-baseline.json``): what a reviewer accepted or dismissed, and why.

A finding's identity is the rule id, a hash of its document's content, the section's label (or heading) and
the normalised evidence — never an offset — so it survives re-reading the file, a reflowed copy and text
shifted by a new cover page. ``cxzy check`` and ``cxzy serve`` read and write the same file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError
from .model import Analysis, Document, Finding

__all__ = [
    "BASELINE_NAME",
    "Baseline",
    "Decision",
    "Marked",
    "apply",
    "default_path",
    "document_hash",
    "identity",
    "load",
    "mark",
    "save",
]

BASELINE_NAME = "cxzy-baseline.json"
BASELINE_VERSION = 1
DecisionKind = Literal["accepted", "dismissed"]
DECISIONS: tuple[DecisionKind, ...] = ("accepted", "dismissed")
DECISION_ZH = {"accepted": "已确认", "dismissed": "已驳回"}

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Decision:
    """One reviewed finding."""

    identity: str
    rule: str
    decision: DecisionKind
    reason: str = ""
    reviewer: str = ""
    time: str = ""  # ISO 8601, UTC
    evidence: str | None = None
    document: str | None = None  # the document's title, for a human reading the file
    section: str | None = None  # the section label or heading that went into the identity

    def __post_init__(self) -> None:
        if self.decision not in DECISIONS:
            raise ConfigError(f"审阅结论只能是 accepted 或 dismissed，实际为 {self.decision!r}")
        if not self.identity or not self.rule:
            raise ConfigError("审阅记录缺少 identity 或 rule")


@dataclass
class Baseline:
    """Decisions keyed by finding identity; ``path`` is where :func:`save` writes by default."""

    decisions: dict[str, Decision] = field(default_factory=dict)
    path: Path | None = None

    def get(self, ident: str) -> Decision | None:
        return self.decisions.get(ident)

    def decide(self, decision: Decision) -> None:
        self.decisions[decision.identity] = decision

    def forget(self, ident: str) -> bool:
        return self.decisions.pop(ident, None) is not None

    def __len__(self) -> int:
        return len(self.decisions)


@dataclass(frozen=True)
class Marked:
    """A finding with its identity and the reviewer's decision on it (None when not reviewed yet)."""

    finding: Finding
    identity: str
    decision: Decision | None


# ------------------------------------------------------------------ identity


def _normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def document_hash(doc: Document, analysis: Analysis) -> str:
    """Hash of the document's own text with width and white space normalised (not of the file)."""
    start, end = doc.span
    return hashlib.sha256(_normalise(analysis.text[start:end]).encode("utf-8")).hexdigest()[:16]


def section_key(finding: Finding, doc: Document) -> str:
    """The section's first label, else its heading; empty for a finding about the whole document."""
    if not finding.section:
        return ""
    section = doc.section_by_id(finding.section)
    if section is None:
        return ""
    return section.labels[0] if section.labels else _normalise(section.heading)


def identity(finding: Finding, doc: Document, analysis: Analysis, doc_hash: str | None = None) -> str:
    """A stable id of ``finding``: rule + document content hash + section label + normalised evidence.

    ``doc_hash`` is :func:`document_hash` of ``doc`` when the caller has it already.
    """
    evidence = finding.evidence if finding.evidence else finding.message  # e.g. a missing section has no quote
    digest_of_doc = doc_hash or document_hash(doc, analysis)
    parts = (finding.rule, digest_of_doc, section_key(finding, doc), _normalise(evidence))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{finding.rule}:{digest}"


def make_decision(
    finding: Finding,
    doc: Document,
    analysis: Analysis,
    decision: DecisionKind,
    reason: str = "",
    reviewer: str = "",
    now: datetime | None = None,
) -> Decision:
    """The decision record for one finding (time in UTC, seconds)."""
    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return Decision(
        identity=identity(finding, doc, analysis),
        rule=finding.rule,
        decision=decision,
        reason=reason.strip(),
        reviewer=reviewer.strip(),
        time=when.isoformat().replace("+00:00", "Z"),
        evidence=finding.evidence,
        document=doc.title,
        section=section_key(finding, doc) or None,
    )


# ------------------------------------------------------------------ file


def default_path(target: str | os.PathLike[str]) -> Path:
    """Where the baseline of a checked folder (or file) lives.

    The first ``cxzy-baseline.json`` in the folder or one of its parents (as ``cxzy.toml`` is found);
    when there is none, a new one in the folder itself (beside the file for a single file).
    """
    start = Path(target).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / BASELINE_NAME).is_file():
            return candidate / BASELINE_NAME
    return folder / BASELINE_NAME


def load(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing file is an empty baseline, a malformed one a :class:`ConfigError`."""
    p = Path(path)
    if not p.exists():
        return Baseline(path=p)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"审阅基线文件无法读取：{p}（{exc}）", code="baseline") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"审阅基线文件格式不对：{p} 中应有 findings 列表", code="baseline")
    known = {f for f in Decision.__dataclass_fields__}
    baseline = Baseline(path=p)
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(f"审阅基线文件 {p} 第 {i + 1} 条不是对象", code="baseline")
        try:
            baseline.decide(Decision(**{k: v for k, v in entry.items() if k in known}))
        except TypeError as exc:
            raise ConfigError(f"审阅基线文件 {p} 第 {i + 1} 条缺少字段（{exc}）", code="baseline") from None
    return baseline


def dumps(baseline: Baseline) -> str:
    entries = sorted(baseline.decisions.values(), key=lambda d: (d.rule, d.identity))
    rows = [{k: v for k, v in asdict(d).items() if v is not None} for d in entries]
    return json.dumps({"version": BASELINE_VERSION, "findings": rows}, ensure_ascii=False, indent=1) + "\n"


def save(baseline: Baseline, path: str | os.PathLike[str] | None = None) -> Path:
    """Write the baseline atomically (a temporary file in the same folder, then a rename)."""
    target = Path(path) if path is not None else baseline.path
    if target is None:
        raise ConfigError("未指定审阅基线文件的保存位置")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cxzy-baseline-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dumps(baseline))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# ------------------------------------------------------------------ applying


def mark(analysis: Analysis, baseline: Baseline) -> list[list[Marked]]:
    """Each document's findings with identity and decision, in order."""
    out: list[list[Marked]] = []
    for doc in analysis.documents:
        marks = []
        doc_hash = document_hash(doc, analysis) if doc.findings else None
        for finding in doc.findings:
            ident = identity(finding, doc, analysis, doc_hash)
            marks.append(Marked(finding, ident, baseline.get(ident)))
        out.append(marks)
    return out


def apply(
    analyses: Sequence[Analysis], baseline: Baseline, hide: Iterable[DecisionKind] = ("dismissed",)
) -> list[Analysis]:
    """The analyses with findings whose decision is in ``hide`` removed (dismissed ones by default).

    ``hide=("dismissed", "accepted")`` keeps only findings nobody has reviewed: a re-run raises only what is new.
    """
    hidden = set(hide)
    unknown = hidden - set(DECISIONS)
    if unknown:
        raise ConfigError(f"无法识别的审阅结论：{sorted(unknown)!r}")
    out: list[Analysis] = []
    for analysis in analyses:
        docs = []
        for doc, marks in zip(analysis.documents, mark(analysis, baseline), strict=True):
            kept = tuple(m.finding for m in marks if m.decision is None or m.decision.decision not in hidden)
            docs.append(replace(doc, findings=kept) if len(kept) != len(doc.findings) else doc)
        out.append(replace(analysis, documents=tuple(docs)))
    return out


def decision_to_dict(decision: Decision) -> dict[str, Any]:
    return {k: v for k, v in asdict(decision).items() if v is not None}
