"""The JSON output contract (``schema_version`` 2): dataclasses to plain dicts and back.

Version 2 added ``location`` to sections, goals, activities and findings and the file's map
``places`` (``[start, page, paragraph, line]`` where each source block or Word table cell starts);
version 1 fields keep their meaning, and version 1 records still load (without locations).
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, is_dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .model import (
    Activity,
    Analysis,
    Budget,
    BudgetItem,
    Document,
    Finding,
    Fix,
    Goal,
    Leader,
    Location,
    Owner,
    Period,
    Phase,
    Problem,
    Reference,
    Section,
    SourceInfo,
    Target,
    Zone,
)

SCHEMA_VERSION = "2"


def location_to_dict(location: Location | None) -> dict[str, Any] | None:
    """Only the known parts: ``{"page": 3, "section_number": "二、"}``."""
    if location is None:
        return None
    return {name: v for name in _field_names(Location) if (v := getattr(location, name)) is not None}


def location_from_dict(d: dict[str, Any] | None) -> Location | None:
    return Location(**d) if d is not None else None


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per dataclass: its field names (``fields()`` is slow per call)


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(value: Any) -> Any:
    if isinstance(value, Location):
        return location_to_dict(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple):
        # spans stay 2-element lists; sequences of objects become lists
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding; ``fix`` only when the rule proposes a certain correction."""
    out = _plain(finding)
    if finding.fix is None:
        del out["fix"]
    else:
        out["fix"] = _fix_to_dict(finding.fix)
    return out


def _fix_to_dict(fix: Fix) -> dict[str, Any]:
    """``span`` and ``text``; ``also`` only when the fix has further places."""
    out: dict[str, Any] = {"span": list(fix.span), "text": fix.text}
    if fix.also:
        out["also"] = [_fix_to_dict(f) for f in fix.also]
    return out


def _fix_from_dict(d: dict[str, Any]) -> Fix:
    return Fix(
        span=_span(d["span"]) or (0, 0), text=d["text"], also=tuple(_fix_from_dict(f) for f in d.get("also", ()))
    )


def section_to_dict(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "number": section.number,
        "heading": section.heading,
        "level": section.level,
        "labels": list(section.labels),
        "label_confidence": section.label_confidence,
        "label_source": section.label_source,
        "span": list(section.span),
        "heading_span": list(section.heading_span),
        "children": [section_to_dict(c) for c in section.children],
        "location": location_to_dict(section.location),
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "doc_type": doc.doc_type,
        "doc_type_evidence": doc.doc_type_evidence,
        "profile": doc.profile,
        "parent": doc.parent,
        "zones": [{"kind": z.kind, "span": list(z.span)} for z in doc.zones],
        "span": list(doc.span),
        "title_span": list(doc.title_span) if doc.title_span else None,
        "issuer": doc.issuer,
        "date": doc.date,
        "doc_number": doc.doc_number,
        "year": doc.year,
        "year_reason": doc.year_reason,
        "preface_span": list(doc.preface_span) if doc.preface_span else None,
        "sections": [section_to_dict(s) for s in doc.sections],
        "goals": [_plain(g) for g in doc.goals],
        "activities": [_plain(a) for a in doc.activities],
        "period": _plain(doc.period) if doc.period else None,
        "schedule": [_plain(p) for p in doc.schedule],
        "budget": _plain(doc.budget) if doc.budget else None,
        "leaders": [_plain(x) for x in doc.leaders],
        "owners": [_plain(o) for o in doc.owners],
        "references": [_plain(r) for r in doc.references],
        "findings": [finding_to_dict(f) for f in doc.findings],
    }


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The contract record of one input file."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": _plain(analysis.source),
        "text": analysis.text,
        "documents": [document_to_dict(d) for d in analysis.documents],
        "problems": [_plain(p) for p in analysis.problems],
        "errors": [dict(e) for e in analysis.errors],
        "places": [[start, loc.page, loc.paragraph, loc.line] for start, loc in analysis.places],
    }


def dumps(analysis: Analysis, *, indent: int | None = None) -> str:
    return json.dumps(analysis_to_dict(analysis), ensure_ascii=False, indent=indent)


# ------------------------------------------------------------------ back from JSON


def _span(v: Any) -> tuple[int, int] | None:
    return (int(v[0]), int(v[1])) if v is not None else None


