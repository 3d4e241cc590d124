"""The bundled ``examples/`` folder: six plans of three invented departments in .docx, .pdf, .doc
and .txt with the faults reviewers meet every day, and ``manifest.csv``.

Rebuild with ``python -m cxzy_nlp.synth examples`` (the .doc needs LibreOffice's ``soffice``).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .copies import insert_passage
from .gold import SynthPlan
from .renderers import render

YEAR = 2024


@dataclass(frozen=True)
class Example:
    file: str
    department: str
    seed: int
    doc_type: str
    theme: str
    style: str
    faults: frozenset[str]
    year: int = YEAR
    wrapper: str = "plain"
    size: int = 3


# fmt: off
EXAMPLES = (
    Example("青溪县教育局_校园安全专项整治实施方案.docx", "青溪县教育局", 11, "implementation_plan", "campus_safety", "gbt", frozenset({"vague-goal"})),
    Example("青溪县教育局_2024年读书月活动方案.txt", "青溪县教育局", 12, "activity_plan", "reading_month", "dun", frozenset({"placeholder", "budget-mismatch"})),
    Example("青溪县卫生健康局_爱国卫生运动工作方案.pdf", "青溪县卫生健康局", 13, "work_plan", "patriotic_health", "gbt", frozenset({"outdated-reference"}), wrapper="notice"),
    Example("青溪县卫生健康局_家庭医生签约服务实施方案.doc", "青溪县卫生健康局", 16, "implementation_plan", "family_doctor", "mixed", frozenset({"missing-section", "scrape-residue"})),
    Example("青溪县市场监督管理局_食品安全专项整治实施方案.docx", "青溪县市场监督管理局", 15, "implementation_plan", "food_safety", "gbt_two", frozenset()),
    Example("青溪县市场监督管理局_2024年消费维权工作计划.pdf", "青溪县市场监督管理局", 16, "work_schedule", "consumer_rights", "part", frozenset({"era-formula", "date-format"})),
)
# fmt: on
COPIED_FROM, COPIED_INTO = 0, 4  # the market regulator pastes a passage of the education bureau's plan


def example_plans() -> list[SynthPlan]:
    """The six plans, the copied passage already spliced in."""
    from . import generate_plan

    plans = []
    for e in EXAMPLES:
        for seed in range(e.seed, e.seed + 500):  # the first seed from e.seed that looks typical (see _typical)
            plan = generate_plan(
                seed,
                doc_type=e.doc_type,
                department=e.department,
                year=e.year,
                style=e.style,
                faults=e.faults,
                wrapper=e.wrapper,
                size=e.size,
                theme=e.theme,
            )
            if _typical(plan):
                break
        plans.append(plan)
    source, target = plans[COPIED_FROM], plans[COPIED_INTO]
    passage = _longest_body_paragraph(source)
    at = _first_body_line_of(target, "safeguards")
    plans[COPIED_INTO] = insert_passage(target, passage, at, f"照搬{source.department}方案中的段落")
    return plans


def _typical(plan: SynthPlan) -> bool:
    """An everyday submission: the missing section (if any) is 实施步骤, and headings glued to their
    text keep a stop or colon (scraped text without one is left to the generated corpora)."""
    layout = plan.style["layout"]
    steps_missing = all(f.note == "steps" for f in plan.faults if f.rule == "missing-section")
    return steps_missing and not (layout.get("glue_separator") == "" or layout.get("run_on_headings"))


def _longest_body_paragraph(plan: SynthPlan, label: str = "tasks") -> str:
    """The longest paragraph under the first section labelled ``label`` (not a heading line)."""
    sec = next(s for s in plan.sections if label in s.labels)
    heads = {s.span[0] for s in plan.all_sections()}
    pos, best = 0, ""
    for line in plan.text.split("\n"):
        inside = sec.span[0] <= pos < sec.span[1]
        if inside and pos not in heads and len(line) > len(best) and line.endswith("。"):
            best = line
        pos += len(line) + 1
    return best


def _first_body_line_of(plan: SynthPlan, label: str) -> int:
    """Index of the line after the heading of the first section labelled ``label`` (else the last section)."""
    secs = [s for s in plan.sections if label in s.labels] or list(plan.sections[-1:])
    return plan.text.count("\n", 0, secs[0].heading_span[1]) + 1


def build_examples(out: Path) -> list[Path]:
    """Write the example files and ``manifest.csv`` to ``out``; the .doc is skipped without soffice."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for example, plan in zip(EXAMPLES, example_plans(), strict=True):
        target = out / example.file
        suffix = target.suffix[1:]
        if suffix == "doc":
            if _to_doc(plan, target):
                written.append(target)
            continue
        written.append(render(plan, suffix, target))
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(["file", "department", "year"])
    for example in EXAMPLES:
        if (out / example.file).exists():
            writer.writerow([example.file, example.department, example.year])
    (out / "manifest.csv").write_text(rows.getvalue(), encoding="utf-8")
    return written


def _to_doc(plan: SynthPlan, target: Path) -> bool:
    """Render a .docx and let LibreOffice save it as Word 97–2003 .doc."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        docx = render(plan, "docx", Path(tmp) / (target.stem + ".docx"))
        subprocess.run(
            [
                soffice,
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                "doc",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(tmp) / (target.stem + ".doc"), target)
    return True
