"""Bodies of the section types: goals, tasks, steps, budget, leadership... as :mod:`nodes` trees."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import era
from .nodes import Node, Para, Part, Piece, para
from .vocab import Vocab


@dataclass
class Ctx:
    """Everything fixed for one document while its sections are written."""

    rng: random.Random
    v: Vocab
    unit: dict[str, Any]
    dept: str
    region: str
    theme: dict[str, Any]
    year: int
    doc_type: str
    faults: set[str]
    size: int
    signed: date
    fill: dict[str, str]
    used: set[str] = field(default_factory=set)  # composed sentences already written
    notes: dict[str, Any] = field(default_factory=dict)  # layout choices, for analysing failures

    def note(self, key: str, value: object = 1) -> None:
        """Record a layout choice (numbers add up)."""
        if isinstance(value, int) and not isinstance(value, bool):
            self.notes[key] = self.notes.get(key, 0) + value
        else:
            self.notes[key] = value

    def f(self, template: str, **extra: object) -> str:
        """Fill a vocabulary template with this document's words."""
        return template.format_map({**self.fill, **extra})

    def pick(self, key: str, **extra: object) -> str:
        return self.f(self.rng.choice(self.v.phrases[key]), **extra)

    def person(self) -> str:
        people = self.v.people
        given = "".join(self.rng.choice(people["given_chars"]) for _ in range(self.rng.choice((1, 2, 2))))
        return str(self.rng.choice(people["surnames"])) + given

    def sub_unit(self) -> str:
        return str(self.rng.choice(self.v.sub_units[self.unit["kind"]]))

    def offices(self, k: int) -> list[str]:
        """``k`` distinct single offices (no “各…” groups), repeated only when the unit has fewer."""
        pool = [u for u in self.v.sub_units[self.unit["kind"]] if not u.startswith("各")]
        return [pool[i % len(pool)] for i in self.rng.sample(range(max(k, len(pool))), k=k)] if pool else ["办公室"] * k

    def has(self, rule: str) -> bool:
        return rule in self.faults

    def sentence(self) -> str:
        """A composed body sentence not used before in this document."""
        parts = self.v.phrases["sentence"]
        for _ in range(20):
            text = self.f(
                "{}，{}{}，{}。".format(*(self.rng.choice(parts[k]) for k in ("opener", "action", "object", "purpose")))
            )
            if text not in self.used:
                break
        self.used.add(text)
        return text

    def sentences(self, k: int) -> str:
        return "".join(self.sentence() for _ in range(k))

    def activities(self, k: int) -> list[str]:
        """``k`` distinct activity names: the theme's own first, then generic ones."""
        own = self.rng.sample(self.theme["activities"], k=min(k, len(self.theme["activities"])))
        extra = [a for a in self.v.phrases["generic_activities"] if a not in own]
        return own + self.rng.sample(extra, k=min(max(0, k - len(own)), len(extra)))


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def yuan(amount: int, rng: random.Random) -> str:
    """An amount as plans write it: 20000元 or 2万元."""
    if amount % 1000 == 0 and rng.random() < 0.4:
        wan = amount / 10000
        return f"{wan:g}万元"
    return f"{amount}元"


# ---------------------------------------------------------------- simple prose sections


