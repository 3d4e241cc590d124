"""Kinds of documents whose title names none (issue 14): the body decides when the title is missing or generic —
a template full of prompts of how much to write is a form, an untitled text telling of work done (aspect 了) in
its writer's voice or closing with a look ahead is a 总结 (weak evidence), a text of plans is not. All texts are
written for these tests."""

from __future__ import annotations

from cxzy_nlp.kinds import WEAK, filling_prompts, retrospective_body
from cxzy_nlp.model import Document
from cxzy_nlp.pipeline import analyse_text

TEMPLATE = (
    "第五届校园文化节优秀团队材料\n"
    "请各团队如实准备材料，突出团队特色。\n"
    "一、前期准备\n"
    "团队组建与分工情况（不超过300字）\n"
    "我们在三月完成了组队，按专长分了宣传、后勤和联络三个小组。\n"
    "二、活动开展\n"
    "主要活动及效果（1000字左右）\n"
    "团队共组织了四场读书会，参加人数累计两百余人。\n"
)
REFLECTION = (
    "这次能参加科研训练项目，是老师推荐的结果。刚加入时我对课题了解不多，我先读了十几篇论文，"
    "又跟着学长学会了搭建实验环境。中期检查前我负责了数据清洗，写完了第一版脚本。"
    "后来我又重写了可视化模块，解决了页面加载慢的问题。\n"
    "这段经历让我明白了团队协作的重要，我也收获了很多。感谢队友一直以来的帮助。\n"
)
UNIT_REVIEW = (
    "社区服务站于去年三月正式成立，现有工作人员八名。\n"
    "成立以来，服务站开展了十余次便民活动，帮助了八十多户居民解决了实际困难，建立了志愿者队伍，"
    "完善了值班制度，充实了服务内容，受到了居民的好评。\n"
    "服务站还组织了两次消防演练，提高了居民的安全意识。\n"
    "在今后的工作中，服务站将继续完善服务机制，更好地服务居民。\n"
)
PLAN_TEXT = (
    "社区服务站下一阶段将开展以下工作。\n"
    "一是完善值班制度，确保每天有人在岗；二是组织便民活动，每月不少于两次；三是建立志愿者队伍。\n"
    "各小组要明确责任，按时完成任务，力争年底前服务居民一千人次。\n"
)


def _doc(text: str) -> Document:
    (doc,) = analyse_text(text, "t.txt", stages="segment").documents
    return doc


def test_a_template_with_prompts_of_how_much_to_write_is_a_form() -> None:
    doc = _doc(TEMPLATE)
    assert doc.doc_type == "application_form"
    assert filling_prompts(TEMPLATE, 0, len(TEMPLATE))


def test_a_single_prompt_makes_no_form() -> None:
    text = TEMPLATE.replace("（1000字左右）", "")
    assert not filling_prompts(text, 0, len(text))


def test_an_untitled_first_person_account_of_work_done_is_a_summary() -> None:
    doc = _doc(REFLECTION)
    assert doc.doc_type == "work_summary"
    assert (doc.doc_type_evidence or "").split("；")[0].endswith(WEAK)
    assert doc.profile == "personal_summary"


def test_an_untitled_unit_review_closing_with_a_look_ahead_is_a_summary() -> None:
    assert retrospective_body(UNIT_REVIEW, 0, len(UNIT_REVIEW))
    assert _doc(UNIT_REVIEW).doc_type == "work_summary"


def test_work_done_without_a_voice_or_a_look_ahead_is_no_summary() -> None:
    # a report of work done by a third party (a news story): no 我, no 今后的工作中
    text = UNIT_REVIEW.replace("在今后的工作中，服务站将继续完善服务机制，更好地服务居民。\n", "")
    assert not retrospective_body(text, 0, len(text))
    assert _doc(text).doc_type != "work_summary"


def test_a_text_of_work_to_come_is_no_summary() -> None:
    assert not retrospective_body(PLAN_TEXT, 0, len(PLAN_TEXT))
    assert _doc(PLAN_TEXT).doc_type != "work_summary"


def test_a_kind_word_in_a_contents_entry_names_no_kind() -> None:
    from cxzy_nlp.kinds import opening_word_kind

    contents = "目录\n1\t引言\t2\n2\t系统设计\t4\n3\t进度计划表\t9\n"
    assert opening_word_kind(contents, 0, len(contents)) is None
    assert opening_word_kind("本学期学习计划\n", 0, 8) == "work_schedule"  # control: a word of the text itself


def test_a_web_copy_whose_first_line_is_a_menu_item_is_untitled() -> None:
    page = "服务指南\n社区动态\n党建园地\n联系我们\n" + UNIT_REVIEW
    assert _doc(page).doc_type == "work_summary"
    titled = "社区服务站的一点心得\n" + UNIT_REVIEW  # control: the writer's own title, naming no kind, stands
    assert _doc(titled).doc_type != "work_summary"
