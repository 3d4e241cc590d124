"""Goals that hold when the labeller reads a part otherwise (issue 16, stop 11): a part whose heading names a goal
part (活动目的, 预期效果, 比赛宗旨) or an aim part (指导思想, 总体要求) gives its goals whatever its label, nested in a
task part too; a summary's goals are only what it looks ahead to; a figure told in a part that looks back is
reached, not set; a sentence pointing back at its own aim (…，朝着这一目标迈进) states one. Project-written text;
each case has a control that must not give a goal."""

from __future__ import annotations

import pytest

from cxzy_nlp.extract import extract, names_goal_part
from cxzy_nlp.model import Document, Section

Part = tuple[str, tuple[str, ...], str, tuple["Part", ...]]  # heading, labels, body, children


def _build(title: str, parts: tuple[Part, ...], kind: str | None = None) -> tuple[Document, str]:
    """A document of numbered parts (一、…, then （一）… below), each with its labels and body."""
    text = title + "\n"
    counter = [0]

    def add(part: Part, level: int, index: int) -> Section:
        heading, labels, body, children = part
        number = "一二三四五六七八九"[index] + "、" if level == 1 else f"（{'一二三四五六七八九'[index]}）"
        nonlocal text
        start = len(text)
        text += f"{number}{heading}\n"
        heading_span = (start + len(number), start + len(number) + len(heading))
        text += body + ("\n" if body else "")
        kids = tuple(add(c, level + 1, i) for i, c in enumerate(children))
        counter[0] += 1
        return Section(
            f"s{counter[0]}", number, heading, level, (start, len(text)), heading_span, children=kids, labels=labels
        )

    sections = tuple(add(p, 1, i) for i, p in enumerate(parts))
    doc = Document(title=title, span=(0, len(text)), title_span=(0, len(title)), sections=sections, doc_type=kind)
    return doc, text


def _goals(title: str, parts: tuple[Part, ...], kind: str | None = None) -> list[str]:
    doc, text = _build(title, parts, kind)
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


# ------------------------------------------------------------------ the heading names a goal part

# fmt: off
HEADINGS = [
    ("活动目的", True), ("项目目标", True), ("实践目的与意义", True), ("预期效果", True), ("比赛宗旨", True),
    ("目标任务", True), ("项目预期成果（论文、软件等）", True), ("营销目标：", True), ("阶段目标", True),
    # controls: a thing targeted, the paper's own purpose, an act on goals, the management of targets
    ("目标市场", False), ("目标客户与销售方式", False), ("编写目的", False), ("明确目标", False), ("目标管理", False),
    ("在目标计算机上的测试", False), ("效果评估", False), ("活动时间", False),
]
# fmt: on


@pytest.mark.parametrize(("heading", "names"), HEADINGS)
def test_a_heading_names_a_goal_part_by_its_words(heading: str, names: bool) -> None:
    assert names_goal_part(heading) is names


AIM = "激发同学们动手实践的热情，培养团队协作精神。"


def test_a_goal_part_read_as_background_still_gives_its_goals() -> None:
    parts: tuple[Part, ...] = (("活动目的", ("background",), AIM, ()), ("活动时间", ("logistics",), "五月中旬。", ()))
    assert any("激发同学们动手实践的热情" in g for g in _goals("某某活动方案", parts))


def test_the_same_words_under_a_part_of_another_name_give_no_goal() -> None:
    parts: tuple[Part, ...] = (("活动时间", ("logistics",), AIM, ()), ("活动地点", ("logistics",), "学校操场。", ()))
    assert _goals("某某活动方案", parts) == []


def test_a_goal_part_nested_in_a_task_part_gives_its_goals_whatever_its_label() -> None:
    inner: tuple[Part, ...] = (
        ("实践安排", ("tasks",), "走访三个社区，整理访谈记录。", ()),
        ("预期效果", ("tasks",), "形成一份社区养老现状调研报告。", ()),
    )
    parts: tuple[Part, ...] = (("实践内容", ("tasks",), "", inner),)
    assert any("形成一份社区养老现状调研报告" in g for g in _goals("某某实践方案", parts))