def background(c: Ctx) -> list[Node]:
    lines = c.rng.sample(c.v.phrases["background_body"], k=min(2, 1 + c.size // 2))
    return [para(c.f(t)) for t in lines]


def guiding_ideology(c: Ctx) -> list[Node]:
    formula = era.formula_for(c.year)
    formula_piece = Piece(formula["text"])
    if c.has("era-formula") and not c.has("censor-gap"):
        wrong = era.out_of_era_formula(c.year, c.rng)
        formula_piece = Piece(
            wrong["text"], fault=("era-formula", f"{c.year}年的方案使用了{wrong['from']}–{wrong['to']}年的指导思想表述")
        )
    if c.has("censor-gap"):  # with era-formula too, the era fault moves to the slogan (below)
        gap = c.rng.choice(c.v.phrases["censor_gaps"])
        formula_piece = Piece(gap, fault=("censor-gap", "被过滤网站删去人名后留下的残缺表述"))
    congress = era.congress_for(c.year)
    spirit_piece = Piece(era.spirit_for(c.year))
    if c.has("outdated-reference"):
        stale = era.stale_congress(c.year, c.rng)
        spirit_piece = Piece(
            f"党的{stale}精神", fault=("outdated-reference", f"{c.year}年的方案引用了{stale}，应为{congress}")
        )
    slogan = era.slogan_for(c.year)
    slogan_piece = Piece(slogan)
    if c.has("era-formula") and (c.has("censor-gap") or c.rng.random() < 0.5):
        wrong_slogan = era.out_of_era_slogan(c.year, c.rng)
        slogan_piece = Piece(wrong_slogan, fault=("era-formula", f"{c.year}年的方案使用了过时口号“{wrong_slogan}”"))
    return [
        Para(
            [
                formula_piece,
                Piece("，全面贯彻"),
                spirit_piece,
                Piece(c.f("，紧紧围绕{task}中心任务，坚持以人民为中心，着力补短板、强弱项，为")),
                slogan_piece,
                Piece(c.f("和{field}高质量发展提供坚强保障。")),
            ]
        )
    ]


def principles(c: Ctx) -> list[Node]:
    heads = c.rng.sample(c.v.headings["principles"]["subheads"], k=3)
    bodies = c.rng.sample(c.v.phrases["principle_body"], k=3)  # distinct: no accidental repeated passage
    if c.rng.random() < 0.4:  # inline 一是/二是 enumeration, not headings
        c.note("principles_inline", True)
        text = "；".join(f"{n}是{h}，{b.rstrip('。')}" for n, h, b in zip("一二三", heads, bodies, strict=True)) + "。"
        return [para(text)]
    return [Part(h, [para(b)], glue=True) for h, b in zip(heads, bodies, strict=True)]


def theme(c: Ctx) -> list[Node]:
    return [para(c.pick("theme_lines"))]


Writer = Callable[[Ctx], list[Node]]


def prose(key: str, count: int = 2) -> Writer:
    """A writer of ``count`` distinct stock paragraphs from the phrase list ``key``."""

    def write(c: Ctx) -> list[Node]:
        texts = c.rng.sample(c.v.phrases[key], k=min(count, len(c.v.phrases[key])))
        return [para(c.f(t)) for t in texts]

    return write


# ---------------------------------------------------------------- goals


def _measurable_goal(c: Ctx, metric_template: str) -> str:
    metric = metric_template.format(pct=c.rng.choice((85, 90, 92, 95, 98, 100)), n=c.rng.randint(2, 12), y=c.year)
    lead = c.rng.choice(c.v.phrases["measurable_goal_lead"]).format(year=c.year, month=c.rng.choice((6, 9, 10, 12)))
    return f"{lead}{metric}。"


def goals(c: Ctx) -> list[Node]:
    metrics = c.rng.sample(c.theme["metrics"], k=min(len(c.theme["metrics"]), 2 + min(c.size, 4) + c.rng.randint(0, 1)))
    n = len(metrics)
    vague = set()
    if c.has("vague-goal"):
        k = min(max(1, n // 2 + c.rng.randint(0, n // 2)), len(c.v.phrases["vague_goals"]))
        vague = set(c.rng.sample(range(n), k=k))
    vague_texts = iter(c.rng.sample(c.v.phrases["vague_goals"], k=len(vague)))
    out: list[Node] = [para(c.pick("overall_goal"))]
    items: list[Node] = []
    for i in range(n):
        if i in vague:
            text = c.f(next(vague_texts))  # distinct, so no accidental duplicate passage
            fault: tuple[str, str] | None = ("vague-goal", "目标没有数量、比例或时限")
        else:
            text = _measurable_goal(c, metrics[i])
            fault = None
        items.append(
            Part(
                text,
                item=("goal", {"measurable": i not in vague, "text": text}),
                item_on_heading=True,
                faults=[fault] if fault else [],
            )
        )
    if c.rng.random() < 0.25:  # goals as unnumbered paragraphs
        c.note("goals_unnumbered", True)
        for part in items:
            assert isinstance(part, Part)
            out.append(
                Para(
                    [
                        Piece(
                            part.heading,
                            kind="goal",
                            fields=part.item[1] if part.item else {},
                            fault=part.faults[0] if part.faults else None,
                        )
                    ]
                )
            )
        return out
    return out + items


# ---------------------------------------------------------------- tasks and division


def _owners(c: Ctx) -> tuple[str, str]:
    lead = c.sub_unit()
    resp = c.sub_unit()
    while resp == lead:
        resp = c.sub_unit()
    return lead, resp


def tasks(c: Ctx) -> list[Node]:
    out: list[Node] = []
    for name in c.activities(2 + c.size):
        lead, resp = _owners(c)
        month = c.rng.randint(c.signed.month + 1, 12) if c.signed.month < 12 else 12
        body: list[Node] = [para(c.pick("activity_body", name=name) + c.sentences(c.size // 3))]
        body += [para(c.sentences(2)) for _ in range(c.size // 4)]
        owner: str | None = None
        if not c.has("task-no-owner"):
            owner = lead
            body.append(para(c.pick("owner_line", lead=lead, resp=resp, person=c.person())))
        when = None
        if c.rng.random() < 0.6:
            when = f"{c.year}-{month:02d}"
            body.append(para(c.pick("deadline_line", month=month, day=c.rng.randint(1, 28))))
        heading = c.rng.choice((name, f"开展{name}", f"扎实推进{name}", f"组织{name}活动"))
        out.append(
            Part(
                heading,
                body,
                item=("activity", {"name": name, "owner": owner, "when": when}),
                glue=c.rng.random() < 0.5,
            )
        )
    if c.size > 2:
        out.append(para(c.rng.choice(c.v.phrases["inline_enumeration"])))
    return out


def division(c: Ctx) -> list[Node]:
    out: list[Node] = []
    for name in c.rng.sample(c.theme["activities"], k=min(3, len(c.theme["activities"]))):
        lead, resp = _owners(c)
        out.append(para(f"{name}：由{lead}牵头，{resp}配合，按时完成各项任务。"))
    return out


# ---------------------------------------------------------------- steps


def _phase_dates(c: Ctx, n: int) -> list[tuple[date, date]]:
    start_month = min(c.signed.month + 1, 10)
    months = list(range(start_month, 13))
    cuts = sorted(c.rng.sample(months[1:], k=min(n - 1, len(months) - 1)))
    bounds = [start_month, *cuts, 13]
    out = []
    for a, b in itertools.pairwise(bounds):
        end = date(c.year, 12, 31) if b == 13 else date(c.year, b, 1).replace(day=1)
        if b != 13:
            end = date.fromordinal(end.toordinal() - 1)
        out.append((date(c.year, a, 1), end))
    return out


def _span_text(a: date, b: date) -> str:
    right = f"{b.month}月{b.day}日" if a.year == b.year else cn_date(b)
    return f"{cn_date(a)}—{right}"


def steps(c: Ctx) -> list[Node]:
    names = list(c.rng.choice(c.v.phrases["phase_names"]))
    dates = _phase_dates(c, len(names))
    names = names[: len(dates)]
    broken = c.rng.randrange(1, len(dates)) if c.has("date-logic") and len(dates) > 1 else None
    bodies = c.rng.sample(c.v.phrases["phase_body"], k=len(names))  # distinct: no accidental repeated passage
    out: list[Node] = []
    for i, (name, (a, b)) in enumerate(zip(names, dates, strict=False)):
        fault: tuple[str, str] | None = None
        if broken == i:  # this stage lies before the previous one, in the year before the plan
            a, b = date(c.year - 1, 11, 1), date(c.year - 1, 11, 30)
            fault = ("date-logic", "阶段时间早于前一阶段，且不在方案年度内")
        body: list[Node] = [para(bodies[i] + c.sentences(c.size // 3))]
        if c.has("step-no-time"):
            heading = name
            fields: dict[str, Any] = {"phase": name, "start": None, "end": None}
        else:
            heading = f"{name}（{_span_text(a, b)}）"
            fields = {"phase": name, "start": a.isoformat(), "end": b.isoformat()}
        out.append(
            Part(heading, body, item=("phase", fields), faults=[fault] if fault else [], glue=c.rng.random() < 0.6)
        )
    return out


# ---------------------------------------------------------------- organisation and budget


def _leader_piece(c: Ctx, role: str, title: str) -> Piece:
    name = c.person()
    return Piece(f"{name}（{title}）", kind="leader", fields={"role": role, "name": name, "title": title})


def organization(c: Ctx) -> list[Node]:
    out: list[Node] = [para(c.pick("organization_intro"))]
    head = Piece("")
    if c.has("placeholder") and c.fill.get("placeholder_site") == "leader":
        head = Piece("XXX同志", fault=("placeholder", "组长姓名未填写"))
        out.append(Para([Piece("组长："), head]))
    else:
        out.append(Para([Piece("组长："), _leader_piece(c, "组长", c.dept + c.unit["head"])]))
    deputies = [_leader_piece(c, "副组长", _deputy_title(c)) for _ in range(c.rng.randint(1, 2))]
    out.append(Para([Piece("副组长："), *_joined(deputies)]))
    members = [_leader_piece(c, "成员", _member_title(c, office)) for office in c.offices(c.rng.randint(2, 3 + c.size))]
    out.append(Para([Piece("成员："), *_joined(members)]))
    out.append(para(c.pick("organization_tail", office=c.offices(1)[0], person=c.person())))
    return out


# A member's title follows the kind of office: 科 → 科长, 股 → 股长, 中心 → 主任 ...
_HEAD_OF = (
    ("中心", "主任"),
    ("科", "科长"),
    ("股", "股长"),
    ("室", "主任"),
    ("处", "处长"),
    ("部", "部长"),
    ("所", "所长"),
    ("站", "站长"),
    ("队", "队长"),
    ("院", "院长"),
    ("局", "局长"),
    ("办", "主任"),
    ("委", "书记"),
    ("组", "组长"),
)


def _member_title(c: Ctx, office: str) -> str:
    if office.startswith("各"):
        return office + "主要负责人"
    for suffix, head in _HEAD_OF:
        if office.endswith(suffix):
            return office + ("副" + head if c.rng.random() < 0.3 else head)
    return office + "负责人"


def _deputy_title(c: Ctx) -> str:
    if c.rng.random() < 0.7:
        return "副" + str(c.unit["head"])
    return str(c.rng.choice(c.v.people["deputy_titles"]))


def _joined(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for i, p in enumerate(pieces):
        if i:
            out.append(Piece("、"))
        out.append(p)
    return out


def budget(c: Ctx) -> list[Node]:
    purposes = c.rng.sample(c.theme["budget"], k=min(len(c.theme["budget"]), 2 + c.size // 2))
    amounts = [c.rng.randint(2, 60) * 1000 for _ in purposes]
    total = sum(amounts)
    stated = total
    fault: tuple[str, str] | None = None
    if c.has("budget-mismatch"):
        stated = total + c.rng.choice((-1, 1)) * c.rng.randint(1, 9) * 1000
        fault = ("budget-mismatch", f"各项合计{total}元，总额写作{stated}元")
    out: list[Node] = [
        Para(
            [
                Piece(f"{c.fill['self']}本次{c.theme['title']}预计总经费"),
                Piece(
                    yuan(stated, c.rng), kind="budget_total", fields={"amount": stated, "items_sum": total}, fault=fault
                ),
                Piece("，具体如下："),
            ]
        )
    ]
    for purpose, amount in zip(purposes, amounts, strict=False):
        text = (
            f"{purpose}费用：{yuan(amount, c.rng)}；" if c.rng.random() < 0.5 else f"{purpose}：{yuan(amount, c.rng)}。"
        )
        out.append(Para([Piece(text, kind="budget_item", fields={"purpose": purpose, "amount": amount})]))
    out.append(para(f"经费从{c.year}年度部门预算中列支，专款专用。"))
    return out


def logistics(c: Ctx) -> list[Node]:
    a = date(c.year, min(c.signed.month + 1, 11), c.rng.randint(1, 20))
    b = date(c.year, min(a.month + c.rng.randint(0, 2), 12), c.rng.randint(21, 28))
    place = c.rng.choice(
        (f"{c.region}{c.unit['name']}会议室", f"{c.region}文化广场", "各相关单位", f"{c.region}体育馆")
    )
    return [
        Para(
            [
                Piece("活动时间："),
                Piece(
                    f"{cn_date(a)}至{cn_date(b)}", kind="period", fields={"start": a.isoformat(), "end": b.isoformat()}
                ),
                Piece("。"),
            ]
        ),
        para(f"活动地点：{place}。"),
        para(c.f("参加对象：{objects}。")),
    ]


def safeguards(c: Ctx) -> list[Node]:
    heads = c.rng.sample(c.v.headings["safeguards"]["subheads"], k=min(4, 2 + c.size // 2))
    bodies = c.rng.sample(c.v.phrases["safeguard_body"], k=len(heads))
    if c.rng.random() < 0.3:
        c.note("safeguards_unheaded", True)
        return [para(c.f(b) + c.sentences(c.size // 3)) for b in bodies]
    return [Part(h, [para(c.f(b) + c.sentences(c.size // 3))], glue=True) for h, b in zip(heads, bodies, strict=False)]


# ---------------------------------------------------------------- summaries


def sum_achievements(c: Ctx) -> list[Node]:
    out: list[Node] = []
    for name in c.activities(2 + c.size):
        n = c.rng.randint(3, 60)
        fixed = c.rng.randint((n + 1) // 2, n)
        body = c.pick(
            "summary_item_body",
            name=name,
            n=n,
            m=c.rng.randint(n * 10, n * 40),
            fixed=fixed,
            pct=round(fixed * 100 / n),
        )
        out.append(
            Part(
                c.rng.choice((f"扎实开展{name}", f"{name}成效明显", name)),
                [para(body + c.sentences(c.size // 3))],
                glue=True,
            )
        )
    return out


def next_steps(c: Ctx) -> list[Node]:
    bodies = c.rng.sample(c.v.phrases["next_step_body"], k=3)
    if c.rng.random() < 0.5:
        return [para(c.f(b)) for b in bodies]
    parts = [c.f(b).split("，", 1) for b in bodies]
    return [Part(head, [para(rest)], glue=c.rng.random() < 0.5) for head, rest in parts]


WRITERS: dict[str, Writer] = {
    "background": background,
    "guiding_ideology": guiding_ideology,
    "principles": principles,
    "goals": goals,
    "theme": theme,
    "logistics": logistics,
    "tasks": tasks,
    "division": division,
    "steps": steps,
    "organization": organization,
    "safeguards": safeguards,
    "budget": budget,
    "evaluation": prose("evaluation_body"),
    "publicity": prose("publicity_body"),
    "risk_safety": prose("risk_body"),
    "sum_achievements": sum_achievements,
    "sum_problems": prose("summary_problems", 1),
    "next_steps": next_steps,
}
