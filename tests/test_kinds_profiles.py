"""Document kinds and the profile chosen within a kind (issues 14 + 15): who the writer is and what the document is
decides which rules a reviewer applies — a personal 总结 is not asked for a department's parts, a student's 调研报告
gets no 公文 numbering, a software plan no government template, a 立项表 or a company's 审计报告 no plan rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxzy_nlp.doctitle import is_sentence, quoted_only
from cxzy_nlp.jsonio import document_from_dict, document_to_dict
from cxzy_nlp.kinds import late_title_kind, opening_kind
from cxzy_nlp.model import Document
from cxzy_nlp.pipeline import analyse_text

PERSONAL = (
    "{title}\n"
    "这学期我参加了学校组织的志愿服务。刚开始我不太适应，我总担心自己做不好。后来我慢慢学会了和老人沟通，"
    "我也明白了耐心的重要。我会把这些收获带到以后的学习中。\n"
    "一、主要收获\n通过这次活动，{subject}增强了服务意识，提高了沟通能力。\n"
)
DEPARTMENT = (
    "县教育局2023年工作总结\n"
    "2023年，我局认真贯彻落实县委、县政府决策部署，全面推进教育改革发展。\n"
    "一、主要工作\n全县新建学校三所，各级干部深入基层督查考核。\n"
)
SOFTWARE = (
    "{title}\n"
    "一、项目概述\n本系统为学生信息管理系统，采用前端与后端分离的架构，数据库使用MySQL。\n"
    "二、开发任务\n1.需求分析：整理用户需求，编写需求文档。\n2.模块设计：划分登录模块、查询模块和统计模块，设计接口。\n"
    "3.编码与测试：完成代码编写，进行单元测试和集成测试，修复程序缺陷。\n4.上线：服务器部署后发布第一个版本，收集界面反馈。\n"
    "三、进度安排\n第1-2周完成需求，第3-8周开发，第9周测试。\n"
)
GOVERNMENT = (
    "{title}\n"
    "为贯彻落实市委、市政府部署，进一步加强全县基层治理，特制定本方案。\n"
    "一、工作目标\n到2024年底，全县各级党组织全面落实责任制。\n二、主要任务\n加强机关干部作风建设，推动群众工作。\n"
    "三、实施步骤\n2024年3月启动。\n四、组织领导\n成立领导小组，县委书记任组长，加强督查考核。\n"
)
STUDY = "{title}\n一、调研背景\n本次调研走访了五个行政村，发放问卷两百份。\n二、调研发现\n村民收入逐年增长。\n"
OFFICIAL_REPORT = (
    "关于2023年防汛工作情况的报告\n市政府：\n现将我县2023年防汛工作情况报告如下。\n"
    "一、主要工作\n完成河道清淤十公里。\n二、存在问题\n部分堤防老化。\n特此报告。\n"
)


def _doc(text: str) -> Document:
    (doc,) = analyse_text(text).documents
    return doc


def _rules(text: str) -> set[str]:
    return {f.rule for f in _doc(text).findings if f.severity in ("error", "warn")}


# fmt: off
CASES = [
    # (text, doc_type, profile, what doc_type_evidence mentions)
    (PERSONAL.format(title="参加志愿服务活动的个人总结", subject="我"), "work_summary", "personal_summary", "个人总结"),
    (PERSONAL.format(title="志愿服务心得体会", subject="我"), "other", None, "未指明文种"),  # 心得体会 names no 文种: other, default
    (PERSONAL.format(title="2023年工作总结", subject="我"), "work_summary", "personal_summary", "第一人称"),
    (DEPARTMENT, "work_summary", None, None),  # control: 我局 is a department speaking
    (STUDY.format(title="课程设计项目总结"), "work_summary", "project_summary", "项目或活动总结"),
    (SOFTWARE.format(title="学生信息管理系统实施方案"), "implementation_plan", "technical_plan", "技术词"),
    (SOFTWARE.format(title="SE开发工作计划"), "work_schedule", "technical_plan", "技术词"),
    (GOVERNMENT.format(title="基层治理实施方案"), "implementation_plan", None, None),  # control: a 公文 plan
    (STUDY.format(title="乡村振兴调研报告"), "report", "study_report", "调研、实践或研究报告"),
    (STUDY.format(title="某公司2023年工作报告"), "report", "study_report", "非公文报告"),
    (OFFICIAL_REPORT, "report", None, None),  # control: 关于…的报告 to its superior, 主送 line, 特此报告
    (STUDY.format(title="某某股份有限公司2023年年度报告"), "report", "study_report", "年度报告"),  # a company's report
    (STUDY.format(title="大学生创新创业训练计划项目立项表"), "other", None, "立项表"),
    (STUDY.format(title="校园二手交易平台商业计划书"), "other", None, "商业计划书"),
    (STUDY.format(title="安徽赛区选拔赛参赛手册"), "activity_plan", "handbook", "手册"),
]
# fmt: on


@pytest.mark.parametrize(("text", "kind", "profile", "evidence"), CASES)
def test_kind_and_profile_from_title_and_body(text: str, kind: str | None, profile: str | None, evidence: str) -> None:
    doc = _doc(text)
    assert (doc.doc_type, doc.profile) == (kind, profile), doc.doc_type_evidence
    if evidence:
        assert evidence in (doc.doc_type_evidence or "")


def test_a_personal_summary_is_not_asked_for_a_departments_parts() -> None:
    personal = PERSONAL.format(title="参加志愿服务活动的个人总结", subject="我")
    assert "missing-section" not in _rules(personal)
    department = personal.replace("参加志愿服务活动的个人总结", "县教育局2023年工作总结").replace("我", "我局")
    assert _doc(department).profile is None
    assert "missing-section" in _rules(department)  # control: the same text as a department's summary is


def test_a_study_report_gets_no_official_numbering() -> None:
    skipped = STUDY.format(title="乡村振兴调研报告").replace("二、调研发现", "四、调研发现")
    assert "heading-sequence" not in _rules(skipped)
    official = OFFICIAL_REPORT.replace("二、存在问题", "四、存在问题")
    assert "heading-sequence" in _rules(official)  # control: a 公文 报告 is held to its numbering


def test_a_software_plan_is_not_asked_for_the_government_template() -> None:
    software = SOFTWARE.format(title="学生信息管理系统实施方案")
    assert "missing-section" not in _rules(software)
    assert "missing-section" in _rules(
        GOVERNMENT.format(title="基层治理实施方案").replace("一、工作目标", "一、总体情况")
    )


def test_the_chosen_profile_survives_json() -> None:
    doc = _doc(PERSONAL.format(title="参加志愿服务活动的个人总结", subject="我"))
    assert document_from_dict(document_to_dict(doc)).profile == "personal_summary"


# fmt: off
SENTENCES = [
    ("数字档案室建设是《关于加强和改进档案工作的意见》和《", True),  # cut inside 《…》
    ("为进一步做好防汛工作，现将有关事项通知如下。", True),
    ("关于印发《2024年志愿服务工作计划》的通知", False),
    ("国务院办公厅关于印发《政府网站集约化", False),  # a headline broken inside 《…》
    ("2024年社区服务提升实施方案（试行）", False),
]
# fmt: on


@pytest.mark.parametrize(("title", "sentence"), SENTENCES)
def test_a_body_sentence_is_no_title(title: str, sentence: bool) -> None:
    assert is_sentence(title) == sentence


def test_a_kind_word_inside_a_cited_title_is_not_the_documents() -> None:
    assert quoted_only("学习《关于加强档案工作的意见》体会", "意见")
    assert not quoted_only("关于印发《档案工作实施方案》的通知", "实施方案")  # a wrapper names its plan
    assert not quoted_only("《西小餐》项目总结", "总结")
    assert not quoted_only("《2024年社区工作计划》（全文）", "工作计划")  # the whole title in 《…》 is its own


def test_a_sentence_title_gives_no_kind() -> None:
    text = "数字档案室建设是《关于加强和改进新形势下档案工作的意见》和《档案事业发展规划》\n的要求。\n一、规范化\n档案要规范。\n"
    assert _doc(text).doc_type == "other"
    assert _doc("档案事业发展规划\n一、规范化\n档案要规范。\n").doc_type == "work_schedule"  # control


# fmt: off
OPENINGS = [
    ("为加强社区治理，结合实际，特制定本方案。", "implementation_plan"),
    ("现将一年来的工作总结如下：", "work_summary"),
    ("工作计划：\n让生活更有条理。", None),  # a label, not a sentence saying what the document is
    ("会议总结了一年来的工作，部署了明年的计划。", None),  # a meeting report's words
]
# fmt: on


@pytest.mark.parametrize(("opening", "kind"), OPENINGS)
def test_only_a_sentence_of_the_opening_names_the_kind(opening: str, kind: str | None) -> None:
    assert opening_kind(opening, 0, len(opening)) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2019年国家级大学生创新创业训练计划项目立项表", "other"),
        ("某某公司审计报告（2023年）", "report"),  # a company's report: no 公文, kind-agnostic rules (study_report)
        ("2024年工作计划", None),
    ],
)
def test_a_title_ending_in_a_table_or_a_company_report_moves_the_kind(title: str, kind: str | None) -> None:
    found = late_title_kind(title)
    assert (found[0] if found else None) == kind


@pytest.mark.realdocs
@pytest.mark.parametrize(
    ("name", "kind", "profile"),
    [
        ("rd010.docx", "work_summary", "personal_summary"),  # …的个人总结
        ("rd016.pdf", "report", "study_report"),  # 政府工作报告, delivered to 各位代表
        ("rd018.pdf", "other", None),  # …项目立项表: a table, though its title holds 计划
        ("rd092.docx", "implementation_plan", "technical_plan"),  # a software 实施方案
        (
            "rd120.ofd",
            "other",
            None,
        ),  # a journal article (its display title names no kind; its lead-in cites 《…意见》)
    ],
)
def test_kinds_and_profiles_of_real_documents(realdocs: Path, name: str, kind: str | None, profile: str | None) -> None:
    from cxzy_nlp.pipeline import analyse

    path = realdocs.parent / "realdocs2" / name
    if not path.is_file():
        pytest.skip("../shared/realdocs2 is not present on this machine")
    doc = analyse(path, stages="segment").documents[0]
    assert (doc.doc_type, doc.profile) == (kind, profile), doc.doc_type_evidence


def test_a_lone_kind_word_in_the_opening_keeps_the_kind_but_only_kind_agnostic_rules() -> None:
    memo = "2017.2.4 工作\n查看首页效果图，拟定页面的布局规划。\n2017.2.6 计划\n完成首页代码。\n"
    doc = _doc(memo)
    assert (doc.doc_type, doc.profile) == ("work_schedule", "default")
    assert "证据弱" in (doc.doc_type_evidence or "")
    plan = "为加强社区治理，结合实际，特制定本方案。\n一、工作目标\n居民满意。\n二、主要任务\n开展服务。\n"
    strong = _doc(plan)
    assert (strong.doc_type, strong.profile) == ("implementation_plan", None)  # control: a sentence is evidence
    software = "说明：本文为项目组的开发方案，供组员使用。" + SOFTWARE.format(title="")
    weak = _doc(software)
    assert (weak.doc_type, weak.profile) == ("implementation_plan", "technical_plan"), weak.doc_type_evidence


def test_a_cover_title_set_one_character_a_line_between_fields_names_the_kind() -> None:
    cover = "暑期社会实践\n策\n队长：张三\n划\n队员：李四\n书\n一、指导思想\n服务基层。\n二、活动内容\n走访农户。\n"
    assert _doc(cover).doc_type == "activity_plan"
    assert _doc(cover.replace("划\n", "")).doc_type == "other"  # control: 策…书 is no 文种


def test_a_title_below_the_addressee_line_heads_a_part_not_the_document() -> None:
    text = (
        "各会员单位：\n为做好协会成立工作，现将有关事项通知如下。\n请按时报名。\n协会筹委会\n2015年6月15日\n"
        "第二次工作会议纪要\n一、会议时间\n6月10日。\n二、会议内容\n讨论成立大会。\n"
    )
    kinds = [d.doc_type for d in analyse_text(text, stages="segment").documents]
    assert kinds[0] == "notice", kinds
    titled = "关于协会成立的通知\n" + text
    assert analyse_text(titled, stages="segment").documents[0].doc_type == "notice"  # control: its own title


def test_a_work_summary_of_technical_work_keeps_its_kinds_profile() -> None:
    """Technical words in the body of a 工作总结 do not make it a project's summary (reviewers still ask it for 存在问题
    and 下一步打算); the title does (control)."""
    from cxzy_nlp.kinds import kind_profile

    body = "工作总结\n" + "本季度完成系统开发、接口测试、数据库优化和服务器部署，修复模块缺陷，完善需求文档。\n" * 6
    span = (0, len(body))
    assert kind_profile(body, span, "work_summary", "工作总结") == (None, None)
    profile, _ = kind_profile(body, span, "work_summary", "软件开发项目总结")
    assert profile == "project_summary"
