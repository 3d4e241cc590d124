"""Label-line headings (issue 14): in a text with no numbered ladder, short lines that name a part and end in a
colon (背景： 目标：) are its top level; a label met under each of them (主要回答：) is one level down; a lead-in
(安排如下：), a salutation (各位同学：) or a lone label is no heading."""

from __future__ import annotations

from cxzy_nlp.pipeline import analyse_text

LOGIC_MODEL = (
    "背景：\n新生对校园环境不熟悉，需要尽快适应。\n"
    "目标：\n帮助新生了解学校，建立联系。\n"
    "输出\n• 小组手册\n• 班级公约\n"
    "过程\n• 三天导引课\n• 参观图书馆\n"
    "校史讲座\n社团介绍\n• 汇报演出\n"
)

DIVISION = (
    "答疑分工\n"
    "王明：\n主要回答：\n招生政策介绍\n专业选择建议\n简短回答：\n学习时间安排\n"
    "李华：\n主要回答：\n竞赛与高考衔接\n大学课余生活\n"
    "赵强：\n主要回答：\n心理调适方法\n简要回答：\n刷题与复习\n"
)


def _outline(text: str) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for d in analyse_text(text, stages="segment").documents for s in d.all_sections()]


def test_label_lines_are_the_top_level() -> None:
    assert _outline(LOGIC_MODEL) == [(1, "背景"), (1, "目标"), (1, "输出"), (1, "过程")]


def test_short_items_of_a_list_are_no_labels() -> None:
    assert (1, "社团介绍") not in _outline(LOGIC_MODEL)  # a short line right under another short line


def test_a_label_under_each_name_is_one_level_down() -> None:
    assert _outline(DIVISION) == [
        (1, "王明"),
        (2, "主要回答"),
        (2, "简短回答"),
        (1, "李华"),
        (2, "主要回答"),
        (1, "赵强"),
        (2, "主要回答"),
        (2, "简要回答"),
    ]


def test_lead_ins_salutations_and_a_lone_label_are_no_headings() -> None:
    speech = "同学们：\n今天我们开会。\n具体安排如下：\n上午报到，下午分组讨论。\n"
    assert _outline(speech) == []
    one = "会议时间：2024年5月6日\n会议地点：三楼会议室\n会议内容：\n讨论了年度计划，明确了分工。\n"
    assert _outline(one) == []


def test_a_numbered_ladder_keeps_the_structure() -> None:
    text = "一、背景\n情况说明。\n二、目标\n说明目标。\n注意：\n按时提交。\n要求：\n不得缺席。\n"
    assert [h for _, h in _outline(text)] == ["背景", "目标"]


def test_a_label_right_above_another_heads_the_labels_below_it() -> None:
    text = "项目：\n校园导航小程序\n流程：\n数据获取：\n爬取地图数据。\n界面开发：\n使用小程序框架开发。\n"
    assert _outline(text) == [(1, "项目"), (1, "流程"), (2, "数据获取"), (2, "界面开发")]


RECORD = (
    "第三次例会纪要\n"
    "会议时间：2024年5月6日\n"
    "会议地点：三楼会议室\n"
    "主 持 人：王明\n"
    "会议的主要内容：\n"
    + "本次会议由王明主持，听取了各小组的进展汇报，讨论了下一阶段的分工与时间安排，并对存在的问题逐条提出了改进意见。"
    * 4
    + "\n"
)


def test_a_lone_label_over_a_record_s_fields_heads_its_account() -> None:
    # fields filled above it, the whole account below it: the one part of the record
    assert _outline(RECORD) == [(1, "会议的主要内容")]


def test_a_lone_label_needs_the_fields_above_and_a_long_account_below() -> None:
    short = RECORD.split("会议的主要内容：\n")[0] + "会议的主要内容：\n讨论了年度计划。\n"
    assert _outline(short) == []  # a field left short
    no_fields = RECORD.replace("会议时间：", "时间是").replace("会议地点：", "地点在")
    assert _outline(no_fields) == []
    numbered = RECORD + "一、进展\n各组汇报。\n二、分工\n明确任务。\n"
    assert "会议的主要内容" not in [h for _, h in _outline(numbered)]  # the ladder gives the structure


WEEKLY = (
    "本学期社团工作总结:\n1、举办迎新晚会一场\n2、完成社团招新六十人\n3、组织两次外出参观\n"
    "工作中的不足：\n1、宣传准备不够充分\n2、活动经费使用不够细致\n"
    "下学期打算\n1、筹办校园文化节\n2、完善社团管理制度\n"
)


def test_short_lines_over_lists_that_restart_name_the_parts() -> None:
    # the only ladder restarts at 1 under each short line: those lines are the parts, the numbers their lists
    assert [(lvl, h) for lvl, h in _outline(WEEKLY) if lvl == 1] == [
        (1, "本学期社团工作总结"),
        (1, "工作中的不足"),
        (1, "下学期打算"),
    ]
    assert (2, "筹办校园文化节") in _outline(WEEKLY)


def test_control_a_list_that_restarts_under_a_sentence_keeps_its_numbers() -> None:
    text = WEEKLY.replace("工作中的不足：\n", "工作中也有一些不足，主要是以下两点，需要改进。\n")
    assert (1, "工作中的不足") not in _outline(text)
    assert (1, "举办迎新晚会一场") in _outline(text)
    one_list = "学期总结:\n1、举办迎新晚会一场\n2、完成社团招新六十人\n"  # no restart: a title over one list
    assert (1, "学期总结") not in _outline(one_list)


def test_control_decimal_numbers_under_short_lines_are_no_restarts() -> None:
    text = (
        "项目背景简介\n1.2.1 项目基本信息\n项目由学院立项。\n1.2.2 工作内容\n完成需求分析。\n"
        "系统设计阶段\n3.2.1 工作程序\n先概要后详细。\n3.2.2 工作要求\n按时提交文档。\n"
    )
    assert "项目背景简介" not in [h for _, h in _outline(text)]
