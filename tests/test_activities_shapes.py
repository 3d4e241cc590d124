"""Activities told by their shape, not by the label of the part they sit in (issue 16).

Project-written look-alike text: the clauses of a measure part that commit to a piece of work (a body set up, an
event held, a named programme run, training or an acceptance organised, a paper drawn up), and the items that are
no work whatever part lists them (a rule that forbids, a scored criterion, an entry of a program's interface).
"""

from __future__ import annotations

import pytest

from cxzy_nlp.extract.activities import committed_work, is_work
from cxzy_nlp.model import Activity

# ------------------------------------------------------------------ work a measure sentence commits to

MEASURES = (
    "（一）加强组织领导。各市要成立乡村书屋建设工作小组，统筹推进建设任务。完善部门协调机制，加大经费投入力度。\n"
    "（二）强化交流合作。省文旅厅每年举办一次全民阅读推广论坛，组织实施“书香乡村”专项。\n"
    "（三）做好考核验收。2025年10月底前组织开展建设成果验收，各县要认真制定验收工作方案。\n"
    "（四）严肃工作纪律。严禁借验收名义召开各类庆典会议。已成立的专家委员会继续履职。\n"
    "经验收合格的书屋，给予一次性奖励。\n"
)


def _committed(text: str) -> list[str]:
    return [a.text for a in committed_work(text, (0, len(text)), 2025)]


def test_the_clauses_of_a_measure_part_that_commit_to_work_are_activities() -> None:
    got = _committed(MEASURES)
    assert got == [
        "各市要成立乡村书屋建设工作小组",
        "省文旅厅每年举办一次全民阅读推广论坛",
        "组织实施“书香乡村”专项",
        "2025年10月底前组织开展建设成果验收",
        "各县要认真制定验收工作方案",
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "完善部门协调机制，加大经费投入力度。",  # measures: how the plan is upheld
        "严禁借验收名义召开各类庆典会议。",  # a rule that forbids
        "去年已成立专家委员会。",  # looking back
        "经验收合格的书屋，给予奖励。",  # a condition
        "组长\t成立工作小组\t张某",  # a table row: read as a table
        "现就开展试点工作，制定以下方案。",  # the document's own lead
        "鼓励各地出台配套办法。",  # work left to others
        "（二）开展培训宣传\n",  # a part's heading: the part is read as a part
        "（三）组织专题培训。各地结合实际安排。",  # ... or a paragraph's
        "会前对新成员进行了专题培训。",  # work done
        "成立活动领导小组，主要领导任组长。",  # a leading group: the plan's own 组织领导 measure
        "制定活动方案，明确活动内容和时间。",  # a paper named only by the plan's kind: the plan itself
        "各部门要制定具体实施方案。",  # ... or its detailed copy
    ],
)
def test_a_measure_forbidding_or_looking_back_commits_to_nothing(clause: str) -> None:
    assert _committed(clause) == []


def test_the_committed_work_carries_its_date() -> None:
    got = committed_work(MEASURES, (0, len(MEASURES)), 2025)
    dated = [a for a in got if a.end]
    assert [a.end for a in dated] == ["2025-10-31"]


# ------------------------------------------------------------------ items that are no work in any part

# fmt: off
NOT_WORK = [
    ("创新性（20分）：作品立意新颖，构思独特。", False),      # a scored criterion
    ("实用性：满分30分，方案可落地。", False),
    ("严禁抄袭他人作品，一经发现取消资格。", False),          # a rule of conduct
    ("不得使用校外人员代做，违者5月后不予受理。", False),
    ("设备列表-查询 ### 全部设备 GET http://example.org/api/devices", False),  # a program's interface
    ("设备数据-样例 { \"city\": \"某市\", \"count\": 3 }", False),
    # controls: work, even beside figures, scores or 不得
    ("不得晚于6月30日提交作品。", True),                       # a deadline
    ("严禁违规发布广告。平台要完善审核机制，加强日常巡查。", True),  # a task headed 严禁 with its work
    ("举办技能竞赛，评出一等奖3名、二等奖5名。", True),
    ("组织专家评审，按评分表打分后公示。", True),
    ("开展用户满意度调查。", True),
]
# fmt: on


@pytest.mark.parametrize(("item", "work"), NOT_WORK)
def test_a_rule_a_scored_criterion_or_an_interface_entry_is_no_work(item: str, work: bool) -> None:
    name = item.split("：")[0].split("，")[0][:12]
    assert is_work(Activity(name=name, text=item, span=(0, len(item)), section=None)) is work


# ------------------------------------------------------------------ a survey of what is known is no work

# fmt: off
SURVEY = [
    ("领域应用", "领域应用\n这类工具不面向特定领域，强调知识的广度[3]。具有代表性的有甲库、乙库[4]。", False),
    ("数据获取", "数据获取 网络爬虫（Web Crawler），是按照规则自动抓取网页信息的程序或脚本。", False),
    ("并行处理", "并行处理 弹性数据集（Resilient Dataset）可以在内存中保存工作集并重复利用。", False),
    # controls: the plan's own work beside a citation or a glossed term
    ("文献阅读", "文献阅读：阅读相关论文[1]-[5]，撰写综述。", True),
    ("数据采集", "数据采集 网络爬虫（Web Crawler），是按照规则抓取网页的程序，本项目用它采集数据。", True),
]
# fmt: on


@pytest.mark.parametrize(("name", "text", "work"), SURVEY)
def test_an_item_reviewing_the_literature_or_expounding_a_term_is_no_work(name: str, text: str, work: bool) -> None:
    assert is_work(Activity(name=name, text=text, span=(0, len(text)), section=None)) is work


def test_one_activity_per_place_the_one_telling_more_kept() -> None:
    from cxzy_nlp.extract import _unique
    from cxzy_nlp.model import Activity

    line = Activity("启动仪式", "1.启动仪式：5月6日在礼堂举行", (100, 118), None, start="2025-05-06")
    bare = Activity("启动仪式", "启动仪式：5月6日在礼堂举行", (102, 118), None)  # the same line less its marker
    task = Activity("读书月", "开展读书月活动，组织好书共读、征文比赛和读书分享会等", (200, 228), None)
    clause = Activity("征文比赛", "征文比赛", (213, 217), None)  # a clause inside the task: its own activity
    got = _unique([bare, task, line, clause])
    assert [a.span for a in got] == [(100, 118), (200, 228), (213, 217)]
    assert got[0].start == "2025-05-06"
