"""Precision of the findings raised on ../shared/realdocs2, against the blind-judged set (issue 15).

tests/golden/judged/README.md says how the set was judged. Each error/warn finding raised today on a judged file is
matched to a judged finding (same file and document, same rule or a successor, evidence overlapping by half); a
finding matching none is `unjudged`. Precision is T / (T + F) over the matched ones; the issue's target is ≥ 0.90
with at least 60 true findings. The figures, per split: ``python -m pytest -q tests/test_judged_realdocs2.py -s``.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SHARED

from cxzy_nlp.goldeval import Judged, evidence_overlaps, judged_document, load_judged
from cxzy_nlp.model import Analysis

JUDGED = ROOT / "tests" / "golden" / "judged"
SUCCESSORS = ROOT / "tests" / "golden" / "rule_successors.yaml"
FOLDER = SHARED / "realdocs2"
PRECISION, TRUE_MIN = 0.90, 60
# what is reached today (raised when the work improves it; a fall fails)
FLOOR = {
    "dev": 0.93,
    "heldout": 0.85,
}  # 2026-12-08, eleventh stop (a 落款 glued to the last line, specimen names among real names, an abstract's
# restatement): dev 0.949 (T37 F2 D5, 44 raised), held-back 0.882 (T30 F4 D2, unchanged);
# 2026-12-07, rules judging only where their facts hold (forms, bare items, strided lists…): dev 0.923 (T36 F3),
# held-back 0.886 (T31 F4 D1, 36 raised); before it dev 0.900 (T36 F4), held-back 0.413 (T31 F44);
# with the second round's verdicts at its start 0.679 (T36 F17) / 0.365 (T31 F54); the set's start 0.031/0.025


@dataclass
class Figures:
    verdicts: Counter[str] = field(default_factory=Counter)
    per_document: list[int] = field(default_factory=list)
    unjudged: list[str] = field(default_factory=list)  # file, document, rule and evidence of findings no verdict covers

    @property
    def precision(self) -> float:
        judged = self.verdicts["T"] + self.verdicts["F"]
        return self.verdicts["T"] / judged if judged else 1.0

    def line(self, name: str) -> str:
        v = self.verdicts
        median = statistics.median(self.per_document) if self.per_document else 0
        return (
            f"{name}: raised {sum(v.values())} error/warn findings — T {v['T']}, F {v['F']}, D {v['D']}, "
            f"unjudged {v['unjudged']}; precision (judged) {self.precision:.3f}; median per document {median}"
            + "".join(f"\n  unjudged: {u}" for u in self.unjudged)
        )


def measure(judged: list[Judged], analyses: dict[str, Analysis | None], successors: dict[str, list[str]]) -> Figures:
    """Match every error/warn finding raised today on the judged files to a judged verdict."""
    figures = Figures()
    by_file: dict[str, list[Judged]] = {}
    for j in judged:
        by_file.setdefault(j.file, []).append(j)
    for name, rows in sorted(by_file.items()):
        analysis = analyses.get(name)
        if analysis is None:
            continue
        homes = [(j, judged_document(j, analysis)) for j in rows]
        for index, doc in enumerate(analysis.documents):
            raised = [f for f in doc.findings if f.severity in ("error", "warn")]
            figures.per_document.append(len(raised))
            for f in raised:
                quote = f.evidence or (analysis.text[f.span[0] : f.span[1]] if f.span else "")
                verdict = "unjudged"
                for j, home in homes:
                    rules = {j.rule, *successors.get(j.rule, [])}
                    if home is doc and f.rule in rules and evidence_overlaps(j.evidence, quote):
                        verdict = j.verdict
                        break
                figures.verdicts[verdict] += 1
                if verdict == "unjudged":
                    figures.unjudged.append(f"{name}\t{index}\t{f.rule}\t{f.severity}\t{quote[:30]!r}\t{f.message}")
    return figures


def test_the_measure_can_fail() -> None:
    from cxzy_nlp.model import Document, Finding, SourceInfo

    finding = Finding(rule="placeholder", severity="error", message="m", span=(0, 4), evidence="XX单位")
    doc = Document(title="t", span=(0, 10), findings=(finding,))
    analysis = Analysis(source=SourceInfo("a.txt", "txt", "", 0), text="XX单位填写说明", documents=(doc,))
    true = [Judged("a.txt", 0, "placeholder", "error", "XX单位", "T", "")]
    false = [Judged("a.txt", 0, "placeholder", "error", "XX单位", "F", "")]
    assert measure(true, {"a.txt": analysis}, {}).precision == 1.0
    assert measure(false, {"a.txt": analysis}, {}).precision == 0.0
    other = [Judged("a.txt", 0, "vague-goal", "warn", "XX单位", "T", "")]
    unjudged = measure(other, {"a.txt": analysis}, {})
    assert unjudged.verdicts["unjudged"] == 1  # another rule is not this verdict
    assert (
        len(unjudged.unjudged) == 1
        and "placeholder" in unjudged.unjudged[0]
        and "unjudged: a.txt" in unjudged.line("x")
    )


def _split(name: str) -> list[Judged]:
    path = JUDGED / f"realdocs2_{name}.tsv"
    return load_judged(path)


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis | None]:
    if not FOLDER.is_dir():
        pytest.skip(f"{FOLDER} is absent (the shared real documents are not part of the project)")
    from cxzy_nlp.pipeline import analyse

    names = {j.file for split in ("dev", "heldout") for j in _split(split)}
    return {name: analyse(FOLDER / name) if (FOLDER / name).is_file() else None for name in sorted(names)}


def _successors() -> dict[str, list[str]]:
    return yaml.safe_load(SUCCESSORS.read_text(encoding="utf-8")) or {} if SUCCESSORS.is_file() else {}


@pytest.mark.slow
@pytest.mark.realdocs
@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_precision_does_not_fall_below_what_is_reached(split: str, analyses: dict[str, Analysis | None]) -> None:
    figures = measure(_split(split), analyses, _successors())
    print(figures.line(split))
    assert figures.precision >= FLOOR[split], figures.line(split)


@pytest.mark.slow
@pytest.mark.realdocs
def test_precision_meets_the_target(analyses: dict[str, Analysis | None]) -> None:
    judged = _split("dev") + _split("heldout")
    figures = measure(judged, analyses, _successors())
    assert figures.precision >= PRECISION and figures.verdicts["T"] >= TRUE_MIN, figures.line("all")


def test_the_judged_files_quote_only_short_evidence() -> None:
    for split in ("dev", "heldout"):
        with (JUDGED / f"realdocs2_{split}.tsv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        assert rows and all(len(r["evidence (first 40 chars)"]) <= 30 for r in rows)
        assert {r["verdict"] for r in rows} <= {"T", "F", "D"}


def test_the_judged_files_name_existing_paths() -> None:
    if not FOLDER.is_dir():
        pytest.skip(f"{FOLDER} is absent")
    for split in ("dev", "heldout"):
        missing = [j.file for j in _split(split) if not (FOLDER / j.file).is_file()]
        assert not missing, missing
    assert Path(FOLDER / "MANIFEST.tsv").is_file()
