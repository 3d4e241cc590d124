"""Activities and the labels they hang on, on shapes the tool was not tuned to (issue 16, eleventh stop).

Project-written look-alike text: a notice whose checking part commits the issuer to a check, whose publicity part
lists named works, whose last part runs into its attachment list; a plan whose only "task" part is a form's field;
a task part of long prose headed by its own piece of work; parts that tell what a thing is or can do; a summary
written as a list of its problems.
"""

from __future__ import annotations

import pytest
from test_check_rules import run

from cxzy_nlp.classify import rule_labels, states_problem
from cxzy_nlp.extract import describes
from cxzy_nlp.extract.activities import bare_heading, deadline_sentences
from cxzy_nlp.pipeline import analyse_text

NOTICE = """关于开展社区图书角建设工作的通知
各街道办事处：
为推进全民阅读，现就有关工作通知如下。
一、街道自查
各街道要按照建设标准，对辖区图书角开展逐项自查，于5月20日17：00前向区文旅局报送自查报告。
二、重点抽查
区文旅局将对各街道图书角建设情况开展抽查，及时发现问题，督促整改到位。
三、宣传专项任务
1、投稿任务
各街道要在活动期间向区融媒体中心投稿，每月不少于两篇，稿件内容应真实准确，图片清晰，署名规范，由街道宣传干事统一审核后报送，报送时注明街道名称、联系人和联系电话，逾期不再受理。
2、“书香社区 悦读人生”主题征文
3、“最美图书角”摄影展
附件：1．图书角建设情况汇总表
2．图书角自查报告模板
区文旅局
2024年4月1日
"""


def _activities(text: str) -> list[str]:
    analysis = analyse_text(text, stages="extract")
    return [a.text for d in analysis.documents for a in d.activities]


@pytest.fixture(scope="module")
def notice() -> list[str]:
    return _activities(NOTICE)


def test_a_check_the_issuer_commits_to_in_a_checking_part_is_an_activity(notice: list[str]) -> None:
    assert any(t.startswith("区文旅局将对各街道图书角建设情况开展抽查") for t in notice), notice


def test_the_named_works_of_a_publicity_task_part_are_activities(notice: list[str]) -> None:
    assert any(t.startswith("“书香社区 悦读人生”主题征文") for t in notice), notice  # 主题 inside a name
    assert any(t.startswith("投稿任务") for t in notice), notice


def test_the_attachment_list_below_the_last_part_holds_no_activities(notice: list[str]) -> None:
    assert not any("汇总表" in t or "报告模板" in t for t in notice), notice
    assert "“最美图书角”摄影展" in notice, notice  # the last entry itself, cut where the list begins


def test_a_day_with_an_hour_before_qian_sets_a_deadline() -> None:
    due = "各街道于5月20日17：00前向区文旅局报送自查报告。"
    held = "座谈会于5月20日17：00在区文旅局召开。"
    assert [a.when for a in deadline_sentences(due, (0, len(due)), 2024)] == ["5月20日"]
    assert deadline_sentences(held, (0, len(held)), 2024) == []


@pytest.mark.parametrize(
    ("heading", "labelled"),
    [
        ("“书香社区 悦读人生”主题征文", False),  # a name holding the word 主题: an event, no theme part
        ("开展主题党日活动", False),
        ("活动主题", True),
        ("活动主题及口号", True),
    ],
)
def test_a_theme_word_inside_a_name_is_no_theme_part(heading: str, labelled: bool) -> None:
    found = rule_labels(heading)
    assert (found is not None and "theme" in found.labels) == labelled


FIELD_PLAN = """实施方案
项目：
社区读书会线上报名系统
流程：
需求调研：
走访三个社区，收集居民对报名方式的意见。
整理需求清单，确定功能范围。
系统开发：
使用小程序框架开发报名页面和后台。
上线：
部署到学校服务器
"""


def test_a_forms_field_is_no_task_part_and_the_steps_beside_it_are_the_work() -> None:
    got = _activities(FIELD_PLAN)
    assert not any(t.startswith("项目") for t in got), got
    assert [t.split("：")[0] for t in got] == ["需求调研", "系统开发", "上线"]


