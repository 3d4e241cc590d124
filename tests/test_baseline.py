"""The baseline of reviewed findings: identities that survive re-reading, atomic files, dismissed findings hidden."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from cxzy_nlp import baseline as bl
from cxzy_nlp.errors import ConfigError
from cxzy_nlp.model import Analysis, Document, Finding, Section
from cxzy_nlp.pipeline import analyse_result, analyse_text
from cxzy_nlp.read import read_bytes

# A plan written for these tests (placeholders, a vague goal and an undated step give findings with evidence).
PLAN = """关于开展读书月活动的实施方案

一、活动目标
提升全体师生阅读兴趣，营造书香校园。

二、活动内容
（一）开展读书分享会。
（二）开展征文比赛，由XX单位负责。

三、实施步骤
1.准备阶段：____年3月。
2.实施阶段。

四、经费预算
共需经费5万元，其中图书购置2万元，奖品1万元。
"""


def _ids(analysis: Analysis) -> list[str]:
    return [m.identity for marks in bl.mark(analysis, bl.Baseline()) for m in marks]


def _docx(text: str) -> bytes:
    doc = DocxDocument()
    for line in text.splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _shift(analysis: Analysis, prefix: str) -> Analysis:
    """The same analysis with ``prefix`` put before the text and every span moved (as a new cover page does)."""
    n = len(prefix)

    def span(s: tuple[int, int] | None) -> tuple[int, int] | None:
        return (s[0] + n, s[1] + n) if s else None

    def section(s: Section) -> Section:
        return replace(
            s,
            span=span(s.span),
            heading_span=span(s.heading_span),
            children=tuple(section(c) for c in s.children),
        )

    docs = tuple(
        replace(
            d,
            span=span(d.span),
            sections=tuple(section(s) for s in d.sections),
            findings=tuple(replace(f, span=span(f.span)) for f in d.findings),
        )
        for d in analysis.documents
    )
    return replace(analysis, text=prefix + analysis.text, documents=docs)


@pytest.fixture(scope="module")
def plan() -> Analysis:
    analysis = analyse_text(PLAN, "plan.txt")
    assert analysis.documents and analysis.documents[0].findings, "the test plan must give findings"
    return analysis


def test_identity_is_stable_when_read_again(plan: Analysis) -> None:
    again = analyse_text(PLAN, "other-name.txt")
    assert _ids(again) == _ids(plan)


def test_identity_survives_shifted_text(plan: Analysis) -> None:
    shifted = _shift(plan, "第一页封面\n\n")
    moved = [f.span for f in shifted.documents[0].findings]
    assert moved != [f.span for f in plan.documents[0].findings]  # control: the offsets really moved
    assert _ids(shifted) == _ids(plan)


def test_identity_survives_reflowed_white_space_and_width(plan: Analysis) -> None:
    reflowed = PLAN.replace("\n\n", "\n  \n").replace("5万元", "５万元").replace("。\n", "。 \n")
    assert _ids(analyse_text(reflowed, "plan.txt")) == _ids(plan)


def test_identity_same_from_docx_and_txt(plan: Analysis) -> None:
    from_docx = analyse_result(read_bytes(_docx(PLAN), "plan.docx"))
    common = set(_ids(from_docx)) & set(_ids(plan))
    assert len(common) >= len(_ids(plan)) - 1, "a .docx of the same text should keep (nearly) every identity"


# fmt: off
IDENTITY_CHANGES = [
    # (what changes, function of (finding, doc, analysis) -> (finding, doc, analysis))
    ("rule",     lambda f, d, a: (replace(f, rule="other-rule"), d, a)),
    ("evidence", lambda f, d, a: (replace(f, evidence=(f.evidence or "") + "另"), d, a)),
    ("section",  lambda f, d, a: (replace(f, section=next(s.id for s in d.all_sections() if s.id != f.section)), d, a)),
    ("document", lambda f, d, a: (f, d, replace(a, text=a.text[: d.span[1] - 2] + "改" + a.text[d.span[1] - 1 :]))),
]
# fmt: on


@pytest.mark.parametrize("what,change", IDENTITY_CHANGES, ids=[c[0] for c in IDENTITY_CHANGES])
def test_identity_changes_with_each_part(plan: Analysis, what: str, change) -> None:  # type: ignore[no-untyped-def]
    doc = plan.documents[0]
    finding = next(f for f in doc.findings if f.evidence and f.section)
    before = bl.identity(finding, doc, plan)
    assert bl.identity(*change(finding, doc, plan)) != before, what


def test_identity_without_evidence_uses_the_message() -> None:
    doc = Document(title="方案", span=(0, 4))
    analysis = Analysis(source=plan_source(), text="工作方案", documents=(doc,))
    a = Finding(rule="missing-section", severity="error", message="缺少“实施步骤”部分")
    b = Finding(rule="missing-section", severity="error", message="缺少“保障措施”部分")
    assert bl.identity(a, doc, analysis) != bl.identity(b, doc, analysis)


def plan_source():  # type: ignore[no-untyped-def]
    from cxzy_nlp.model import SourceInfo

    return SourceInfo(path="x.txt", format="txt", sha256="", size=0)


def test_save_load_round_trip_and_atomic(tmp_path: Path, plan: Analysis) -> None:
    doc = plan.documents[0]
    finding = doc.findings[0]
    now = datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)
    decision = bl.make_decision(finding, doc, plan, "dismissed", " 无需修改 ", "王审阅", now=now)
    path = tmp_path / bl.BASELINE_NAME
    base = bl.load(path)
    assert len(base) == 0 and base.path == path
    base.decide(decision)
    bl.save(base)
    assert [p.name for p in tmp_path.iterdir()] == [bl.BASELINE_NAME], "no temporary file is left behind"
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["findings"][0]
    assert {"identity", "rule", "decision", "reason", "reviewer", "time", "evidence"} <= set(entry)
    assert entry["reason"] == "无需修改" and entry["time"] == "2024-05-01T08:30:00Z"
    assert "span" not in entry and "start" not in json.dumps(entry)
    assert bl.load(path).decisions == base.decisions


def test_save_failure_keeps_the_old_file(tmp_path: Path, plan: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / bl.BASELINE_NAME
    path.write_text('{"version": 1, "findings": []}', encoding="utf-8")
    base = bl.load(path)
    doc = plan.documents[0]
    base.decide(bl.make_decision(doc.findings[0], doc, plan, "accepted"))

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(bl.os, "replace", broken)
    with pytest.raises(OSError):
        bl.save(base)
    assert path.read_text(encoding="utf-8") == '{"version": 1, "findings": []}'
    assert [p.name for p in tmp_path.iterdir()] == [bl.BASELINE_NAME]


# fmt: off
BAD_FILES = [
    ("not json",         "{"),
    ("no findings list", '{"version": 1}'),
    ("entry not object", '{"findings": [1]}'),
    ("missing field",    '{"findings": [{"identity": "x"}]}'),
    ("bad decision",     '{"findings": [{"identity": "x", "rule": "r", "decision": "maybe"}]}'),
]
# fmt: on


@pytest.mark.parametrize("what,content", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_malformed_baseline_is_a_config_error(tmp_path: Path, what: str, content: str) -> None:
    path = tmp_path / bl.BASELINE_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        bl.load(path)


def test_apply_hides_dismissed_and_keeps_accepted(plan: Analysis) -> None:
    doc = plan.documents[0]
    base = bl.Baseline()
    dismissed, accepted = doc.findings[0], doc.findings[1]
    base.decide(bl.make_decision(dismissed, doc, plan, "dismissed", "误报"))
    base.decide(bl.make_decision(accepted, doc, plan, "accepted"))
    (kept,) = bl.apply([plan], base)
    assert dismissed not in kept.documents[0].findings
    assert accepted in kept.documents[0].findings
    assert len(kept.documents[0].findings) == len(doc.findings) - 1
    (new_only,) = bl.apply([plan], base, hide=("dismissed", "accepted"))
    assert len(new_only.documents[0].findings) == len(doc.findings) - 2
    (nothing_hidden,) = bl.apply([plan], bl.Baseline())  # control
    assert nothing_hidden.documents[0].findings == doc.findings


def test_dismissed_stays_dismissed_after_a_rerun(tmp_path: Path, plan: Analysis) -> None:
    doc = plan.documents[0]
    base = bl.Baseline(path=tmp_path / bl.BASELINE_NAME)
    for f in doc.findings:
        base.decide(bl.make_decision(f, doc, plan, "dismissed"))
    bl.save(base)
    rerun = analyse_text("\n" + PLAN, "plan.txt")
    (filtered,) = bl.apply([rerun], bl.load(tmp_path / bl.BASELINE_NAME))
    assert filtered.documents[0].findings == ()


def test_default_path_finds_a_parent_baseline(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    assert bl.default_path(folder) == folder.resolve() / bl.BASELINE_NAME
    (tmp_path / bl.BASELINE_NAME).write_text('{"findings": []}', encoding="utf-8")
    assert bl.default_path(folder) == tmp_path.resolve() / bl.BASELINE_NAME
    (folder / "x.txt").write_text("x", encoding="utf-8")
    assert bl.default_path(folder / "x.txt") == tmp_path.resolve() / bl.BASELINE_NAME
