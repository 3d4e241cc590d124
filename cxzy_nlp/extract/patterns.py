"""The extraction patterns of ``data/extract_patterns.yaml``, loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..chinese.numerals import SMALL_NUMBER

# what follows an event's name in 建党100周年, 新中国成立七十周年, 建党89、90周年
ANNIVERSARY_NUMBERS = rf"[^。，；]{{0,6}}?(?P<ns>{SMALL_NUMBER}(?:[、和]{SMALL_NUMBER})*)\s*周年"


@dataclass(frozen=True)
class Patterns:
    labels: dict[str, tuple[str, ...]]
    fallback_headings: tuple[tuple[str, re.Pattern[str]], ...]
    goal_cue: re.Pattern[str]
    goal_headings: re.Pattern[str]  # 验收标准, 最后交付期限: parts whose sentences are goals
    aim_statement: re.Pattern[str]  # 发掘培育一批…, 本项目拟构建…: an aim wherever it stands
    lead_aim: re.Pattern[str]  # 发掘培育一批…: an aim in the lead paragraph of a top part
    aim_looking_back: re.Pattern[str]  # 已培育一批, 以来: an aim sentence reporting what was reached
    result_field: re.Pattern[str]  # 预期成果, 提供成果及成果形式: a form row's label whose cell is a goal
    target_figure: re.Pattern[str]  # 今年要…完成…600万套: a figure to reach, with the plan's own time or will
    task_figure: re.Pattern[str]  # 完成…投资8000亿元: a verb of reaching and its figure, in a task part
    looking_back: re.Pattern[str]  # 去年, 已, 累计: a sentence reporting what was done
    indicator: re.Pattern[str]
    measure_words: re.Pattern[str]
    owner_words: re.Pattern[str]
    time_words: re.Pattern[str]
    activity_body_verbs: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    owner_cue: re.Pattern[str]
    owner_inline: re.Pattern[str]
    owner_paren: re.Pattern[str]
    participant_cue: re.Pattern[str]
    group_cue: re.Pattern[str]
    roles: tuple[str, ...]
    title_suffixes: tuple[str, ...]
    surnames: frozenset[str]
    reference_kinds: str
    doc_number: re.Pattern[str]  # a whole 文号
    doc_number_tail: re.Pattern[str]  # 〔2021〕9号: what is searched for, the issuer is read backwards
    doc_number_issuer: re.Pattern[str]
    festivals: dict[str, str]
    aim_clause: re.Pattern[str]  # a clause opening with an aim word (推动…, 着力构建…)
    purpose: re.Pattern[str]  # 为…, up to where the purpose clause ends
    purpose_after_basis: re.Pattern[str]  # 根据…，为…，特制定: the purpose clause after the basis clause
    purpose_cue: re.Pattern[str]  # a sentence saying what the plan is for (旨在…, 通过此次活动，使…)
    purpose_self: re.Pattern[str]  # … speaking of the plan itself (本次活动, 该项目, 我们)
    owner_subject: re.Pattern[str]  # a unit as the subject of its clause, then a verb
    owner_unit_end: re.Pattern[str]  # a name that ends as a unit does (…学院, …研究院, …小组)
    owner_columns: re.Pattern[str]
    owner_not_inside: re.Pattern[str]
    person_columns: re.Pattern[str]
    duty_columns: re.Pattern[str]
    not_activity_headings: re.Pattern[str]  # 评选条件, 工作要求, 注意事项: parts that set rules
    description_headings: re.Pattern[str]  # 软件开发方法, 市场需求, SWOT分析: parts that describe
    thing_heads: re.Pattern[str]  # how the name of a thing ends (教学楼网络, 重点产品): not an activity


def _load_yaml() -> dict[str, Any]:
    from ..datacache import load_yaml

    raw = resources.files("cxzy_nlp").joinpath("data/extract_patterns.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_yaml(raw)
    return data


@lru_cache(maxsize=1)
def era_anniversaries() -> tuple[tuple[str, re.Pattern[str], int], ...]:
    """(name, pattern of ``<event>…N周年``, base year) of each event in ``data/era.yaml``."""
    from ..datacache import load_yaml

    raw = resources.files("cxzy_nlp").joinpath("data/era.yaml").read_text(encoding="utf-8")
    events = load_yaml(raw)["anniversaries"]
    return tuple((e["name"], re.compile(f"(?:{e['pattern']}){ANNIVERSARY_NUMBERS}"), int(e["base"])) for e in events)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The compiled patterns (cached)."""
    d = _load_yaml()
    return Patterns(
        labels={k: tuple(v) for k, v in d["labels"].items()},
        not_activity_headings=re.compile(d["not_activity_headings"]),
        description_headings=re.compile(d["description_headings"]),
        fallback_headings=tuple((label, re.compile(rx)) for label, rx in d["fallback_headings"].items()),
        goal_cue=re.compile(d["goal_cues"]),
        goal_headings=re.compile(d["goal_headings"]),
        aim_statement=re.compile(d["aim_statements"]),
        lead_aim=re.compile(d["lead_aims"]),
        aim_looking_back=re.compile(d["aim_looking_back"]),
        result_field=re.compile(d["result_fields"]),
        target_figure=re.compile(
            rf"(?:{d['target_will']})[^。；！？\n]{{0,30}}?(?:{d['target_verbs']})[^。；！？\n，,]{{0,24}}?(?:{d['indicator']})"
        ),
        task_figure=re.compile(
            rf"(?P<v>{d['target_verbs']})[^。；;！？，,]{{0,24}}?(?:{d['indicator']})|(?P<mv>{d['figure_moves']}|(?:在|对|为|向|面向)\s*(?:{d['indicator']})\s*以上)"
        ),
        looking_back=re.compile(d["looking_back"]),
        indicator=re.compile(d["indicator"]),
        measure_words=re.compile(d["measure_words"]),
        owner_words=re.compile(d["owner_words"]),
        time_words=re.compile(d["time_words"]),
        activity_body_verbs=tuple(d["activity_body_verbs"]),
        lead_verbs=tuple(d["lead_verbs"]),
        owner_cue=re.compile(d["owner_cue"]),
        owner_inline=re.compile(d["owner_inline"]),
        owner_paren=re.compile(d["owner_paren"]),
        participant_cue=re.compile(d["participant_cue"]),
        group_cue=re.compile(d["group_cue"]),
        roles=tuple(sorted(d["roles"], key=len, reverse=True)),
        title_suffixes=tuple(sorted(d["title_suffixes"], key=len, reverse=True)),
        surnames=frozenset(d["surnames"]),
        reference_kinds=d["reference_kinds"],
        doc_number=re.compile(d["doc_number_issuer"] + d["doc_number_tail"]),
        doc_number_tail=re.compile(d["doc_number_tail"]),
        doc_number_issuer=re.compile(d["doc_number_issuer"] + "$"),
        festivals=dict(d["festivals"]),
        aim_clause=re.compile(
            r"(?:^|(?<=[\n。；;，,！!]))[ \t]*(?P<a>(?:"
            + d["aim_cues"]
            + r")[^，,。；;！!\n]{3,60})(?=[，,。；;！!\n]|$)",
            re.M,
        ),
        purpose=re.compile(
            r"(?:^|(?<=[\n。；;：:]))[ \t]*为了?(?P<p>[^。；;\n]{4,160}?)[，,]\s*(?=" + d["purpose_end"] + r")", re.M
        ),
        purpose_after_basis=re.compile(  # 根据…精神，为…，特制定本方案: the purpose clause after the basis
            r"(?:^|(?<=[\n。；;：:]))[ \t]*(?:根据|按照|依据|依照|遵照|贯彻|落实)[^。；;\n]{2,80}?[，,]\s*为了?"
            r"(?P<p>[^。；;\n，,]{4,60}(?:[，,][^。；;\n，,]{2,60}){0,3}?)[，,]\s*(?=" + d["purpose_end"] + r")",
            re.M,
        ),
        purpose_cue=re.compile(d["purpose_cues"]),
        purpose_self=re.compile(d["purpose_self"]),
        owner_subject=re.compile(
            r"(?:^|(?<=[\n。；;！!？?：:，,（(])|(?<=[\u4e00-\u9fff][ \u3000]))[ \t]*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?"
            rf"(?P<o>(?:(?:各|全体)[\u4e00-\u9fff]{{1,6}}?(?:[（(][\u4e00-\u9fff、]{{1,8}}[）)](?:[\u4e00-\u9fff]{{0,8}}?(?:{d['owner_units']}))?)?|[\u4e00-\u9fff、和及与]{{0,18}}?(?:{d['owner_units']})(?:[（(][\u4e00-\u9fff]{{1,4}}[）)])?))"
            rf"(?=(?:{d['owner_verbs']}))",
            re.M,
        ),
        owner_unit_end=re.compile(rf"(?:{d['owner_units']})$"),
        owner_columns=re.compile(d["owner_columns"]),
        owner_not_inside=re.compile(d["owner_not_inside"]),
        person_columns=re.compile(d["person_columns"]),
        duty_columns=re.compile(d["duty_columns"]),
        thing_heads=re.compile(d["thing_heads"]),
    )