GUIDE = "以提升群众满意度为导向，着力推动社区服务提质增效，加快构建便民服务体系。"


def test_an_aim_part_read_as_principles_still_gives_its_aims() -> None:
    parts: tuple[Part, ...] = (("指导思想", ("principles",), GUIDE, ()), ("工作措施", ("tasks",), "开展上门服务。", ()))
    found = _goals("某某工作方案", parts)
    assert any("推动社区服务提质增效" in g for g in found)


def test_the_same_aims_under_a_part_of_another_name_give_none() -> None:
    parts: tuple[Part, ...] = (("基本原则", ("principles",), GUIDE, ()), ("工作措施", ("tasks",), "开展上门服务。", ()))
    assert not any("推动社区服务提质增效" in g for g in _goals("某某工作方案", parts))


# ------------------------------------------------------------------ a summary looks back

DONE = "全年共举办培训班十二期，参训率达到95%以上，群众满意率达到98%。"
NEXT = "力争明年培训人员达到800人次以上。"


def test_a_summary_gives_the_goals_it_looks_ahead_to_not_the_figures_it_reached() -> None:
    parts: tuple[Part, ...] = (
        ("主要工作", ("sum_achievements",), DONE, ()),
        ("项目目的", ("goals",), "方便居民办理业务，减少排队时间。", ()),
        ("明年打算", ("next_steps",), NEXT, ()),
    )
    found = _goals("某某中心年度工作总结", parts, kind="work_summary")
    assert found == [NEXT]


def test_a_summary_writer_s_own_aim_is_a_goal() -> None:
    parts: tuple[Part, ...] = (("工作感悟", (), "业务要精通，也要多练口才，我会向着这一目标努力。", ()),)
    assert len(_goals("个人工作总结", parts, kind="work_summary")) == 1


def test_the_same_aim_part_in_a_plan_gives_its_goals() -> None:
    parts: tuple[Part, ...] = (("项目目的", ("goals",), "方便居民办理业务，减少排队时间。", ()),)
    assert _goals("某某项目方案", parts, kind="implementation_plan") == ["方便居民办理业务，减少排队时间。"]


def test_a_figure_reached_told_in_a_part_that_looks_back_is_no_goal() -> None:
    parts: tuple[Part, ...] = (
        ("去年工作成效", ("sum_achievements",), "全区绿化覆盖率达到45%。", ()),
        ("工作目标", ("goals",), "新建口袋公园10个。", ()),
    )
    assert _goals("某某区绿化行动方案", parts) == ["新建口袋公园10个。"]


def test_a_figure_set_in_a_part_that_looks_back_is_still_a_goal() -> None:
    parts: tuple[Part, ...] = (("去年工作成效", ("sum_achievements",), "今后三年，力争全区绿化覆盖率达到50%。", ()),)
    assert _goals("某某区绿化行动方案", parts) == ["今后三年，力争全区绿化覆盖率达到50%。"]


# ------------------------------------------------------------------ parts the segmenter made no section of


def _plain(text: str) -> list[str]:
    doc = Document(title="某某", span=(0, len(text)), title_span=(0, 2))
    return [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]


RUN_IN_AIMS = "某某意见\n一、总体要求\n（一）指导思想。坚持问题导向，着力推动社区治理创新，加快构建共建共享格局。\n（二）基本原则。依法办事。\n"
RUN_IN_CONTROL = "某某意见\n一、基本情况\n（一）工作背景。坚持问题导向，着力推动社区治理创新，加快构建共建共享格局。\n（二）基本原则。依法办事。\n"


def test_the_aims_of_a_run_in_guiding_part_are_goals_with_no_section() -> None:
    assert any("推动社区治理创新" in g for g in _plain(RUN_IN_AIMS))