def section_from_dict(d: dict[str, Any]) -> Section:
    return Section(
        id=d["id"],
        number=d.get("number", ""),
        heading=d.get("heading", ""),
        level=d["level"],
        span=_span(d["span"]) or (0, 0),
        heading_span=_span(d["heading_span"]) or (0, 0),
        children=tuple(section_from_dict(c) for c in d.get("children", [])),
        labels=tuple(d.get("labels", [])),
        label_confidence=d.get("label_confidence"),
        label_source=d.get("label_source", "none"),
        location=location_from_dict(d.get("location")),
    )


def _spanned(cls: Any, items: list[dict[str, Any]]) -> tuple[Any, ...]:
    out = []
    for item in items:
        kw = dict(item)
        for key in ("span",):
            if key in kw:
                kw[key] = _span(kw[key])
        if "location" in kw:
            kw["location"] = location_from_dict(kw["location"])
        if "indicators" in kw:
            kw["indicators"] = tuple(kw["indicators"])
        if kw.get("fix") is not None:
            kw["fix"] = _fix_from_dict(kw["fix"])
        if "targets" in kw:
            kw["targets"] = tuple(Target(**t) for t in kw["targets"])
        out.append(cls(**kw))
    return tuple(out)


def _budget_from_dict(d: dict[str, Any] | None) -> Budget | None:
    if not d:
        return None
    b = dict(d)
    b["items"] = _spanned(BudgetItem, b.get("items", []))
    b["span"] = _span(b.get("span"))
    return Budget(**b)


def _period_from_dict(d: dict[str, Any] | None) -> Period | None:
    if not d:
        return None
    p = dict(d)
    p["span"] = _span(p.get("span"))
    return Period(**p)


def _document_heads(d: dict[str, Any]) -> dict[str, Any]:
    """A stored document's own plain fields (title, kind, issuer, dates…), read alike by the eager loader and
    by the cached run's lazy one."""
    return {
        "title": d.get("title"),
        "span": _span(d["span"]) or (0, 0),
        "doc_type": d.get("doc_type"),
        "doc_type_evidence": d.get("doc_type_evidence"),
        "profile": d.get("profile"),
        "parent": d.get("parent"),
        "title_span": _span(d.get("title_span")),
        "issuer": d.get("issuer"),
        "date": d.get("date"),
        "doc_number": d.get("doc_number"),
        "year": d.get("year"),
        "year_reason": d.get("year_reason"),
        "preface_span": _span(d.get("preface_span")),
    }


def document_from_dict(d: dict[str, Any]) -> Document:
    spanned = _spanned
    budget = _budget_from_dict(d.get("budget"))
    period = _period_from_dict(d.get("period"))
    return Document(
        **_document_heads(d),
        zones=tuple(Zone(kind=z["kind"], span=_span(z["span"]) or (0, 0)) for z in d.get("zones", [])),
        sections=tuple(section_from_dict(s) for s in d.get("sections", [])),
        goals=spanned(Goal, d.get("goals", [])),
        activities=spanned(Activity, d.get("activities", [])),
        period=period,
        schedule=spanned(Phase, d.get("schedule", [])),
        budget=budget,
        leaders=spanned(Leader, d.get("leaders", [])),
        owners=spanned(Owner, d.get("owners", [])),
        references=spanned(Reference, d.get("references", [])),
        findings=spanned(Finding, d.get("findings", [])),
    )


def _places_from_list(places: list[list[Any]]) -> tuple[tuple[int, Location], ...]:
    return tuple(
        (int(start), Location(page=page, paragraph=paragraph, line=line)) for start, page, paragraph, line in places
    )


# the parts of a record read back from the result cache that are built only when something asks for them
# (stored_analysis): a cached re-run that reports findings never builds them
_ON_DEMAND: dict[str, Any] = {
    "zones": lambda d: tuple(Zone(kind=z["kind"], span=_span(z["span"]) or (0, 0)) for z in d.get("zones", [])),
    "sections": lambda d: tuple(section_from_dict(s) for s in d.get("sections", [])),
    "goals": lambda d: _spanned(Goal, d.get("goals", [])),
    "activities": lambda d: _spanned(Activity, d.get("activities", [])),
    "period": lambda d: _period_from_dict(d.get("period")),
    "schedule": lambda d: _spanned(Phase, d.get("schedule", [])),
    "budget": lambda d: _budget_from_dict(d.get("budget")),
    "leaders": lambda d: _spanned(Leader, d.get("leaders", [])),
    "owners": lambda d: _spanned(Owner, d.get("owners", [])),
    "references": lambda d: _spanned(Reference, d.get("references", [])),
}
_ANALYSIS_ON_DEMAND: dict[str, Any] = {"places": lambda d: _places_from_list(d.get("places", []))}


