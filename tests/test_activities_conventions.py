"""Activities by the golden README's activities conventions (issue 16, stop 9): what a plan says will be done, not
the checks of a step, a recurring restatement, a target, a research description or a software requirement.

Project-written text; every mechanism with a control that must come out (or stay out) either way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.extract import describes
from cxzy_nlp.extract.activities import calendar_lines, deadline_sentences, stage_lines, table_activities
from cxzy_nlp.extract.items import leaf_items
from cxzy_nlp.pipeline import analyse


def _words(text: str, found: list) -> list[str]:  # type: ignore[type-arg]
    return [text[a.span[0] : a.span[1]] for a in found]


# ------------------------------------------------------------------ a step and the checks listed under it

# fmt: off
CHECKS = [
    # (list, entries that must come out, entries that must not)
    ("1、编写测试计划。\n2、组织试运行：\n跟踪检查如下情况：\n（1）跟踪新用户登记环节。\n（2）观察系统响应速度。\n"
     "3、试运行总结。\n",
     ["组织试运行", "试运行总结"], ["跟踪新用户登记环节", "观察系统响应速度"]),
    ("1、开展安全检查：\n重点检查以下内容：\n（1）消防通道是否畅通。\n（2）应急预案是否完备。\n2、组织应急演练。\n",
     ["开展安全检查", "组织应急演练"], ["消防通道是否畅通"]),
    # control: a lead announcing work splits into its pieces of work
    ("1、筹备阶段：\n主要做好以下工作：\n（1）制定活动方案。\n（2）召开动员会。\n2、总结表彰。\n",
     ["制定活动方案", "召开动员会", "总结表彰"], ["筹备阶段"]),
]
# fmt: on


@pytest.mark.parametrize(("body", "wanted", "unwanted"), CHECKS)
def test_the_checks_of_a_step_are_not_entries_of_their_own(body: str, wanted: list[str], unwanted: list[str]) -> None:
    entries = [body[i.span[0] : i.span[1]] for i in leaf_items(body, (0, len(body)))]
    for w in wanted:
        assert any(e.startswith(w) for e in entries), (w, entries)
    for u in unwanted:
        assert not any(e.startswith(u) for e in entries), (u, entries)


# ------------------------------------------------------------------ deadlines

# fmt: off
DEADLINES = [
    # (text, sentences due, sentences not due)
    ("各省份于2019年11月底前完成辖区内考核工作。2020年起，每年4月底前完成以上工作。",
     ["各省份于2019年11月底前完成辖区内考核工作"], ["2020年起，每年4月底前完成以上工作"]),
    ("2021年起，各地每年3月底前报送上一年度工作总结。", [], ["2021年起，各地每年3月底前报送上一年度工作总结"]),
    ("此项目完成的最迟期限为2016年12月20日。", ["此项目完成的最迟期限为2016年12月20日"], []),
    # controls: a day on which something happens sets no deadline; a yearly deadline with no cycle stays
    ("项目启动会于2016年10月8日在学院会议室召开。", [], ["项目启动会于2016年10月8日在学院会议室召开"]),
    ("请各单位于2024年6月30日前报送推荐材料。", ["请各单位于2024年6月30日前报送推荐材料"], []),
]
# fmt: on


@pytest.mark.parametrize(("text", "due", "not_due"), DEADLINES)
def test_deadline_sentences(text: str, due: list[str], not_due: list[str]) -> None:
    got = _words(text, deadline_sentences(text, (0, len(text)), 2019))
    assert got == due
    assert not set(got) & set(not_due)


# ------------------------------------------------------------------ a year's target among a year's work

# fmt: off
YEAR_LINES = [
    ("2024年：实施村组道路硬化80公里。\n2025年：贫困发生率降至2%以下。\n2026年：完成危房改造300户。\n",
     ["2024年：实施村组道路硬化80公里。", "2026年：完成危房改造300户。"]),
    ("2024年：养殖存栏数达到100万羽，带动500户增收；\n2025年：养殖存栏数达到200万羽，带动900户增收；\n", []),
    # control: two lines of work
    ("2024年：计划搬迁300户1200人。\n2025年：计划搬迁200户800人。\n",
     ["2024年：计划搬迁300户1200人。", "2025年：计划搬迁200户800人。"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "wanted"), YEAR_LINES)
def test_a_years_target_is_no_calendar_entry(text: str, wanted: list[str]) -> None:
    assert _words(text, calendar_lines(text, (0, len(text)), 2024)) == wanted


# ------------------------------------------------------------------ a stage table whose rows hold long cells

STAGE_TABLE = (
    "阶段\t活动\t产出物\n"
    "启动阶段\t领取课题任务并开展调研 / 配置编程环境 / 对后期工作进行分工\t《软件开发计划》\n"
    "设计阶段\t完成概要设计 / 组内评审\t《软件设计说明》\n"
)


def test_the_first_row_of_a_stage_table_is_a_row_not_a_header() -> None:
    names = [a.name for a in table_activities(STAGE_TABLE, (0, len(STAGE_TABLE)), None, 2016)]
    assert len(names) == 2
    assert any("领取课题任务" in n or "启动" in n for n in names), names


# ------------------------------------------------------------------ weeks and stretches of time

# fmt: off
SPAN_LINES = [
    ("第1-2周：需求分析与原型设计\n第3-4周：数据库设计与编码\n第5周：测试与答辩\n", 3),
    ("一周时间进行开发工具的熟悉，同时梳理业务流程\n两周之内把接口文档全部定稿，五月上旬完成\n", 2),
    # controls: one line is no run; a week inside a sentence opens no line
    ("一周时间进行开发工具的熟悉\n", 0),
    ("本项目计划用两周完成需求分析。\n随后进入设计。\n", 0),
]
# fmt: on


@pytest.mark.parametrize(("text", "count"), SPAN_LINES)
def test_lines_opening_with_their_weeks_are_stages(text: str, count: int) -> None:
    got = stage_lines(text, (0, len(text)), 2016)
    assert len(got) == count
    assert all(text[a.span[0] : a.span[1]] == a.text for a in got)


# ------------------------------------------------------------------ parts that describe, not work

# fmt: off
HEADINGS = [
    ("研究内容", True),
    ("拟解决的关键问题", True),
    ("调研方式", True),
    ("国内外研究概况", True),
    # controls: work named in a heading
    ("开展入户调研", False),
    ("组织专题培训", False),
]
# fmt: on


@pytest.mark.parametrize(("heading", "description"), HEADINGS)
def test_a_heading_says_whether_its_part_describes(heading: str, description: bool) -> None:
    assert describes(heading) is description


# ------------------------------------------------------------------ a software development plan (GB/T 8567 outline)

# (kind, level or None, words or rows): headings as Word headings, tables as Word tables, as students write them
SDP: list[tuple[str, int, object]] = [
    ("p", 0, "某某系统软件开发计划"),
    ("h", 1, "1 引言"),
    ("h", 2, "1.1 标识"),
    ("p", 0, "本文档适用于某某系统。"),
    ("h", 2, "1.2 系统概述"),
    ("p", 0, "某某系统用于社团活动报名与签到。"),
    ("h", 1, "3 交付产品"),
    ("h", 2, "3.1 程序"),
    ("p", 0, "某某系统安装包一套。"),
    ("h", 2, "3.2 最后交付期限"),
    ("p", 0, "本项目完成的最迟期限为2024年6月30日。"),
    ("h", 1, "4 所需工作概述"),
    ("h", 2, "4.1 对所开发系统、软件的需求和约束"),
    ("p", 0, "1. 活动发布：管理员录入活动信息即可发布活动。"),
    ("p", 0, "2. 在线报名：学生填写信息即可报名。"),
    ("p", 0, "3. 扫码签到：学生扫描二维码即可签到。"),
    ("h", 2, "4.2 项目进度安排和资源需求"),
    (
        "t",
        0,
        [
            ["项目进度", "预计结束时间"],
            ["软件开发计划", "2024.3.20"],
            ["软件需求规格说明", "2024.4.10"],
            ["软件设计说明", "2024.5.10"],
        ],
    ),
    ("h", 1, "5 实施整个软件开发活动的计划"),
    ("h", 2, "5.1 软件开发过程"),
    (
        "t",
        0,
        [
            ["阶段", "活动", "产出物"],
            ["启动阶段", "领取课题任务并开展调研 / 配置开发环境 / 对后期工作进行分工", "《软件开发计划》"],
            ["需求阶段", "访谈用户并记录需求 / 组内分析需求", "《软件需求规格说明》"],
            ["设计阶段", "完成概要设计 / 组内评审", "《软件设计说明》"],
        ],
    ),
    ("h", 1, "6 实施详细软件开发活动的计划"),
    ("h", 2, "6.1 软件配置管理"),
    ("h", 3, "6.1.1 配置标识"),
    ("p", 0, "1、将软件分成若干配置项。"),
    ("p", 0, "2、规定配置项的命名规则。"),
    ("h", 1, "7 进度表"),
    (
        "t",
        0,
        [
            ["序号", "任务名称", "开始时间", "完成时间", "负责人员"],
            ["1", "编写开发计划", "2024.3.1", "2024.3.20", "赵一鸣"],
            ["2", "需求分析", "2024.3.21", "2024.4.10", "钱二丽"],
            ["3", "系统设计", "2024.4.11", "2024.5.10", "孙三强"],
        ],
    ),
    ("h", 1, "8 项目组织和资源"),
    ("h", 2, "8.1 项目组织"),
    (
        "t",
        0,
        [
            ["学号", "姓名", "贡献率", "本文档中承担的任务"],
            ["2001", "赵一鸣", "35%", "第1-3章"],
            ["2002", "钱二丽", "35%", "第4-6章"],
        ],
    ),
    ("h", 1, "9 培训"),
    ("h", 2, "9.2 培训计划"),
    ("t", 0, [["第一课时", "检查用户的计算机是否支持软件运行"], ["第二课时", "演示后台管理界面的操作"]]),
    ("h", 1, "10 项目估算"),
    ("h", 2, "10.2 工作量估算"),
    ("t", 0, [["序号", "名称", "估计值（人天）"], ["1", "需求分析", "10"], ["2", "系统设计", "12"]]),
]


def _write_sdp(path: Path) -> None:
    import docx  # python-docx

    document = docx.Document()
    for kind, level, what in SDP:
        if kind == "h":
            document.add_heading(str(what), level)
        elif kind == "p":
            document.add_paragraph(str(what))
        else:
            rows = what if isinstance(what, list) else []
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(str(path))


@pytest.fixture(scope="module")
def sdp_activities(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path: Path = tmp_path_factory.mktemp("sdp") / "sdp.docx"
    _write_sdp(path)
    analysis = analyse(path, stages="extract")
    return [analysis.text[a.span[0] : a.span[1]] for d in analysis.documents for a in d.activities]


# fmt: off
SDP_WANTED = [
    "最迟期限为2024年6月30日",            # 最后交付期限
    "软件需求规格说明\t2024.4.10",         # 项目进度安排 rows
    "领取课题任务并开展调研",               # the stage table's first row
    "访谈用户并记录需求",
    "编写开发计划\t2024.3.1",              # 进度表 rows
    "系统设计\t2024.4.11",
    "第一课时",                            # 培训计划 sessions
]
SDP_UNWANTED = [
    "在线报名",                            # a function of the software (需求和约束)
    "第1-3章",                             # who wrote which part of the document
    "将软件分成若干配置项",                 # a configuration-management procedure
    "需求分析\t10",                        # 工作量估算 rows
]
# fmt: on


@pytest.mark.parametrize("words", SDP_WANTED)
def test_a_software_plan_gives_its_schedule_stages_and_training(sdp_activities: list[str], words: str) -> None:
    assert any(words in a for a in sdp_activities), sdp_activities


@pytest.mark.parametrize("words", SDP_UNWANTED)
def test_a_software_plan_gives_no_functions_procedures_or_estimates(sdp_activities: list[str], words: str) -> None:
    assert not any(words in a for a in sdp_activities), sdp_activities


@pytest.mark.parametrize(
    ("heading", "rules"),
    [
        ("对所开发系统、软件的需求和约束", True),
        ("其他需求和约束", True),
        ("会议议题", True),
        ("需求分析与系统设计", False),
        ("议题征集", False),
    ],
)
def test_a_requirements_or_topics_part_lists_no_work(heading: str, rules: bool) -> None:
    from cxzy_nlp.extract.patterns import patterns

    assert bool(patterns().not_activity_headings.search(heading)) is rules