def test_the_same_words_after_another_run_in_heading_are_no_aims() -> None:
    assert not any("推动社区治理创新" in g for g in _plain(RUN_IN_CONTROL))


RUN_IN_GOALS = "某某方案\n（二）工作目标。全面摸清辖区老旧小区底数，形成改造清单。\n（三）工作步骤。分三步推进。\n"
RUN_IN_GOALS_CONTROL = (
    "某某方案\n（二）工作内容。全面摸清辖区老旧小区底数，形成改造清单。\n（三）工作步骤。分三步推进。\n"
)


def test_a_run_in_goal_part_gives_its_goal_with_no_section() -> None:
    assert any("全面摸清辖区老旧小区底数" in g for g in _plain(RUN_IN_GOALS))


def test_the_same_words_after_a_run_in_work_heading_are_no_goal() -> None:
    assert not any("全面摸清辖区老旧小区底数" in g for g in _plain(RUN_IN_GOALS_CONTROL))


LINE_GOALS = "某某活动方案\n比赛宗旨\n增进同学之间的了解，营造和谐的班级氛围。\n\n活动时间\n五月中旬。\n"


def test_a_goal_part_heading_alone_on_its_line_gives_the_paragraph_below() -> None:
    assert any("增进同学之间的了解" in g for g in _plain(LINE_GOALS))
    assert not any("五月中旬" in g for g in _plain(LINE_GOALS))


# a PDF's goal part numbered 2.5, its list wrapped over lines and broken by a page number; a contents entry above
LIST_GOALS = (
    "某某实践方案\n2.5预期效果..........................-9-\n3 团队介绍..........................-10-\n\n"
    "2.5 预期效果\n1、通过走访调研，掌握本地垃圾分类政策落\n实情况。\n2、撰写调研报告一份。\n- 9 -\n\n"
    "3、制作调研短片，展示社区变化。\n3 团队介绍\n队长负责全面工作。\n"
)


def test_a_numbered_goal_part_gives_each_item_of_its_list_across_a_page_break() -> None:
    found = _plain(LIST_GOALS)
    for words in ("掌握本地垃圾分类政策落", "撰写调研报告一份", "制作调研短片"):
        assert any(words in g for g in found), words
    assert not any("队长负责全面工作" in g or "......" in g for g in found)


# ------------------------------------------------------------------ an umbrella part in prose

UMBRELLA = "坚持统筹兼顾，强化部门协同。财政资金安排向基层倾斜。到2027年，建成社区食堂50个。"


def test_an_umbrella_part_in_prose_gives_the_targets_it_sets_not_each_sentence() -> None:
    parts: tuple[Part, ...] = (("总体要求", ("guiding_ideology", "goals"), UMBRELLA, ()),)
    found = _goals("某某实施方案", parts)
    assert any("建成社区食堂50个" in g for g in found)
    assert not any("财政资金安排向基层倾斜" in g for g in found)


def test_a_goal_part_in_prose_gives_each_sentence() -> None:
    parts: tuple[Part, ...] = (("工作目标", ("goals",), UMBRELLA, ()),)
    assert any("财政资金安排向基层倾斜" in g for g in _goals("某某实施方案", parts))


# ------------------------------------------------------------------ what a goal part may hold that is no goal


def test_a_criterion_of_scoring_is_no_goal_but_the_target_beside_it_is() -> None:
    body = "1.班级参与率达到90%以上，得10分。\n2.作品质量优秀（20分）。\n3.班级参与率达到95%以上。"
    found = _goals("某某评比方案", (("工作目标", ("goals",), body, ()),))
    assert found == ["班级参与率达到95%以上。"]


def test_a_row_of_figures_in_a_part_labelled_goals_is_no_goal() -> None:
    body = "营业收入\n1,234,567,890.12\n1,122,334,455.66\n实现营业收入稳步增长。"
    found = _goals("某某报告", (("经营情况", ("goals",), body, ()),))
    assert not any("1,234,567,890.12" in g for g in found)
    assert any("实现营业收入稳步增长" in g for g in found)


