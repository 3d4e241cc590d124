"""Expected boilerplate: stock formulas, text shared by many departments, templates on an allow-list.

Boilerplate is reported apart from copying, never hidden. Three kinds:
``stock`` (a bundled formula such as 以…为指导 covers most of the passage),
``common`` (the passage is shared by many *unrelated* owners of the corpus) and
``template`` (the passage also appears in a file of an ``--allow`` folder).

Owners are counted after near-duplicate documents are collapsed into families
(:func:`cxzy_nlp.dedup.compare.document_families`): copies of one document, however many
departments filed them, are one owner, so their text is copying, never ``common``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from .passages import content_length

BoilerplateKind = Literal["stock", "common", "template"]

BOILERPLATE_LABELS: dict[str, str] = {
    "stock": "常用套话",
    "common": "多部门共有文字",
    "template": "上级下发模板",
}

_OWN_FORMULAS = "dedup_stock_formulas.yaml"
_CHECKS_FORMULAS = "stock_phrases.yaml"  # owned by the checks stage; read when present


@dataclass(frozen=True)
class StockFormulas:
    patterns: tuple[re.Pattern[str], ...]
    min_cover: float = 0.5

    def cover(self, text: str) -> float:
        """Share of the content characters of ``text`` inside formula matches."""
        total = content_length(text)
        if not total or not self.patterns:
            return 0.0
        marks = bytearray(len(text))
        for pat in self.patterns:
            for m in pat.finditer(text):
                marks[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        covered = "".join(ch for ch, mark in zip(text, marks, strict=True) if mark)
        return content_length(covered) / total

    def is_stock(self, text: str) -> bool:
        return self.cover(text) >= self.min_cover


def _load_yaml(name: str) -> Any:
    import yaml

    ref = resources.files("cxzy_nlp.data").joinpath(name)
    if not ref.is_file():
        return None
    return yaml.safe_load(ref.read_text(encoding="utf-8"))


def _patterns_from(data: Any) -> list[str]:
    """Regex sources from either our formula file or the checks engineer's phrase list."""
    if not isinstance(data, dict):
        return []
    out: list[str] = []
    for entry in data.get("formulas") or data.get("phrases") or data.get("stock_phrases") or []:
        if isinstance(entry, str):
            out.append(re.escape(entry))
        elif isinstance(entry, dict) and isinstance(entry.get("pattern"), str):
            out.append(entry["pattern"])
        elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
            out.append(re.escape(entry["text"]))
    return out


@lru_cache(maxsize=1)
def stock_formulas() -> StockFormulas:
    """The bundled stock formulas (ours plus the checks stage's list when it ships)."""
    own = _load_yaml(_OWN_FORMULAS) or {}
    sources = _patterns_from(own) + _patterns_from(_load_yaml(_CHECKS_FORMULAS))
    compiled: list[re.Pattern[str]] = []
    for src in dict.fromkeys(sources):
        try:
            compiled.append(re.compile(src))
        except re.error:  # a bad entry in a data file must not stop a batch
            continue
    return StockFormulas(tuple(compiled), float(own.get("min_cover", 0.5)))


@dataclass(frozen=True)
class BoilerplateRules:
    """When shared text counts as expected boilerplate rather than copying."""

    # Owners: departments (or files, when no department is known), a family of near-duplicates counting once.
    min_owners: int = 4  # shared by at least this many owners
    min_share: float = 0.25  # ... or by at least this share of the corpus's owners
    min_share_owners: int = 3  # the share rule needs at least this many owners sharing the text
    min_cover: float = 0.75  # share of an aligned piece made of common or template text that makes it boilerplate
    # A 4-character shingle is short: among thousands of owners a few share it by chance (a common word next
    # to a rare one), and their number grows with the corpus. A shingle is common wording only when at least
    # this share of the corpus's owners holds it (and never fewer than ``min_owners``).
    shingle_share: float = 0.004
    use_stock: bool = True

    def is_common(self, owners: int, corpus_owners: int) -> bool:
        """Whether a passage held by ``owners`` of ``corpus_owners`` owners is common text."""
        if owners >= self.min_owners:
            return True
        return owners >= self.min_share_owners and corpus_owners > 0 and owners / corpus_owners >= self.min_share

    def is_common_shingle(self, owners: int, corpus_owners: int) -> bool:
        """Whether a shingle held by ``owners`` owners is common wording: as a passage, and above chance sharing."""
        return self.is_common(owners, corpus_owners) and owners >= self.shingle_share * corpus_owners
