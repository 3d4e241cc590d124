"""The scoring of analyses against golden files written by reading (cxzy_nlp.goldeval)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cxzy_nlp.goldeval import Locator, align, evaluate_folder, headings_match, overlaps_enough, score_file
from cxzy_nlp.pipeline import analyse_text

PLAN = """关于开展读书月活动的实施方案
一、活动目标
到2025年底，全校学生人均阅读10本书。
二、活动内容
（一）读书分享会
每月举办一次读书分享会，由校团委负责。
（二）征文比赛
5月组织征文比赛。
三、组织领导
成立活动领导小组。
"""

GOLD = {
    "file": "plan.txt",
    "documents": [
        {
            "title": "关于开展读书月活动的实施方案",
            "kind": "implementation_plan",
            "outline": [
                {"number": "一、", "heading": "活动目标", "level": 1, "labels": ["goals"]},
                {"number": "二、", "heading": "活动内容", "level": 1, "labels": ["tasks"]},
                {"number": "（一）", "heading": "读书分享会", "level": 2},
                {"number": "（二）", "heading": "征文比赛", "level": 2},
                {"number": "三、", "heading": "组织领导", "level": 1, "labels": ["organization"]},
            ],
            "goals": [{"text": "全校学生人均阅读10本书"}],
            "activities": [{"name": "读书分享会", "text": "每月举办一次读书分享会"}],
            "owners": ["校团委"],
        }
    ],
}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("一、活动目标", "活动目标：", True),
        ("组织领导", "组织领导与保障", True),  # prefix of at least 4 characters
        ("目标", "目标任务", False),  # a prefix shorter than 4 characters is not enough
        ("活动内容", "活动安排", False),
        ("", "活动内容", False),
    ],
)
def test_heading_matching(a: str, b: str, same: bool) -> None:
    assert headings_match(a, b) is same


def test_alignment_keeps_order() -> None:
    gold = ["背景", "主要任务", "保障措施"]
    found = ["保障措施", "主要任务", "背景"]  # reversed: only one pair can keep the order
    assert len(align(gold, found)) == 1
    assert align(["主要任务", "保障措施"], ["目录", "主要任务", "经费", "保障措施"]) == [(0, 1), (1, 3)]


def test_locator_ignores_spaces_and_width() -> None:
    text = "第一段。\n到 2025 年底，建成１０个站点。"
    span = Locator(text).find("到2025年底，建成10个站点")
    assert span is not None
    assert text[span[0]] == "到" and text[span[1] - 1] == "点"
    assert Locator(text).find("不存在的句子") is None


def test_overlap_rule() -> None:
    assert overlaps_enough((0, 10), (5, 40))  # half of the shorter
    assert not overlaps_enough((0, 10), (6, 40))


def test_score_file_counts_structure_and_extraction() -> None:
    analysis = analyse_text(PLAN, "plan.txt", stages="extract")
    t = score_file(analysis, GOLD)
    figures = t.figures()
    assert t.gold_top == 3 and t.gold_child == 2
    assert figures["top_recall"] == 1.0
    assert t.files_docs_exact == 1
    assert t.gold_goals == 1 and t.gold_owners == 1


def test_score_file_reports_misses() -> None:
    analysis = analyse_text(PLAN, "plan.txt", stages="extract")
    wrong = {
        "file": "plan.txt",
        "documents": [
            {"title": "x", "kind": "notice", "outline": [{"heading": "不存在的标题", "level": 1}]},
            {"title": "y"},
        ],
    }
    t = score_file(analysis, wrong)
    assert t.top_hits == 0 and t.kinds_ok == 0 and t.files_docs_exact == 0
    assert any("不存在的标题" in m for m in t.misses)


def test_evaluate_folder_reads_sources_below_shared(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "plan.txt").write_text(PLAN, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "plan.yaml").write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    (gold_dir / "gone.yaml").write_text(yaml.safe_dump({**GOLD, "file": "gone.txt"}), encoding="utf-8")
    total, absent = evaluate_folder(gold_dir, shared)
    assert total.files == 1 and absent == ["gone.yaml"]
    assert total.figures()["top_recall"] == 1.0


def test_evidence_overlap_rule() -> None:
    from cxzy_nlp.goldeval import evidence_overlaps

    assert evidence_overlaps("全面实施个人所得税申报", "实施个人所得税申报信用承诺制")
    assert not evidence_overlaps("全面实施个人所得税申报", "组织领导")


def test_still_raised_needs_rule_document_and_evidence() -> None:
    from cxzy_nlp.goldeval import Judged, still_raised

    text = "关于开展读书月活动的实施方案\n一、活动目标\n努力提升阅读水平。\n"
    analysis = analyse_text(text, "plan.txt")
    found = [f for d in analysis.documents for f in d.findings if f.severity in ("error", "warn")]
    assert found, "the plan should raise at least one finding"
    f = found[0]
    quote = f.evidence or analysis.text[f.span[0] : f.span[1]] if f.span else (f.evidence or "")
    judged = Judged("plan.txt", 0, f.rule, f.severity, quote[:40], "F", "")
    assert still_raised(judged, analysis)
    assert not still_raised(Judged("plan.txt", 0, "no-such-rule", "warn", quote[:40], "F", ""), analysis)
    assert still_raised(
        Judged("plan.txt", 0, "old-name", "warn", quote[:40], "F", ""), analysis, {"old-name": [f.rule]}
    )
    # a judged index that no longer exists: the finding is followed to the document holding its evidence
    assert still_raised(Judged("plan.txt", 5, f.rule, "warn", quote[:40], "F", ""), analysis) is bool(quote)
    assert not still_raised(Judged("plan.txt", 5, f.rule, "warn", "不在任何文档中的证据文字", "F", ""), analysis)


def test_cli_eval_reports_each_real_split_apart(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cxzy_nlp.cli import app

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.txt").write_text(PLAN, encoding="utf-8")
    for split in ("heldout", "dev"):
        (tmp_path / "golden" / split).mkdir(parents=True)
    gold = dict(GOLD, file="docs/plan.txt")
    (tmp_path / "golden" / "dev" / "plan.yaml").write_text(yaml.safe_dump(gold, allow_unicode=True), "utf-8")
    wrong = dict(gold, documents=[dict(GOLD["documents"][0], kind="notice")])
    (tmp_path / "golden" / "heldout" / "plan.yaml").write_text(yaml.safe_dump(wrong, allow_unicode=True), "utf-8")
    args = ["eval", "--n", "1", "--no-model", "--real", str(tmp_path / "golden"), "--shared", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.startswith("真实文档/")}
    # the same file scored against two golden files: the kind is right on dev, wrong on heldout
    assert rows["真实文档/dev"][1] == "1" and rows["真实文档/dev"][7] == "1.000"
    assert rows["真实文档/heldout"][7] == "0.000"


def test_zones_are_scored_by_kind_at_the_place_of_their_first_words() -> None:
    text = "关于做好防汛工作的通知\n各乡镇：\n现将有关事项通知如下。\n一、加强值守\n全天值班。\n某县人民政府\n2024年6月1日\n（此件公开发布）"
    analysis = analyse_text(text, stages="extract")
    zones = [{"kind": "body", "first": "关于做好防汛"}, {"kind": "signature", "first": "某县人民政府"}]
    good = {
        "file": "n.txt",
        "documents": [{"kind": "notice", "zones": [*zones, {"kind": "furniture", "first": "（此件公开发布）"}]}],
    }
    t = score_file(analysis, good)
    assert (t.gold_zones, t.zone_hits) == (3, 3)
    wrong = {"file": "n.txt", "documents": [{"kind": "notice", "zones": [{"kind": "cover", "first": "某县人民政府"}]}]}
    t = score_file(analysis, wrong)
    assert (t.gold_zones, t.zone_hits) == (1, 0) and any("分区" in m for m in t.misses)


def test_a_gold_item_is_looked_for_inside_its_own_document() -> None:
    """A snippet also met earlier (a contents line, another document of the file) is placed in the paired document."""
    from cxzy_nlp.model import Document

    text = "目录\n读书分享会\n正文\n每月举办一次读书分享会\n"
    locator = Locator(text)
    body = text.index("正文")
    doc = Document(title="t", span=(body, len(text)))
    places = locator.places("读书分享会", doc)
    assert places and all(p[0] > body for p in places)  # the contents line is outside the document's span
    assert locator.places("读书分享会", None) == [locator.find("读书分享会")]  # control: no document, first place
    assert locator.find("读书分享会")[0] < body  # control: the first place in the text is the contents line
    assert len(locator.find_all("分享")) == 2


def test_period_where_the_gold_has_none_is_scored_apart() -> None:
    analysis = analyse_text(PLAN, "plan.txt", stages="extract")
    assert analysis.documents[0].period is not None  # derived from 5月 and 到2025年底
    t = score_file(analysis, GOLD)  # the gold gives this plan no period: the predicted one is an error
    assert (t.periods, t.periods_none, t.periods_none_ok) == (0, 1, 0)
    assert t.figures()["period_none_right"] == 0.0
    assert any("不应有时段" in m for m in t.misses)
    with_period = {"documents": [{**GOLD["documents"][0], "period": {"start": "2025-05-01", "end": "2025-12-31"}}]}
    t = score_file(analysis, with_period)
    assert (t.periods, t.periods_ok, t.periods_none) == (1, 1, 0)
