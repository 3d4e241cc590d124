"""Profiles: built-ins per document type, user files that extend them, switches and severities."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check_rules import PLAN, run

from cxzy_nlp.check import builtin_names, load_profile, resolve_profile
from cxzy_nlp.check.knowledge import catalogue
from cxzy_nlp.errors import ConfigError

PLAN_TYPES = ("implementation_plan", "work_plan", "activity_plan", "work_schedule")
# The document kinds of the structure stage (segment): every one has its profile.
DOC_TYPES = (
    *PLAN_TYPES, "work_summary", "notice", "bulletin", "opinion", "speech", "minutes", "reply",
    "application_form", "technical_plan", "calendar", "report", "regulation", "other",
)  # fmt: skip
OFFICIAL_TYPES = ("notice", "bulletin", "opinion", "reply", "report", "minutes", "regulation")
ABSTRACT = ("default", "plan", "official")  # parents the kinds extend
# Profiles chosen within a kind from its evidence (cxzy_nlp.kinds.kind_profile): kind-agnostic rules only.
SUB_PROFILES = ("personal_summary", "project_summary", "personal_plan", "study_report", "handbook")


def test_one_builtin_profile_per_document_type_and_a_default() -> None:
    assert set(builtin_names()) == {*DOC_TYPES, *ABSTRACT, *SUB_PROFILES}


@pytest.mark.parametrize("name", [*DOC_TYPES, *ABSTRACT, *SUB_PROFILES])
def test_builtin_profiles_load_and_name_only_known_rules(name: str) -> None:
    profile = load_profile(name)
    assert set(profile.rules) <= set(catalogue())
    assert profile.rules["length"]["max_chars"] in (4000, 5000)  # inherited from default
    if name in (*PLAN_TYPES, "work_summary", "plan"):
        assert profile.required_sections and profile.enabled("missing-section"), name
    else:
        assert not profile.enabled("missing-section"), name


@pytest.mark.parametrize("name", ["default", "other", "speech", "application_form", "calendar", *SUB_PROFILES])
def test_unknown_and_non_plan_kinds_run_only_kind_agnostic_rules(name: str) -> None:
    profile = load_profile(name)
    for rule in ("missing-section", "vague-goal", "task-no-owner", "step-no-time", "heading-style"):
        assert not profile.enabled(rule), (name, rule)
    for rule in ("placeholder", "scrape-residue", "unreadable-text", "date-logic", "outdated-reference"):
        assert profile.enabled(rule), (name, rule)


@pytest.mark.parametrize("name", DOC_TYPES)
def test_numbering_style_advice_only_for_official_kinds(name: str) -> None:
    official = name in (*OFFICIAL_TYPES, "implementation_plan", "work_plan")
    assert load_profile(name).enabled("heading-style") == official, name


def test_no_message_names_a_profile() -> None:
    unknown = run(PLAN.replace("社区服务提升实施方案", "某某材料"), profile="default")
    plan = run(PLAN.replace("一、工作目标 [goals]", "一、总体要求 [guiding_ideology]"), "missing-section")
    assert plan and not any(word in f.message for f in [*unknown, *plan] for word in ("通用", "default", "plan"))


# fmt: off
TITLES = [
    ("2024年社区服务提升实施方案", "implementation_plan"),
    ("关于开展读书月的活动方案", "activity_plan"),
    ("财政局2023年工作计划", "work_schedule"),
    ("县教育局2023年工作总结", "work_summary"),
    ("机关作风整顿工作方案", "work_plan"),
    ("关于某事的通知", "notice"),
    ("国务院办公厅关于某项督查的通报", "bulletin"),
    ("某系统软件开发计划", "technical_plan"),
    ("某某情况说明材料", "default"),
]
# fmt: on


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_profile_chosen_from_the_title_when_the_type_is_unknown(title: str, expected: str) -> None:
    assert resolve_profile(None, None, title).name == expected


def test_doc_type_wins_over_title() -> None:
    assert resolve_profile(None, "work_summary", "某某实施方案").name == "work_summary"


def test_a_title_naming_a_more_specific_kind_wins() -> None:
    assert resolve_profile(None, "work_schedule", "图书管理系统开发计划").name == "technical_plan"
    assert resolve_profile(None, "work_schedule", "图书管理系统工作计划").name == "work_schedule"


def test_a_work_summary_is_not_asked_for_steps() -> None:
    summary = PLAN.replace("社区服务提升实施方案", "社区服务工作总结").replace("[steps]", "")
    assert not any("实施步骤" in f.message for f in run(summary, "missing-section"))
    assert {f.rule for f in run(summary)}.isdisjoint({"step-no-time", "task-no-owner", "vague-goal"})
    plan = PLAN.replace("[steps]", "")
    assert any("实施步骤" in f.message for f in run(plan, "missing-section"))


def test_user_profile_extends_switches_off_and_re_grades(tmp_path: Path) -> None:
    path = tmp_path / "county.yaml"
    path.write_text(
        "name: county\nextends: implementation_plan\n"
        "rules:\n  placeholder: {severity: warn}\n  informal-voice: {enabled: false}\n  length: {max_chars: 100}\n",
        encoding="utf-8",
    )
    profile = load_profile(str(path))
    assert profile.severity("placeholder") == "warn"
    assert not profile.enabled("informal-voice")
    assert profile.setting("empty-section", "min_chars") == 1  # inherited from default through the chain
    markup = PLAN + "\n嘿，朋友们。\nXX单位"
    found = run(markup, profile=str(path))
    assert {f.rule: f.severity for f in found}["placeholder"] == "warn"
    assert not any(f.rule == "informal-voice" for f in found)
    assert any(f.rule == "length" and "100字" in f.message for f in found)
    assert [f.rule for f in run(markup) if f.rule == "informal-voice"] == ["informal-voice"]


def test_user_profile_replaces_required_sections(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text(
        "extends: default\nrequired_sections:\n- {name: 经费预算, labels: [budget]}\n"
        "rules:\n  missing-section: {enabled: true}\n",
        encoding="utf-8",
    )
    found = run(PLAN, "missing-section", profile=str(path))
    assert [f.message.split("：")[0] for f in found] == ["【缺少必备章节】缺少“经费预算”部分"]


# fmt: off
BAD_PROFILES = [
    ("rules:\n  no-such-rule: {enabled: false}\n", "no-such-rule"),
    ("rules:\n  placeholder: {severity: fatal}\n", "fatal"),
    ("extends: nowhere\n", "nowhere"),
    ("- just\n- a list\n", "映射"),
    ("rules: [\n", "YAML"),
    ("required_sections:\n- {name: 目标}\n", "labels"),
]
# fmt: on


@pytest.mark.parametrize(("content", "quoted"), BAD_PROFILES)
def test_bad_profiles_fail_with_a_chinese_message_quoting_the_value(tmp_path: Path, content: str, quoted: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_profile(str(path))
    assert quoted in info.value.message


def test_unknown_builtin_name_lists_the_available_ones() -> None:
    with pytest.raises(ConfigError) as info:
        load_profile("no_such_profile")
    assert "implementation_plan" in info.value.message


def test_extends_cycle_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "default.yaml"
    path.write_text("name: default\nextends: default\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_profile(str(path))