LONG_PART = """关于规范社区团购经营行为的通知
各区市场监管局：
为规范社区团购经营行为，现就有关工作通知如下：
1.分类核查团购平台资质。各区要对辖区内开展社区团购的平台逐一登记，区分自营平台、撮合平台等不同类型，分类开展平台资质核查。对自营平台，核查营业执照、食品经营许可证、仓储场所证明等材料；对撮合平台，核查平台备案信息、入驻商户名单和商户资质审核记录等材料，发现问题的要及时督促整改，拒不整改的依法处理，处理结果在区政府网站公开，接受社会监督，并纳入平台信用记录，作为日常检查频次和重点监管对象确定的重要依据。对新进入辖区经营的平台，应在其开展经营活动后十五个工作日内完成首次核查，核查情况录入监管系统，并向平台所在街道通报，由街道协助做好日常巡查和消费者投诉的收集与转办工作。
2.加强价格监测。各区要定期采集团购商品价格，建立价格监测台账。
"""


def test_a_long_prose_part_headed_by_its_own_work_gives_its_heading_and_first_sentence() -> None:
    got = _activities(LONG_PART)
    assert got[0].startswith("分类核查团购平台资质。") and got[0].endswith("分类开展平台资质核查。"), got


@pytest.mark.parametrize(
    ("heading", "described"),
    [
        ("主要功能", True),  # what a system can do
        ("市场营销", True),  # how a business sells
        ("报送材料", True),  # what to hand in
        ("3、项目主要研究内容本课题拟分三步开展", False),  # the marker is not part of the heading
        ("项目主要研究内容本课题拟分三步开展", True),  # a research form's part, its heading glued on
        ("建设营销网络", False),  # led by a verb of work: work
        ("开展价格监测", False),
    ],
)
def test_parts_telling_what_a_thing_is_or_can_do_list_no_activities(heading: str, described: bool) -> None:
    assert describes(heading) == described


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("总体实施安排\n二、", True),  # a heading's own words over a stray marker
        ("总体实施安排\n（三）", True),
        ("总体实施安排\n二、启动报名", False),
        ("启动报名。", False),
    ],
)
def test_a_headings_own_words_over_a_stray_marker_are_no_activity(text: str, bare: bool) -> None:
    assert bare_heading(text) == bare


# ------------------------------------------------------------------ a summary written as a list of its problems

PROBLEMS = """工作总结
（一）报名系统接口不稳定，导致数据丢失
1、高峰时段请求超时
2、重试逻辑缺失
（二）需求变更频繁
（三）测试环境无法复现线上问题
（四）人员交接不到位
"""


def test_a_summary_whose_headings_state_problems_met_is_a_list_of_problems() -> None:
    doc = analyse_text(PROBLEMS, stages="classify").documents[0]
    assert [s.labels for s in doc.sections] == [("sum_problems",)] * 4


@pytest.mark.parametrize(
    ("heading", "problem"),
    [
        ("人员交接不到位", True),
        ("外部接口错误导致数据丢失", True),
        ("解决了接口无法访问的问题", False),  # a fault put right: work done
        ("加强人员交接管理", False),
        ("完成报名系统上线", False),
    ],
)
def test_a_heading_states_a_problem_met(heading: str, problem: bool) -> None:
    assert states_problem(heading) == problem


SUMMARY = """
# 2024年报名系统工作总结
一、报名系统接口不稳定 [{first}]
高峰时段请求超时，重试逻辑缺失。
二、需求变更频繁 [sum_problems]
上线前一周需求仍在变更。
三、人员交接不到位 [sum_problems]
离职人员未交接文档。
"""


@pytest.mark.parametrize(("first", "reported"), [("sum_problems", False), ("sum_achievements", True)])
def test_a_summary_laid_out_as_a_list_of_problems_is_asked_for_no_other_part(first: str, reported: bool) -> None:
    found = run(SUMMARY.format(first=first), "missing-section", doc_type="work_summary")
    assert bool(found) == reported, [f.message for f in found]


OUTLOOK = """社区书屋运营工作总结
一、主要工作
全年举办读书活动十二场，接待读者三千人次。
二、存在问题
藏书更新慢，志愿者不足。
三、未来展望
（一）阶段目标
1、明年读者人次提高到五千。
2、藏书总量达到一万册。
（二）工作打算
1、招募二十名志愿者。
2、开展亲子阅读活动。
"""


def test_the_aims_of_a_next_steps_part_are_no_activities() -> None:
    assert _activities(OUTLOOK) == ["招募二十名志愿者。", "开展亲子阅读活动。"]
