"""Recall and false alarms of the checks on generated plans with planted faults (cxzy_nlp.synth)."""

from __future__ import annotations

from collections import Counter

import pytest

from cxzy_nlp.check import RULES
from cxzy_nlp.pipeline import analyse_text

synth = pytest.importorskip("cxzy_nlp.synth")

SEEDS = range(6)
MIN_RECALL = 0.8
CLEAN_SEEDS = range(1000, 1016)


def _planted_and_found(rule: str) -> tuple[int, int]:
    planted = found = 0
    for seed in SEEDS:
        plan = synth.generate_plan(seed, faults={rule}, wrapper="plain")
        if not any(f.rule == rule for f in plan.faults):
            continue  # the generator could not plant it in this layout (e.g. a summary)
        planted += 1
        analysis = analyse_text(plan.text)
        found += any(f.rule == rule for d in analysis.documents for f in d.findings)
    return planted, found


@pytest.mark.parametrize("rule", [r for r in synth.FAULT_RULES if r in RULES])
def test_planted_faults_are_found(rule: str) -> None:
    planted, found = _planted_and_found(rule)
    assert planted, f"no plan carried a planted {rule}"
    assert found / planted >= MIN_RECALL, f"{rule}: found {found} of {planted}"


def test_clean_plans_raise_no_errors() -> None:
    errors: Counter[str] = Counter()
    warnings = 0
    for seed in CLEAN_SEEDS:
        analysis = analyse_text(synth.generate_plan(seed, faults=False, wrapper="plain").text)
        for doc in analysis.documents:
            for f in doc.findings:
                if f.severity == "error":
                    errors[f.rule] += 1
                warnings += f.severity == "warn"
    assert not errors, errors
    # "clean" plans still carry a generic goal line and formula sentences reused across phases
    # (vague-goal and duplicate-passage report those); no more than one warning a plan on average
    assert warnings <= len(CLEAN_SEEDS)