def _on_demand(name: str, build: Any) -> property:
    """A field built from the stored record (``_stored``) the first time it is read, then kept."""

    def get(self: Any) -> Any:
        kept = self.__dict__
        try:
            return kept[name]
        except KeyError:
            value = kept[name] = build(kept["_stored"])
            return value

    def put(self: Any, value: Any) -> None:  # the dataclass's own __init__ (``replace``) sets every field
        self.__dict__[name] = value

    return property(get, put, doc=f"``{name}``, read from the stored record when first asked for")


def _equal_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.compare)


def _defaults(cls: type, built_later: dict[str, Any]) -> dict[str, Any]:
    return {
        f.name: f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc,operator]
        for f in fields(cls)
        if f.name not in built_later and (f.default is not MISSING or f.default_factory is not MISSING)
    }


class StoredDocument(Document):
    """A :class:`Document` read back from a stored record (the result cache) whose sections, goals, activities,
    period, schedule, budget, leaders, owners, references and zones are built from the record only when asked
    for. It equals, hashes and converts as the :class:`Document` :func:`document_from_dict` builds from the same
    record."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _DOCUMENT_COMPARED)

    __hash__ = Document.__hash__


class StoredAnalysis(Analysis):
    """An :class:`Analysis` read back from a stored record whose map back to the source (``places``) is built only
    when asked for (a report that names a page); its documents are :class:`StoredDocument`. It equals, hashes and
    converts as the :class:`Analysis` :func:`analysis_from_dict` builds."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Analysis):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _ANALYSIS_COMPARED)

    __hash__ = Analysis.__hash__


for _name, _build in _ON_DEMAND.items():
    setattr(StoredDocument, _name, _on_demand(_name, _build))
for _name, _build in _ANALYSIS_ON_DEMAND.items():
    setattr(StoredAnalysis, _name, _on_demand(_name, _build))
_DOCUMENT_COMPARED = _equal_fields(Document)
_ANALYSIS_COMPARED = _equal_fields(Analysis)
_DOCUMENT_DEFAULTS = _defaults(Document, _ON_DEMAND)
_ANALYSIS_DEFAULTS = _defaults(Analysis, _ANALYSIS_ON_DEMAND)


def stored_document(d: dict[str, Any]) -> Document:
    """The document of record ``d`` as :func:`document_from_dict` builds it, its larger parts built on demand."""
    doc = StoredDocument.__new__(StoredDocument)
    kept = doc.__dict__
    kept.update(_DOCUMENT_DEFAULTS)
    kept.update(
        **_document_heads(d),
        findings=_spanned(Finding, d.get("findings", [])),
        _stored=d,
    )
    return doc


def stored_analysis(d: dict[str, Any]) -> Analysis:
    """:func:`analysis_from_dict` for a record read back from the result cache: the same analysis, with the larger
    parts of each document and the map of places built only when something asks for them."""
    analysis = StoredAnalysis.__new__(StoredAnalysis)
    kept = analysis.__dict__
    kept.update(_ANALYSIS_DEFAULTS)
    kept.update(_analysis_parts(d, stored_document), _stored=d)
    return analysis


def _analysis_parts(d: dict[str, Any], document: Any) -> dict[str, Any]:
    return {
        "source": SourceInfo(**d["source"]),
        "text": d["text"],
        "documents": tuple(document(x) for x in d.get("documents", [])),
        "errors": tuple(d.get("errors", [])),
        "problems": tuple(
            Problem(code=p["code"], message=p["message"], pages=tuple(p.get("pages", ())), share=p.get("share"))
            for p in d.get("problems", [])
        ),
    }


def analysis_from_dict(d: dict[str, Any]) -> Analysis:
    return Analysis(**_analysis_parts(d, document_from_dict), places=_places_from_list(d.get("places", [])))


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the output contract, shipped in the package."""
    text = resources.files("cxzy_nlp").joinpath("data/schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


__all__ = [
    "SCHEMA_VERSION",
    "StoredAnalysis",
    "StoredDocument",
    "analysis_from_dict",
    "analysis_to_dict",
    "document_from_dict",
    "document_to_dict",
    "dumps",
    "location_from_dict",
    "location_to_dict",
    "schema",
    "stored_analysis",
    "stored_document",
]
