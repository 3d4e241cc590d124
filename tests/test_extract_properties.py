"""Laws of the extraction stage: every span lies in its document and quotes exactly its item."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cxzy_nlp.extract import extract, find_amounts, find_dates
from cxzy_nlp.model import Document, Section

PHRASES = ["提升服务质量", "开展业务培训", "组织志愿服务", "完善工作机制", "加强队伍建设", "推进信息化建设"]
TAILS = ["，覆盖率达到95%", "，2025年6月底前完成", "，培训200人次", "", "，预算30万元", "，由办公室牵头"]
item = st.tuples(st.sampled_from(PHRASES), st.sampled_from(TAILS)).map(lambda t: t[0] + t[1] + "。")
noise = st.text(alphabet="年月日至元万，。：、0123456789一二三四五六七八九十（）《》〔〕号", max_size=40)


def _section(sid: str, number: str, heading: str, label: str, items: list[str], start: int) -> tuple[Section, str]:
    head = f"{number}{heading}"
    body = "".join(f"\n{i + 1}.{x}" for i, x in enumerate(items))
    text = head + body
    sec = Section(
        id=sid,
        number=number,
        heading=heading,
        level=1,
        span=(start, start + len(text)),
        heading_span=(start, start + len(head)),
        labels=(label,),
    )
    return sec, text


@st.composite
def plans(draw: st.DrawFn) -> tuple[Document, str]:
    prefix = draw(noise)
    title = "2024年某单位活动方案"
    text = prefix + "\n" + title + "\n"
    start = len(prefix) + 1
    sections = []
    for sid, (number, heading, label) in enumerate(
        [("一、", "工作目标", "goals"), ("二、", "主要任务", "tasks"), ("三、", "经费预算", "budget")]
    ):
        sec, chunk = _section(f"s{sid + 1}", number, heading, label, draw(st.lists(item, max_size=5)), len(text))
        sections.append(sec)
        text += chunk + "\n"
    text += draw(noise)
    doc = Document(
        title=title, span=(start, len(text)), title_span=(start, start + len(title)), sections=tuple(sections)
    )
    return doc, text


@settings(max_examples=60, deadline=None)
@given(plans())
def test_spans_lie_in_document_and_quote_items(plan: tuple[Document, str]) -> None:
    doc, text = plan
    out = extract(doc, text)
    lo, hi = doc.span
    for goal in out.goals:
        assert lo <= goal.span[0] < goal.span[1] <= hi
        assert text[goal.span[0] : goal.span[1]] == goal.text
    for act in out.activities:
        assert lo <= act.span[0] < act.span[1] <= hi
        assert text[act.span[0] : act.span[1]] == act.text
    others = [*out.schedule, *out.leaders, *out.references, *(out.budget.items if out.budget else ())]
    for thing in others:
        assert lo <= thing.span[0] <= thing.span[1] <= hi
    assert out.year == 2024


@settings(max_examples=60, deadline=None)
@given(plans())
def test_items_of_labelled_sections_are_found(plan: tuple[Document, str]) -> None:
    doc, text = plan
    out = extract(doc, text)
    goals_sec, tasks_sec, _ = doc.sections
    n_goals = text[goals_sec.span[0] : goals_sec.span[1]].count("\n")
    n_tasks = text[tasks_sec.span[0] : tasks_sec.span[1]].count("\n")
    assert len([g for g in out.goals if g.section == "s1"]) == n_goals
    # every task item is found; a dated item elsewhere (a goal due by 2025年6月底) may be an activity as well
    assert len([a for a in out.activities if a.section == "s2"]) == n_tasks
    for goal in out.goals:
        assert goal.measurable == bool(goal.indicators or find_dates(goal.text, year=2024))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_date_and_money_spans_quote_their_text(text: str) -> None:
    for d in find_dates(text, year=2024):
        assert text[d.span[0] : d.span[1]] == d.text
        assert d.valid or (d.start is None and d.end is None)
    for a in find_amounts(text):
        assert text[a.span[0] : a.span[1]] == a.text and a.yuan >= 0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def test_synthetic_plans_recall() -> None:
    """Gold goals, activities, phases and budget lines of generated plans are found (overlap ≥ 0.6)."""
    from cxzy_nlp.pipeline import analyse_text
    from cxzy_nlp.synth import generate_plan

    hits: dict[str, list[int]] = {}
    for seed in range(12):
        plan = generate_plan(seed, faults=False)
        docs = analyse_text(plan.text, stages="extract").documents
        found = {
            "goal": [g.span for d in docs for g in d.goals],
            "activity": [a.span for d in docs for a in d.activities],
            "phase": [p.span for d in docs for p in d.schedule],
            "budget_item": [b.span for d in docs if d.budget for b in d.budget.items],
        }
        for gold in plan.items:
            if gold.kind in found:
                score = max((_overlap(gold.span, s) for s in found[gold.kind]), default=0.0)
                hits.setdefault(gold.kind, []).append(score >= 0.6)
    for kind, got in hits.items():
        assert sum(got) / len(got) >= 0.9, f"{kind}: {sum(got)}/{len(got)}"


ALPHABET = [
    *"一二三四五六七八九十、．.（）()：:；。，\n\t0123456789年月日至万元号〔〕《》“”组长为成员领导小组目标活动内容时间预算经费",
    "1.",
    "（一）",
    "(1)",
    "2、",
    "二、",
    "三、",
    "2024年",
    "3月底前",
    "为期2个月",
    "30万元",
    "张三为组长",
    "力争",
    "合计",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=120).map("".join))
def test_any_text_gives_items_inside_the_document(text: str) -> None:
    doc = extract(Document(title=text[:10] or None, span=(0, len(text))), text)
    for item in (
        *doc.goals,
        *doc.activities,
        *doc.schedule,
        *doc.leaders,
        *doc.references,
        *(doc.budget.items if doc.budget else ()),
    ):
        assert 0 <= item.span[0] <= item.span[1] <= len(text)
    for goal in doc.goals:
        assert text[goal.span[0] : goal.span[1]] == goal.text
    for activity in doc.activities:
        assert text[activity.span[0] : activity.span[1]] == activity.text
