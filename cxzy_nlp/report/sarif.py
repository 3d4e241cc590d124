"""SARIF 2.1.0 output of `cxzy check`, for code-scanning dashboards and CI annotations."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Analysis, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warn": "warning", "info": "note"}


def _rule_descriptors() -> list[dict[str, Any]]:
    from ..check.knowledge import catalogue

    return [
        {
            "id": r.id,
            "name": r.id,
            "shortDescription": {"text": r.zh},
            "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
            "properties": {"family": r.family},
        }
        for r in catalogue().values()
    ]


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _region(finding: Finding, text: str) -> dict[str, Any] | None:
    """A region in the artifact itself: the line of a text file; none for pages and Word paragraphs."""
    location = finding.location
    if location is not None:
        if location.line is None:
            return None
        region: dict[str, Any] = {"startLine": location.line}
    elif finding.span is not None:  # a record made without locations: the line of the extracted text
        region = {"startLine": text.count("\n", 0, finding.span[0]) + 1}
    else:
        return None
    if finding.evidence:
        region["snippet"] = {"text": finding.evidence}
    return region


def _location(analysis: Analysis, finding: Finding) -> dict[str, Any]:
    """A SARIF location: the file, its region where it has lines, and the page, paragraph and section."""
    from ..jsonio import location_to_dict
    from ..locate import describe

    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(analysis.source.path)}}
    region = _region(finding, analysis.text)
    if region is not None:
        physical["region"] = region
    out: dict[str, Any] = {"physicalLocation": physical}
    location = finding.location
    if location is not None:
        if location.section_number or location.section_heading:
            out["logicalLocations"] = [
                {
                    "name": location.section_heading or location.section_number,
                    "fullyQualifiedName": location.section_number or location.section_heading,
                    "kind": "section",
                }
            ]
        if describe(location):
            out["message"] = {"text": describe(location)}
        out["properties"] = location_to_dict(location)
    return out


def _result(analysis: Analysis, doc_index: int, finding: Finding) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": SARIF_LEVEL.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(analysis, finding)],
        "properties": {"document": doc_index, "section": finding.section, "span": finding.span},
    }
    return result


def _notification(analysis: Analysis, error: dict[str, str]) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{analysis.source.path}: {error.get('message', '')}"},
        "descriptor": {"id": error.get("code", "error")},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(analysis.source.path)}}}],
    }


def to_sarif(analyses: Iterable[Analysis]) -> dict[str, Any]:
    """One SARIF log with one run: every finding of every file, unreadable files as notifications."""
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for analysis in analyses:
        artifacts.append(
            {
                "location": {"uri": _uri(analysis.source.path)},
                "hashes": {"sha-256": analysis.source.sha256} if analysis.source.sha256 else {},
            }
        )
        notifications.extend(_notification(analysis, e) for e in analysis.errors)
        if not analysis.documents:  # read, but nothing to check (every page scanned)
            notifications.extend(
                _notification(analysis, {"code": p.code, "message": p.message}) for p in analysis.problems
            )
        for i, doc in enumerate(analysis.documents):
            results.extend(_result(analysis, i, f) for f in doc.findings)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "cxzy", "version": __version__, "rules": _rule_descriptors()}},
                "artifacts": artifacts,
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