def test_a_paper_read_as_a_summary_whose_title_names_no_summary_keeps_its_goals() -> None:
    parts: tuple[Part, ...] = (("项目目的", ("goals",), "方便居民办理业务，减少排队时间。", ()),)
    assert _goals("某某项目实施方案", parts, kind="work_summary") == ["方便居民办理业务，减少排队时间。"]


# ------------------------------------------------------------------ a figure set in a part read as steps


def test_a_figure_set_in_a_part_read_as_steps_is_a_goal() -> None:
    parts: tuple[Part, ...] = (("今年工作安排", ("steps",), "（一）改善民生。新建幼儿园5所，改造老旧小区20个。", ()),)
    assert any("新建幼儿园5所" in g for g in _goals("某某区政府工作报告", parts))


def test_a_figure_reached_in_a_part_read_as_steps_is_no_goal() -> None:
    parts: tuple[Part, ...] = (("去年工作回顾", ("steps",), "（一）改善民生。去年新建幼儿园5所。", ()),)
    assert _goals("某某区政府工作报告", parts) == []


# ------------------------------------------------------------------ the purpose clauses of an opening

# fmt: off
OPENINGS = [
    # (the opening sentence, the purpose clauses a reader marks, or None)
    ("为切实做好春季森林防火工作，保护群众生命财产安全，各乡镇要高度重视，落实责任。",
     "做好春季森林防火工作，保护群众生命财产安全"),
    ("为丰富学生课余生活，培养学生兴趣爱好，本次活动面向全体学生开放。", "丰富学生课余生活，培养学生兴趣爱好"),
    ("为了进一步规范公文处理，提高办文质量，我们对公文格式作出如下规定。", "进一步规范公文处理，提高办文质量"),
    ("为推广先进经验，推进档案室建设，某某司与本刊联合推出专栏。", "推广先进经验，推进档案室建设"),
    # controls: 为 not leading a purpose, no 为 at all
    ("为期三天的培训将于下周开始，各单位要按时报到。", None),
    ("各单位要高度重视，认真组织，确保活动顺利开展。", None),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "purpose"), OPENINGS)
def test_the_purpose_clauses_of_an_opening_are_an_aim(sentence: str, purpose: str | None) -> None:
    text = f"某某通知\n各有关单位：\n{sentence}\n一、工作安排\n按计划推进。\n"
    doc = Document(title="某某通知", span=(0, len(text)), title_span=(0, 4), preface_span=(5, text.index("一、")))
    found = [text[g.span[0] : g.span[1]] for g in extract(doc, text).goals]
    if purpose is None:
        assert not any(sentence[:6] in g for g in found)
    else:
        assert purpose in found


def test_a_part_found_by_its_name_only_gives_aims_a_labelled_goal_part_targets() -> None:
    """A part the labeller did not call goals is not sure enough for the vague-goal check to hold its goals to a
    figure: they are listed as aims; a part labelled goals gives targets."""
    parts: tuple[Part, ...] = (
        ("活动目的", ("background",), AIM, ()),
        ("项目目标", ("tasks",), "完成社区走访，形成调研报告。", ()),
        ("工作目标", ("goals",), "建立长效服务机制。", ()),
    )
    doc, text = _build("某某活动方案", parts)
    found = {text[g.span[0] : g.span[1]]: g.aim for g in extract(doc, text).goals}
    assert found[AIM] is True
    assert found["完成社区走访，形成调研报告。"] is True
    assert found["建立长效服务机制。"] is False


def test_a_goal_part_labelled_guiding_ideas_too_still_gives_each_sentence() -> None:
    parts: tuple[Part, ...] = (("总体目标", ("guiding_ideology", "goals"), UMBRELLA, ()),)
    assert any("财政资金安排向基层倾斜" in g for g in _goals("某某实施方案", parts))
