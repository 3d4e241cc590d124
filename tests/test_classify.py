"""Section labels: taxonomy rules, compound headings, the model (exported, numpy) and its rebuild."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxzy_nlp.classify import (
    MODEL_PATH,
    Labelling,
    classify,
    compound_labels,
    list_item_labels,
    load_model,
    model_from_dict,
    model_text,
    rule_labels,
)
from cxzy_nlp.cli import app
from cxzy_nlp.headings import taxonomy
from cxzy_nlp.model import Section
from cxzy_nlp.pipeline import analyse_text
from cxzy_nlp.train import Example, fit_section_model, train

# fmt: off
RULE_LABELS = [
    # (heading, labels)
    ("活动背景", ("background",)),
    ("指导思想", ("guiding_ideology",)),
    ("工作目标", ("goals",)),
    ("活动主题", ("theme",)),
    ("活动时间", ("logistics",)),
    ("重点任务", ("tasks",)),
    ("职责分工", ("division",)),
    ("实施步骤", ("steps",)),
    ("组织领导", ("organization",)),
    ("保障措施", ("safeguards",)),
    ("经费预算", ("budget",)),
    ("督导检查", ("evaluation",)),
    ("宣传引导", ("publicity",)),
    ("安全措施", ("risk_safety",)),
    ("主要做法", ("sum_achievements",)),
    ("存在的问题", ("sum_problems",)),
    ("下一步打算", ("next_steps",)),
    ("活动背景与目标", ("background", "goals")),
    ("活动组织与实施", ("organization", "steps")),
    ("活动内容和时间安排", ("tasks", "steps")),
    ("活动保障与激励", ("safeguards", "evaluation")),
    ("背景和意义", ("background",)),
    ("加强领导，确保各项任务落到实处", ("organization",)),
    ("统一思想，提高认识", ("background",)),
    ("强化措施，科学安排好工作的方法步骤", ("steps",)),
    ("“活动主题”：", ("theme",)),
]
NO_RULE = ["完善国家职业教育制度体系", "北京市推进医联体建设", "其他"]
# fmt: on


@pytest.mark.parametrize(("heading", "labels"), RULE_LABELS)
def test_rule_labels(heading: str, labels: tuple[str, ...]) -> None:
    found = rule_labels(heading)
    assert found is not None and found.labels == labels and found.source == "rule"
    assert 0.5 < found.confidence <= 1.0


@pytest.mark.parametrize("heading", NO_RULE)
def test_rules_stay_silent_on_content_headings(heading: str) -> None:
    assert rule_labels(heading) is None


def test_compound_needs_every_part() -> None:
    assert compound_labels("活动背景与目标") == ("background", "goals")
    assert compound_labels("背景与张三") == ()
    assert compound_labels("工作目标") == ()


def test_every_label_is_a_taxonomy_section() -> None:
    ids = {s["id"] for s in taxonomy()["sections"]}
    for _, labels in RULE_LABELS:
        assert set(labels) <= ids


TEXT = """读书月活动实施方案
一、活动背景与目标
为营造书香校园。
二、北京市推进医联体建设
（一）完善服务网络
三、加强领导，确保各项任务落到实处
成立领导小组。"""


def test_rules_alone_work_without_the_model(tmp_path: Path) -> None:
    analysis = analyse_text(TEXT, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, model_path=str(tmp_path / "absent.json"))
    first, second, third = doc.sections
    assert first.labels == ("background", "goals") and first.label_source == "rule"
    assert third.labels == ("organization",)
    assert second.label_source in ("rule", "none")  # no model: a keyword or the tasks prior, never "model"
    assert all(s.label_source != "model" for s in doc.all_sections())


def test_every_section_gets_label_fields() -> None:
    analysis = analyse_text(TEXT, stages="segment")
    for s in analysis.documents[0].all_sections():
        assert s.label_source in ("rule", "model", "none")
        assert (s.label_confidence is None) == (not s.labels)


# ------------------------------------------------------------------ the model

# Hand-written examples (my own headings), enough for a small model.
# fmt: off
HAND = [
    ("活动背景", "background"), ("项目背景介绍", "background"), ("现状与形势", "background"),
    ("活动目标", "goals"), ("预期成效", "goals"), ("年度目标任务", "goals"),
    ("活动安排", "steps"), ("进度安排", "steps"), ("阶段划分", "steps"),
    ("经费预算", "budget"), ("费用明细", "budget"), ("资金来源", "budget"),
    ("宣传报道", "publicity"), ("舆论引导", "publicity"), ("宣传推广", "publicity"),
]
# fmt: on


def small_examples() -> list[Example]:
    return [Example(model_text(h, ""), label) for h, label in HAND * 2]


def test_numpy_prediction_matches_sklearn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    examples = small_examples()
    model = model_from_dict(fit_section_model(examples, seed=7))
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, max_features=6000, lowercase=False)
    x = vec.fit_transform([e.text for e in examples])
    with threadpool_limits(1):
        clf = LogisticRegression(C=8.0, max_iter=3000, random_state=7).fit(x, [e.label for e in examples])
    for probe in ("项目经费", "宣传工作", "时间进度", "总体目标"):
        text = model_text(probe, "")
        probs = clf.predict_proba(vec.transform([text]))[0]
        label, prob = model.predict(text)
        assert label == clf.classes_[probs.argmax()]
        assert prob == pytest.approx(probs.max(), abs=1e-3)


def test_model_labels_what_rules_leave_open(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(fit_section_model(small_examples(), seed=7), ensure_ascii=False), encoding="utf-8")
    text = "植树活动方案\n一、费用明细清单\n共计三千元。\n二、舆论引导工作\n发布新闻。"
    analysis = analyse_text(text, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, model_path=str(path))
    assert [s.label_source for s in doc.sections] == ["model", "model"]
    assert [s.labels for s in doc.sections] == [("budget",), ("publicity",)]
    assert all(0.45 <= (s.label_confidence or 0) <= 1 for s in doc.sections)


def test_shipped_model_loads_without_pickle() -> None:
    if not MODEL_PATH.is_file():
        pytest.skip("models/section_classifier.json not built")
    model = load_model(str(MODEL_PATH))
    assert model is not None
    assert set(model.classes) <= {s["id"] for s in taxonomy()["sections"]}


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    lines = [json.dumps({"heading": h, "labels": [label], "body": ""}, ensure_ascii=False) for h, label in HAND]
    (corpora / "hand.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpora


def test_train_rebuilds_the_same_bytes(small_corpus: Path, tmp_path: Path) -> None:
    a = train(small_corpus, tmp_path / "a", n_synth=2)
    b = train(small_corpus, tmp_path / "b", n_synth=2)
    assert Path(a["path"]).read_bytes() == Path(b["path"]).read_bytes()
    assert a["examples"] > len(HAND)
    data = json.loads(Path(a["path"]).read_text(encoding="utf-8"))
    assert {"vocabulary", "idf", "coef", "intercept", "classes"} <= set(data)


def test_cli_train_and_eval(small_corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["train", "--corpora", str(small_corpus), "--models", str(tmp_path / "m"), "--synth", "0"]
    )
    assert result.exit_code == 0, result.output
    model = tmp_path / "m" / "section_classifier.json"
    assert model.is_file()
    result = runner.invoke(
        app, ["eval", "--n", "2", "--model", str(model), "--corpora", str(small_corpus), "--no-real"]
    )
    assert result.exit_code == 0, result.output
    assert "边界F1" in result.stdout and "标签准确率" in result.stdout


def test_handwritten_corpus_headings_and_labels() -> None:
    from cxzy_nlp.train import evaluate_handwritten

    corpora = Path(__file__).resolve().parents[1] / "corpora"
    scores = evaluate_handwritten(corpora)
    if scores is None:
        pytest.skip("corpora/handwritten has no annotated plans")
    assert scores.boundary_recall >= 0.95 and scores.boundary_precision >= 0.95
    assert scores.label_accuracy >= 0.90


@pytest.mark.parametrize(
    ("doc_type", "heading", "labels"),
    [
        ("implementation_plan", "主要工作", ("tasks",)),
        ("work_summary", "主要工作", ("sum_achievements",)),
        ("work_summary", "存在的问题", ("sum_problems",)),
        ("report", "主要工作", ("sum_achievements",)),  # a 实践报告 recounts work done
        ("speech", "主要工作", ("sum_achievements",)),  # a speech keeps what its heading says
        ("notice", "主要工作", ("tasks",)),
    ],
)
def test_labels_depend_on_document_type(doc_type: str, heading: str, labels: tuple[str, ...]) -> None:
    from cxzy_nlp.model import Document, Section

    section = Section(id="s1", number="一、", heading=heading, level=1, span=(0, 10), heading_span=(0, 6))
    doc = Document(title="t", span=(0, 10), doc_type=doc_type, sections=(section,))
    assert classify(doc, "一、" + heading + "正文。").sections[0].labels == labels


# ------------------------------------------------------------------ entries of a list section

LIST_PLAN = """读书节活动方案
一、活动目标
1.提升师生阅读兴趣，人均读书五本以上
2.建成班级图书角二十个
二、主要任务
（一）开展亲子共读
（二）评选书香班级
（三）安全保障
三、实施步骤
（一）筹备阶段（三月）
（二）总结阶段（六月）
四、加强领导，确保各项任务落到实处
（一）提升师生阅读兴趣
五、北京市推进医联体建设
（一）完善服务网络
"""

# fmt: off
LIST_ENTRY_LABELS = [
    # (heading of the entry, labels, source)
    ("提升师生阅读兴趣，人均读书五本以上", ("goals",), "rule"),
    ("建成班级图书角二十个", ("goals",), "rule"),
    ("开展亲子共读", ("tasks",), "rule"),
    ("评选书香班级", ("tasks",), "rule"),
    ("安全保障", ("risk_safety",), "rule"),  # a section name of its own keeps its label
    ("筹备阶段（三月）", ("steps",), "rule"),
    ("总结阶段（六月）", ("steps",), "rule"),
]
# fmt: on


@pytest.mark.parametrize(("heading", "labels", "source"), LIST_ENTRY_LABELS)
def test_entries_of_a_list_section_take_its_labels(heading: str, labels: tuple[str, ...], source: str) -> None:
    analysis = analyse_text(LIST_PLAN, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    entry = next(s for s in doc.all_sections() if s.heading == heading)
    assert entry.labels == labels and entry.label_source == source
    parent = next(p for p in doc.all_sections() if entry in p.children)
    if labels == parent.labels:
        assert entry.label_confidence is not None and parent.label_confidence is not None
        assert entry.label_confidence < parent.label_confidence


def test_entries_of_a_non_list_section_keep_their_own_labels() -> None:
    analysis = analyse_text(LIST_PLAN, stages="segment")
    doc = classify(analysis.documents[0], analysis.text, use_model=False)
    organization = doc.sections[3]
    assert organization.labels == ("organization",)
    assert organization.children[0].labels != ("organization",)


def test_a_parent_labelled_by_the_tasks_prior_passes_nothing_on() -> None:
    entry = Section(id="s2", number="（一）", heading="完善服务网络", level=2, span=(0, 10), heading_span=(0, 9))
    assert list_item_labels(entry, Labelling(("tasks",), 0.35, "rule")) is None
    assert list_item_labels(entry, Labelling(("tasks",), 0.9, "rule")) == Labelling(("tasks",), 0.54, "rule")
    unnumbered = replace(entry, number="")
    assert list_item_labels(unnumbered, Labelling(("tasks",), 0.9, "rule")) is None


# ------------------------------------------------------------------ umbrella headings


@pytest.mark.parametrize(
    ("body", "labels"),
    [
        ("要坚持依法推进原则，严格依照法律法规办事。", ("guiding_ideology", "principles")),
        ("到2027年底，基本建立长效监管机制。", ("guiding_ideology", "goals")),
        ("以新时代中国特色社会主义思想为指导，全面贯彻会议精神。", ("guiding_ideology",)),  # control: no part named
    ],
)
def test_an_umbrella_heading_takes_the_parts_its_body_names(body: str, labels: tuple[str, ...]) -> None:
    text = f"城区绿化提升实施方案\n一、总体要求\n{body}\n二、主要任务\n补种树木。\n"
    doc = classify(analyse_text(text, stages="segment").documents[0], text, use_model=False)
    assert doc.sections[0].labels == labels


def test_control_an_umbrella_heading_with_sub_headings_keeps_its_own_label() -> None:
    text = "城区绿化提升实施方案\n一、总体要求\n（一）基本原则\n坚持生态优先原则。\n（二）工作目标\n到2027年底建成绿地十处。\n"
    doc = classify(analyse_text(text, stages="segment").documents[0], text, use_model=False)
    assert doc.sections[0].labels == ("guiding_ideology",)


def test_shipped_model_is_what_cxzy_train_builds(tmp_path: Path) -> None:
    """The shipped section model is exactly what `cxzy train` rebuilds from corpora/ and the taxonomy (a taxonomy or
    corpus change without retraining fails here; control: the corpora without the handwritten plans give other bytes)."""
    if not MODEL_PATH.is_file():
        pytest.skip("models/section_classifier.json not built")
    corpora = Path(__file__).resolve().parents[1] / "corpora"
    built = train(corpora, tmp_path / "a", spans=False)
    assert Path(built["path"]).read_bytes() == MODEL_PATH.read_bytes()
    import shutil

    fewer = shutil.copytree(corpora, tmp_path / "fewer", ignore=shutil.ignore_patterns("handwritten"))
    other = train(Path(fewer), tmp_path / "b", spans=False)
    assert Path(other["path"]).read_bytes() != MODEL_PATH.read_bytes()
